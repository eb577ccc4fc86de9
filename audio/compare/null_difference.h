#pragma once
// "Listen to the difference" (issue 8): the null of two items that are already aligned and
// matched (alignment.h, loudness.h), its depth, and the RMS gain between them.
// All three need buffers of the same sample rate and channel count (else AudioError
// InvalidArgument) and use frames [begin, end) of both, clipped to the shorter buffer
// (end = npos: to the end of it). Channels are pooled: one figure over all of them.

#include "audio/audio_buffer.h"

#include <cstddef>
#include <string>

namespace earlab {

inline constexpr std::size_t kToTheEnd = std::size_t(-1);

// a - b, sample by sample, over the frames (sample rate and channels of `a`).
AudioBuffer nullDifference(const AudioBuffer& a, const AudioBuffer& b, std::size_t begin = 0, std::size_t end = kToTheEnd);

// 20 log10(rms(a - b) / rms(a)), dB: 0 dB when the difference is as loud as `a`, -infinity
// when they are identical. Throws AudioError InvalidArgument when `a` is silent over the
// frames (no depth to measure) or no frame is common.
double nullDepthDb(const AudioBuffer& a, const AudioBuffer& b, std::size_t begin = 0, std::size_t end = kToTheEnd);

// 20 log10(rms(reference) / rms(item)), dB: the gain that brings `item` to `reference`'s RMS
// level. For two aligned items that differ by a gain alone it is that gain exactly, which
// BS.1770 loudness (the caller's matching, loudness.h) approximates to ~0.01 dB. Throws
// like nullDepthDb() when either is silent.
double rmsGainDb(const AudioBuffer& reference, const AudioBuffer& item, std::size_t begin = 0, std::size_t end = kToTheEnd);

} // namespace earlab
