# Progress store tests (label "store"): real SQLite through Qt SQL, in memory and on disk.

# A child process for the kill test: writes answers in a loop, acknowledging each on stdout.
add_executable(store_writer store_writer.cpp store_writer_content.cpp)
target_link_libraries(store_writer PRIVATE earlab_exercises Qt6::Core)

earlab_add_test(test_progress_store SOURCES test_progress_store.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_progress_store_schema SOURCES test_progress_store_schema.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_progress_store_migration SOURCES test_progress_store_migration.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_progress_store_difficulty SOURCES test_progress_store_difficulty.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_progress_store_recovery SOURCES test_progress_store_recovery.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_progress_store_kill SOURCES test_progress_store_kill.cpp store_writer_content.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 180)
add_dependencies(test_progress_store_kill store_writer)
target_compile_definitions(test_progress_store_kill PRIVATE
  STORE_WRITER="$<TARGET_FILE:store_writer>")

# Faults: a hot journal left by a crash, paths that are not files, a read-only file (as an
# unprivileged user when the tests run as root), a full disk (a small tmpfs, root only).
add_executable(store_fault_helper store_fault_helper.cpp)
target_link_libraries(store_fault_helper PRIVATE earlab_exercises Qt6::Core Qt6::Sql)
earlab_add_test(test_progress_store_faults SOURCES test_progress_store_faults.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 120)
add_dependencies(test_progress_store_faults store_fault_helper)
target_compile_definitions(test_progress_store_faults PRIVATE
  STORE_FAULT_HELPER="$<TARGET_FILE:store_fault_helper>")
# Listening notes (track markers) and their exports, with the user's genre kept across a rescan.
earlab_add_test(test_track_marker_store SOURCES test_track_marker_store.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_marker_export SOURCES test_marker_export.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
