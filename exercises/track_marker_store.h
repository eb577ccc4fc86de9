#pragma once
// Listening notes (track_marker.h) kept in the progress database (table track_markers,
// schema step 9), beside the answers and the library. A marker names its track by path, not
// by a library row: it outlives a rescan or the track's removal from the library.
//
// Errors: every failure throws StoreError naming the database file and the cause, as
// ProgressStore does; an invalid marker is refused before anything is written. Threads: a
// TrackMarkerStore uses its ProgressStore's connection (sharedDatabase), so use it on the
// thread that opened that store (the app's database writer for writes), and only while it
// is open.

#include "exercises/progress_store.h"
#include "exercises/track_marker.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace earlab {

// How merge() went: markers added, and those skipped because their uid was already stored.
struct MarkerMerge {
    int added = 0;
    int alreadyThere = 0;
};

class TrackMarkerStore {
public:
    // `store` must outlive this object; it may be opened (or re-opened) after construction.
    explicit TrackMarkerStore(ProgressStore& store);

    // Stores a new marker in `path` at `positionSeconds` (one statement, committed before
    // returning) with a new uid, created at `createdAt` (default: now); returns it as stored.
    // Rejects (nothing written) what whyInvalid() rejects.
    TrackMarker add(const QString& path, double positionSeconds, const QString& category,
                    const QString& note, const QDateTime& createdAt = {});

    // Changes marker `id`'s position, category and note (its uid, path and creation time stay).
    // Rejects an invalid value and an id that is not stored.
    void edit(qint64 id, double positionSeconds, const QString& category, const QString& note);

    // Deletes marker `id`; false if there was none.
    bool remove(qint64 id);

    // The markers of `path`, by position (then id: two at one point stay in the order made).
    QList<TrackMarker> markers(const QString& path) const;
    // Every marker, by path, then as markers() orders them.
    QList<TrackMarker> all() const;
    std::optional<TrackMarker> marker(qint64 id) const;
    int count() const;

    // Adds `markers` (each with a uid in form) in one transaction: a uid already stored is
    // left as it is (so importing a file twice adds nothing, and an edit made since the
    // export is not undone). All or nothing: if one marker is invalid, or two share a uid,
    // nothing is written and the StoreError names its index ("marker 3: ...").
    MarkerMerge merge(const QList<TrackMarker>& markers);

private:
    QSqlDatabase database(const QString& doing) const;
    QList<TrackMarker> select(const QString& where, const QVariantList& values) const;

    ProgressStore& m_store;
};

} // namespace earlab
