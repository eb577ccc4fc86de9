#pragma once
// A JACK dummy server that a test starts and stops itself: real-time pacing with no sound
// card. `jackd -n NAME -r -d dummy -r 48000 -p 256` (-r before -d: no realtime scheduling,
// which needs privileges CI may not have).

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
    QString output() { return QString::fromLocal8Bit(process_.readAll()); }

private:
    QString name_;
    QProcess process_;
};

} // namespace earlab::test
