#pragma once
// The practice plan's evidence (practice_plan.h) from the progress store and the music:
// each exercise's answers since its last reset (heard ones, newest first), the difficulty it
// resumes at, and the genres tagged in the library. Kept apart from the planner so that the
// planner stays a pure function.

#include "exercises/attempt.h"
#include "exercises/material_ref.h"
#include "exercises/practice_plan.h"

#include <QList>

namespace earlab {

class ExerciseCatalogue;
class ProgressStore;

// Answers older than this many per exercise are not read: at a half-life of a week (kHalfLifeDays)
// answers beyond the newest few hundred weigh next to nothing, and Home must not wait on a
// long history.
inline constexpr int kEvidenceAnswersPerExercise = 400;

// Throws StoreError (naming the file) when the store cannot be read. `music`: what the
// training can play now (the app's Library::usableMusic()); only the user's own files count
// for genres and own music, the built-in loops are there anyway.
PracticeEvidence gatherPracticeEvidence(const ExerciseCatalogue& catalogue, const ProgressStore& store,
                                        const QList<MaterialRef>& music = {});

// One stored answer as the planner weighs it: the hidden EQ band from `hidden`
// ("frequency_hz", unless "flat").
PracticeAnswer practiceAnswer(const Attempt& attempt);

} // namespace earlab
