#pragma once
// Simulated listeners with known psychometric functions, answering a 2AFC staircase, and the
// statistics of many measurement runs: shared by test_staircase_listeners and
// bench_staircase. Header only; deterministic for a seed on every platform (std::mt19937_64
// is specified bit for bit, std:: distributions are not, so uniforms are made here).

#include "exercises/staircase.h"
#include "exercises/threshold_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace earlab::test {

// p(correct) at value x (> 0), with guess rate 0.5 (2AFC) and lapse rate `lapse`:
//   Weibull:  0.5 + (0.5 - lapse) (1 - exp(-(x/a)^slope))
//   logistic: 0.5 + (0.5 - lapse) / (1 + exp(-slope (ln x - ln a)))
// both functions of log x; `a` is placed so that p(threshold) = 2^(-1/3) = 79.37 %, the point
// 3-down/1-up converges on: `threshold` is the truth a staircase estimate is judged against.
struct SimulatedListener {
    enum class Family { Weibull, Logistic };
    Family family = Family::Weibull;
    double threshold = 1.0;
    double slope = 2.0;
    double lapse = 0.0;

    static double target() { return std::pow(2.0, -1.0 / 3.0); }

    double scale() const
    {
        const double q = (target() - 0.5) / (0.5 - lapse); // the function's share at the target
        if (family == Family::Weibull)
            return threshold / std::pow(-std::log(1 - q), 1 / slope);
        return threshold / std::exp(std::log(q / (1 - q)) / slope);
    }

    double pCorrect(double x) const
    {
        const double a = scale();
        const double f = family == Family::Weibull
            ? 1 - std::exp(-std::pow(x / a, slope))
            : 1 / (1 + std::exp(-slope * (std::log(x) - std::log(a))));
        return 0.5 + (0.5 - lapse) * f;
    }
};

inline double uniform01(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

struct MeasurementRun {
    ThresholdEstimate estimate; // at the stopping rule
    int trials = 0;             // when the stopping rule was reached
    int readyAt = -1;           // the trial after which the estimate was first ready; -1 never
    std::vector<double> used;   // the reversals the estimate is taken from
};

// One measurement run: answers until the staircase's stopping rule.
inline MeasurementRun measure(const StaircaseRule& rule, const SimulatedListener& listener, std::mt19937_64& rng)
{
    Staircase s(rule);
    MeasurementRun run;
    while (!s.finished()) {
        s.record(uniform01(rng) < listener.pCorrect(s.value()));
        if (run.readyAt < 0 && s.fineReversalCount() >= rule.estimateReversals)
            run.readyAt = s.trials();
    }
    run.estimate = s.estimate();
    run.trials = s.trials();
    const std::vector<double> reversals = s.reversalValues();
    run.used.assign(reversals.end() - run.estimate.reversals, reversals.end());
    return run;
}

// Many runs of one listener. A run that stops (maxTrials) without a ready estimate counts as
// not covering and not within 20 %.
struct ListenerSummary {
    int runs = 0;
    int notReady = 0;
    double coverage = 0;       // share of runs whose 95 % interval holds the threshold
    double biasRatio = 1;      // geometric mean of estimate / threshold over the ready runs
    double within20 = 0;       // share of runs whose estimate is within 20 % of the threshold
    double medianHalfWidth = 1; // median of sqrt(high / low): the interval is value ×/÷ this
    double meanTrials = 0;     // to the stopping rule
    int readyMedian = 0, ready90 = 0; // trials to a ready estimate, median and 90th percentile
};

// intervalFactor: the k of ThresholdEstimate's interval (the staircase's own by default; the
// benchmark also shows the textbook one).
inline ListenerSummary summarize(const StaircaseRule& rule, const SimulatedListener& listener, int runs, std::uint64_t seed,
                                 double intervalFactor = ThresholdEstimate::kIntervalFactor)
{
    std::mt19937_64 rng(seed);
    ListenerSummary s;
    s.runs = runs;
    int covered = 0, within = 0, ready = 0;
    double logRatios = 0, trials = 0;
    std::vector<int> readyAt;
    std::vector<double> halfWidths;
    for (int i = 0; i < runs; ++i) {
        const MeasurementRun run = measure(rule, listener, rng);
        trials += run.trials;
        readyAt.push_back(run.readyAt < 0 ? 1 << 30 : run.readyAt);
        ThresholdEstimate e = estimateFromReversals(run.used, intervalFactor);
        if (!run.estimate.ready) {
            ++s.notReady;
            continue;
        }
        ++ready;
        logRatios += std::log(e.value / listener.threshold);
        halfWidths.push_back(std::sqrt(e.high / e.low));
        covered += e.low <= listener.threshold && listener.threshold <= e.high;
        within += std::fabs(e.value / listener.threshold - 1) <= 0.2;
    }
    s.coverage = double(covered) / runs;
    s.within20 = double(within) / runs;
    s.meanTrials = trials / runs;
    if (ready > 0) {
        s.biasRatio = std::exp(logRatios / ready);
        std::sort(halfWidths.begin(), halfWidths.end());
        s.medianHalfWidth = halfWidths[halfWidths.size() / 2];
    }
    std::sort(readyAt.begin(), readyAt.end());
    s.readyMedian = readyAt[readyAt.size() / 2];
    s.ready90 = readyAt[readyAt.size() * 9 / 10];
    return s;
}

} // namespace earlab::test
