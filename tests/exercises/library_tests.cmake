# The user's music library (label "library"): loop regions, file scans, the background
# scanner and the library table, on real files made with sox in scratch directories.
# The tests run sox through earlab_test_support_qt (tests/support/process_runner.h), which
# carries the sox found when the build was configured (EARLAB_SOX_EXECUTABLE, tests/CMakeLists.txt).
foreach(name test_loop_region test_library_scan test_library_scanner test_library_store)
  earlab_add_test(${name} SOURCES ${name}.cpp LIBS earlab_exercises LABELS library TIMEOUT 300)
endforeach()
# Folders of stems (one multitrack each) and genre tags, on WAV/FLAC/Ogg/Opus/MP3 files the
# test writes itself (tagged with libsndfile).
earlab_add_test(test_library_stem_folder SOURCES test_library_stem_folder.cpp
  LIBS earlab_exercises PkgConfig::SNDFILE LABELS library TIMEOUT 300)
earlab_add_test(test_library_store_stems SOURCES test_library_store_stems.cpp
  LIBS earlab_exercises LABELS library TIMEOUT 60)
