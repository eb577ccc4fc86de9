#pragma once
// Export and import of the blind-test logs in a progress database (table blind_logs, see
// blind_log_store.h). The file is a JSON array of the stored logs exactly as they were saved
// (oldest first), so each element, copied into a file of its own, still passes
// `earlab-cli verify-log`. docs/data_transfer.md shows it.
//
// Import checks every log as verify-log does (blind_log_check.h) and refuses the whole file,
// naming the log's index (from 0) and what does not verify, if any is altered or unreadable.
// A log whose log_sha256 is stored already is skipped; the others are added in one
// transaction, saved at the time of their last trial (the end of the run; the file does not
// hold when it was saved), or now for a log without trials. Same threads and errors as
// answer_transfer.h.

#include "exercises/progress_store.h"
#include "exercises/transfer_format.h"

#include <QIODevice>
#include <QString>

namespace earlab {

qint64 exportBlindLogs(ProgressStore& store, QIODevice& out, const QString& destination,
                       const TransferProgress& progress = {});

TransferCounts importBlindLogs(ProgressStore& store, QIODevice& in, const QString& source,
                               const TransferProgress& progress = {});

} // namespace earlab
