#pragma once
// One window of playback on a clocked device (the JACK dummy server): what the engine and
// jackd reported over it. Shared by test_engine_jack, which asserts what the engine controls,
// and the soak benchmark, which reports underruns against the machine's load.

#include "audio/engine/engine.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace earlab::test {

class JackServer;

struct PlaybackWindow {
    double seconds = 0.0;        // wall clock
    double frames = 0.0;         // frames the transport advanced
    std::uint64_t framesRendered = 0; // frames the callbacks rendered (Engine::framesRendered)
    double framesPerSecond = 0.0; // pacing: frames / seconds
    std::uint64_t underruns = 0; // callbacks PortAudio flagged with an output underflow
    double worstWallMicros = 0.0; // the longest callback on the wall clock (includes preemption)
    Engine::CallbackCpuTime cpu; // the callback thread's own CPU time
    QStringList xruns;           // jackd's xrun lines (they name the late party)

    double pacingErrorPercent(double sampleRate) const { return 100.0 * (framesPerSecond - sampleRate) / sampleRate; }
    // One line with every figure, for logs and reports.
    QString describe(double sampleRate, double periodMicros) const;
};

// Waits until the engine's transport has reached `frames` (the stream is calling back), at
// most `timeoutSeconds` of wall clock; returns whether it did.
bool waitUntilRendered(const Engine& engine, std::int64_t frames, double timeoutSeconds = 10.0);

// Plays until `seconds` of audio have been rendered (or three times that on the wall clock
// has passed: a stalled stream ends the window too), switching variants 0 and 1 every
// 200 ms of audio, as a listener comparing would. The engine must be playing a two-variant
// scene.
PlaybackWindow playWindow(Engine& engine, JackServer& jack, double seconds);

} // namespace earlab::test
