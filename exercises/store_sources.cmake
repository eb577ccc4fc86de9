# Progress store: SQLite via Qt SQL (see progress_store.h).
target_sources(earlab_exercises PRIVATE
  attempt.h
  attempt.cpp
  store_error.h
  store_sql.h
  store_sql.cpp
  store_json.h
  store_json.cpp
  store_attempt_row.h
  store_attempt_row.cpp
  store_difficulty.h
  store_difficulty.cpp
  store_schema.h
  store_schema.cpp
  store_recovery.h
  store_recovery.cpp
  store_access.h
  store_access.cpp
  store_working_copy.h
  store_working_copy.cpp
  progress_store.h
  progress_store.cpp)
