# Progress store tests (label "store"): real SQLite through Qt SQL, in memory and on disk.

# A child process for the kill test: writes answers in a loop, acknowledging each on stdout.
add_executable(store_writer store_writer.cpp store_writer_content.cpp)
target_link_libraries(store_writer PRIVATE earlab_exercises Qt6::Core)

earlab_add_test(test_progress_store SOURCES test_progress_store.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_progress_store_schema SOURCES test_progress_store_schema.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_progress_store_recovery SOURCES test_progress_store_recovery.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 60)
earlab_add_test(test_progress_store_kill SOURCES test_progress_store_kill.cpp store_writer_content.cpp
  LIBS earlab_exercises LABELS store TIMEOUT 180)
add_dependencies(test_progress_store_kill store_writer)
target_compile_definitions(test_progress_store_kill PRIVATE
  STORE_WRITER="$<TARGET_FILE:store_writer>")
