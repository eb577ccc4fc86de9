#pragma once
// Programme loudness per ITU-R BS.1770-4 / EBU R 128, measured with libebur128.
// Loudness matching is the product's promise ("louder always sounds better, and that must
// never decide an answer"), so this is the only place loudness is computed.

#include "audio/audio_buffer.h"

namespace earlab {

struct Loudness {
    double integratedLufs; // LUFS, gated integrated loudness; -infinity for silence or < 400 ms
    double truePeakDbtp;   // dBTP, 4x oversampled true peak over all channels; -infinity for silence
};

// Channel weighting (BS.1770-4 Table 3):
//   1 channel   -> dual mono (counted twice, as libebur128's EBUR128_DUAL_MONO): a mono file
//                  measures what it measures when it plays on both speakers, which is how
//                  EarLab plays it (see downmix.h).
//   2 channels  -> L R
//   3 channels  -> L R C
//   4 channels  -> L R Ls Rs
//   5 channels  -> L R C Ls Rs
//   6 channels  -> L R C LFE Ls Rs (WAV 5.1 order; LFE not measured)
//   > 6         -> the first six as 5.1, every further channel weighted 1.0
// Throws AudioError InvalidArgument for an empty buffer (no channels or no frames) or a
// sample rate libebur128 refuses.
// Threads: the channels' true peaks are measured on up to hardware_concurrency() threads of
// its own (std::async; on this thread if none can be started), the loudness on the caller's;
// `audio` must not change until it returns.
Loudness measureLoudness(const AudioBuffer& audio);

// Only the integrated loudness (as measureLoudness().integratedLufs), on the caller's thread
// and without the true-peak oversampling: a fraction of the work. Same errors.
double integratedLoudnessLufs(const AudioBuffer& audio);

// The gain in dB to add to `candidate` so that its integrated loudness equals
// `reference`'s. The gain is re-measured after applying it and corrected (at most a few
// iterations; gating makes loudness not exactly linear in gain near the absolute gate), so
// the residual |L(reference) - L(candidate + gain)| is below 0.02 dB in practice and never
// above 0.1 dB. Throws AudioError InvalidArgument naming the buffer ("reference" or
// "candidate") when it is empty or silent (no loudness to match).
double loudnessMatchGainDb(const AudioBuffer& reference, const AudioBuffer& candidate);

// Multiplies every sample by 10^(gainDb/20). No clipping, no limiting.
void applyGainDb(AudioBuffer& audio, double gainDb);

} // namespace earlab
