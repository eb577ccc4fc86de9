#pragma once
// The listening view (ListeningView.qml): one library track heard from start to finish on
// the app's engine (AudioOutput), its waveform (the Library's level overview), a transport
// (play/pause, seek, ±5 s) and listening notes: markers dropped at the playhead with a
// category and a note, listed and drawn on the waveform, a marker's section looped (from it
// to the next marker or the end), exported as text or as a DAW marker CSV (marker_export.h).
// The seed's method: listen through, mark what could change, listen again with that in mind.
//
// Markers are read from the UI thread's store and written through the database writer
// (DatabaseWriter::submit), each write one statement or transaction; the list is read back
// once the write is done, so it shows what is stored, and a failed write becomes `message`.
// A deleted marker can be brought back (undoRemove) with its uid and creation time.
//
// The view owns the output's scene only while it is open: close() unloads it and gives the
// output its loop setting back.

#include "app/src/marker_list_model.h"

#include "audio/audio_buffer.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <optional>

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

class AudioOutput;
class DatabaseWriter;
class Library;

class ListeningController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ListeningController belongs to App")
    Q_PROPERTY(bool active READ active NOTIFY trackChanged)   // a track is open in the view
    Q_PROPERTY(QString materialId READ materialId NOTIFY trackChanged)
    Q_PROPERTY(QString path READ path NOTIFY trackChanged)
    Q_PROPERTY(QString title READ title NOTIFY trackChanged)
    Q_PROPERTY(QString genre READ genre NOTIFY trackChanged)
    Q_PROPERTY(double duration READ duration NOTIFY trackChanged) // s
    Q_PROPERTY(QByteArray overview READ overview NOTIFY trackChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY stateChanged)     // decoding the file
    Q_PROPERTY(bool ready READ ready NOTIFY stateChanged)         // its scene is the output's
    Q_PROPERTY(bool playing READ playing NOTIFY stateChanged)
    Q_PROPERTY(double playhead READ playhead NOTIFY playheadChanged) // s into the track
    // The section looped (from a marker to the next, or the end): loopStart..loopEnd; while
    // none is, the whole track plays once through (loopStart 0, loopEnd the duration).
    Q_PROPERTY(bool sectionLooping READ sectionLooping NOTIFY loopChanged)
    Q_PROPERTY(double loopStart READ loopStart NOTIFY loopChanged)
    Q_PROPERTY(double loopEnd READ loopEnd NOTIFY loopChanged)
    Q_PROPERTY(qint64 loopMarkerId READ loopMarkerId NOTIFY loopChanged) // 0: none
    Q_PROPERTY(earlab::app::MarkerListModel* markers READ markers CONSTANT)
    Q_PROPERTY(QStringList categories READ categories CONSTANT)         // keys, editor order (1-5)
    Q_PROPERTY(QStringList categoryLabels READ categoryLabels CONSTANT) // "Balance", "Tone/EQ", …
    Q_PROPERTY(bool canUndoRemove READ canUndoRemove NOTIFY undoChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoChanged)       // "Deleted 01:23.4 Tone/EQ"
    // The last outcome for the user: an export written, or what failed (naming the file and
    // the cause). Empty: nothing to say.
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
    Q_PROPERTY(int pendingWrites READ pendingWrites NOTIFY pendingWritesChanged)

public:
    static constexpr double kNudgeSeconds = 5.0;

    // `store` is the UI thread's store (reads), `writer` writes to the same database; both,
    // and `audio` and `library`, must outlive this object.
    ListeningController(AudioOutput* audio, Library* library, ProgressStore* store, DatabaseWriter* writer,
                        QObject* parent = nullptr);
    ~ListeningController() override;

    bool active() const { return !m_path.isEmpty(); }
    QString materialId() const { return m_materialId; }
    QString path() const { return m_path; }
    QString title() const { return m_title; }
    QString genre() const { return m_genre; }
    double duration() const { return m_duration; }
    QByteArray overview() const { return m_overview; }
    bool loading() const { return m_loading; }
    bool ready() const { return m_ready; }
    bool playing() const;
    double playhead() const { return m_playhead; }
    bool sectionLooping() const { return m_loopMarkerId != 0; }
    double loopStart() const { return m_loopStart; }
    double loopEnd() const { return m_loopMarkerId != 0 ? m_loopEnd : m_duration; }
    qint64 loopMarkerId() const { return m_loopMarkerId; }
    MarkerListModel* markers() const { return m_markers; }
    QStringList categories() const;
    QStringList categoryLabels() const;
    bool canUndoRemove() const { return m_removed.has_value(); }
    QString undoText() const;
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }
    int pendingWrites() const { return int(m_tickets.size()); }

    // Opens the Library's entry `materialId` (a scanned file or folder of stems of the
    // user's): its markers at once, its audio once decoded. False (and `message`) if it is
    // not one.
    Q_INVOKABLE bool open(const QString& materialId);
    // Stops, unloads the scene and closes the track.
    Q_INVOKABLE void close();

    Q_INVOKABLE void togglePlay();
    Q_INVOKABLE void seek(double seconds);   // clamped to the track
    Q_INVOKABLE void nudge(double seconds);  // from the playhead: ← → move by ±kNudgeSeconds

    // A new marker at `positionSeconds` with `category` (a key) and `note`. False (and
    // `message`) at once for an invalid one; the list shows it once it is stored.
    Q_INVOKABLE bool addMarker(double positionSeconds, const QString& category, const QString& note);
    // The position too: a marker dropped late (M pressed after the moment) is moved onto it.
    Q_INVOKABLE bool editMarker(qint64 id, double positionSeconds, const QString& category, const QString& note);
    Q_INVOKABLE void removeMarker(qint64 id); // the last one removed can be brought back
    Q_INVOKABLE void undoRemove();
    // Loops the section of marker `id` (from it to the next marker further on, or the end)
    // and plays it from its start; stopLoop() goes back to the whole track.
    Q_INVOKABLE void loopMarker(qint64 id);
    Q_INVOKABLE void stopLoop();

    // The genre of the open track, as the user names it (Library::setGenre: a rescan keeps it).
    Q_INVOKABLE void setGenre(const QString& genre);

    // Writes the open track's markers to `path` (a path or a file: URL): "text" or "csv".
    // True on success; `message` says where, or why not.
    Q_INVOKABLE bool exportTo(const QString& format, const QString& path);
    // The same, asking where with a save dialog (suggesting "<track> markers.txt|csv" beside
    // the track).
    Q_INVOKABLE void exportWithDialog(const QString& format);
    Q_INVOKABLE void clearMessage();
    // "01:23.4", as the markers list and the exports write a time.
    Q_INVOKABLE QString timeText(double seconds) const;

signals:
    void trackChanged();
    void stateChanged();
    void playheadChanged();
    void loopChanged();
    void undoChanged();
    void messageChanged();
    void pendingWritesChanged();

private:
    struct Decoded {
        QString path;
        std::shared_ptr<const AudioBuffer> audio;
        QString error;
    };
    void startDecoding(); // of m_path
    void onDecoded();
    void reloadMarkers();
    void submit(const QString& doing, std::function<void(ProgressStore&)> job);
    void onWritten(quint64 ticket, const QString& error);
    void setMessage(const QString& text, bool error);
    void setPlayhead(double seconds);
    void followAudio();
    void applyLoop();
    QString suggestedExportPath(const QString& format) const;

    AudioOutput* m_audio;
    Library* m_library;
    ProgressStore* m_store;
    DatabaseWriter* m_writer;
    MarkerListModel* m_markers;
    QFutureWatcher<Decoded> m_decoding;
    QString m_materialId;
    QString m_path;
    QString m_title;
    QString m_genre;
    double m_duration = 0.0;
    QByteArray m_overview;
    bool m_loading = false;
    bool m_ready = false;
    double m_playhead = 0.0;
    qint64 m_loopMarkerId = 0;
    double m_loopStart = 0.0;
    double m_loopEnd = 0.0;
    std::optional<bool> m_outputLooping; // the output's loop setting before the view took it
    std::optional<TrackMarker> m_removed;
    QSet<quint64> m_tickets;
    QString m_message;
    bool m_messageIsError = false;
};

} // namespace earlab::app
