#include "exercises/blind_log_transfer.h"

#include "exercises/blind_log_check.h"
#include "exercises/blind_log_store.h"
#include "exercises/import_transaction.h"
#include "exercises/store_sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>

namespace earlab {

qint64 exportBlindLogs(ProgressStore& store, QIODevice& out, const QString& destination,
                       const TransferProgress& progress)
{
    const BlindLogStore logs(store);
    QList<StoredBlindLog> rows = logs.list();
    std::reverse(rows.begin(), rows.end()); // oldest first, as answers are
    qint64 bytes = 0;
    auto put = [&](const QByteArray& text) {
        writeAll(out, text, destination);
        bytes += text.size();
    };
    put("[");
    for (qsizetype i = 0; i < rows.size(); ++i) {
        put((i > 0 ? ",\n" : "\n") + logs.json(rows.at(i).id)); // the bytes as saved
        if (progress)
            progress(i + 1, bytes);
    }
    put("\n]\n");
    if (progress)
        progress(rows.size(), bytes);
    return rows.size();
}

TransferCounts importBlindLogs(ProgressStore& store, QIODevice& in, const QString& source,
                               const TransferProgress& progress)
{
    const QByteArray bytes = readRest(in, source);
    const QJsonDocument document = parseTransferJson(bytes, source);
    if (!document.isArray())
        throw TransferError(QStringLiteral("%1: not a blind-test log export (a JSON array of logs); nothing was imported.")
                                .arg(source));

    // Every log verified before anything is written.
    const QJsonArray entries = document.array();
    std::vector<BlindLog> logs;
    logs.reserve(entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = QStringLiteral("log %1").arg(i);
        if (!entries.at(i).isObject())
            refuseEntry(source, where, QStringLiteral("not a JSON object"));
        const QJsonObject json = entries.at(i).toObject();
        const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
        const BlindLogCheck check = verifyBlindLog(text, QStringLiteral("%1 %2").arg(source, where));
        if (!check.unreadable.isEmpty())
            refuseEntry(source, where, QStringLiteral("not a blind-test log: %1").arg(check.unreadable));
        if (!check.intact())
            refuseEntry(source, where, QStringLiteral("it does not verify: %1").arg(check.altered.join(QStringLiteral("; "))));
        QString problem;
        std::optional<BlindLog> log = BlindLog::fromJson(json, &problem);
        if (!log)
            refuseEntry(source, where, QStringLiteral("not a blind-test log this version reads: %1").arg(problem));
        // Stored as toJson() writes it: it must be the very log (same hash) to merge by hash.
        if (blindLogSha256(log->toJson()) != json.value(QLatin1String("log_sha256")).toString())
            refuseEntry(source, where, QStringLiteral("this version of EarLab would not store it as written"));
        logs.push_back(std::move(*log));
    }

    ImportTransaction into(store, source);
    QSqlQuery lookup = store::prepare(into.database(), into.path(),
                                      QStringLiteral("SELECT 1 FROM blind_logs WHERE log_sha256 = ?"), into.doing());
    TransferCounts counts;
    for (qsizetype i = 0; i < qsizetype(logs.size()); ++i) {
        const QString sha = entries.at(i).toObject().value(QLatin1String("log_sha256")).toString();
        lookup.addBindValue(sha);
        store::exec(lookup, into.path(), into.doing());
        const bool stored = lookup.next();
        lookup.finish();
        if (stored) {
            ++counts.alreadyPresent;
        } else {
            const BlindLog& log = logs.at(std::size_t(i));
            const QDateTime savedAt = log.trials.empty() ? QDateTime::currentDateTimeUtc() : log.trials.back().time;
            insertBlindLog(into.database(), into.path(), log, savedAt, into.doing());
            ++counts.added;
        }
        if (progress)
            progress(i + 1, bytes.size() * (i + 1) / qMax<qsizetype>(entries.size(), 1));
    }
    into.commit();
    return counts;
}

} // namespace earlab
