earlab_add_test(test_eq_question SOURCES test_eq_question.cpp LIBS earlab_exercises LABELS exercises)
earlab_add_test(test_difficulty_tracker SOURCES test_difficulty_tracker.cpp LIBS earlab_exercises LABELS exercises)
earlab_add_test(test_band_energy SOURCES test_band_energy.cpp LIBS earlab_exercises LABELS exercises)
earlab_add_test(test_simulated_listener SOURCES test_simulated_listener.cpp LIBS earlab_exercises earlab_assets LABELS exercises TIMEOUT 300)
# The music levels are heard on the built-in loops, generated at build time.
add_dependencies(test_simulated_listener earlab_material)
earlab_add_test(test_eq_match_exercise SOURCES test_eq_match_exercise.cpp LIBS earlab_exercises earlab_assets LABELS exercises TIMEOUT 300)
add_dependencies(test_eq_match_exercise earlab_material)
earlab_add_test(test_band_statistics SOURCES test_band_statistics.cpp LIBS earlab_exercises LABELS exercises)
# Level, pan and width exercises: measured on renders of the built-in loops.
foreach(t test_level_exercise test_pan_exercise test_width_exercise)
  earlab_add_test(${t} SOURCES ${t}.cpp render_listener.h LIBS earlab_exercises earlab_assets LABELS exercises TIMEOUT 300)
  add_dependencies(${t} earlab_material)
endforeach()
