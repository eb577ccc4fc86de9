#include "exercises/sensitivity_index.h"

#include "exercises/normal_distribution.h"
#include "exercises/proportion_interval.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace earlab {

namespace {
constexpr double kSqrt2 = 1.4142135623730951;

// Pc of the two ABX models: the listener is right when both of two independent judgements
// are right or both are wrong; the second judgement's spread is what differs.
double abxProportionCorrect(double d, double secondScale)
{
    const double first = normalCdf(d / kSqrt2);
    const double second = normalCdf(d / secondScale);
    return first * second + (1.0 - first) * (1.0 - second);
}
} // namespace

std::string sensitivityModelName(SensitivityModel model)
{
    switch (model) {
    case SensitivityModel::TwoAlternativeForcedChoice:
        return "2AFC";
    case SensitivityModel::AbxDifferencing:
        return "ABX, differencing model";
    case SensitivityModel::AbxIndependentObservation:
        return "ABX, independent-observation model";
    }
    return "unknown model";
}

double proportionCorrectFor(double dPrime, SensitivityModel model)
{
    switch (model) {
    case SensitivityModel::TwoAlternativeForcedChoice:
        return normalCdf(dPrime / kSqrt2);
    case SensitivityModel::AbxDifferencing:
        return abxProportionCorrect(dPrime, std::sqrt(6.0));
    case SensitivityModel::AbxIndependentObservation:
        return abxProportionCorrect(dPrime, 2.0);
    }
    throw std::invalid_argument("d′: unknown model");
}

double dPrimeFor(double pc, SensitivityModel model)
{
    if (!(pc >= 0.0 && pc <= 1.0))
        throw std::invalid_argument("d′: proportion correct " + std::to_string(pc) + " is outside 0 .. 1");
    if (pc <= 0.5)
        return 0.0;
    if (pc >= 1.0)
        return std::numeric_limits<double>::infinity();
    if (model == SensitivityModel::TwoAlternativeForcedChoice)
        return kSqrt2 * normalQuantile(pc);
    // Both ABX models rise monotonically from ½ at d′ 0 towards 1: bisect. 1 − Pc(60) is
    // below 1e-16 for both, so [0, 60] holds every pc a double below 1 can carry.
    double lo = 0.0, hi = 60.0;
    while (hi - lo > 1e-12 * (1.0 + lo)) {
        const double mid = 0.5 * (lo + hi);
        (proportionCorrectFor(mid, model) < pc ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

SensitivityEstimate estimateSensitivity(int correct, int trials, SensitivityModel model)
{
    if (trials < 1 || correct < 0 || correct > trials)
        throw std::invalid_argument("d′: " + std::to_string(correct) + " right of " + std::to_string(trials)
                                    + " trials is not a result");
    SensitivityEstimate e;
    e.model = model;
    e.correct = correct;
    e.trials = trials;
    e.proportionCorrect = correct == trials ? 1.0 - 1.0 / (2.0 * trials) : double(correct) / trials;
    e.dPrime = dPrimeFor(e.proportionCorrect, model);
    const ProportionInterval pc = wilsonInterval(correct, trials);
    e.low = dPrimeFor(pc.low, model);
    e.high = dPrimeFor(pc.high, model);
    return e;
}

} // namespace earlab
