#pragma once
// Listening notes out of EarLab and back (issue 9 §3, §4): as text for people, as a DAW
// marker list (CSV: time,name,note) and as JSON, the file import reads. docs/listening_notes.md
// shows each format and why the CSV is the one it is.
//
// Every file is written whole through FileReplacement (audio/io/whole_file.h): a failed
// export leaves the file that was there as it was.

#include "exercises/track_marker.h"
#include "exercises/track_marker_store.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <stdexcept>

namespace earlab {

// A marker file refused, or one that could not be read or written: one sentence naming the
// file and the cause (and for a bad entry its index, "markers[2]"). Database failures stay
// StoreError.
class MarkerFileError : public std::runtime_error {
public:
    explicit MarkerFileError(const QString& message)
        : std::runtime_error(message.toStdString()), m_message(message)
    {
    }
    const QString& message() const noexcept { return m_message; }

private:
    QString m_message;
};

// "01:23.4" (minutes:seconds.tenths; "1:02:03.4" from an hour on), rounded to the tenth.
QString markerTimeText(double seconds);

// One line a marker, in the order given: "01:23.4  Tone/EQ       harsh vocal S" (the label
// padded so the notes line up; a note's line breaks become " / "). Markers of several tracks
// are grouped under a line naming each track, a blank line between tracks; one track's list
// starts with its path too, so the file says what it is about.
QString markersText(const QList<TrackMarker>& markers);

// The DAW marker list: header "time,name,note", one row a marker: the time in seconds with
// milliseconds ("83.400"), the category's label as the name, the note. Fields holding a
// comma, a quote, a line break or leading/trailing space are quoted as RFC 4180 says (quotes
// doubled); rows end in CRLF. UTF-8 without a byte order mark.
QByteArray markersCsv(const QList<TrackMarker>& markers);

// {"earlab_markers": 1, "markers": [{uid, path, position_s, category, note, created_at}]},
// indented; created_at as the store writes times (ISO 8601 UTC with milliseconds).
QByteArray markersJson(const QList<TrackMarker>& markers);

// The markers in JSON text as markersJson() writes it. Refuses (MarkerFileError naming
// `source`, the entry's index and the cause) text that is not that JSON, a duplicated key, and
// any entry with a missing, unknown or mistyped key or a value the store would refuse; all or
// nothing: it returns either every marker or throws.
QList<TrackMarker> parseMarkersJson(const QByteArray& json, const QString& source);

// Files. Throw MarkerFileError naming `path` and the cause; `path` is then as it was.
void saveMarkersText(const QString& path, const QList<TrackMarker>& markers);
void saveMarkersCsv(const QString& path, const QList<TrackMarker>& markers);

// Every marker in `store` to `path` as JSON; returns how many. StoreError if the database
// cannot be read, MarkerFileError if the file cannot be written.
int exportMarkersJson(const TrackMarkerStore& store, const QString& path);

// The markers of the JSON file `path` merged into `store` by uid (TrackMarkerStore::merge: a
// uid already stored is kept as it is), in one transaction. A file refused for any entry
// imports nothing (MarkerFileError naming the file, the index and the cause); a database
// failure is StoreError, and imports nothing either.
MarkerMerge importMarkersJson(TrackMarkerStore& store, const QString& path);

} // namespace earlab
