#pragma once
// The saved difficulties and the resets in an answers export (JSON keys `difficulties` and
// `resets`): with them an import into an empty database gives the same levels and counts
// "since the last reset" as the database exported. Import rules: answer_transfer.h.

#include "exercises/import_transaction.h"

#include <QByteArray>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QString>

namespace earlab::transfer {

// `[{"exercise", "level", "state", "updated_at"}, ...]` by exercise, and
// `[{"exercise", "reset_at"}, ...]` by time, as JSON text.
QByteArray difficultiesJson(const QSqlDatabase& db, const QString& path);
QByteArray resetsJson(const QSqlDatabase& db, const QString& path);

// Imports them in `into`'s transaction; an entry that is not as above refuses the file,
// naming `source`, "difficulties[i]" or "resets[i]" and the cause. Returns how many were added.
int importDifficulties(const ImportTransaction& into, const QJsonArray& entries, const QString& source);
int importResets(const ImportTransaction& into, const QJsonArray& entries, const QString& source);

} // namespace earlab::transfer
