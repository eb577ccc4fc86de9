#pragma once
// A transformed up-down staircase (Levitt 1971, "Transformed up-down methods in
// psychoacoustics", JASA 49:467): after `down` right answers in a row the next question is
// harder, after `up` wrong answers in a row it is easier. 3-down/1-up converges on the value
// answered right 79.4 % of the time (p^3 = 0.5), near the ~85 % found best for learning.
//
// Values are magnitudes where smaller is harder (dB of level difference, dB of gain
// reduction, pan offset in dB, width change in %), always > 0, and stepped geometrically
// (multiplied or divided by a factor), because thresholds and their spread scale with the
// value: a step of 0.5 dB is huge at 0.3 dB and nothing at 6 dB.
//
// The procedure, with the default rule:
// - start: `start` (the easy end), or a value the listener picks, clamped to the bounds;
//   until the first reversal every right answer makes it harder (`initialDown` 1), so it
//   runs down to the listener quickly; with 3 right answers per step from the start,
//   shallow listeners' estimates were still on the way down at the stopping rule (up to
//   37 % high, after 4–10 more trials; tests/bench/bench_staircase.cpp);
// - steps: the value is divided (harder) or multiplied (easier) by `coarseFactor` (2) until
//   `coarseReversals` (2) reversals, then by `fineFactor` (1.26: 26 % of the value);
//   it never leaves [hardest, easiest]. A reversal is a change of the direction the
//   staircase moves in; its value is the value the turning answer was given at. A move
//   that a bound swallows still counts as a move in its direction, so a listener pinned at
//   `hardest` who then misses makes a reversal there.
// - threshold: the geometric mean of the last `estimateReversals` (6) reversals at the fine
//   step, with a 95 % interval (see ThresholdEstimate); ready from the 6th fine reversal on,
//   and it keeps sliding while training goes on.
// - stopping rule of a measurement run: `stopReversals` (8) fine reversals or `maxTrials`
//   (80) trials, whichever comes first (finished()). Training may go on past it.
// Trials: with the default rule, simulated listeners of threshold 0.3–3 dB (Weibull slope
// 1–4, logistic 1.5–6, lapse 0 and 2 %) had a ready estimate after a median of 33–41 trials
// and in 90 % of runs by trial 56; the stopping rule came after 42–52 trials on average
// (tests/bench/bench_staircase.cpp).

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace earlab {

// One exercise's staircase. Defaults are those of the level-difference exercise.
struct StaircaseRule {
    QString unit;            // for texts: "dB", "%", ...
    double start = 6.0;      // first value (easy end), clamped to [hardest, easiest]
    double easiest = 6.0;    // upper bound
    double hardest = 0.1;    // lower bound, > 0
    int down = 3, up = 1;    // `down` right in a row -> harder, `up` wrong in a row -> easier
    int initialDown = 1;     // ... but before the first reversal `initialDown` right -> harder
    double coarseFactor = 2.0;  // value multiplied / divided by this until coarseReversals reversals
    double fineFactor = 1.26;   // ... and by this afterwards; both > 1
    int coarseReversals = 2;
    int estimateReversals = 6;  // the threshold uses the last N reversals at the fine step (even:
                                // as many peaks as valleys)
    int stopReversals = 8;      // stopping rule of a measurement run (reversals at the fine step)
    int maxTrials = 80;         // ... or this many trials

    // Empty when the rule is usable, else what is wrong with it. A Staircase built on a
    // broken rule repairs it (bounds ordered and > 0, factors > 1, counts >= 1) rather than
    // misbehave, but an exercise's rule is a constant its tests check with this.
    QString problem() const;
};

// The staircase's threshold: the value answered right about 79.4 % of the time (for
// 3-down/1-up), in the rule's unit.
//
// The 95 % interval is taken from the same reversals, in log value: the mean of the last N
// fine reversals ± kIntervalFactor × their standard deviation, NOT divided by sqrt(N). The
// textbook mean ± t·sd/sqrt(N) (k = 1.05 for N = 6) treats the reversals as independent, but
// successive reversals of one run are correlated, and more so the shallower the listener's
// psychometric function: with it, simulated listeners of Weibull slope 1 were covered in
// only 59–64 % of runs. Six reversals cannot tell a shallow listener from a steep one (the
// spread of their reversals differs by a third, the error of the estimate by a factor 2.5;
// a maximum-likelihood slope fit to one run is no better), so the factor is set by the
// shallowest listeners simulated (2AFC, lapse 0 and 2 %, thresholds 0.3–3 dB on the default
// rule): 3.0 covers the true 79.4 % point in >= 92 % of 1,000 runs for every Weibull
// listener of slope 1 to 4 in log value and every logistic one of slope 1.5 to 6; it is
// conservative (99–100 %) for steep listeners, and short (86–91 %) for very shallow ones
// (Weibull 0.7). The interval is then the estimate ×/÷ 2.1–2.8 (median per listener). With
// 12 reversals instead of 6 a factor of 2.0 covers >= 94 % at ×/÷ 1.7–2.1, for ~30 more
// trials. Figures: tests/bench/bench_staircase.cpp, asserted by tests/exercises/
// test_staircase_listeners.cpp. The factor was chosen for estimateReversals = 6; more
// reversals make it conservative, fewer would need a new measurement. The interval is
// geometric, so asymmetric in the unit.
struct ThresholdEstimate {
    static constexpr double kIntervalFactor = 3.0;

    bool ready = false;     // enough fine reversals (estimateReversals)
    double value = 0;       // threshold in the rule's unit (also while not ready: the reversals so far)
    double low = 0, high = 0; // 95 % interval
    int reversals = 0;      // fine reversals the estimate is taken from (<= estimateReversals)
    QString unit;

    // "0.8 dB ± 0.2" when the two sides round alike, else "0.8 dB (0.6–1.1)";
    // "measuring…" when not ready.
    QString text() const;
};

class Staircase {
public:
    explicit Staircase(StaircaseRule rule, std::optional<double> startAt = {}); // startAt clamped

    const StaircaseRule& rule() const { return rule_; }
    double value() const { return value_; } // the value the next question is asked at
    // Records the answer to the question asked at value(). +1 when it got harder (value
    // down), -1 easier (value up), 0 unchanged (no move yet, or a bound swallowed it).
    int record(bool correct);
    ThresholdEstimate estimate() const;
    bool finished() const;  // the stopping rule reached (training may go on; estimate keeps sliding)
    int trials() const { return trials_; }
    bool fineStep() const;  // past the coarse reversals
    int reversalCount() const { return reversalCount_; }   // all reversals so far
    int fineReversalCount() const;
    std::vector<double> reversalValues() const; // the most recent kKeptReversals, oldest first

    // value, step stage, run of right / wrong answers, direction, reversals, trials.
    QJsonObject toJson() const;
    // A stored state; a malformed or out-of-range state gives a fresh staircase and sets
    // *problem to what was wrong with it (never throws). A state saved under another rule
    // whose values still fit this rule's bounds is taken as it is.
    static Staircase fromJson(const StaircaseRule& rule, const QJsonObject& state, QString* problem = nullptr);

    // Reversal values kept (the estimate needs only the last estimateReversals; the count
    // of all reversals is kept separately), so a long training history stays small.
    static constexpr int kKeptReversals = 32;
    static constexpr int kStateVersion = 1;

private:
    void step(int direction);
    void addReversal(double value);
    int keptReversals() const;

    StaircaseRule rule_;
    double value_;
    int rightRun_ = 0;
    int wrongRun_ = 0;
    int direction_ = 0; // of the last move: +1 harder, -1 easier, 0 none yet
    int reversalCount_ = 0;
    std::vector<double> reversals_; // the most recent ones, oldest first
    int trials_ = 0;
};

} // namespace earlab
