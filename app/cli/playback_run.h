#pragma once
// Plays a scene on a device until a length is reached, optionally alternating between its
// first two variants: the loop shared by `play` and `demo`.

#include "audio/engine/scene.h"

#include <cstdint>
#include <functional>
#include <string>

namespace earlab::cli {

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

// Throws AudioError: NoDevice / DeviceFailed (exit status 3), also when the stream dies.
PlaybackResult playToEnd(const PlaybackRun& run);

} // namespace earlab::cli
