#include "exercises/library_store.h"

#include "exercises/store_sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QVariant>

#include <cmath>
#include <limits>

namespace earlab {

namespace {

constexpr double kFitToleranceSeconds = 0.001;

const QString kColumns = QStringLiteral(
    "path, ok, error, format, channels, sample_rate, duration_s, loudness_lufs, true_peak_dbtp,"
    " octave_levels, region_start_s, region_length_s, pinned, added_at, scanned_at, scan_queued, overview,"
    " genre, stem_folder, stems");

QString isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// SQLite has no infinity worth trusting across drivers: -inf (silence) is stored as NULL.
QVariant finiteOrNull(double value)
{
    return std::isfinite(value) ? QVariant(value) : QVariant(QMetaType(QMetaType::Double));
}

double readOrMinusInfinity(const QVariant& value)
{
    return value.isNull() ? -std::numeric_limits<double>::infinity() : value.toDouble();
}

QString stemsToJson(const QStringList& stems)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(stems)).toJson(QJsonDocument::Compact));
}

QString levelsToJson(const std::vector<double>& levels)
{
    QJsonArray array;
    for (double level : levels)
        array.append(std::isfinite(level) ? QJsonValue(level) : QJsonValue(QJsonValue::Null));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::vector<double> levelsFromJson(const QString& text)
{
    std::vector<double> levels;
    for (const QJsonValue& value : QJsonDocument::fromJson(text.toUtf8()).array())
        levels.push_back(value.isDouble() ? value.toDouble() : -std::numeric_limits<double>::infinity());
    return levels;
}

LibraryItem readItem(const QSqlQuery& query)
{
    LibraryItem item;
    ScanResult& scan = item.scan;
    scan.path = query.value(0).toString();
    scan.ok = query.value(1).toInt() != 0;
    scan.error = query.value(2).toString();
    if (scan.ok) { // the error column of a usable file holds its warnings (see upsert)
        if (!scan.error.isEmpty())
            scan.warnings = scan.error.split(QLatin1Char('\n'));
        scan.error.clear();
    }
    scan.format = query.value(3).toString();
    scan.channels = query.value(4).toInt();
    scan.sampleRate = query.value(5).toInt();
    scan.durationSeconds = query.value(6).toDouble();
    scan.loudnessLufs = readOrMinusInfinity(query.value(7));
    scan.truePeakDbtp = readOrMinusInfinity(query.value(8));
    scan.octaveLevelsDb = levelsFromJson(query.value(9).toString());
    scan.region = {query.value(10).toDouble(), query.value(11).toDouble()};
    item.pinned = query.value(12).toInt() != 0;
    item.addedAt = QDateTime::fromString(query.value(13).toString(), Qt::ISODateWithMs);
    item.scannedAt = QDateTime::fromString(query.value(14).toString(), Qt::ISODateWithMs); // '' = never
    item.queued = query.value(15).toInt() != 0;
    scan.overview = LevelOverview::fromBytes(query.value(16).toByteArray()); // NULL: none
    scan.genre = query.value(17).toString();
    scan.stemFolder = query.value(18).toInt() != 0;
    for (const QJsonValue& stem : QJsonDocument::fromJson(query.value(19).toString().toUtf8()).array())
        scan.stems << stem.toString();
    return item;
}

// A one-line description of some paths for an error message.
QString describePaths(const QStringList& paths)
{
    return paths.size() == 1 ? paths.front() : QStringLiteral("%1 files").arg(paths.size());
}

} // namespace

bool regionFits(TimeRegion region, double durationSeconds)
{
    return std::isfinite(region.startSeconds) && std::isfinite(region.lengthSeconds)
        && region.startSeconds >= 0.0 && region.lengthSeconds > 0.0
        && region.startSeconds + region.lengthSeconds <= durationSeconds + kFitToleranceSeconds;
}

LibraryItem itemAfterScan(const std::optional<LibraryItem>& stored, const ScanResult& result, const QDateTime& now)
{
    LibraryItem item;
    item.scan = result;
    item.scan.path = libraryKey(result.path);
    item.addedAt = stored ? stored->addedAt : now;
    item.scannedAt = now;
    if (stored && stored->pinned && (!result.ok || regionFits(stored->scan.region, result.durationSeconds))) {
        item.scan.region = stored->scan.region;
        item.pinned = true;
    }
    return item;
}

LibraryStore::LibraryStore(ProgressStore& store)
    : m_store(store)
{
}

QString LibraryStore::databasePath() const
{
    return m_store.path();
}

QSqlDatabase LibraryStore::database(const QString& doing) const
{
    return m_store.sharedDatabase(doing);
}

void LibraryStore::upsert(const ScanResult& result)
{
    const QString doing = QStringLiteral("Could not save the library entry for %1").arg(result.path);
    const QSqlDatabase db = database(doing);
    const QString path = databasePath();
    const QString key = libraryKey(result.path);
    if (key.isEmpty())
        throw store::makeError(path, doing, QStringLiteral("the scan names no file"));

    store::Transaction transaction(db, path, doing);
    std::optional<LibraryItem> stored;
    {
        QSqlQuery existing = store::prepare(db, path,
            QStringLiteral("SELECT %1 FROM library_items WHERE path = ?").arg(kColumns), doing);
        existing.addBindValue(key);
        store::exec(existing, path, doing);
        if (existing.next())
            stored = readItem(existing);
    }
    const LibraryItem item = itemAfterScan(stored, result, QDateTime::currentDateTimeUtc());
    const ScanResult& scan = item.scan;

    QSqlQuery upsert = store::prepare(db, path,
        QStringLiteral("INSERT INTO library_items (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)"
                       " ON CONFLICT(path) DO UPDATE SET ok = excluded.ok, error = excluded.error,"
                       " format = excluded.format, channels = excluded.channels,"
                       " sample_rate = excluded.sample_rate, duration_s = excluded.duration_s,"
                       " loudness_lufs = excluded.loudness_lufs,"
                       " true_peak_dbtp = excluded.true_peak_dbtp,"
                       " octave_levels = excluded.octave_levels,"
                       " region_start_s = excluded.region_start_s,"
                       " region_length_s = excluded.region_length_s, pinned = excluded.pinned,"
                       " scanned_at = excluded.scanned_at, scan_queued = 0, overview = excluded.overview,"
                       // A genre the user set outlives the file's tag (schema step 9).
                       " genre = CASE WHEN genre_edited = 1 THEN genre ELSE excluded.genre END,"
                       " stem_folder = excluded.stem_folder, stems = excluded.stems")
            .arg(kColumns),
        doing);
    upsert.addBindValue(key);
    upsert.addBindValue(scan.ok ? 1 : 0);
    // A null QString binds as SQL NULL; these columns hold text, possibly empty. A usable
    // file has no error, so its column holds the decoder's warnings, one a line: no schema
    // change for a text that is shown where the error of a broken file is.
    const QString errorText = scan.ok ? scan.warnings.join(QLatin1Char('\n')) : scan.error;
    upsert.addBindValue(errorText.isNull() ? QStringLiteral("") : errorText);
    upsert.addBindValue(scan.format.isNull() ? QStringLiteral("") : scan.format);
    upsert.addBindValue(scan.channels);
    upsert.addBindValue(scan.sampleRate);
    upsert.addBindValue(std::isfinite(scan.durationSeconds) ? scan.durationSeconds : 0.0);
    upsert.addBindValue(finiteOrNull(scan.loudnessLufs));
    upsert.addBindValue(finiteOrNull(scan.truePeakDbtp));
    upsert.addBindValue(levelsToJson(scan.octaveLevelsDb));
    upsert.addBindValue(std::isfinite(scan.region.startSeconds) ? scan.region.startSeconds : 0.0);
    upsert.addBindValue(std::isfinite(scan.region.lengthSeconds) ? scan.region.lengthSeconds : 0.0);
    upsert.addBindValue(item.pinned ? 1 : 0);
    upsert.addBindValue(isoUtc(item.addedAt)); // only used when the row is new
    upsert.addBindValue(isoUtc(item.scannedAt));
    // An empty overview (a broken file) is stored as NULL, as rows from before schema 5 have it.
    const QByteArray overview = scan.overview.toBytes();
    upsert.addBindValue(overview.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(overview));
    upsert.addBindValue(scan.genre.isNull() ? QStringLiteral("") : scan.genre);
    upsert.addBindValue(scan.stemFolder ? 1 : 0);
    upsert.addBindValue(stemsToJson(scan.stems));
    store::exec(upsert, path, doing);
    upsert.finish();
    transaction.commit();
}

void LibraryStore::queue(const QStringList& paths, bool stemFolders)
{
    const QString now = isoUtc(QDateTime::currentDateTimeUtc());
    runForEachFile(QStringLiteral("Could not keep %1 waiting to be scanned").arg(describePaths(paths)), paths,
                   QStringLiteral("INSERT INTO library_items (%1)"
                                  " VALUES (?, 0, '', '', 0, 0, 0, NULL, NULL, '[]', 0, 0, 0, ?, '', 1, NULL, '', ?, '[]')"
                                  " ON CONFLICT(path) DO UPDATE SET scan_queued = 1")
                       .arg(kColumns),
                   {now, stemFolders ? 1 : 0});
}

void LibraryStore::unqueue(const QStringList& paths)
{
    runForEachFile(QStringLiteral("Could not take %1 out of the scan queue").arg(describePaths(paths)), paths,
                   QStringLiteral("UPDATE library_items SET scan_queued = 0 WHERE path = ?"), {});
}

void LibraryStore::runForEachFile(const QString& doing, const QStringList& files, const QString& sql,
                                  const QVariantList& values)
{
    const QSqlDatabase db = database(doing);
    const QString path = databasePath();
    store::Transaction transaction(db, path, doing);
    QSqlQuery query = store::prepare(db, path, sql, doing);
    for (const QString& file : files) {
        const QString key = libraryKey(file);
        if (key.isEmpty())
            throw store::makeError(path, doing, QStringLiteral("an empty file name"));
        query.addBindValue(key);
        for (const QVariant& value : values)
            query.addBindValue(value);
        store::exec(query, path, doing);
    }
    query.finish();
    transaction.commit();
}

QList<LibraryItem> LibraryStore::items() const
{
    const QString doing = QStringLiteral("Could not read the music library");
    const QSqlDatabase db = database(doing);
    QSqlQuery query = store::exec(db, databasePath(),
        QStringLiteral("SELECT %1 FROM library_items ORDER BY path COLLATE NOCASE, path").arg(kColumns), doing);
    QList<LibraryItem> items;
    while (query.next())
        items.append(readItem(query));
    return items;
}

std::optional<LibraryItem> LibraryStore::item(const QString& path) const
{
    const QString doing = QStringLiteral("Could not read the library entry for %1").arg(path);
    const QSqlDatabase db = database(doing);
    QSqlQuery query = store::prepare(db, databasePath(),
        QStringLiteral("SELECT %1 FROM library_items WHERE path = ?").arg(kColumns), doing);
    query.addBindValue(libraryKey(path));
    store::exec(query, databasePath(), doing);
    if (!query.next())
        return std::nullopt;
    return readItem(query);
}

int LibraryStore::count() const
{
    const QString doing = QStringLiteral("Could not count the music library");
    QSqlQuery query = store::exec(database(doing), databasePath(),
                                  QStringLiteral("SELECT count(*) FROM library_items"), doing);
    return query.next() ? query.value(0).toInt() : 0;
}

bool LibraryStore::remove(const QString& path)
{
    const QString doing = QStringLiteral("Could not remove %1 from the music library").arg(path);
    const QSqlDatabase db = database(doing);
    // One statement is its own transaction in SQLite.
    QSqlQuery query = store::prepare(db, databasePath(), QStringLiteral("DELETE FROM library_items WHERE path = ?"),
                                     doing);
    query.addBindValue(libraryKey(path));
    store::exec(query, databasePath(), doing);
    return query.numRowsAffected() > 0;
}

void LibraryStore::pinRegion(const QString& path, TimeRegion region)
{
    const QString doing = QStringLiteral("Could not pin the loop region of %1").arg(path);
    const QSqlDatabase db = database(doing);
    const QString dbPath = databasePath();
    const QString key = libraryKey(path);
    store::Transaction transaction(db, dbPath, doing);
    QSqlQuery existing = store::prepare(db, dbPath,
        QStringLiteral("SELECT ok, duration_s FROM library_items WHERE path = ?"), doing);
    existing.addBindValue(key);
    store::exec(existing, dbPath, doing);
    if (!existing.next())
        throw store::makeError(dbPath, doing, QStringLiteral("the file is not in the library"));
    const bool ok = existing.value(0).toInt() != 0;
    const double duration = existing.value(1).toDouble();
    existing.finish();
    if (!ok)
        throw store::makeError(dbPath, doing, QStringLiteral("the file could not be scanned"));
    if (!regionFits(region, duration)) {
        throw store::makeError(dbPath, doing,
            QStringLiteral("the region %1 s + %2 s is not inside the file (%3 s long)")
                .arg(region.startSeconds).arg(region.lengthSeconds).arg(duration));
    }
    QSqlQuery update = store::prepare(db, dbPath,
        QStringLiteral("UPDATE library_items SET region_start_s = ?, region_length_s = ?, pinned = 1"
                       " WHERE path = ?"),
        doing);
    update.addBindValue(region.startSeconds);
    update.addBindValue(region.lengthSeconds);
    update.addBindValue(key);
    store::exec(update, dbPath, doing);
    update.finish();
    transaction.commit();
}

void LibraryStore::unpinRegion(const QString& path)
{
    const QString doing = QStringLiteral("Could not unpin the loop region of %1").arg(path);
    const QSqlDatabase db = database(doing);
    QSqlQuery update = store::prepare(db, databasePath(),
        QStringLiteral("UPDATE library_items SET pinned = 0, scan_queued = 1 WHERE path = ?"), doing);
    update.addBindValue(libraryKey(path));
    store::exec(update, databasePath(), doing);
    if (update.numRowsAffected() <= 0)
        throw store::makeError(databasePath(), doing, QStringLiteral("the file is not in the library"));
}

void LibraryStore::setGenre(const QString& path, const QString& genre)
{
    const QString doing = QStringLiteral("Could not set the genre of %1").arg(path);
    m_store.requireFileInPlace(doing);
    QSqlQuery update = store::prepare(database(doing), databasePath(),
        QStringLiteral("UPDATE library_items SET genre = ?, genre_edited = 1 WHERE path = ?"), doing);
    update.addBindValue(genre.trimmed().isNull() ? QStringLiteral("") : genre.trimmed());
    update.addBindValue(libraryKey(path));
    store::exec(update, databasePath(), doing);
    if (update.numRowsAffected() <= 0)
        throw store::makeError(databasePath(), doing, QStringLiteral("the file is not in the library"));
}

} // namespace earlab
