# Export and import of answers and blind-test logs (label "store": SQLite files on disk).
earlab_add_test(test_answer_transfer SOURCES test_answer_transfer.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/transfer_history.h ${PROJECT_SOURCE_DIR}/tests/support/blind_log_sample.h
  LIBS earlab_exercises LABELS store TIMEOUT 120)
