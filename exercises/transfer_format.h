#pragma once
// What the exports and imports of the user's data (answers, blind-test logs; markers later)
// share: the file formats, the error a refused file gives, the counts an import reports and
// its progress callback. docs/data_transfer.md describes the files.

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QJsonDocument>
#include <QString>

#include <functional>
#include <optional>
#include <stdexcept>

namespace earlab {

enum class TransferFormat { Csv, Json };

// From a file name's extension (.csv, .json, any case); nothing for any other.
std::optional<TransferFormat> transferFormatOfName(const QString& path);
// From the first bytes of a file: JSON when the first one that is not white space (after a
// UTF-8 byte order mark) is '{' or '[', CSV otherwise (its header starts with "id").
TransferFormat transferFormatOfContent(const QByteArray& start);

// A file an import refuses, or an export that could not be written: one sentence naming
// the file, the row (or index) and the cause. Database failures stay StoreError.
class TransferError : public std::runtime_error {
public:
    explicit TransferError(const QString& message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {
    }
    const QString& message() const noexcept { return m_message; }

private:
    QString m_message;
};

// What an import did: `added` new entries, `alreadyPresent` skipped (the same entry was stored).
struct TransferCounts {
    qint64 added = 0;
    qint64 alreadyPresent = 0;
};

// Called now and then (every few thousand rows, and at the end) with the rows done and the
// bytes of the input read (import) or written (export).
using TransferProgress = std::function<void(qint64 rows, qint64 bytes)>;

// A time as the files hold it: ISO 8601 with a zone (a time without one is ambiguous) and at
// most milliseconds (what the store keeps), e.g. 2026-05-01T09:30:00.250Z; in UTC. Nothing
// for any other text.
std::optional<QDateTime> parseTransferTime(const QString& text);
inline constexpr const char* kTransferTimeExample = "2026-05-01T09:30:00.250Z";

// `text` as a JSON string, quotes included.
QByteArray jsonString(const QString& text);

// All of `in` from its position; throws TransferError naming `source` on a read error.
QByteArray readRest(QIODevice& in, const QString& source);

// `bytes` (read from `source`) as a JSON document; throws TransferError "SOURCE: not JSON:
// ... at byte N; nothing was imported." and the same for a key twice in one object (Qt would
// keep the last without a word).
QJsonDocument parseTransferJson(const QByteArray& bytes, const QString& source);

// Writes `bytes` to `out` whole; throws TransferError naming `destination` if it cannot.
void writeAll(QIODevice& out, const QByteArray& bytes, const QString& destination);

// Streams an export into the file `path` through FileReplacement (audio/io/file_replacement.h):
// `write` fills a device on the temporary file, which replaces `path` only once everything is
// written and flushed; on any failure `path` stays as it was. Returns what `write` returns.
// Throws TransferError "Could not write PATH: cause" (or AudioError naming the file when it
// cannot be replaced at all).
qint64 exportReplacing(const QString& path, const std::function<qint64(QIODevice&)>& write);

} // namespace earlab
