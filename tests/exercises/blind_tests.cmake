# The statistics of the blind tests: binomial, planner, Holm, d′, ratings.
foreach(t test_blind_statistics test_sensitivity_index test_rating_statistics)
  earlab_add_test(${t} SOURCES ${t}.cpp LIBS earlab_exercises LABELS exercises)
endforeach()
# Blind logs in the progress database: round trip, order, edits detected, schema step 8.
earlab_add_test(test_blind_log_store SOURCES test_blind_log_store.cpp ${PROJECT_SOURCE_DIR}/tests/support/blind_log_sample.h
  LIBS earlab_exercises LABELS store TIMEOUT 60)
