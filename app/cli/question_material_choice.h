#pragma once
// What `earlab-cli question` plays: the --material given (noise, builtin:NAME or a file), or,
// without it, what the level plays in the app (LevelInfo::material): pink noise, or the first
// built-in loop for music and transients. Kept apart from the command so that the rules for
// material an exercise cannot use are in one place.

#include "exercises/exercise.h"
#include "exercises/material_ref.h"

#include <QString>
#include <QStringList>

namespace earlab::cli {

// The material for `level` of `exercise`; `option` is --material as typed (empty: the level's
// default). Throws UsageError for an unknown built-in loop (listing the known ones), a build
// without built-in material, and material the level cannot use: a multitrack level on a
// single file (the message names the file) or on anything else while earlab-cli cannot mix
// stems yet.
MaterialRef chooseMaterial(const Exercise& exercise, int level, const QString& option);

// Refuses a question whose variants mix stems (Question::usesStems): the offline render plays
// one source per variant, so stems cannot be rendered yet. `material` names what was asked for.
void refuseStemsIfUnsupported(const Question& question, const MaterialRef& material);

// The built-in loops' ids ("pop-rock", ...), empty in a build without built-in material.
QStringList builtinLoopIds();

} // namespace earlab::cli
