# Today's workout: the planner on synthetic histories, its evidence from a database on disk.
earlab_add_test(test_practice_plan SOURCES test_practice_plan.cpp LIBS earlab_exercises LABELS exercises TIMEOUT 60)
