# Export and import of the user's data (answer_transfer.h, blind_log_transfer.h).
target_sources(earlab_exercises PRIVATE
  transfer_format.h transfer_format.cpp
  csv_records.h csv_records.cpp
  answer_columns.h answer_columns.cpp
  import_transaction.h import_transaction.cpp
  difficulty_transfer.h difficulty_transfer.cpp
  answer_transfer.h answer_transfer.cpp
  blind_log_transfer.h blind_log_transfer.cpp)
