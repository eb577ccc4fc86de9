#pragma once
// Holm's step-down correction (Holm 1979, "A simple sequentially rejective multiple test
// procedure", Scand. J. Statist. 6:65) for several pairs tested in one session: it keeps the
// chance of any false "you heard a difference" at alpha, like Bonferroni, but rejects more.
//
// With the m p-values sorted, p(1) ≤ … ≤ p(m), the adjusted value of the i-th is
// max over j ≤ i of min(1, (m − j + 1)·p(j)): monotone in the order of the raw values and
// capped at 1. A hypothesis is rejected when its adjusted value is ≤ alpha, which is Holm's
// rule "reject while p(i) ≤ alpha / (m − i + 1)".

#include <span>
#include <vector>

namespace earlab {

struct HolmResult {
    std::vector<double> adjusted; // in the order of the input
    std::vector<bool> rejected;   // adjusted ≤ alpha, in the order of the input
};

// Throws std::invalid_argument when a p-value is not a number in [0, 1] (naming its index)
// or alpha is outside (0, 1). No p-values gives an empty result.
HolmResult holmCorrection(std::span<const double> pValues, double alpha = 0.05);

} // namespace earlab
