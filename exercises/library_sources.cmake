# The user's music library: scanning files (loop_region, library_scan), the background
# scanner (QtConcurrent) and its persistence in the progress database (library_store).
find_package(Qt6 6.4 REQUIRED COMPONENTS Concurrent)
target_sources(earlab_exercises PRIVATE
  loop_region.h loop_region.cpp
  library_scan.h library_scan.cpp
  library_scan_steps.h
  library_scan_stems.h library_scan_stems.cpp
  library_scanner.h library_scanner.cpp
  library_store.h library_store.cpp)
# LibraryScanner is a QObject.
set_target_properties(earlab_exercises PROPERTIES AUTOMOC ON)
target_link_libraries(earlab_exercises PUBLIC Qt6::Concurrent)
