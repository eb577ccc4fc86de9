#pragma once
// The slow part of a question, run on a worker thread (the app's) or at once (earlab-cli question): decode the material, cut the loop,
// measure its band energies, and loudness-match the variants. Pure functions of their
// inputs (no Qt objects, no engine), so they can run anywhere.

#include "exercises/material_ref.h"

#include "audio/audio_buffer.h"
#include "audio/treatment.h"
#include "exercises/exercise.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace earlab {

inline constexpr double kLoopSeconds = 15.0;

// True peaks per channel of one rendering, dBTP (NaN: not measured), and what they were
// measured on (weak: the same control block means the same buffer; no later buffer can take it).
struct ChannelPeaks {
    double leftDbtp = std::numeric_limits<double>::quiet_NaN();
    double rightDbtp = std::numeric_limits<double>::quiet_NaN();
    std::weak_ptr<const void> of;
};

// The loop an exercise plays from one material, analysed once and reused for every question.
struct PreparedLoop {
    MaterialRef material;
    std::shared_ptr<const AudioBuffer> audio; // stereo, engine rate, just the loop region
    double startSeconds = 0;                  // where the loop starts in the material
    std::vector<double> octaveLevelsDb;       // bandLevelsDb over octaveCentresHz()
    std::vector<double> thirdLevelsDb;        // bandLevelsDb over thirdOctaveCentresHz(), 1/3 octave
    std::shared_ptr<const Multitrack> stems;  // the same region of each stem, for a multitrack material
    // The true peak of each channel (left, right) of what a flat variant plays, measured once
    // by prepareLoop for matchVariants(): `audio`'s, and the stems' mixed flat. A variant that
    // only scales the channels (gain, pan) gets its true peak from them without a render. Each
    // counts only while `audio` (`stems`) is still the buffer it was measured on: a copy with
    // other audio, such as a test's excerpt, is measured anew.
    ChannelPeaks audioPeaks, stemPeaks;
};

// Throws AudioError when the file cannot be decoded. progress: 0..1, from this thread.
std::shared_ptr<const PreparedLoop> prepareLoop(const MaterialRef& material,
                                                const std::function<void(double)>& progress = {});

// What an exercise's ask() may know of the loop (exercise.h).
MaterialFacts factsOf(const PreparedLoop& loop);

// `treatment` with its gain set so it sounds as loud as the flat loop (unchanged when
// matching is off, or the treatment is flat, or the loop is silent).
Treatment matchedTreatment(const PreparedLoop& loop, Treatment treatment, bool matchLoudness);

// No variant of a question plays above this true peak: the master's safety limiter
// (PlayerConfig::limiterCeilingDb, -1 dBFS) less a margin for its own detector (it counts
// interpolated values 0.01 dB high), the crossfades between variants and float rounding.
inline constexpr double kQuestionCeilingDbtp = -1.0;
inline constexpr double kQuestionHeadroomMarginDb = 0.1;

// The gain (<= 0 dB) every item heard side by side gets in common so that the loudest, whose
// true peak at its own gain is `loudestTruePeakDbtp`, sits at kQuestionCeilingDbtp -
// kQuestionHeadroomMarginDb; 0 when it is already below (or not finite: silence).
// matchVariants, matchAnswer and prepareComparison (comparison_items.h) all use it.
double commonHeadroomGainDb(double loudestTruePeakDbtp);

struct QuestionLevels {
    double gainDb = 0;                // the gain every variant got in common, dB (<= 0)
    double loudestTruePeakDbtp = -std::numeric_limits<double>::infinity(); // before that gain
};

// Every variant of `question` as the app plays it; Session's preparation and earlab-cli
// question both call this, so the CLI's files are what the engine plays:
//   1. each variant loudness-matched to the flat loop (matchedTreatment) when the question
//      and `matchLoudness` (the listener's setting) say so, the reference too when it carries
//      a change of its own (pan-direction's A, compression's A);
//   2. then, if any variant's true peak (BS.1770, as rendered: the stems mixed for a stem
//      question) would pass kQuestionCeilingDbtp - kQuestionHeadroomMarginDb, every variant
//      lowered by one gain so the loudest sits there.
// Why 2: after matching, a hard pan puts the mix 3 dB up on one side (+1.7 dBTP on the
// built-in jazz loop); the safety limiter would then act on that variant alone, which
// changes the very thing the listener is asked about (and gives it away). One gain for all
// keeps the loudness match between them. The level exercise (not matched) keeps its own,
// larger headroom in ask() by the same reasoning; this rule holds for it too and does not act.
// The answer heard at the reveal needs the same gain: matchAnswer() adds it.
QuestionLevels matchVariants(Question& question, const PreparedLoop& loop, bool matchLoudness);

struct MatchedAnswer {
    Treatment treatment;     // matched like the variants, with the question's common gain
    double revealGainDb = 0; // a further gain (<= 0) for every variant heard beside it
};
// The listener's answer as the reveal (or EQ match, live) plays it. An answer can peak where no
// variant did (a hard pan the listener chose): then the answer and every variant go down
// together by revealGainDb, for the same reason as matchVariants' common gain.
MatchedAnswer matchAnswer(const PreparedLoop& loop, const Question& question, const Treatment& answer,
                          bool matchLoudness, double questionGainDb);

} // namespace earlab
