#pragma once
// Preparing a comparison (issue 8, "Preparing a comparison"): 2 to 8 files made ready to be
// switched between sample-accurately — each decoded at the first item's rate, aligned to the
// first (offset, polarity, drift: audio/compare/alignment.h), loudness-matched to it, and all
// lowered together when one would pass the question ceiling. earlab-cli compare prints it;
// the blind-test player plays `audio`.
//
// In exercises/ (not audio/compare/) because the headroom rule is the questions' own
// (question_material.h, commonHeadroomGainDb): one rule and one ceiling for everything
// EarLab plays side by side. Plain C++ apart from that include: no Qt type in the interface.
//
// The rules, in order:
//   1. every file decoded as the app plays it (stereo), the others resampled to item 1's rate
//      (or all to ComparisonOptions::sampleRate); loudness, true peak and the hashes a blind
//      log records taken of that decoded audio, before any gain;
//      A file saved again while it is read is refused (its size or time moved);
//   2. items 2.. aligned to item 1 and moved onto its timeline (alignToReference); an item
//      whose decoded audio hashes as item 1's is item 1 (no measurement: a copy plays
//      bit-identically); the comparison covers the region common to all items, in item 1's
//      frames;
//   3. gain = loudness match to item 1 measured on that common region of the aligned audio
//      (one LoudnessMeter per item; the residual is its gated loudness at the applied gain,
//      the gates applied anew: 0.00000 dB in every test so far), plus the item's trim; then, if any item's true peak at its gain passes
//      kQuestionCeilingDbtp - kQuestionHeadroomMarginDb (-1.1 dBTP), every item lowered by
//      one gain so the loudest sits there. The trim counts before the ceiling so that a trim
//      can never make an item peak above it;
//   4. the null depth of each item after the first against the first, both as played.

#include "audio/audio_buffer.h"
#include "audio/compare/alignment.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace earlab {

inline constexpr std::size_t kMinComparisonItems = 2, kMaxComparisonItems = 8;

struct ComparisonOptions {
    // Hz, the rate every item is decoded at; 0: item 1's own. The app asks for its engine's
    // rate (one resampling, the same for every item); earlab-cli plays at item 1's.
    double sampleRate = 0;
    std::vector<double> trimDb; // dB per item, in the order of the paths; empty: no trim
    AlignmentOptions alignment;
    // Called from the preparing thread: fraction 0..1 (increasing) and what is being done.
    std::function<void(double fraction, const std::string& stage)> progress;
    // Polled between steps; returning true stops the preparation with ComparisonCancelled.
    std::function<bool()> cancelled;
};

class ComparisonCancelled : public std::runtime_error {
public:
    ComparisonCancelled() : std::runtime_error("the comparison was cancelled") {}
};

struct ComparisonItem {
    std::string file;
    double fileSampleRate = 0;   // Hz, as stored in the file
    std::string fileSha256;      // of the file's bytes (blind_hashes.h, fileSha256)
    std::string audioSha256;     // of the decoded audio, before any gain (audioSha256)
    double loudnessLufs = 0;     // LUFS, BS.1770 integrated, of the decoded file before any gain
    double truePeakDbtp = 0;     // dBTP, of the decoded file before any gain
    Alignment alignment;         // to item 1 (item 1: all zero, correlation 1)
    bool driftCorrected = false; // resampled by its drift (alignment.h)
    double matchGainDb = 0;      // dB, the loudness match alone
    double trimDb = 0;           // dB, the caller's trim
    double gainDb = 0;           // dB, applied: match + trim + the common headroom gain
    double residualDb = 0;       // dB, loudness of `audio` - item 1's, less the trims' difference
    double nullDepthDb = 0;      // dB, against item 1 as played; -inf when identical; NaN for item 1
    // As played: item 1's timeline over the common region, gain applied. Shared, so that a
    // player's scene (comparison_scene.h) holds the same samples, not a copy.
    std::shared_ptr<const AudioBuffer> audio;
};

struct Comparison {
    double sampleRate = 0;           // Hz, item 1's
    std::size_t commonBegin = 0;     // item 1's frames [commonBegin, commonEnd) that `audio` holds
    std::size_t commonEnd = 0;
    double headroomGainDb = 0;       // dB (<= 0), the gain every item got in common
    std::vector<ComparisonItem> items; // in the order of the paths
};

// Throws AudioError naming the file and the cause: fewer than 2 or more than 8 paths, a
// trim list of another length or a trim outside -60..+24 dB, a file the loader refuses
// (its own message), a silent item (no loudness to match), an item alignment cannot place
// (its messages name both files), no region common to all items. The same file twice is
// allowed (it nulls to -inf). ComparisonCancelled when options.cancelled says so.
Comparison prepareComparison(const std::vector<std::string>& paths, const ComparisonOptions& options = {});

// The trims changed, nothing decoded or aligned again: `prepared` (a prepareComparison result)
// with stage 3's trims and common headroom gain and stage 4 redone on its items' audio as
// played — the same match gains, the same ceiling, residuals and nulls measured anew. The
// audio is scaled by the change in gain (float rounding aside, the samples a fresh
// preparation with these trims gives). Throws AudioError for a trim list of another length or
// a trim outside -60..+24 dB.
Comparison retrimComparison(const Comparison& prepared, const std::vector<double>& trimDb);

} // namespace earlab
