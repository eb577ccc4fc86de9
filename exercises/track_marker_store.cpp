#include "exercises/track_marker_store.h"

#include "exercises/store_attempt_row.h"
#include "exercises/store_sql.h"

#include <QSet>
#include <QSqlDatabase>
#include <QVariant>

namespace earlab {

namespace {

const QString kColumns = QStringLiteral("id, uid, path, position_s, category, note, created_at");

TrackMarker readMarker(const QSqlQuery& query)
{
    TrackMarker m;
    m.id = query.value(0).toLongLong();
    m.uid = query.value(1).toString();
    m.path = query.value(2).toString();
    m.positionSeconds = query.value(3).toDouble();
    m.category = query.value(4).toString();
    m.note = query.value(5).toString();
    m.createdAt = QDateTime::fromString(query.value(6).toString(), Qt::ISODateWithMs);
    return m;
}

// Inserts `m` (valid, with its uid); returns the new row's id.
qint64 insertMarker(const QSqlDatabase& db, const QString& path, const TrackMarker& m, const QString& doing)
{
    QSqlQuery insert = store::prepare(db, path,
        QStringLiteral("INSERT INTO track_markers (uid, path, position_s, category, note, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)"),
        doing);
    insert.addBindValue(m.uid);
    insert.addBindValue(m.path);
    insert.addBindValue(m.positionSeconds);
    insert.addBindValue(m.category);
    insert.addBindValue(m.note.isNull() ? QStringLiteral("") : m.note); // a null QString binds NULL
    insert.addBindValue(store::isoUtc(m.createdAt));
    store::exec(insert, path, doing);
    return insert.lastInsertId().toLongLong();
}

} // namespace

TrackMarkerStore::TrackMarkerStore(ProgressStore& store)
    : m_store(store)
{
}

QSqlDatabase TrackMarkerStore::database(const QString& doing) const
{
    return m_store.sharedDatabase(doing);
}

TrackMarker TrackMarkerStore::add(const QString& path, double positionSeconds, const QString& category,
                                  const QString& note, const QDateTime& createdAt)
{
    const QString doing = QStringLiteral("Could not save the marker in %1").arg(path);
    TrackMarker m;
    m.uid = store::newAttemptUid();
    m.path = path;
    m.positionSeconds = positionSeconds;
    m.category = category;
    m.note = note;
    m.createdAt = (createdAt.isValid() ? createdAt : QDateTime::currentDateTimeUtc()).toUTC();
    if (const QString why = whyInvalid(m); !why.isEmpty())
        throw store::makeError(m_store.path(), doing, why);
    m_store.requireFileInPlace(doing);
    // One statement is its own transaction in SQLite.
    m.id = insertMarker(database(doing), m_store.path(), m, doing);
    // Read back what SQLite keeps (a time at millisecond precision).
    return marker(m.id).value_or(m);
}

void TrackMarkerStore::edit(qint64 id, double positionSeconds, const QString& category, const QString& note)
{
    const QString doing = QStringLiteral("Could not change marker %1").arg(id);
    std::optional<TrackMarker> m = marker(id);
    if (!m)
        throw store::makeError(m_store.path(), doing, QStringLiteral("there is no such marker"));
    m->positionSeconds = positionSeconds;
    m->category = category;
    m->note = note;
    if (const QString why = whyInvalid(*m); !why.isEmpty())
        throw store::makeError(m_store.path(), doing, why);
    m_store.requireFileInPlace(doing);
    QSqlQuery update = store::prepare(database(doing), m_store.path(),
        QStringLiteral("UPDATE track_markers SET position_s = ?, category = ?, note = ? WHERE id = ?"), doing);
    update.addBindValue(m->positionSeconds);
    update.addBindValue(m->category);
    update.addBindValue(m->note.isNull() ? QStringLiteral("") : m->note);
    update.addBindValue(id);
    store::exec(update, m_store.path(), doing);
    if (update.numRowsAffected() <= 0) // deleted by another process since marker() read it
        throw store::makeError(m_store.path(), doing, QStringLiteral("there is no such marker"));
}

bool TrackMarkerStore::remove(qint64 id)
{
    const QString doing = QStringLiteral("Could not delete marker %1").arg(id);
    m_store.requireFileInPlace(doing);
    QSqlQuery query = store::prepare(database(doing), m_store.path(),
                                     QStringLiteral("DELETE FROM track_markers WHERE id = ?"), doing);
    query.addBindValue(id);
    store::exec(query, m_store.path(), doing);
    return query.numRowsAffected() > 0;
}

QList<TrackMarker> TrackMarkerStore::select(const QString& where, const QVariantList& values) const
{
    const QString doing = QStringLiteral("Could not read the markers");
    QSqlQuery query = store::prepare(database(doing), m_store.path(),
        QStringLiteral("SELECT %1 FROM track_markers %2").arg(kColumns, where), doing);
    for (const QVariant& v : values)
        query.addBindValue(v);
    store::exec(query, m_store.path(), doing);
    QList<TrackMarker> out;
    while (query.next())
        out.append(readMarker(query));
    return out;
}

QList<TrackMarker> TrackMarkerStore::markers(const QString& path) const
{
    return select(QStringLiteral("WHERE path = ? ORDER BY position_s, id"), {path});
}

QList<TrackMarker> TrackMarkerStore::all() const
{
    return select(QStringLiteral("ORDER BY path, position_s, id"), {});
}

std::optional<TrackMarker> TrackMarkerStore::marker(qint64 id) const
{
    const QList<TrackMarker> found = select(QStringLiteral("WHERE id = ?"), {id});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

int TrackMarkerStore::count() const
{
    const QString doing = QStringLiteral("Could not count the markers");
    QSqlQuery query = store::exec(database(doing), m_store.path(), QStringLiteral("SELECT count(*) FROM track_markers"), doing);
    return query.next() ? query.value(0).toInt() : 0;
}

MarkerMerge TrackMarkerStore::merge(const QList<TrackMarker>& markers)
{
    const QString doing = QStringLiteral("Could not import the markers");
    const QString path = m_store.path();
    QSet<QString> seen;
    for (qsizetype i = 0; i < markers.size(); ++i) {
        const TrackMarker& m = markers[i];
        QString why = m.uid.isEmpty() ? QStringLiteral("it has no uid") : whyInvalid(m);
        if (why.isEmpty() && seen.contains(m.uid))
            why = QStringLiteral("its uid %1 is also an earlier marker's").arg(m.uid);
        if (!why.isEmpty())
            throw store::makeError(path, doing, QStringLiteral("marker %1 (counting from 0): %2").arg(i).arg(why));
        seen.insert(m.uid);
    }
    m_store.requireFileInPlace(doing);
    const QSqlDatabase db = database(doing);
    store::Transaction transaction(db, path, doing);
    MarkerMerge result;
    for (const TrackMarker& m : markers) {
        QSqlQuery exists = store::prepare(db, path, QStringLiteral("SELECT 1 FROM track_markers WHERE uid = ?"), doing);
        exists.addBindValue(m.uid);
        store::exec(exists, path, doing);
        if (exists.next()) {
            ++result.alreadyThere;
            continue;
        }
        exists.finish();
        TrackMarker stored = m;
        stored.createdAt = m.createdAt.toUTC();
        insertMarker(db, path, stored, doing);
        ++result.added;
    }
    transaction.commit();
    return result;
}

} // namespace earlab
