#pragma once
// A workout's focus band (exercises/practice_plan.h, PlanItem::focusHz) in the EQ question
// generators: the listener was told "250 Hz is your weak band", so that band is asked more
// often, yet not always, or the answer would be given away and nothing discriminated.
//
// The rule (docs/practice_plan.md): a question's band is the focus with probability
// kFocusShare, and otherwise the generator's own uniform draw over the level's bands (which
// may be the focus again), so the focus band comes up with probability
//   kFocusShare + (1 − kFocusShare) / n   (n bands: 9 octave bands give 0.56 against 0.11).
// The coin is drawn from its own stream derived from the question's seed: every other draw of
// the question (flat trial, gain, direction) stays what it was, and a question without a focus
// is exactly the question it always was for its seed.

#include "exercises/exercise.h"

#include <QString>

#include <cstdint>
#include <span>

namespace earlab {

inline constexpr double kFocusShare = 0.5;

// The exercises that draw a band (eq-band, eq-gain, eq-match) take a focus besides the
// contract's arguments. A separate interface, not a field of every exercise's Setting: the
// other exercises have no band to favour, and the contract (exercise.h) stays what they know.
class BandFocusable {
public:
    virtual ~BandFocusable() = default;
    // ask(), with `focusHz` (> 0) asked more often as above; focusHz <= 0 is ask() itself.
    virtual Question askFocused(const Setting& setting, std::uint64_t seed, const MaterialFacts& material,
                                double focusHz) const = 0;
};

// `exercise`'s question with a focus when it takes one, else its plain ask() (a focus is a
// wish: an exercise without bands asks as ever).
Question askWithFocus(const Exercise& exercise, const Setting& setting, std::uint64_t seed,
                      const MaterialFacts& material, double focusHz);

// `hz` is one of `bands` (within half a hertz: the ISO centres are stored as nominal values).
bool hasBand(std::span<const double> bands, double hz);

// The band a question asks: the focus (when it is one of `bands`) with probability
// kFocusShare, else `uniform`, the generator's own draw. focusHz <= 0: `uniform`.
double focusedBand(std::span<const double> bands, double uniform, double focusHz, std::uint64_t seed);

// What a question says when its focus cannot be asked ("" when it can, or there is none):
// the level changed since the plan, or the loop has no energy in that band.
QString focusNote(std::span<const double> bands, double focusHz);

} // namespace earlab
