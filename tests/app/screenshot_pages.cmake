# The pages `earlab --screenshot-dir` renders besides the per-exercise ones
# (screenshots_exercises.cmake), one list for every test that counts them
# (app/src/screenshot_runner.cpp makes them).
set(EARLAB_PAGE_SCREENSHOTS
    home exercise exercise-third-octave help reveal summary library library-scanning
    library-loop library-problem listening settings no-device
    compare-items compare-sighted compare-abx compare-result compare-mushra compare-mushra-result statistics-empty statistics)
