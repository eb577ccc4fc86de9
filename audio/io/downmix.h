#pragma once
// The one place the channel-count rule for playback lives: everything EarLab plays is
// stereo, whatever the file held.
//
//   1 channel     -> copied to both sides (a mono file plays centred, at its own level).
//   2 channels    -> unchanged.
//   6 channels    -> taken as 5.1 in WAV/SMPTE order (L R C LFE Ls Rs) and downmixed per
//                    ITU-R BS.775 (Table 2, 3/2 -> 2/0):
//                        L' = L + 0.7071 C + 0.7071 Ls
//                        R' = R + 0.7071 C + 0.7071 Rs
//                    LFE is dropped (BS.775 leaves it out of the downmix). The sum may pass
//                    0 dBFS; it is deliberately not normalised: the coefficients stay the
//                    documented ones and the master limiter catches overs.
//   other n > 2   -> even-indexed channels (0, 2, 4, ...) go left, odd-indexed (1, 3, ...)
//                    right; each side is the mean of its channels (so a side never gets
//                    louder than its loudest input).
//   0 channels    -> AudioError InvalidArgument.

#include "audio/audio_buffer.h"

namespace earlab {

inline constexpr float kBs775SideGain = 0.70710678f; // -3 dB, ITU-R BS.775 centre/surround gain

AudioBuffer toStereo(AudioBuffer in);

} // namespace earlab
