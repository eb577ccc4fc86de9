#pragma once
// Plays a loop region of one of the user's files on the Library page, so a region can be
// heard before it is pinned. The file is decoded once on a worker thread (at the engine's
// rate, stereo) and kept while regions of it are tried; each region is cut from it and played
// flat through the app's AudioOutput, looping when the transport's loop is on.
//
// The preview owns the AudioOutput's scene only while it is active: a session loads its own
// scene on start, and App stops the preview when the Library page is left.

#include "audio/audio_buffer.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace earlab::app {

class AudioOutput;

class LoopPreview : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LoopPreview belongs to App")
    Q_PROPERTY(QString path READ path NOTIFY changed)       // the file previewed ("" = none)
    Q_PROPERTY(bool loading READ loading NOTIFY changed)    // decoding it
    Q_PROPERTY(bool active READ active NOTIFY changed)      // its region is the output's scene
    Q_PROPERTY(double startSeconds READ startSeconds NOTIFY changed)
    Q_PROPERTY(double lengthSeconds READ lengthSeconds NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)     // names the file and the cause; "" = none

public:
    explicit LoopPreview(AudioOutput* audio, QObject* parent = nullptr);
    ~LoopPreview() override;

    QString path() const { return m_path; }
    bool loading() const { return m_loading; }
    bool active() const { return m_active; }
    double startSeconds() const { return m_start; }
    double lengthSeconds() const { return m_length; }
    QString error() const { return m_error; }

    // Plays [start, start + length) s of `path` from its beginning (decoding the file first
    // if it is not the one kept). Called again while active, it moves to the new region.
    Q_INVOKABLE void play(const QString& path, double startSeconds, double lengthSeconds);
    // Stops and gives the output back (its scene unloaded). Does nothing when inactive.
    Q_INVOKABLE void stop();
    // Stops and lets go of the decoded file (about 11.5 MB per stereo minute): the Library
    // page was left.
    void release();

signals:
    void changed();

private:
    struct Decoded {
        QString path;
        std::shared_ptr<const AudioBuffer> audio;
        QString error;
    };
    void onDecoded();
    void start();

    AudioOutput* m_audio;
    QFutureWatcher<Decoded> m_decoding;
    std::shared_ptr<const AudioBuffer> m_file; // the decoded file of m_path, once loaded
    QString m_path;
    double m_start = 0.0;
    double m_length = 0.0;
    bool m_loading = false;
    bool m_active = false;
    QString m_error;
};

} // namespace earlab::app
