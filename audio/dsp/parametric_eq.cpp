#include "audio/dsp/parametric_eq.h"

#include "audio/audio_error.h"

#include <string>

namespace earlab::dsp {

EqParams makeEqParams(const std::vector<EqBand>& bands, double sampleRate)
{
    if (bands.size() > std::size_t(kMaxEqBands))
        throw AudioError(AudioErrorKind::InvalidArgument, "EQ",
                         "band count = " + std::to_string(bands.size())
                             + " is outside the allowed range [0 to "
                             + std::to_string(kMaxEqBands) + "]");
    EqParams p;
    p.bandCount = int(bands.size());
    for (std::size_t i = 0; i < bands.size(); ++i)
        p.bands[i] = designBiquad(bands[i], sampleRate);
    return p;
}

void ParametricEq::prepare(double /*sampleRate*/, int /*maxBlock*/)
{
    for (auto& b : bands_) {
        b.setCoefficients({});
        b.reset();
    }
}

void ParametricEq::reset() noexcept
{
    for (auto& b : bands_)
        b.reset();
}

void ParametricEq::setParams(const EqParams& params, int rampFrames) noexcept
{
    const int count = params.bandCount < 0 ? 0 : (params.bandCount > kMaxEqBands ? kMaxEqBands : params.bandCount);
    for (int i = 0; i < kMaxEqBands; ++i)
        bands_[i].rampTo(i < count ? params.bands[i] : BiquadCoefficients{}, rampFrames);
}

void ParametricEq::process(float* const* channels, int channelCount, int frames) noexcept
{
    Biquad* active[kMaxEqBands];
    int count = 0;
    bool ramping = false;
    for (auto& b : bands_)
        if (!b.isIdentity()) {
            active[count++] = &b;
            ramping = ramping || b.isRamping();
        }
    if (!ramping) {
        Biquad::processSeries(active, count, channels, channelCount, frames);
        return;
    }
    for (int k = 0; k < count; ++k)
        active[k]->process(channels, channelCount, frames);
}

} // namespace earlab::dsp
