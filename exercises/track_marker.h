#pragma once
// A listening note: a point in a library track (its path as library_items keys it), with
// what could change there (a category) and free text. The seed's method: listen to a track
// start to finish, mark the sections that could change, listen again with that in mind.
// Stored in track_markers (schema step 9, track_marker_store.h); exported as text, a DAW
// marker CSV and JSON (marker_export.h).

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace earlab {

struct TrackMarker {
    qint64 id = 0;      // the row's id; 0 before it is stored
    QString uid;        // 32 lowercase hex digits, stable across export and import
    QString path;       // the track, as libraryKey() gives it
    double positionSeconds = 0.0; // from the start of the file, >= 0, finite
    QString category;   // one of markerCategories()
    QString note;       // free text, may be empty, may hold any character
    QDateTime createdAt; // UTC
};

// The categories' stable keys, in the order the editor numbers them (keys 1 to 5):
// "balance", "tone", "dynamics", "space", "other".
const QStringList& markerCategories();
bool isMarkerCategory(const QString& key);
// "Balance", "Tone/EQ", "Dynamics", "Space/reverb", "Other"; the key itself for an unknown one.
QString markerCategoryLabel(const QString& key);

// Why `marker` cannot be stored, as the end of a sentence ("its category 'x' is not one of
// balance, tone, dynamics, space, other"), or empty if it can. The id is not checked; an
// empty uid is accepted (the store gives it one).
QString whyInvalid(const TrackMarker& marker);

} // namespace earlab
