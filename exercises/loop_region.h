#pragma once
// The part of a piece of music an exercise loops: by default the 15 s where the music is
// densest, because a hidden EQ change is only audible where there is music to change (an
// intro, a breakdown or a fade-out makes a question a guessing game).

#include "audio/audio_buffer.h"

#include <functional>
#include <vector>

namespace earlab {

// A stretch of a file in seconds (rate independent: the library stores it and the app
// applies it after resampling). Not the engine's LoopRegion (audio/engine/scene.h), which
// counts frames of a scene.
struct TimeRegion {
    double startSeconds = 0.0;  // s, from the start of the file [0 to duration]
    double lengthSeconds = 0.0; // s, > 0 for any real region; start + length <= duration

    bool operator==(const TimeRegion&) const = default;
};

// The rule, in order:
//  1. The audio is cut into 100 ms blocks. For each block: the mean power over the
//     channels, and the same in each ISO octave band 63 Hz..16 kHz (band_energy.h's
//     filter: RBJ band pass, three passes, one octave wide).
//  2. For the 400 ms window ending at each block:
//       loudness = 10·log10(mean power), floored at -70 dB (silence counts, finitely); no
//                  K-weighting: only the ranking of regions matters here;
//       coverage = Σ over the bands of clamp(1 - (loudest band - band) / 30 dB, 0, 1),
//                  bands under -70 dB counting 0: about 9 when music fills every band,
//                  5 for white noise, 1..2 for a lone tone, 0 for silence;
//       window score = loudness + 1 dB × coverage.
//  3. Every start on the 100 ms grid with the whole region inside the file is a candidate;
//     its score is the mean score of the windows wholly inside it. Averaging dB (not
//     power) is what makes a region holding a few seconds of silence, a sparse intro or a
//     fade lose to one that is full throughout; the coverage term (30 dB: the range
//     audibleBands() treats as audible) prefers, between equally loud regions, the one
//     where more bands can be asked about.
//  4. The best score wins; ties go to the earliest start.
//  5. The start is then moved by at most 10 ms (never outside the file, never so far that
//     the region would end after the file) to the frame where |mid| (the mean of the
//     channels) is smallest: the loop begins at or next to a zero crossing, so even
//     without the player's crossfade the seam does not click.
// The length is lengthSeconds rounded to whole frames.
// A file no longer than `lengthSeconds` (or a non-positive / NaN length) gives the whole
// file: {0, duration}. An empty buffer gives {0, 0}. Deterministic; never throws except
// std::bad_alloc.
TimeRegion pickDenseRegion(const AudioBuffer& audio, double lengthSeconds = 15.0);

// pickDenseRegion's measurement, with what it learns on the way about the whole file.
struct DensityAnalysis {
    TimeRegion region;                  // what pickDenseRegion returns
    std::vector<double> octaveLevelsDb; // whole file, 63 Hz..16 kHz: bandLevelsDb(audio,
                                        // octaveCentresHz()) (same filters, same channel
                                        // averaging); -inf for bands at or above 0.49 fs
};

// One pass over the audio for both results: the band filtering is most of the cost of a
// library scan, so it is done once. `progress` (optional) is called with increasing
// fractions 0..1 from the calling thread; an exception it throws (a scan's cancellation)
// propagates out of this function.
DensityAnalysis analyseDensity(const AudioBuffer& audio, double lengthSeconds = 15.0,
                               const std::function<void(double)>& progress = {});

} // namespace earlab
