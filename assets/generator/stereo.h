#pragma once
// A stereo track being rendered, and how a voice is placed on it.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace earlab::gen {

inline constexpr double kRate = 48000.0; // Hz, every file the generator writes
inline constexpr double kPi = 3.14159265358979323846;

using Mono = std::vector<float>;

struct Stereo {
    Mono l, r;
    Stereo() = default;
    explicit Stereo(std::size_t frames) : l(frames, 0.f), r(frames, 0.f) {}
    std::size_t frames() const { return l.size(); }
};

inline std::size_t toFrame(double seconds) { return std::size_t(std::llround(std::max(0.0, seconds) * kRate)); }

// Constant-power pan law. pan: [-1 left, +1 right].
inline void panGains(double pan, double& gl, double& gr)
{
    const double a = (pan + 1.0) * 0.25 * kPi;
    gl = std::cos(a) * std::sqrt(2.0); // 0 dB at the centre: a centred voice keeps its level
    gr = std::sin(a) * std::sqrt(2.0);
}

// A voice that starts before time 0 (a pushed or humanised first note) is the next pass's
// instance of that note: it goes to the end of the track (whose length is a whole number of
// passes), so the kept pass ends exactly as the following one begins.
inline double wrapEarly(const Stereo& dst, double start)
{
    return start < 0.0 ? start + double(dst.frames()) / kRate : start;
}

// Adds `voice` to `dst` from time `start` (s); what falls past the end is dropped.
inline void place(Stereo& dst, const Mono& voice, double start, double gain, double pan)
{
    start = wrapEarly(dst, start);
    double gl, gr;
    panGains(pan, gl, gr);
    const std::size_t s = toFrame(start);
    for (std::size_t i = 0; i < voice.size() && s + i < dst.frames(); ++i) {
        dst.l[s + i] += float(voice[i] * gain * gl);
        dst.r[s + i] += float(voice[i] * gain * gr);
    }
}

inline void placeStereo(Stereo& dst, const Stereo& voice, double start, double gain)
{
    start = wrapEarly(dst, start);
    const std::size_t s = toFrame(start);
    for (std::size_t i = 0; i < voice.frames() && s + i < dst.frames(); ++i) {
        dst.l[s + i] += float(voice.l[i] * gain);
        dst.r[s + i] += float(voice.r[i] * gain);
    }
}

inline double dbToGain(double db) { return std::pow(10.0, db / 20.0); }
inline double midiToHz(double midi) { return 440.0 * std::pow(2.0, (midi - 69.0) / 12.0); }

} // namespace earlab::gen
