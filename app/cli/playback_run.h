#pragma once
// Plays a scene on a device until a length is reached, optionally alternating between its
// first two variants: the loop shared by `play` and `demo`.

#include "audio/engine/scene.h"

#include <QCommandLineParser>

#include <cstdint>
#include <functional>
#include <string>

namespace earlab::cli {

// A day: far beyond any listening session, and far below where seconds x rate stops fitting a
// frame count (1e308 s once became 0 frames: nothing played, exit 0).
inline constexpr double kMaxPlaybackSeconds = 86400.0;

// The output a playing command opens: --device NAME, --buffer FRAMES.
struct OutputChoice {
    std::string device;        // empty = default output
    int framesPerBuffer = 256;
};

struct PlaybackRun {
    Scene scene;
    std::string device;            // empty = default output
    int framesPerBuffer = 256;
    double seconds = 0.0;          // 0 = to the end of the material
    double switchEverySeconds = 0; // 0 = never switch; else alternate variants 0 and 1
    std::function<void(int variant, double atSeconds)> onSwitch; // told when each switch is scheduled
};

struct PlaybackResult {
    std::string device;
    std::int64_t frames = 0;
    std::uint64_t underruns = 0;
    double longestCallbackMicros = 0.0; // the engine's own share of a period, at worst
    double worstCallbackCpuMicros = 0.0; // CPU time of one callback at worst (preemption not counted)
    double meanCallbackCpuMicros = 0.0;  // and on average
};

// --device NAME, --buffer FRAMES: the options of every command that plays (play, demo, abx).
void addOutputOptions(QCommandLineParser& parser);
// Throws UsageError with the text as typed when --buffer is not a whole number in [16, 8192]
// (Engine::open's range).
OutputChoice readOutputOptions(const QCommandLineParser& parser);

// --seconds S and the output options: the options of `play` and `demo`. Without a
// default, --seconds means "to the end of the material".
void addPlaybackOptions(QCommandLineParser& parser, const QString& secondsHelp, const QString& defaultSeconds = {});
// Sets run.seconds, run.device and run.framesPerBuffer. Throws UsageError with the text as
// typed when a number is not finite or outside its range (seconds (0, kMaxPlaybackSeconds], buffer [16, 8192],
// Engine::open's range).
void readPlaybackOptions(const QCommandLineParser& parser, PlaybackRun& run);

// Throws AudioError: NoDevice / DeviceFailed (exit status 3), also when the stream dies.
PlaybackResult playToEnd(const PlaybackRun& run);

} // namespace earlab::cli
