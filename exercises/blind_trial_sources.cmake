# Blind tests (ABX, preference, MUSHRA): the seed, the trial schedule, the log, its check and its storage.
target_sources(earlab_exercises PRIVATE
  blind_hashes.h blind_hashes.cpp
  blind_seed.h blind_seed.cpp
  blind_schedule.h blind_schedule.cpp
  blind_log.h blind_log.cpp
  blind_log_summary.h blind_log_summary.cpp
  json_duplicate_keys.h json_duplicate_keys.cpp
  blind_log_check.h blind_log_check.cpp
  blind_log_file.h blind_log_file.cpp
  blind_log_store.h blind_log_store.cpp
  monotonic_clock.h
  blind_run.h blind_run.cpp
  mushra_run.h mushra_run.cpp)
