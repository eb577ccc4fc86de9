# The user's music library (label "library"): loop regions, file scans, the background
# scanner and the library table, on real files made with sox in scratch directories.
find_program(EARLAB_SOX_EXECUTABLE sox)
if(NOT EARLAB_SOX_EXECUTABLE)
  # The tests then fail, naming the missing tool, instead of silently testing less.
  set(EARLAB_SOX_EXECUTABLE "sox-not-found")
endif()

foreach(name test_loop_region test_library_scan test_library_scanner test_library_store)
  earlab_add_test(${name} SOURCES ${name}.cpp LIBS earlab_exercises LABELS library TIMEOUT 300)
  target_compile_definitions(${name} PRIVATE SOX_EXECUTABLE="${EARLAB_SOX_EXECUTABLE}")
endforeach()
