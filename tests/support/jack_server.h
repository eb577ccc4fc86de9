#pragma once
// A JACK dummy server that a test starts and stops itself: real-time pacing with no sound
// card. `jackd -n NAME -R -d dummy -r 48000 -p 256` when this process may use SCHED_FIFO
// (root, or an rtprio limit), else `-r`. Real-time scheduling is what a real JACK set-up
// uses; without it a shared VM delays the dummy clock's thread or the client's thread now and
// then (measured: 1 underrun per 10 s in CI, with -R none even with four CPU hogs running).

#include <QProcess>
#include <QString>

namespace earlab::test {

class JackServer {
public:
    explicit JackServer(const QString& name) : name_(name) { qputenv("JACK_DEFAULT_SERVER", name.toUtf8()); }
    ~JackServer() { stop(); }

    // Starts jackd and waits (up to 10 s) until PortAudio lists its "system" output.
    bool start();
    void stop();
    bool isRunning() const { return process_.state() == QProcess::Running; }
    bool isRealtime() const { return realtime_; }
    // Everything jackd printed since the last call (its xrun reports name the late party).
    QString output()
    {
        while (process_.waitForReadyRead(0)) { // no event loop runs here to pull the pipe
        }
        return QString::fromLocal8Bit(process_.readAll());
    }

    // Whether a thread of this process may switch to SCHED_FIFO (tried on a throwaway thread).
    static bool realtimeSchedulingAllowed();

private:
    QString name_;
    QProcess process_;
    bool realtime_ = false;
};

} // namespace earlab::test
