#pragma once
// PortAudio must be initialised before any device query and terminated after the last
// stream closes. A PortAudioSession holds one reference; the library is initialised by the
// first and terminated with the last (reference-counted, thread-safe, never on the audio
// thread).

namespace earlab {

class PortAudioSession {
public:
    PortAudioSession(); // throws AudioError(NoDevice) when PortAudio cannot start at all
    ~PortAudioSession();
    PortAudioSession(const PortAudioSession&) = delete;
    PortAudioSession& operator=(const PortAudioSession&) = delete;

    // A stream whose device died is left open: PortAudio 19.6's JACK back end blocks for ten
    // minutes in Pa_StopStream, Pa_CloseStream and Pa_Terminate once the server is gone,
    // waiting for a callback that never comes. After this, PortAudio is never terminated
    // (the process exit reclaims it) so that no later call can hang on that stream.
    static void abandonDeadStream();
};

// ALSA and JACK print dozens of lines on stderr while PortAudio probes devices that are not
// there. That chatter is not for users: our own errors carry the cause. This silences fd 2
// for its lifetime (process-wide, so keep it short: device probing and stream opening only).
class QuietStderr {
public:
    QuietStderr();
    ~QuietStderr();
    QuietStderr(const QuietStderr&) = delete;
    QuietStderr& operator=(const QuietStderr&) = delete;

private:
    int saved_ = -1;
};

} // namespace earlab
