#pragma once
// What `earlab-cli question` plays: the --material given (noise, builtin:NAME, a file or a
// folder of stems: library_scan_stems.h), or,
// without it, what the level plays in the app (LevelInfo::material): pink noise, or the first
// built-in loop for music and transients, and that loop's stems for a multitrack level. Kept apart from the command so that the rules for
// material an exercise cannot use are in one place.

#include "exercises/exercise.h"
#include "exercises/material_ref.h"
#include "exercises/question_material.h"

#include <QString>
#include <QStringList>

namespace earlab::cli {

// The material for `level` of `exercise`; `option` is --material as typed (empty: the level's
// default). A level that mixes stems (MaterialNeed::Multitrack) gets a built-in loop with its
// stems; a folder is a folder of stems (scanned as the app's Library scans one: its mix, loop
// region and stems). Throws UsageError for an unknown built-in loop (listing the known ones), a
// build without built-in material, a folder that cannot be one multitrack (scanStemFolder's
// refusal, naming the file and the cause), and material without stems for a level that mixes
// them (a single file: the message names it; pink noise).
MaterialRef chooseMaterial(const Exercise& exercise, int level, const QString& option);

// Refuses a question whose variants mix stems (Question::usesStems), or whose material names
// stems, on a loop that holds none.
void refuseStemsIfMissing(const Question& question, const PreparedLoop& loop);

// The built-in loops' ids ("pop-rock", ...), empty in a build without built-in material.
QStringList builtinLoopIds();

} // namespace earlab::cli
