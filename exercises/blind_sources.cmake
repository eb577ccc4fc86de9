# The statistics of the blind tests (ABX, preference, MUSHRA-style ratings): plain C++.
target_sources(earlab_exercises PRIVATE
  proportion_interval.h proportion_interval.cpp
  normal_distribution.h normal_distribution.cpp
  binomial_tail.h binomial_tail.cpp
  blind_test_planner.h blind_test_planner.cpp
  holm_correction.h holm_correction.cpp
  sensitivity_index.h sensitivity_index.cpp
  student_t.h student_t.cpp
  rating_statistics.h rating_statistics.cpp)
