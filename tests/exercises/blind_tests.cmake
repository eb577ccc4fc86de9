# The statistics of the blind tests: binomial, planner, Holm, d′, ratings.
foreach(t test_blind_statistics test_sensitivity_index test_rating_statistics)
  earlab_add_test(${t} SOURCES ${t}.cpp LIBS earlab_exercises LABELS exercises)
endforeach()
