#pragma once
// What a scored blind test of a fixed number of trials needs, said before it starts: the
// right answers that make the result significant, and how likely a listener of a given
// ability is to get there (the power). Plus the false-positive rate of peeking at a running
// score, which is why EarLab fixes n in advance and shows no score until the end.
//
// All from the exact binomial tail (binomial_tail.h); "significant" is p < alpha, p one-sided.

#include <optional>
#include <string>

namespace earlab {

// The smallest k with P(X ≥ k | trials, chance) < alpha ("12 of 16 for p < 0.05"); nothing
// when even trials of trials is not enough (fewer than 5 trials at ½ and 0.05). Throws
// std::invalid_argument when trials < 0 or alpha, chance are outside (0, 1).
std::optional<int> correctNeeded(int trials, double alpha = 0.05, double chance = 0.5);

// The power: the probability that a listener right with probability listenerRate on each
// trial reaches correctNeeded(trials, alpha, chance); 0 when no score is significant.
double detectionPower(int trials, double listenerRate, double alpha = 0.05, double chance = 0.5);

// The smallest number of trials whose power for listenerRate is at least `power`; nothing
// when none up to maxTrials is. The power is not monotone in n (kcrit moves in whole steps,
// so 17 trials detect an 80 % listener less often than 16 do), so longer runs than this
// one can still have less power; the planner only quotes it as the length to aim for.
std::optional<int> trialsForPower(double listenerRate, double power = 0.8, double alpha = 0.05,
                                  double chance = 0.5, int maxTrials = 2000);

// The planner's text for an ABX or preference run (chance ½), e.g. "12 of 16 correct for
// p < 0.05. A listener right 70 % of the time reaches it with probability 0.45, one right
// 80 % with 0.80. For 0.8 at 70 % use 37 trials." The last sentence only when the power at
// 70 % is below 0.8; for too few trials it says so and names the smallest useful n.
std::string plannerSentence(int trials, double alpha = 0.05);

// The real false-positive rate of a guesser (right with probability `chance`) when the
// score is checked after every trial from firstLook to lastTrial and the run stops at the
// first look with p < alpha: exact, by dynamic programming over the number right after each
// trial (the paths that have stopped are taken out of the distribution). 5 .. 16 at 0.05
// gives 0.088; a fixed test (firstLook = lastTrial) gives its own size.
double peekingFalsePositiveRate(int firstLook, int lastTrial, double alpha = 0.05, double chance = 0.5);

} // namespace earlab
