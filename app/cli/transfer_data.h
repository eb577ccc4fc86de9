#pragma once
// The kinds of data earlab-cli export and import move (--data): one row each, so a new kind
// (markers) is one more entry in transferKinds() and nothing else changes.

#include "exercises/progress_store.h"
#include "exercises/transfer_format.h"

#include <QIODevice>
#include <QList>
#include <QString>

namespace earlab::cli {

struct TransferKind {
    QLatin1String name;        // the --data value
    QLatin1String things;      // what the counts count, plural: "answers", "blind-test logs"
    bool csv;                  // offered as CSV too (else JSON only)
    TransferFormat byDefault;  // without --format or a telling -o extension
    qint64 (*exportTo)(ProgressStore& store, QIODevice& out, const QString& destination, TransferFormat format);
    TransferCounts (*importFrom)(ProgressStore& store, QIODevice& in, const QString& source, TransferFormat format);
};

const QList<TransferKind>& transferKinds();
// The kind named `name`; throws UsageError listing the names for any other.
const TransferKind& transferKind(const QString& name);
// "answers|blind-logs", for the help texts.
QString transferKindNames();

// The progress database at `path`, opened. For an export (`importing` false) a missing file
// is refused (an export of nothing is a typo, not an empty history); for an import of
// `source` one EarLab cannot write is refused before it is opened (ProgressStore would work
// on a copy, and nothing would reach the file). A message from the store's recovery (a
// damaged file moved aside) goes to stderr.
void openTransferStore(ProgressStore& store, const QString& path, bool importing, const QString& source = {});

} // namespace earlab::cli
