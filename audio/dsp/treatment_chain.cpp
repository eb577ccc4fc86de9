#include "audio/dsp/treatment_chain.h"

#include "audio/audio_error.h"
#include "audio/dsp/vector_state.h"

namespace earlab::dsp {

ChainParams makeChainParams(const Treatment& t, double sampleRate)
{
    ChainParams p;
    p.eq = makeEqParams(t.eq, sampleRate);
    if (t.compress) {
        p.compressor = makeCompressorParams(t.compressor, true, sampleRate);
    } else {
        // Settings an exercise left alone must not make a flat treatment fail.
        try {
            p.compressor = makeCompressorParams(t.compressor, false, sampleRate);
        } catch (const AudioError&) {
            p.compressor = makeCompressorParams(CompressorSettings{}, false, sampleRate);
        }
    }
    p.width = makeWidthParams(t.widthPercent);
    p.gainPan = makeGainPanParams(t.gainDb, t.pan);
    return p;
}

void TreatmentChain::prepare(double sampleRate, int maxBlock)
{
    hasAvx_ = hasAvx();
    eq_.prepare(sampleRate, maxBlock);
    compressor_.prepare(sampleRate, maxBlock);
    width_.prepare(sampleRate, maxBlock);
    gainPan_.setParams({}, 0);
}

void TreatmentChain::reset() noexcept
{
    eq_.reset();
    compressor_.reset();
    width_.reset();
    gainPan_.reset();
}

void TreatmentChain::setParams(const ChainParams& params, int rampFrames) noexcept
{
    eq_.setParams(params.eq, rampFrames);
    compressor_.setParams(params.compressor, rampFrames);
    width_.setParams(params.width, rampFrames);
    gainPan_.setParams(params.gainPan, rampFrames);
}

void TreatmentChain::process(float* const* channels, int channelCount, int frames) noexcept
{
    clearUpperVectorState(hasAvx_);
    eq_.process(channels, channelCount, frames);
    compressor_.process(channels, channelCount, frames);
    width_.process(channels, channelCount, frames);
    gainPan_.process(channels, channelCount, frames);
}

} // namespace earlab::dsp
