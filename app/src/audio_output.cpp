#include "app/src/audio_output.h"

#include "app/src/listening_level.h"
#include "app/src/preferences.h"

#include "audio/audio_error.h"
#include "audio/engine/devices.h"
#include "audio/engine/engine.h"
#include "audio/engine/portaudio_session.h"

#include <algorithm>
#include <cmath>

namespace earlab::app {

AudioOutput::AudioOutput(Preferences* preferences, QObject* parent)
    : QObject(parent), m_preferences(preferences)
{
    m_poll.setInterval(40);
    connect(&m_poll, &QTimer::timeout, this, &AudioOutput::poll);
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &AudioOutput::idleTimeout);
    connect(preferences, &Preferences::crossfadeMsChanged, this, [this] {
        if (m_engine)
            m_engine->setCrossfadeMs(crossfadeMs());
    });
    connect(preferences, &Preferences::outputLevelDbChanged, this, [this] {
        if (m_engine)
            m_engine->setOutputLevelDb(m_preferences->outputLevelDb());
    });
    connect(preferences, &Preferences::bufferFramesChanged, this, &AudioOutput::retry);
    m_statusMessage = tr("The audio output has not been opened yet.");
}

AudioOutput::~AudioOutput()
{
    if (m_engine) {
        m_engine->stop(false);
        m_engine->close();
    }
}

double AudioOutput::lengthSeconds() const
{
    return m_hasScene ? double(m_scene.lengthFrames()) / kEngineSampleRate : 0.0;
}

void AudioOutput::setVariantHidden(bool hidden)
{
    if (hidden == m_variantHidden)
        return;
    m_variantHidden = hidden;
    emit variantChanged();
    emit positionChanged();
}

void AudioOutput::setCrossfadeOverride(std::optional<double> ms)
{
    m_crossfadeOverride = ms ? std::optional<double>(std::clamp(*ms, 0.0, 50.0)) : std::nullopt;
    if (m_engine)
        m_engine->setCrossfadeMs(crossfadeMs());
}

double AudioOutput::crossfadeMs() const
{
    return m_crossfadeOverride ? *m_crossfadeOverride : m_preferences->crossfadeMs();
}

int AudioOutput::framesPerBuffer() const
{
    return streamOpen() ? m_engine->framesPerBuffer() : m_preferences->bufferFrames();
}

void AudioOutput::retry()
{
    open(m_preferences->deviceName());
}

void AudioOutput::openDevice(const QString& name)
{
    open(name);
    if (m_available)
        m_preferences->setDeviceName(name);
}

void AudioOutput::open(const QString& name)
{
    const bool wasPlaying = m_playing;
    m_released = false; // whatever open() leaves is the device's true state
    try {
        if (!m_engine) {
            PlayerConfig config;
            config.crossfadeMs = crossfadeMs();
            config.outputLevelDb = m_preferences->outputLevelDb();
            m_engine = std::make_unique<Engine>(config);
        }
        m_engine->close();
        m_engine->open(name.toStdString(), m_preferences->bufferFrames());
        m_deviceName = QString::fromStdString(m_engine->device().name);
        setStatus(true, tr("Playing through %1 (%2 frames per buffer).")
                            .arg(m_deviceName)
                            .arg(m_engine->framesPerBuffer()));
    } catch (const AudioError& e) {
        failed(QString::fromStdString(e.what()));
    }
    // Without a stream the engine still takes the scene, so the exercise goes on silently.
    if (m_engine && m_hasScene) {
        m_engine->load(m_scene);
        m_engine->select(m_variant);
        if (wasPlaying && m_available)
            m_engine->play();
    }
    refreshDevices();
    m_poll.start();
    updateIdleRelease();
}

void AudioOutput::failed(const QString& why)
{
    m_deviceName.clear();
    setStatus(false, why);
}

bool AudioOutput::streamOpen() const
{
    return m_engine && m_engine->isOpen();
}

std::uint64_t AudioOutput::framesRendered() const
{
    return m_engine ? m_engine->framesRendered() : 0;
}

void AudioOutput::setIdleReleaseMs(int ms)
{
    m_idleReleaseMs = std::max(ms, 0);
    m_idle.stop(); // counts again from now with the new time
    updateIdleRelease();
}

// Called whenever the playing state may have changed: a stopped, working stream starts the
// countdown once; playing (or no stream) cancels it.
void AudioOutput::updateIdleRelease()
{
    if (m_playing || !m_available || !streamOpen() || m_idleReleaseMs <= 0) {
        m_idle.stop();
        return;
    }
    if (m_idle.isActive())
        return;
    m_idleSince.start();
    m_idle.start(m_idleReleaseMs);
}

void AudioOutput::idleTimeout()
{
    const qint64 idle = m_idleSince.elapsed();
    // A coarse timer may fire a little early: wait out the rest.
    if (!releaseIfIdle(idle) && !m_playing && m_available && streamOpen() && m_idleReleaseMs > 0)
        m_idle.start(int(std::max<qint64>(m_idleReleaseMs - idle, 1)));
}

bool AudioOutput::releaseIfIdle(qint64 idleForMs)
{
    // A failed stream is the failure path's business, not idleness.
    if (m_playing || !m_available || !streamOpen() || m_engine->isPlaying() || m_idleReleaseMs <= 0 ||
        idleForMs < m_idleReleaseMs)
        return false;
    m_idle.stop();
    m_engine->close(); // the player, and with it scene, playhead and treatments, stays
    m_released = true;
    // Nothing moves without a stream: no need to wake 25 times a second on a laptop.
    m_poll.stop();
    return true;
}

// Before anything sounds: opens the released stream on the same device. When that fails
// (the device is gone) the banner says why, as for any open, and the engine plays silently.
void AudioOutput::resumeStream()
{
    if (!m_released)
        return;
    m_released = false;
    m_poll.start();
    try {
        m_engine->reopen();
    } catch (const AudioError& e) {
        failed(QString::fromStdString(e.what()));
        refreshDevices();
    }
}

void AudioOutput::refreshDevices()
{
    QStringList names;
    try {
        PortAudioSession session;
        QuietStderr quiet;
        for (const auto& d : listOutputDevices())
            names << QString::fromStdString(d.name);
    } catch (const AudioError&) {
        // No PortAudio at all: the list stays empty and the banner already says why.
    }
    if (names != m_deviceNames) {
        m_deviceNames = names;
        emit devicesChanged();
    }
}

void AudioOutput::setStatus(bool available, QString message)
{
    if (!message.isEmpty() && !message.endsWith('.'))
        message += '.'; // the banner goes on with another sentence
    if (available == m_available && message == m_statusMessage)
        return;
    m_available = available;
    m_statusMessage = message;
    emit statusChanged();
}

void AudioOutput::load(const Scene& scene)
{
    const bool wasPlaying = m_playing;
    m_scene = scene;
    m_scene.looping = m_looping;
    m_scene.initialVariant = std::clamp(m_variant, 0, int(scene.variants.size()) - 1);
    if (!m_engine) {
        m_hasScene = true;
        emit hasSceneChanged();
        return;
    }
    m_engine->load(m_scene);
    m_hasScene = true;
    emit hasSceneChanged();
    if (wasPlaying)
        m_engine->play();
    poll();
}

void AudioOutput::setTreatment(int variant, const Treatment& treatment)
{
    if (variant < 0 || variant >= int(m_scene.variants.size()))
        return;
    m_scene.variants[std::size_t(variant)].treatment = treatment;
    if (m_engine)
        m_engine->setTreatment(variant, treatment);
}

void AudioOutput::unload()
{
    stop();
    m_hasScene = false;
    m_scene = {};
    emit hasSceneChanged();
}

void AudioOutput::play()
{
    if (!m_engine || !m_hasScene)
        return;
    resumeStream();
    // Until the callback reports playing, the countdown must not run on from before: it
    // starts again, from now, only should the play not take.
    m_idle.stop();
    if (m_engine->isAtEnd())
        m_engine->seek(0);
    m_engine->play();
    poll();
}

void AudioOutput::stop()
{
    if (m_engine && m_hasScene)
        m_engine->stop(false);
    poll();
}

void AudioOutput::togglePlay()
{
    if (m_playing)
        stop();
    else
        play();
}

void AudioOutput::seek(double seconds)
{
    if (!m_engine || !m_hasScene)
        return;
    const std::int64_t length = m_scene.lengthFrames();
    const double wanted = std::isfinite(seconds) ? seconds * kEngineSampleRate : 0.0;
    const auto frame = std::clamp<std::int64_t>(std::llround(wanted), 0, std::max<std::int64_t>(length - 1, 0));
    m_engine->seek(frame);
    const double position = length > 0 ? double(frame) / double(length) : 0.0;
    if (position != m_position) {
        m_position = position;
        emit positionChanged();
    }
}

void AudioOutput::select(int variant)
{
    if (!m_hasScene || variant < 0 || variant >= int(m_scene.variants.size()))
        return;
    m_variant = variant;
    m_scene.initialVariant = variant;
    if (m_engine)
        m_engine->select(variant);
    if (!m_variantHidden)
        emit variantChanged();
}

void AudioOutput::playFromSilence(int variant)
{
    if (!m_hasScene || variant < 0 || variant >= int(m_scene.variants.size()))
        return;
    // Selected while silent, the player switches at once (ScenePlayer, Select).
    if (m_engine && m_engine->isPlaying())
        m_engine->stop(true); // the answer's fade out, played to its end
    select(variant);
    play();
}

void AudioOutput::toggleVariant()
{
    select(m_variant == 0 ? 1 : 0);
}

void AudioOutput::setLooping(bool on)
{
    if (on == m_looping)
        return;
    m_looping = on;
    m_scene.looping = on;
    if (m_engine && m_hasScene)
        applyLoop();
    emit loopingChanged();
}

void AudioOutput::applyLoop()
{
    const LoopRegion& r = m_scene.loop;
    if (r.endFrame > r.startFrame)
        m_engine->setLoop(m_looping, r.startFrame, r.endFrame);
    else
        m_engine->setLoop(m_looping, 0, m_scene.lengthFrames());
}

void AudioOutput::setLoopRegion(const LoopRegion& region)
{
    m_scene.loop = region;
    if (m_engine && m_hasScene)
        applyLoop();
}

void AudioOutput::poll()
{
    if (!m_engine)
        return;
    if (m_available && m_engine->streamFailed())
        setStatus(false, tr("The audio device %1 stopped working.").arg(m_deviceName));
    // Without a stream nothing advances: a scene "plays" silently, so show it stopped.
    const bool playing = m_available && m_hasScene && m_engine->isPlaying();
    if (playing != m_playing) {
        m_playing = playing;
        emit playingChanged();
    }
    updateIdleRelease();
    const auto length = m_scene.lengthFrames();
    const double position = length > 0 ? double(m_engine->playheadFrame() % std::max<std::int64_t>(length, 1)) / double(length) : 0.0;
    const auto meters = m_engine->meters();
    const float peak = std::max(meters.peak[0], meters.peak[1]);
    const double peakDb = playing && peak > 1e-6f ? 20.0 * std::log10(double(peak)) : -120.0;
    const double rmsDb = playing ? stereoRmsDbfs(meters.rms[0], meters.rms[1]) : -120.0;
    if (position != m_position || peakDb != m_peakDb || rmsDb != m_rmsDb) {
        const bool moved = position != m_position;
        m_position = position;
        m_peakDb = peakDb;
        m_rmsDb = rmsDb;
        if (moved || !m_variantHidden)
            emit positionChanged();
    }
}

} // namespace earlab::app
