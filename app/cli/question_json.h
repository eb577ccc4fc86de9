#pragma once
// The JSON of `earlab-cli exercises --json` and of `earlab-cli question`'s question.json:
// keys as issue 7 section 6 names them (users' scripts rely on them), built from the exercise
// contract only, so an exercise added to the catalogue needs nothing here.

#include "audio/engine/player_config.h"
#include "exercises/exercise.h"
#include "exercises/question_material.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace earlab::cli {

// "ladder" or "staircase".
QString difficultyKindName(DifficultyKind kind);

// One entry of `exercises --json`: id, title, summary, levels (the count), kind, and unit for
// a staircase.
QJsonObject exerciseJson(const Exercise& exercise);

// The file a variant is written to, relative to the output folder: "<variant id>.wav".
QString variantFileName(const HeardVariant& variant);

// question.json for `question`, asked at `asked` with `seed`: exercise, title, kind, level,
// seed (a decimal string: a 64-bit seed does not fit a JSON number exactly in every reader),
// prompt, answer_kind, loudness_matched, variants [{id, file, label}], options [{id, label}]
// (bands and choices; absent for continuous answers, which get range instead), correct,
// hidden; value and unit for a staircase; focus and notes when the question has them; and
// what was played: material {id, title, loop_start_s, loop_length_s,
// stems (their names, for a multitrack)}, sample_rate, master
// {output_level_db, limiter_ceiling_db}.
QJsonObject questionJson(const Exercise& exercise, const Setting& asked, std::uint64_t seed,
                         const Question& question, const PreparedLoop& loop, const PlayerConfig& master);

} // namespace earlab::cli
