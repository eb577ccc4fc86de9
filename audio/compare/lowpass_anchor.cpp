#include "audio/compare/lowpass_anchor.h"

#include "audio/audio_error.h"
#include "audio/compare/fir_filter.h"

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace earlab {

namespace {

constexpr int kHalfTaps = 2048;
constexpr double kKaiserBeta = 10.0;

// h[k], k in [-M, M]: the ideal low-pass 2 fc/fs sinc(2 fc/fs k), windowed, unit gain at DC.
std::vector<double> lowPassKernel(double cutoffHz, double sampleRate)
{
    const double w = 2.0 * cutoffHz / sampleRate;
    std::vector<double> h(2 * kHalfTaps + 1);
    double sum = 0;
    for (int k = -kHalfTaps; k <= kHalfTaps; ++k) {
        const double u = std::numbers::pi * w * double(k);
        const double s = k == 0 ? w : w * std::sin(u) / u;
        const double v = s * kaiserWindow(double(k) / double(kHalfTaps + 1), kKaiserBeta);
        h[std::size_t(k + kHalfTaps)] = v;
        sum += v;
    }
    for (double& v : h)
        v /= sum;
    return h;
}

} // namespace

AudioBuffer lowPassAnchor(const AudioBuffer& reference, double cutoffHz)
{
    if (reference.channelCount() == 0 || reference.frames() == 0 || !(reference.sampleRate > 0))
        throw AudioError(AudioErrorKind::InvalidArgument, "anchor", "the reference has no audio to low-pass");
    if (!(cutoffHz > 0 && cutoffHz < 0.5 * reference.sampleRate))
        throw AudioError(AudioErrorKind::InvalidArgument, "anchor",
                         "a " + std::to_string(int(cutoffHz)) + " Hz low-pass is not below the Nyquist frequency of " +
                             std::to_string(int(reference.sampleRate)) + " Hz audio");
    const std::vector<double> h = lowPassKernel(cutoffHz, reference.sampleRate);
    AudioBuffer out;
    out.sampleRate = reference.sampleRate;
    for (const auto& ch : reference.channels)
        out.channels.push_back(firFilter(ch, h, -kHalfTaps, ch.size()));
    return out;
}

} // namespace earlab
