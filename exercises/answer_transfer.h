#pragma once
// Export and import of the answers in a progress database (issue 9 §4), as CSV or JSON with
// the columns of answer_columns.h; docs/data_transfer.md shows both.
//
// Export streams the answers oldest first (answered_at, then id), one row each. JSON also
// carries the saved difficulties and the resets (keys `difficulties`, `resets`), so that an
// import into an empty database gives the same statistics, level included; CSV is the
// answers alone, for spreadsheets.
//
// Import merges: an answer whose id (Attempt::uid) is stored already is skipped when its
// content is the same, and refuses the file when it differs; a difficulty is taken only for
// an exercise that has none saved (the user's own progress is never overwritten), a reset
// only if it is not there yet. Every row is checked, and the whole file goes in one
// transaction: a file refused for any row imports nothing. The message names the file, the
// row (from 1, the first answer; CSV adds the line it starts on) and the cause.
//
// Threads: on the thread that opened `store`, as every ProgressStore use.

#include "exercises/progress_store.h"
#include "exercises/transfer_format.h"

#include <QIODevice>
#include <QString>

namespace earlab {

// Writes every answer to `out` (open for writing); `destination` names it in errors.
// Returns the number of answers written. Throws TransferError when `out` cannot be written,
// StoreError when the database cannot be read.
qint64 exportAnswers(const ProgressStore& store, QIODevice& out, const QString& destination,
                     TransferFormat format, const TransferProgress& progress = {});

// Reads the answers in `in` (open for reading; `source` names it) into `store`. Throws
// TransferError for a file it refuses, also when the store is a read-only working copy
// (ProgressStore::readOnlyReason: nothing would reach the user's file), and StoreError when
// the database fails; either way nothing was imported.
TransferCounts importAnswers(ProgressStore& store, QIODevice& in, const QString& source, TransferFormat format,
                             const TransferProgress& progress = {});

} // namespace earlab
