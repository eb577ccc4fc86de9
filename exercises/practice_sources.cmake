# "Today's workout": the practice plan (a pure function) and its evidence from the store.
target_sources(earlab_exercises PRIVATE
  practice_plan.h practice_plan.cpp
  practice_evidence.h practice_evidence.cpp)
