#pragma once
// The miss map (issue 9 §1): what each exercise's wrong answers were, from the stored
// hidden and answer JSON (json_extract in SQL, grouped: only the counts reach C++).
// EQ exercises (eq-band, eq-gain; hidden and answer as EqQuestion/EqAnswer::toJson write
// them): per hidden band, the band confusions (flat = 0 Hz), eq-gain's gain confusions, and
// the tendencies. The others: which name was answered for which (stems, level,
// pan-direction, width) and pan's left/right bias.

#include "exercises/progress_statistics.h"
#include "exercises/statistics_query.h"

namespace earlab::statistics {

// The one query of an EQ exercise's figures (%1: the filter's condition; then the exercise
// is bound), grouped by the statistics_expressions.h values; exposed for the test that
// checks its plan uses attempts_eq_statistics.
QString eqGroupsSql();

// Whether `exercise` has EQ band figures.
bool hasBands(const QString& exercise);

// Fills bands, confusion, gainConfusion and eq of `stats` for an EQ exercise, mistakes and
// sideBias for the others that have them; leaves the rest alone.
void addAnswerTendencies(const Scope& scope, ExerciseStatistics& stats);

} // namespace earlab::statistics
