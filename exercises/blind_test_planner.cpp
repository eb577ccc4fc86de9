#include "exercises/blind_test_planner.h"

#include "exercises/binomial_tail.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace earlab {

namespace {
void checkProbability(const char* what, double value)
{
    if (!(value > 0.0 && value < 1.0))
        throw std::invalid_argument(std::string("blind test planner: ") + what + " " + std::to_string(value)
                                    + " is outside 0 .. 1");
}

std::string format(const char* pattern, auto... values)
{
    char text[256];
    std::snprintf(text, sizeof text, pattern, values...);
    return text;
}

// "0.05", "0.01", "0.005": the shortest decimal that shows alpha.
std::string formatAlpha(double alpha)
{
    for (int digits = 2; digits < 6; ++digits) {
        const std::string s = format("%.*f", digits, alpha);
        if (std::abs(std::stod(s) - alpha) < 1e-12)
            return s;
    }
    return format("%g", alpha);
}
} // namespace

std::optional<int> correctNeeded(int trials, double alpha, double chance)
{
    if (trials < 0)
        throw std::invalid_argument("blind test planner: " + std::to_string(trials) + " trials");
    checkProbability("alpha", alpha);
    checkProbability("chance rate", chance);
    if (binomialUpperTail(trials, trials, chance) >= alpha)
        return std::nullopt;
    // The tail falls as k rises: bisect for the first k below alpha (lo fails, hi passes).
    int lo = -1, hi = trials;
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        (binomialUpperTail(mid, trials, chance) < alpha ? hi : lo) = mid;
    }
    return hi;
}

double detectionPower(int trials, double listenerRate, double alpha, double chance)
{
    if (!(listenerRate >= 0.0 && listenerRate <= 1.0))
        throw std::invalid_argument("blind test planner: listener rate " + std::to_string(listenerRate)
                                    + " is outside 0 .. 1");
    const std::optional<int> k = correctNeeded(trials, alpha, chance);
    return k ? binomialUpperTail(*k, trials, listenerRate) : 0.0;
}

std::optional<int> trialsForPower(double listenerRate, double power, double alpha, double chance, int maxTrials)
{
    for (int n = 1; n <= maxTrials; ++n)
        if (detectionPower(n, listenerRate, alpha, chance) >= power)
            return n;
    return std::nullopt;
}

std::string plannerSentence(int trials, double alpha)
{
    const std::string a = formatAlpha(alpha);
    const std::optional<int> k = correctNeeded(trials, alpha);
    if (!k) {
        const std::optional<int> least = trialsForPower(1.0, 1.0, alpha);
        return format("%d trials cannot reach p < %s: even %d of %d gives p = %.4f.", trials, a.c_str(), trials,
                      trials, binomialUpperTail(trials, trials))
            + (least ? format(" Use at least %d.", *least) : std::string());
    }
    const double at70 = binomialUpperTail(*k, trials, 0.7);
    const double at80 = binomialUpperTail(*k, trials, 0.8);
    std::string text = format("%d of %d correct for p < %s. A listener right 70 %% of the time reaches it with "
                              "probability %.2f, one right 80 %% with %.2f.",
                              *k, trials, a.c_str(), at70, at80);
    if (at70 < 0.8)
        if (const std::optional<int> n = trialsForPower(0.7, 0.8, alpha))
            text += format(" For 0.8 at 70 %% use %d trials.", *n);
    return text;
}

double peekingFalsePositiveRate(int firstLook, int lastTrial, double alpha, double chance)
{
    if (firstLook < 1 || lastTrial < firstLook)
        throw std::invalid_argument("peeking rate: looks from trial " + std::to_string(firstLook) + " to "
                                    + std::to_string(lastTrial));
    checkProbability("alpha", alpha);
    checkProbability("chance rate", chance);
    // still[j]: probability of j right so far on a path that has not stopped yet.
    std::vector<double> still{1.0};
    double stopped = 0.0;
    for (int t = 1; t <= lastTrial; ++t) {
        std::vector<double> next(t + 1, 0.0);
        for (int j = 0; j < t; ++j) {
            next[j] += still[j] * (1.0 - chance);
            next[j + 1] += still[j] * chance;
        }
        if (t >= firstLook)
            if (const std::optional<int> k = correctNeeded(t, alpha, chance))
                for (int j = *k; j <= t; ++j) {
                    stopped += next[j];
                    next[j] = 0.0;
                }
        still = std::move(next);
    }
    return stopped;
}

} // namespace earlab
