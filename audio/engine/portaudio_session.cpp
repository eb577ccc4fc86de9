#include "audio/engine/portaudio_session.h"

#include "audio/audio_error.h"

#include <portaudio.h>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>

namespace earlab {

namespace {
std::mutex g_mutex;
int g_references = 0;
bool g_abandoned = false;
} // namespace

QuietStderr::QuietStderr()
{
    if (std::getenv("EARLAB_AUDIO_VERBOSE"))
        return;
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    const int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved_ < 0 || devnull < 0) {
        if (devnull >= 0)
            ::close(devnull);
        return;
    }
    ::dup2(devnull, STDERR_FILENO);
    ::close(devnull);
}

QuietStderr::~QuietStderr()
{
    if (saved_ < 0)
        return;
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
}

PortAudioSession::PortAudioSession()
{
    std::lock_guard lock(g_mutex);
    if (g_references == 0) {
        // Without this, libjack tries to start a JACK server of its own when none runs,
        // which takes seconds and can grab the sound card.
        ::setenv("JACK_NO_START_SERVER", "1", 0);
        QuietStderr quiet;
        const PaError err = Pa_Initialize();
        if (err != paNoError)
            throw AudioError(AudioErrorKind::NoDevice, "PortAudio",
                             std::string("cannot start the audio system: ") + Pa_GetErrorText(err));
    }
    ++g_references;
}

PortAudioSession::~PortAudioSession()
{
    std::lock_guard lock(g_mutex);
    if (--g_references == 0 && !g_abandoned)
        Pa_Terminate();
}

void PortAudioSession::abandonDeadStream()
{
    std::lock_guard lock(g_mutex);
    g_abandoned = true;
}

} // namespace earlab
