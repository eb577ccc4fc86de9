# Regression test: --screenshot-dir as a user who cannot write the progress database must
# render every page and exit 0, leaving the file exactly as it was. It used to abort
# (uncaught StoreError "attempt to write a readonly database" from saving a level). As root
# (CI), permission bits do not stop a write, so earlab runs as nobody through setpriv.
# Usage: cmake -DEARLAB=<earlab> -DHELPER=<store_fault_helper> -DOUT_DIR=<scratch dir>
#        -P screenshots_read_only.cmake
foreach(var EARLAB HELPER OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${OUT_DIR}")
set(data "${OUT_DIR}/data")
set(shots "${OUT_DIR}/shots")
set(home "${OUT_DIR}/home")
file(MAKE_DIRECTORY "${data}" "${shots}" "${home}")
file(CHMOD "${OUT_DIR}" "${shots}" "${home}" "${data}"
     DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_WRITE GROUP_EXECUTE
                           WORLD_READ WORLD_WRITE WORLD_EXECUTE)
set(db "${data}/progress.sqlite")
execute_process(COMMAND "${HELPER}" probe "${db}" RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc STREQUAL "0" OR NOT EXISTS "${db}")
  message(FATAL_ERROR "could not make the database ${db} (${rc})")
endif()
file(CHMOD "${db}" PERMISSIONS OWNER_READ GROUP_READ WORLD_READ)
file(SHA256 "${db}" before)

set(as_user "")
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(uid STREQUAL "0")
  find_program(SETPRIV setpriv)
  if(NOT SETPRIV)
    message(FATAL_ERROR "running as root without setpriv: cannot run earlab as a user who lacks write access")
  endif()
  set(as_user "${SETPRIV}" --reuid=65534 --regid=65534 --clear-groups)
endif()
execute_process(
  COMMAND ${as_user} "${CMAKE_COMMAND}" -E env "HOME=${home}" "XDG_RUNTIME_DIR=${home}"
          "${EARLAB}" --db "${db}" --screenshot-dir "${shots}"
  RESULT_VARIABLE rc
  ERROR_VARIABLE err
  TIMEOUT 540) # a step that never comes fails sooner: the runner gives each 60 s
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "earlab on a read-only database exited with '${rc}', expected 0:\n${err}")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/screenshots_exercises.cmake")
earlab_expected_exercise_shots("${shots}" exercise_shots)
list(LENGTH exercise_shots per_exercise)
include("${CMAKE_CURRENT_LIST_DIR}/screenshot_pages.cmake")
list(LENGTH EARLAB_PAGE_SCREENSHOTS pages)
math(EXPR total "${pages} + ${per_exercise}")
file(GLOB pngs "${shots}/*.png")
list(LENGTH pngs count)
if(NOT count EQUAL total)
  message(FATAL_ERROR "expected the ${total} screenshots, found ${count}:\n${err}")
endif()
file(SHA256 "${db}" after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "the read-only database ${db} was changed")
endif()
file(GLOB beside "${data}/*")
if(NOT beside STREQUAL "${db}")
  message(FATAL_ERROR "files appeared beside the read-only database: ${beside}")
endif()
if(NOT err MATCHES "cannot write to the progress database")
  message(FATAL_ERROR "earlab did not say it cannot write to the database:\n${err}")
endif()
message(STATUS "12 screenshots on a read-only database, the file unchanged")
file(REMOVE_RECURSE "${OUT_DIR}")
