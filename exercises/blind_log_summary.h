#pragma once
// The result of a blind run computed from its trials, in one place: whatever writes a log
// (earlab-cli abx, the app) fills the summary with summariseBlindTrials, and verify-log
// recomputes it with the same function, so the two cannot compute it differently.
//
// Counting (docs/blind_tests.md "Statistics"):
//   abx:        n = every trial, k = the trials answered right.
//   preference: a "none" answer is no trial of the binomial test: ties = the "none" answers,
//               n = the other trials, k = those that preferred item A.
//   mushra:     n = every page, k = 0; no p value or d′ (ratings have their own statistics).
// abx: p_value = P(X ≥ k | n, ½) (binomial_tail.h), one-sided (X identified).
// preference: two-sided, p_value = min(1, 2·P(X ≥ max(k, n − k) | n, ½)): the question is
// whether either item is preferred, and B preferred 16 of 16 times is as strong as A.
// d′ and its 95 % interval under the model the mode's task implies (sensitivity_index.h):
// abx → differencing of k, preference → 2AFC of max(k, n − k). Nothing is computed when n = 0.
// The interval's upper end is +infinity when every answer counts (k = n, or k = 0 for preference).

#include "blind_log.h"
#include "sensitivity_index.h"

#include <optional>
#include <vector>

namespace earlab {

// The model a log of `mode` names: abx → AbxDifferencing, preference → 2AFC, mushra → none.
std::optional<SensitivityModel> blindSensitivityModel(BlindMode mode);

// The model whose sensitivityModelName is `name`; nothing for a name EarLab does not know.
std::optional<SensitivityModel> sensitivityModelFromName(const QString& name);

// n, k, ties, p_value, d_prime, its interval and d_prime_model from the trials, with the
// mode's model.
BlindLogSummary summariseBlindTrials(BlindMode mode, const std::vector<BlindLogTrial>& trials);

// The same with a given model (verify-log uses the one the log names); no d′ without one.
BlindLogSummary summariseBlindTrials(BlindMode mode, const std::vector<BlindLogTrial>& trials,
                                     std::optional<SensitivityModel> model);

} // namespace earlab
