#include "transfer_data.h"

#include "cli_support.h"

#include "exercises/answer_transfer.h"
#include "exercises/blind_log_transfer.h"
#include "exercises/import_transaction.h"
#include "exercises/marker_export.h"
#include "exercises/read_only_database.h"
#include "exercises/store_access.h"
#include "exercises/track_marker_store.h"

#include <QFileInfo>

#include <cstdio>

namespace earlab::cli {

namespace {

qint64 exportAnswersTo(ProgressStore& store, QIODevice& out, const QString& destination, TransferFormat format)
{
    return exportAnswers(store, out, destination, format);
}

TransferCounts importAnswersFrom(ProgressStore& store, QIODevice& in, const QString& source, TransferFormat format)
{
    return importAnswers(store, in, source, format);
}

qint64 exportLogsTo(ProgressStore& store, QIODevice& out, const QString& destination, TransferFormat)
{
    return exportBlindLogs(store, out, destination);
}

TransferCounts importLogsFrom(ProgressStore& store, QIODevice& in, const QString& source, TransferFormat)
{
    return importBlindLogs(store, in, source);
}

// The listening view's markers, as the JSON its export writes (marker_export.h).
qint64 exportMarkersTo(ProgressStore& store, QIODevice& out, const QString& destination, TransferFormat)
{
    const QList<TrackMarker> markers = TrackMarkerStore(store).all();
    writeAll(out, markersJson(markers), destination);
    return markers.size();
}

TransferCounts importMarkersFrom(ProgressStore& store, QIODevice& in, const QString& source, TransferFormat)
{
    // readRest, as the other kinds: a read error names the file instead of passing for its end.
    const QList<TrackMarker> markers = parseMarkersJson(readRest(in, source), source); // all or nothing
    TrackMarkerStore target(store);
    const MarkerMerge merged = target.merge(markers);
    return {merged.added, merged.alreadyThere};
}

} // namespace

const QList<TransferKind>& transferKinds()
{
    static const QList<TransferKind> kinds = {
        {QLatin1String("answers"), QLatin1String("answers"), true, TransferFormat::Csv, exportAnswersTo,
         importAnswersFrom},
        {QLatin1String("blind-logs"), QLatin1String("blind-test logs"), false, TransferFormat::Json, exportLogsTo,
         importLogsFrom},
        {QLatin1String("markers"), QLatin1String("markers"), false, TransferFormat::Json, exportMarkersTo,
         importMarkersFrom},
    };
    return kinds;
}

QString transferKindNames()
{
    QStringList names;
    for (const TransferKind& kind : transferKinds())
        names << kind.name;
    return names.join(QLatin1Char('|'));
}

const TransferKind& transferKind(const QString& name)
{
    for (const TransferKind& kind : transferKinds())
        if (kind.name == name)
            return kind;
    throw UsageError(toStd(QStringLiteral("--data %1: must be one of %2").arg(name, transferKindNames())));
}

void openTransferStore(ProgressStore& store, const QString& path, bool importing, const QString& source)
{
    if (path.isEmpty())
        throw UsageError("--db PATH is required (the progress database, e.g. ~/.local/share/EarLab/progress.sqlite)");
    if (!importing && !QFileInfo::exists(path))
        throw UsageError(toStd(QStringLiteral("--db %1: there is no database there").arg(path)));
    if (importing)
        if (const std::optional<QString> why = store::whyReadOnly(QFileInfo(path).absoluteFilePath()))
            throw readOnlyImportError(source, QFileInfo(path).absoluteFilePath(), *why);
    // An export must leave the user's file as it was: ProgressStore::open upgrades an older
    // schema and repairs a damaged file, so those are refused first, read-only, as by
    // `stats` (the StoreError names the file and says to open it in EarLab once).
    if (!importing)
        ReadOnlyDatabase{path};
    store.open(path);
    if (!store.recoveryMessage().isEmpty())
        std::fprintf(stderr, "earlab-cli: %s\n", readable(store.recoveryMessage()).toUtf8().constData());
}

} // namespace earlab::cli
