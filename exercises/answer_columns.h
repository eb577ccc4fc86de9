#pragma once
// The columns of an answers export (docs/data_transfer.md), shared by its CSV and JSON forms:
// each answer (Attempt) as cells of text in a fixed column order, and back. The first eleven
// are issue 9's; the rest make the round trip exact. A cell's text is what CSV holds; JSON
// holds the same text as a number, a string, an object or null (see CellKind).

#include "exercises/attempt.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace earlab::transfer {

enum class CellKind {
    Text,           // JSON string
    Object,         // JSON object; in CSV its compact JSON text in a quoted field
    Integer,        // JSON number, a whole one
    Number,         // JSON number
    OptionalNumber, // JSON number or null; in CSV empty for null
    Flag,           // 0 or 1, a JSON number
    Seed,           // an unsigned 64-bit whole number; a JSON string (a double cannot hold 2^64)
};

struct AnswerColumn {
    QLatin1String name;
    CellKind kind;
    bool required; // an import refuses a file or row without it; the others have defaults
};

// In export order: id, answered_at, exercise, level, session, material, correct, score,
// response_ms, hidden, answer, seed, source, value, format, heard.
const QList<AnswerColumn>& answerColumns();
// The column's index in answerColumns(), or -1.
int answerColumnIndex(const QString& name);

// The answer's cells, in column order; "" for a staircase value that is NaN (none).
QStringList answerCells(const Attempt& attempt);

// An answer from its cells (answerColumns() order; nothing for a column the file lacks), or
// nothing with *why set to the cause ("score 1.5 is outside 0..1", "no answered_at"). Every
// check of store_attempt_row.h's whyInvalid is made too, and the id must be an Attempt uid.
std::optional<Attempt> attemptFromCells(const QList<std::optional<QString>>& cells, QString* why);

} // namespace earlab::transfer
