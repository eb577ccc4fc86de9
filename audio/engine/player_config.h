#pragma once
// Settings of the playback chain that do not change per scene.

namespace earlab {

// The engine's rate: files are resampled to it when loaded for playback.
inline constexpr double kEngineSampleRate = 48000.0;

struct PlayerConfig {
    double sampleRate = kEngineSampleRate; // Hz; every scene source must be at this rate
    int maxBlockFrames = 512;        // frames processed at once inside the player (any callback size works)
    double crossfadeMs = 10.0;       // variant switch, ms [0 to 50]
    double transportFadeMs = 10.0;   // fade on start and stop, ms [1 to 50]
    double jumpFadeMs = 10.0;        // total of the fade out + fade in around a loop wrap or seek, ms [2 to 50]
    double parameterRampMs = 20.0;   // treatment changes while playing glide over this, ms [0 to 200]
    double outputLevelDb = 0.0;      // master output level, dB [-60 to 0]
    double limiterCeilingDb = -1.0;  // safety limiter: the output never exceeds this, dBFS [-20 to 0]
};

inline int msToFrames(double ms, double sampleRate)
{
    return int(ms * 0.001 * sampleRate + 0.5);
}

} // namespace earlab
