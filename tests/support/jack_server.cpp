#include "support/jack_server.h"

#include "audio/engine/devices.h"
#include "audio/engine/portaudio_session.h"

#include <QThread>

#include <pthread.h>
#include <sched.h>

#include <thread>

namespace earlab::test {

bool JackServer::realtimeSchedulingAllowed()
{
    bool allowed = false;
    std::thread probe([&allowed] {
        sched_param p{};
        p.sched_priority = 10;
        allowed = pthread_setschedparam(pthread_self(), SCHED_FIFO, &p) == 0;
    });
    probe.join();
    return allowed;
}

bool JackServer::start()
{
    realtime_ = realtimeSchedulingAllowed();
    process_.setProcessChannelMode(QProcess::MergedChannels);
    process_.start("jackd", {"-n", name_, realtime_ ? "-R" : "-r", "-d", "dummy", "-r", "48000", "-p", "256"});
    if (!process_.waitForStarted(5000))
        return false;
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (process_.state() != QProcess::Running)
            return false;
        {
            PortAudioSession session; // a fresh PortAudio scan each time
            for (const auto& d : listOutputDevices())
                if (d.name == "system")
                    return true;
        }
        QThread::msleep(100);
    }
    return false;
}

void JackServer::stop()
{
    if (process_.state() == QProcess::NotRunning)
        return;
    process_.terminate();
    if (!process_.waitForFinished(5000)) {
        process_.kill();
        process_.waitForFinished(2000);
    }
}

} // namespace earlab::test
