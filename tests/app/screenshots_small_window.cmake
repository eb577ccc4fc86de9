# Regression test: --screenshot-dir at the smallest supported window (1024x640) must render
# every page and exit 0. It used to crash (SIGSEGV in QQuickLayout::effectiveSizePolicy_helper):
# a Qt 6.4 layout kept a destroyed Repeater delegate (HomePage's GridLayout of exercise cards,
# whose model resets) and touched it on the resize.
# Usage: cmake -DEARLAB=<earlab executable> -DOUT_DIR=<scratch dir> -P screenshots_small_window.cmake
foreach(var EARLAB OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${OUT_DIR}")
execute_process(
  COMMAND "${EARLAB}" --screenshot-dir "${OUT_DIR}" --screenshot-size 1024x640
  RESULT_VARIABLE rc
  TIMEOUT 540) # a step that never comes fails sooner: the runner gives each 60 s
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "earlab --screenshot-size 1024x640 exited with '${rc}', expected 0")
endif()

include("${CMAKE_CURRENT_LIST_DIR}/screenshot_pages.cmake")
set(expected ${EARLAB_PAGE_SCREENSHOTS})
set(missing "")
foreach(name IN LISTS expected)
  if(NOT EXISTS "${OUT_DIR}/${name}.png")
    list(APPEND missing "${name}.png")
  else()
    file(SIZE "${OUT_DIR}/${name}.png" bytes)
    if(bytes EQUAL 0)
      list(APPEND missing "${name}.png (empty)")
    endif()
  endif()
endforeach()
# And a question and a reveal per exercise: question-<id>.png, reveal-<id>.png.
include("${CMAKE_CURRENT_LIST_DIR}/screenshots_exercises.cmake")
earlab_expected_exercise_shots("${OUT_DIR}" exercise_shots)
foreach(name IN LISTS exercise_shots)
  if(NOT EXISTS "${OUT_DIR}/${name}.png")
    list(APPEND missing "${name}.png")
  endif()
endforeach()
list(LENGTH expected fixed)
list(LENGTH exercise_shots per_exercise)
math(EXPR total "${fixed} + ${per_exercise}")
file(GLOB pngs "${OUT_DIR}/*.png")
list(LENGTH pngs count)
if(missing OR NOT count EQUAL total)
  message(FATAL_ERROR "expected the ${total} screenshots, found ${count}; missing: ${missing}")
endif()
message(STATUS "${count} screenshots at 1024x640 in ${OUT_DIR}")
file(REMOVE_RECURSE "${OUT_DIR}")
