target_sources(earlab_exercises PRIVATE
  eq_bands.h eq_bands.cpp
  eq_levels.h eq_levels.cpp
  eq_question.h eq_question.cpp
  band_focus.h band_focus.cpp
  band_name.h
  eq_curve.h eq_curve.cpp
  exercise.h exercise.cpp
  exercise_catalogue.h exercise_catalogue.cpp
  eq_exercise.h eq_exercise.cpp
  staircase_exercise.h sided_amount.h sided_amount.cpp level_exercise.h level_exercise.cpp pan_exercise.h pan_exercise.cpp width_exercise.h width_exercise.cpp
  eq_match_exercise.h eq_match_exercise.cpp
  compression_exercise.h compression_exercise.cpp gain_reduction.h gain_reduction.cpp
  stem_exercise.h stem_exercise.cpp
  difficulty.h difficulty.cpp
  saved_difficulty.h saved_difficulty.cpp
  material_ref.h
  question_material.h question_material.cpp
  comparison_items.h comparison_items.cpp
  comparison_scene.h comparison_scene.cpp
  comparison_log.h comparison_log.cpp
  mushra_stimuli.h mushra_stimuli.cpp
  seeded_random.h
  difficulty_tracker.h difficulty_tracker.cpp
  band_energy.h band_energy.cpp
  band_statistics.h band_statistics.cpp
  staircase.h staircase.cpp threshold_estimate.h threshold_estimate.cpp)
