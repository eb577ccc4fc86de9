#pragma once
// d′, the listener's sensitivity, from the proportion of right answers in a blind test:
// unlike percent correct it does not depend on the task, so an ABX score and a preference
// score can be compared. The models and tables are from Macmillan & Creelman, "Detection
// Theory: A User's Guide" (2nd ed. 2005), chapters 7 and 9; the differencing formula is
// the one Palamedes (PAL_SDT_2AFCmatchSample_DiffMod_*) tabulates.
//
// - 2AFC (blind preference, "which is A"): Pc = Φ(d′/√2), so d′ = √2·z(Pc).
// - ABX, differencing model: the listener compares X with A and with B and answers the
//   nearer. With A ~ N(0,1), B ~ N(d′,1), X = A: right when |X − A| < |X − B|, i.e. when
//   (B − A) and (2X − A − B) have opposite signs; the two are independent normals of
//   variance 2 and 6, so Pc = Φ(d′/√2)Φ(d′/√6) + Φ(−d′/√2)Φ(−d′/√6).
//   (Pc 0.75 → d′ 2.02, 0.9 → 3.26.) This is the model for ABX with many stimulus pairs.
// - ABX, independent-observation model: the listener places A, B and X on the axis
//   separately, Pc = Φ(d′/√2)Φ(d′/2) + Φ(−d′/√2)Φ(−d′/2) (M&C, ABX for a fixed pair). It
//   gives a smaller d′ for the same Pc; kept so a log can say which model it used.
//
// Estimates: Pc = k/n; n of n is replaced by 1 − 1/(2n) (M&C's correction for a rate of 1:
// half a miss), since Pc = 1 means an infinite d′. Pc ≤ ½ (at or below chance) gives d′ 0.
// Interval: the 95 % Wilson interval of k/n (proportion_interval.h) mapped through the
// same model; its lower end is 0 whenever it is at or below chance, and its upper end is
// +infinity when every answer was right (nothing bounds the sensitivity then).

#include <string>

namespace earlab {

enum class SensitivityModel {
    TwoAlternativeForcedChoice,
    AbxDifferencing,
    AbxIndependentObservation,
};

// "2AFC", "ABX, differencing model", "ABX, independent-observation model".
std::string sensitivityModelName(SensitivityModel model);

// Pc for a d′ ≥ 0 under the model.
double proportionCorrectFor(double dPrime, SensitivityModel model);

// The d′ ≥ 0 whose Pc is pc: 0 for pc ≤ ½, +infinity for pc ≥ 1 (the inverse of
// proportionCorrectFor, to about 1e-10). Throws std::invalid_argument for pc outside [0, 1].
double dPrimeFor(double pc, SensitivityModel model);

struct SensitivityEstimate {
    SensitivityModel model = SensitivityModel::TwoAlternativeForcedChoice;
    int correct = 0;
    int trials = 0;
    double proportionCorrect = 0; // as used: 1 − 1/(2n) when every answer was right
    double dPrime = 0;
    double low = 0;  // 95 % interval, ≥ 0
    double high = 0; // +infinity when correct = trials
};

// d′ and its 95 % interval from correct of trials. Throws std::invalid_argument when trials
// < 1 or correct is outside 0 .. trials.
SensitivityEstimate estimateSensitivity(int correct, int trials, SensitivityModel model);

} // namespace earlab
