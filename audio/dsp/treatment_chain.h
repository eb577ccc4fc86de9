#pragma once
// The whole Treatment as one real-time block: EQ -> compressor -> stereo width -> gain/pan.
// Width comes before the balance so that a pan moves the image the listener hears widened. The engine runs
// one per variant, and the offline render runs the very same object block by block, so a
// given input yields the same samples whatever the block size (every ramp and decision
// advances per frame, never per block).

#include "audio/dsp/compressor.h"
#include "audio/dsp/gain_pan.h"
#include "audio/dsp/parametric_eq.h"
#include "audio/dsp/stereo_width.h"
#include "audio/treatment.h"

#include <type_traits>

namespace earlab::dsp {

// Plain data: built off the audio thread, copied through the lock-free queue.
struct ChainParams {
    EqParams eq;
    CompressorParams compressor;
    WidthParams width;
    GainPanParams gainPan;
};
static_assert(std::is_trivially_copyable_v<ChainParams>);

// Validates and designs everything (ranges as documented in treatment.h). When
// t.compress is false the compressor settings are still used for its release if they are
// valid, and ignored otherwise. Off the audio thread.
// sampleRate, // Hz, > 0
// Throws AudioError(InvalidArgument) naming the parameter and its range.
ChainParams makeChainParams(const Treatment& t, double sampleRate);

class TreatmentChain {
public:
    // Clears state; the chain starts flat. Allocates nothing, but call it off the audio
    // thread like every prepare().
    // sampleRate, // Hz, > 0
    // maxBlock,   // frames per process() call at most
    void prepare(double sampleRate, int maxBlock);

    // Clears filter and detector state (parameters stay).
    void reset() noexcept;

    // rampFrames, // frames over which every parameter moves [0 to INT_MAX]; 0 = jump
    void setParams(const ChainParams& params, int rampFrames) noexcept;

    // In place.
    // channelCount, // [1 to 2]
    void process(float* const* channels, int channelCount, int frames) noexcept;

private:
    ParametricEq eq_;
    Compressor compressor_;
    StereoWidth width_;
    GainPan gainPan_;
    bool hasAvx_ = false; // see vector_state.h; found in prepare(), off the audio thread
};

} // namespace earlab::dsp
