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
# Listening notes (track markers) and their exports (issue 9 §3).
target_sources(earlab_exercises PRIVATE
  track_marker.h
  track_marker.cpp
  track_marker_store.h
  track_marker_store.cpp
  marker_export.h
  marker_export.cpp)
