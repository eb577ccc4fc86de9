// The staircase's threshold estimate against simulated listeners with known psychometric
// functions, 1,000 measurement runs each (test_staircase_listeners asserts the same on
// fewer): bias, share of runs within 20 %, coverage of the 95 % interval (the staircase's
// and the textbook mean ± t·sd/sqrt(n)), trials to a ready estimate. Then the recommended
// rule of each exercise. Prints markdown tables for docs/exercises.md.
//   bench_staircase [--runs N] [--estimate N] [--stop N] [--max-trials N] [--initial-down N] [--k K]

#include "exercises/staircase.h"
#include "tests/exercises/staircase_listener.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr double kTextbookFactor = 2.571 / 2.449; // t(0.975, 5) / sqrt(6)

const char* familyName(SimulatedListener::Family f)
{
    return f == SimulatedListener::Family::Weibull ? "Weibull" : "logistic";
}

void listenerTable(const StaircaseRule& rule, int runs, double k)
{
    std::printf("| listener | threshold | slope | lapse | estimate / truth | within 20 %% | coverage (k = %.1f) | coverage (t·sd/√n) | interval ×/÷ (median) | not ready | trials to ready (median / 90 %%) | trials to stop |\n",
                k);
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    const struct {
        SimulatedListener::Family family;
        double slopes[4];
    } families[] = {{SimulatedListener::Family::Weibull, {0.7, 1, 2, 4}}, {SimulatedListener::Family::Logistic, {1.5, 3, 6, 0}}};
    std::uint64_t seed = 1;
    for (const auto& f : families)
        for (double lapse : {0.0, 0.02})
            for (double threshold : {0.3, 1.0, 3.0})
                for (double slope : f.slopes) {
                    if (slope == 0)
                        continue;
                    const SimulatedListener l{f.family, threshold, slope, lapse};
                    const ListenerSummary ours = summarize(rule, l, runs, seed, k);
                    const ListenerSummary textbook = summarize(rule, l, runs, seed, kTextbookFactor);
                    ++seed;
                    std::printf("| %s | %.1f %s | %.1f | %.2f | %.3f | %.2f | %.3f | %.3f | %.2f | %d | %d / %d | %.1f |\n",
                                familyName(l.family), threshold, qPrintable(rule.unit), slope, lapse, ours.biasRatio,
                                ours.within20, ours.coverage, textbook.coverage, ours.medianHalfWidth, ours.notReady,
                                ours.readyMedian, ours.ready90, ours.meanTrials);
                }
}

struct NamedRule {
    const char* exercise;
    StaircaseRule rule;
};

StaircaseRule rule(const char* unit, double start, double easiest, double hardest)
{
    StaircaseRule r;
    r.unit = QString::fromUtf8(unit);
    r.start = start;
    r.easiest = easiest;
    r.hardest = hardest;
    return r;
}

void exerciseTable(int runs)
{
    const NamedRule rules[] = {
        {"level difference", rule("dB", 6, 6, 0.1)},
        {"compression gain reduction", rule("dB", 12, 12, 1)},
        {"stem gain", rule("dB", 6, 6, 0.5)},
        {"pan / ILD", rule("dB", 6, 10, 0.2)},
        {"width change", rule("%", 50, 100, 2)},
        {"EQ gain", rule("dB", 12, 12, 0.5)},
    };
    std::printf("| exercise | start | bounds | listener threshold | Weibull slope | trials to ready (median / 90 %%) | trials to stop | coverage | estimate / truth |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    std::uint64_t seed = 1000;
    for (const NamedRule& n : rules) {
        const StaircaseRule& r = n.rule;
        // A listener near the hard end, one in the middle (geometrically), one near the easy end.
        const double thresholds[] = {r.hardest * 2, std::sqrt(r.hardest * r.easiest), r.easiest / 3};
        for (double threshold : thresholds)
            for (double slope : {1.0, 2.0, 4.0}) {
                const SimulatedListener l{SimulatedListener::Family::Weibull, threshold, slope, 0.0};
                const ListenerSummary s = summarize(r, l, runs, seed++);
                std::printf("| %s | %g %s | %g–%g | %.2f | %.0f | %d / %d | %.1f | %.3f | %.3f |\n", n.exercise, r.start,
                            qPrintable(r.unit), r.hardest, r.easiest, threshold, slope, s.readyMedian, s.ready90,
                            s.meanTrials, s.coverage, s.biasRatio);
            }
    }
}

} // namespace

int main(int argc, char** argv)
{
    int runs = 1000;
    double k = ThresholdEstimate::kIntervalFactor;
    StaircaseRule level = rule("dB", 6, 6, 0.1);
    // --estimate, --stop, --max-trials, --initial-down and --k try other rules and interval
    // factors on the simulated listeners.
    for (int i = 1; i + 1 < argc; i += 2) {
        const char* option = argv[i];
        const double v = std::atof(argv[i + 1]);
        if (std::strcmp(option, "--runs") == 0)
            runs = std::max(1, int(v));
        else if (std::strcmp(option, "--estimate") == 0)
            level.estimateReversals = int(v);
        else if (std::strcmp(option, "--stop") == 0)
            level.stopReversals = int(v);
        else if (std::strcmp(option, "--max-trials") == 0)
            level.maxTrials = int(v);
        else if (std::strcmp(option, "--initial-down") == 0)
            level.initialDown = int(v);
        else if (std::strcmp(option, "--k") == 0)
            k = v;
    }
    std::printf("## Simulated listeners, level-difference rule (6 → 0.1 dB; %d-down before the first reversal, %d reversals for the estimate, stop at %d or %d trials), %d runs each\n\n",
                level.initialDown, level.estimateReversals, level.stopReversals, level.maxTrials, runs);
    listenerTable(level, runs, k);
    std::printf("\n## Recommended rules per exercise, %d runs each\n\n", runs);
    exerciseTable(runs);
    return 0;
}
