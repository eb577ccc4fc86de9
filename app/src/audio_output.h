#pragma once
// The app's face of the audio engine. Every Engine call happens here, on the UI thread (the
// Engine has one control thread by design). When no device can be opened the engine still
// takes scenes and commands, so the exercises keep working silently while a banner says why.
// Nothing playing for idleReleaseMs(): the stream is closed (released) so the device is free
// for other apps and a laptop may sleep it; the engine keeps the scene, variant, loop,
// playhead and treatments, and the next play() opens the same device again before it starts
// with the engine's usual fade-in. A released stream is not a failure: `available` and
// statusMessage stay as they were.

#include "audio/engine/scene.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <memory>
#include <optional>

namespace earlab {
class Engine;
struct Treatment;
}

namespace earlab::app {

class Preferences;

class AudioOutput : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AudioOutput belongs to App")
    Q_PROPERTY(bool available READ available NOTIFY statusChanged)
    Q_PROPERTY(QString statusMessage READ statusMessage NOTIFY statusChanged)
    Q_PROPERTY(QString deviceName READ deviceName NOTIFY statusChanged)
    Q_PROPERTY(QStringList deviceNames READ deviceNames NOTIFY devicesChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playingChanged)
    Q_PROPERTY(int variant READ variant NOTIFY variantChanged)
    Q_PROPERTY(bool looping READ looping NOTIFY loopingChanged)
    Q_PROPERTY(bool hasScene READ hasScene NOTIFY hasSceneChanged)
    Q_PROPERTY(double position READ position NOTIFY positionChanged)  // 0..1 of the loop
    Q_PROPERTY(double lengthSeconds READ lengthSeconds NOTIFY hasSceneChanged)
    Q_PROPERTY(double peakDb READ peakDb NOTIFY positionChanged)      // output meter, dBFS
    // The same meter's RMS, both channels' mean power, dBFS (listening_level.h's stereoRmsDbfs).
    Q_PROPERTY(double rmsDb READ rmsDb NOTIFY positionChanged)

public:
    static constexpr int kDefaultIdleReleaseMs = 30000;

    explicit AudioOutput(Preferences* preferences, QObject* parent = nullptr);
    ~AudioOutput() override;

    bool available() const { return m_available; }
    QString statusMessage() const { return m_statusMessage; }
    QString deviceName() const { return m_deviceName; }
    QStringList deviceNames() const { return m_deviceNames; }
    bool playing() const { return m_playing; }
    // While hidden (a blind run, compare_controller.h) QML reads 0 and no change is signalled:
    // which item plays must not be reachable from QML.
    int variant() const { return m_variantHidden ? 0 : m_variant; }
    bool looping() const { return m_looping; }
    bool hasScene() const { return m_hasScene; }
    double position() const { return m_position; }
    double lengthSeconds() const;
    double peakDb() const { return m_variantHidden ? -120.0 : m_peakDb; } // hidden with the variant
    double rmsDb() const { return m_variantHidden ? -120.0 : m_rmsDb; }

    // The blind tests hide the selected variant (and the meter, which could tell two items
    // apart) from QML; C++ still selects by select().
    void setVariantHidden(bool hidden);
    bool variantHidden() const { return m_variantHidden; }
    // The Compare page's own switch crossfade (ms, 0 to 50) while it plays; nothing: the
    // training's, from Preferences, again.
    void setCrossfadeOverride(std::optional<double> ms);
    double crossfadeMs() const; // in force
    int framesPerBuffer() const; // of the open stream; the preference's when none is open

    // How long the output stays stopped before its stream is released; 0 never releases.
    void setIdleReleaseMs(int ms);
    int idleReleaseMs() const { return m_idleReleaseMs; }
    bool streamOpen() const;                              // false while released or without a device
    bool idleReleaseArmed() const { return m_idle.isActive(); } // the idle countdown runs
    // The idle timer's check, as if playback had stopped `idleForMs` ago: releases the stream
    // when nothing plays, the stream works and idleForMs >= idleReleaseMs(). Returns whether
    // it released. Public so a test can run it at a chosen moment instead of the wall clock's.
    bool releaseIfIdle(qint64 idleForMs);
    std::uint64_t framesRendered() const; // by the engine's callback, ever: shows when audio flows

    Q_INVOKABLE void retry();                 // opens the device from Preferences again
    Q_INVOKABLE void openDevice(const QString& name); // tries `name`; on success saves it
    Q_INVOKABLE void refreshDevices();
    Q_INVOKABLE void play();
    Q_INVOKABLE void stop();
    Q_INVOKABLE void togglePlay();
    // Moves the playhead to `seconds` into the scene (clamped to it), playing or not; the
    // listening view's transport. position follows at once.
    Q_INVOKABLE void seek(double seconds);
    Q_INVOKABLE void select(int variant);
    // For blind trials: waits out a stop's fade (if one is still sounding), selects `variant`
    // with no crossfade and plays, so the trial's first sound fades in on that item alone
    // and nothing of the one heard before blends into it.
    void playFromSilence(int variant);
    Q_INVOKABLE void toggleVariant(); // between 0 and 1
    Q_INVOKABLE void setLooping(bool on);
    Q_INVOKABLE void toggleLoop() { setLooping(!m_looping); }
    // The scene's loop region, changed in place (the playhead kept); empty: the whole scene.
    void setLoopRegion(const LoopRegion& region);
    const LoopRegion& loopRegion() const { return m_scene.loop; }

    // For the session: a new scene keeps playing if something was playing.
    void load(const Scene& scene);
    void setTreatment(int variant, const Treatment& treatment);
    void unload();

signals:
    void statusChanged();
    void devicesChanged();
    void playingChanged();
    void variantChanged();
    void loopingChanged();
    void hasSceneChanged();
    void positionChanged();

private:
    void open(const QString& name);
    void poll();
    void setStatus(bool available, QString message);
    void failed(const QString& why);
    void resumeStream();
    void updateIdleRelease();
    void applyLoop(); // the engine's loop: the scene's region, or the whole scene
    void idleTimeout();

    Preferences* m_preferences;
    std::unique_ptr<Engine> m_engine;
    Scene m_scene;
    QTimer m_poll;
    QTimer m_idle;              // single shot: nothing played for m_idleReleaseMs
    QElapsedTimer m_idleSince;  // since the output stopped
    int m_idleReleaseMs = kDefaultIdleReleaseMs;
    bool m_released = false;    // the stream was closed for idleness, not by a failure
    bool m_available = false;
    QString m_statusMessage;
    QString m_deviceName;
    QStringList m_deviceNames;
    bool m_playing = false;
    int m_variant = 0;
    bool m_looping = true;
    bool m_hasScene = false;
    bool m_variantHidden = false;
    std::optional<double> m_crossfadeOverride;
    double m_position = 0.0;
    double m_peakDb = -120.0;
    double m_rmsDb = -120.0;
};

} // namespace earlab::app
