#include "blind_log_summary.h"

#include "binomial_tail.h"

#include <algorithm>

namespace earlab {

std::optional<SensitivityModel> blindSensitivityModel(BlindMode mode)
{
    switch (mode) {
    case BlindMode::Abx: return SensitivityModel::AbxDifferencing;
    case BlindMode::Preference: return SensitivityModel::TwoAlternativeForcedChoice;
    case BlindMode::Mushra: return std::nullopt;
    }
    return std::nullopt;
}

std::optional<SensitivityModel> sensitivityModelFromName(const QString& name)
{
    for (const SensitivityModel m : {SensitivityModel::TwoAlternativeForcedChoice, SensitivityModel::AbxDifferencing,
                                     SensitivityModel::AbxIndependentObservation})
        if (name == QString::fromStdString(sensitivityModelName(m)))
            return m;
    return std::nullopt;
}

BlindLogSummary summariseBlindTrials(BlindMode mode, const std::vector<BlindLogTrial>& trials)
{
    return summariseBlindTrials(mode, trials, blindSensitivityModel(mode));
}

BlindLogSummary summariseBlindTrials(BlindMode mode, const std::vector<BlindLogTrial>& trials,
                                     std::optional<SensitivityModel> model)
{
    BlindLogSummary s;
    for (const BlindLogTrial& t : trials) {
        if (mode == BlindMode::Preference && t.answer == QLatin1String("none")) {
            ++s.ties;
            continue;
        }
        ++s.n;
        s.k += mode != BlindMode::Mushra && t.correct ? 1 : 0;
    }
    if (mode == BlindMode::Mushra || s.n == 0)
        return s;
    // Preference asks whether either item is preferred, not whether A is: a listener who
    // prefers B every time is as consistent as one who prefers A. So its test is two-sided
    // and d' is that of the larger count; ABX's (X identified) is one-sided.
    const int larger = mode == BlindMode::Preference ? std::max(s.k, s.n - s.k) : s.k;
    s.pValue = mode == BlindMode::Preference ? std::min(1.0, 2.0 * binomialUpperTail(larger, s.n, 0.5))
                                             : binomialUpperTail(s.k, s.n, 0.5);
    if (model) {
        const SensitivityEstimate e = estimateSensitivity(larger, s.n, *model);
        s.dPrime = e.dPrime;
        s.dPrimeLow = e.low;
        s.dPrimeHigh = e.high;
        s.dPrimeModel = QString::fromStdString(sensitivityModelName(*model));
    }
    return s;
}

} // namespace earlab
