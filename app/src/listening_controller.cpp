#include "app/src/listening_controller.h"

#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/library.h"
#include "app/src/track_decode.h"

#include "audio/engine/player_config.h"
#include "audio/engine/scene.h"
#include "exercises/marker_export.h"
#include "exercises/track_marker_store.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QUrl>

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace earlab::app {

namespace {

std::int64_t frameAt(double seconds)
{
    return std::llround(std::max(0.0, seconds) * kEngineSampleRate);
}

// A marker as it would be stored, to check it before its write is queued.
QString whyNotStorable(const QString& path, double position, const QString& category)
{
    TrackMarker m;
    m.path = path;
    m.positionSeconds = position;
    m.category = category;
    m.createdAt = QDateTime::currentDateTimeUtc();
    return whyInvalid(m);
}

} // namespace

ListeningController::ListeningController(AudioOutput* audio, Library* library, ProgressStore* store,
                                         DatabaseWriter* writer, QObject* parent)
    : QObject(parent), m_audio(audio), m_library(library), m_store(store), m_writer(writer),
      m_markers(new MarkerListModel(this))
{
    connect(&m_decoding, &QFutureWatcher<Decoded>::finished, this, &ListeningController::onDecoded);
    connect(m_audio, &AudioOutput::positionChanged, this, &ListeningController::followAudio);
    connect(m_audio, &AudioOutput::playingChanged, this, [this] {
        followAudio();
        emit stateChanged();
    });
    connect(m_writer, &DatabaseWriter::jobDone, this, [this](quint64 ticket) { onWritten(ticket, {}); });
    connect(m_writer, &DatabaseWriter::failed, this, &ListeningController::onWritten);
}

ListeningController::~ListeningController()
{
    m_decoding.waitForFinished(); // the worker captures nothing of this object, but finish it
}

bool ListeningController::playing() const
{
    return m_ready && m_audio->playing();
}

QStringList ListeningController::categories() const
{
    return markerCategories();
}

QStringList ListeningController::categoryLabels() const
{
    QStringList labels;
    for (const QString& key : markerCategories())
        labels << markerCategoryLabel(key);
    return labels;
}

QString ListeningController::undoText() const
{
    if (!m_removed)
        return {};
    return tr("Deleted %1 %2").arg(markerTimeText(m_removed->positionSeconds), markerCategoryLabel(m_removed->category));
}

bool ListeningController::open(const QString& materialId)
{
    int row = -1;
    for (int i = 0; i < m_library->rowCount(); ++i) {
        if (m_library->data(m_library->index(i), Library::MaterialIdRole).toString() == materialId) {
            row = i;
            break;
        }
    }
    const auto value = [&](int role) { return m_library->data(m_library->index(row), role); };
    if (row < 0 || value(Library::KindRole).toString() != QLatin1String("file")
        || value(Library::StatusRole).toString() != QLatin1String("ready")) {
        setMessage(tr("Only a scanned file of yours opens in the listening view."), true);
        return false;
    }
    close();
    m_materialId = materialId;
    m_path = value(Library::PathRole).toString();
    m_title = value(Library::TitleRole).toString();
    m_genre = value(Library::GenreRole).toString();
    m_duration = value(Library::DurationRole).toDouble();
    m_overview = value(Library::OverviewRole).toByteArray();
    m_loading = true;
    clearMessage();
    emit trackChanged();
    emit stateChanged();
    emit loopChanged();
    reloadMarkers();
    if (!m_decoding.isRunning())
        startDecoding(); // else onDecoded() sees the path changed and decodes this one
    return true;
}

void ListeningController::startDecoding()
{
    const QString path = m_path;
    m_decoding.setFuture(QtConcurrent::run([path]() {
        Decoded d{path, nullptr, {}};
        d.audio = decodeForPlayback(path, &d.error);
        return d;
    }));
}

void ListeningController::onDecoded()
{
    const Decoded d = m_decoding.result();
    if (d.path != m_path) { // closed, or another track opened meanwhile
        if (active())
            startDecoding();
        return;
    }
    m_loading = false;
    if (!d.audio) {
        setMessage(d.error, true);
        emit stateChanged();
        return;
    }
    m_duration = double(d.audio->frames()) / kEngineSampleRate; // as decoded: the engine's truth
    Scene scene;
    scene.variants.push_back({d.audio, Treatment{}, "track"});
    // Start to finish, once: the loop is only ever a marker's section.
    m_outputLooping = m_audio->looping();
    m_audio->setLooping(false);
    m_audio->load(scene);
    m_audio->stop();
    m_audio->seek(m_playhead);
    m_ready = true;
    emit trackChanged();
    emit stateChanged();
    emit loopChanged();
}

void ListeningController::close()
{
    if (!active() && !m_ready)
        return;
    if (m_ready) {
        m_audio->stop();
        m_audio->setLoopRegion({});
        m_audio->unload();
        if (m_outputLooping)
            m_audio->setLooping(*m_outputLooping);
    }
    m_outputLooping.reset();
    m_ready = false;
    m_loading = false;
    m_materialId.clear();
    m_path.clear();
    m_title.clear();
    m_genre.clear();
    m_duration = 0.0;
    m_overview.clear();
    m_loopMarkerId = 0;
    m_removed.reset();
    m_markers->setMarkers({}, 0.0);
    setPlayhead(0.0);
    emit trackChanged();
    emit stateChanged();
    emit loopChanged();
    emit undoChanged();
}

void ListeningController::togglePlay()
{
    if (!m_ready)
        return;
    if (m_audio->playing()) {
        m_audio->stop();
        return;
    }
    // From where the playhead is; at the end of the track (or outside the looped section) from
    // the start of what plays.
    const double from = sectionLooping() ? m_loopStart : 0.0;
    if (m_playhead >= loopEnd() - 0.01 || m_playhead < from)
        seek(from);
    m_audio->play();
}

void ListeningController::seek(double seconds)
{
    if (!active())
        return;
    const double s = std::clamp(std::isfinite(seconds) ? seconds : 0.0, 0.0, m_duration);
    setPlayhead(s);
    if (m_ready)
        m_audio->seek(s);
}

void ListeningController::nudge(double seconds)
{
    seek(m_playhead + seconds);
}

void ListeningController::setPlayhead(double seconds)
{
    if (seconds == m_playhead)
        return;
    m_playhead = seconds;
    emit playheadChanged();
}

void ListeningController::followAudio()
{
    // Stopped, the playhead is where the user put it: the output's position catches up with
    // a seek only once the callback took it.
    if (m_ready && m_audio->playing())
        setPlayhead(m_audio->position() * m_audio->lengthSeconds());
}

bool ListeningController::addMarker(double positionSeconds, const QString& category, const QString& note)
{
    if (!active())
        return false;
    const double position = std::clamp(positionSeconds, 0.0, std::max(m_duration, 0.0));
    if (const QString why = whyNotStorable(m_path, position, category); !why.isEmpty()) {
        setMessage(tr("The marker was not added: %1.").arg(why), true);
        return false;
    }
    const QString path = m_path;
    submit(tr("Could not save the marker"), [path, position, category, note](ProgressStore& store) {
        TrackMarkerStore(store).add(path, position, category, note);
    });
    return true;
}

bool ListeningController::editMarker(qint64 id, double positionSeconds, const QString& category, const QString& note)
{
    if (m_markers->rowOf(id) < 0)
        return false;
    const double position = std::clamp(positionSeconds, 0.0, duration());
    if (const QString why = whyNotStorable(m_path, position, category); !why.isEmpty()) {
        setMessage(tr("The marker was not changed: %1.").arg(why), true);
        return false;
    }
    submit(tr("Could not change the marker"), [id, position, category, note](ProgressStore& store) {
        TrackMarkerStore(store).edit(id, position, category, note);
    });
    return true;
}

void ListeningController::removeMarker(qint64 id)
{
    const int row = m_markers->rowOf(id);
    if (row < 0)
        return;
    m_removed = m_markers->markers()[row];
    emit undoChanged();
    submit(tr("Could not delete the marker"), [id](ProgressStore& store) { TrackMarkerStore(store).remove(id); });
}

void ListeningController::undoRemove()
{
    if (!m_removed)
        return;
    // The same marker again: its uid and creation time, so an export made before the delete
    // still names it.
    const TrackMarker marker = *m_removed;
    m_removed.reset();
    emit undoChanged();
    submit(tr("Could not bring the marker back"), [marker](ProgressStore& store) { TrackMarkerStore(store).merge({marker}); });
}

void ListeningController::loopMarker(qint64 id)
{
    const int row = m_markers->rowOf(id);
    if (row < 0 || !m_ready)
        return;
    const double start = m_markers->markers()[row].positionSeconds;
    const double end = std::min(m_markers->sectionEnd(row), m_duration);
    if (end - start < 0.1) {
        setMessage(tr("The marker at %1 is at the end of the track: there is no section to loop.")
                       .arg(markerTimeText(start)), true);
        return;
    }
    m_loopMarkerId = id;
    m_loopStart = start;
    m_loopEnd = end;
    applyLoop();
    seek(start);
    m_audio->play();
    emit loopChanged();
}

void ListeningController::stopLoop()
{
    if (m_loopMarkerId == 0)
        return;
    m_loopMarkerId = 0;
    if (m_ready) {
        m_audio->setLoopRegion({});
        m_audio->setLooping(false);
    }
    emit loopChanged();
}

void ListeningController::applyLoop()
{
    if (!m_ready)
        return;
    m_audio->setLoopRegion({frameAt(m_loopStart), frameAt(m_loopEnd)});
    m_audio->setLooping(true);
}

void ListeningController::reloadMarkers()
{
    if (!active())
        return;
    try {
        m_markers->setMarkers(TrackMarkerStore(*m_store).markers(m_path), m_duration);
    } catch (const StoreError& e) {
        setMessage(e.message(), true);
        return;
    }
    if (m_loopMarkerId == 0)
        return;
    // The looped marker moved or went: its section follows it, or the loop ends.
    const int row = m_markers->rowOf(m_loopMarkerId);
    if (row < 0) {
        stopLoop();
        return;
    }
    m_loopStart = m_markers->markers()[row].positionSeconds;
    m_loopEnd = std::min(m_markers->sectionEnd(row), m_duration);
    applyLoop();
    emit loopChanged();
}

void ListeningController::submit(const QString& doing, std::function<void(ProgressStore&)> job)
{
    m_tickets.insert(m_writer->submit(doing, std::move(job)));
    emit pendingWritesChanged();
}

void ListeningController::onWritten(quint64 ticket, const QString& error)
{
    if (!m_tickets.remove(ticket))
        return; // another part of the app's write
    if (!error.isEmpty())
        setMessage(error, true);
    reloadMarkers();
    emit pendingWritesChanged();
}

void ListeningController::setGenre(const QString& genre)
{
    if (!active() || genre.trimmed() == m_genre)
        return;
    if (!m_library->setGenre(m_materialId, genre))
        return; // the Library's problem says why
    m_genre = genre.trimmed();
    emit trackChanged();
}

bool ListeningController::exportTo(const QString& format, const QString& path)
{
    const QUrl url(path);
    const QString file = url.isLocalFile() ? url.toLocalFile() : path;
    if (!active() || file.isEmpty())
        return false;
    const QList<TrackMarker>& markers = m_markers->markers();
    try {
        if (format == QLatin1String("csv"))
            saveMarkersCsv(file, markers);
        else if (format == QLatin1String("text"))
            saveMarkersText(file, markers);
        else
            return false;
    } catch (const MarkerFileError& e) {
        setMessage(e.message(), true);
        return false;
    }
    setMessage(tr("%n marker(s) saved to %1.", nullptr, int(markers.size())).arg(file), false);
    return true;
}

QString ListeningController::suggestedExportPath(const QString& format) const
{
    const QFileInfo track(m_path);
    const QString name = tr("%1 markers.%2").arg(track.completeBaseName(), format == QLatin1String("csv") ? "csv" : "txt");
    return track.dir().filePath(name);
}

void ListeningController::exportWithDialog(const QString& format)
{
    if (!active())
        return;
    const bool csv = format == QLatin1String("csv");
    const QString path = QFileDialog::getSaveFileName(
        nullptr, csv ? tr("Export the markers for a DAW") : tr("Export the markers as text"), suggestedExportPath(format),
        csv ? tr("Marker list (*.csv)") : tr("Text (*.txt)"));
    if (!path.isEmpty())
        exportTo(format, path);
}

void ListeningController::setMessage(const QString& text, bool error)
{
    if (text == m_message && error == m_messageIsError)
        return;
    m_message = text;
    m_messageIsError = error;
    emit messageChanged();
}

QString ListeningController::timeText(double seconds) const
{
    return markerTimeText(seconds);
}

void ListeningController::clearMessage()
{
    setMessage({}, false);
}

} // namespace earlab::app
