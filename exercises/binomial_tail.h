#pragma once
// The exact one-sided binomial test of a blind test's score: the probability of k or more
// right answers out of n by guessing, P(X ≥ k | n, p0), p0 = ½ for ABX and 2AFC (⅓ for a
// triangle test). This is what foobar2000's ABX log calls "probability that you were
// guessing"; the point probability P(X = k) that some tools report is not a p-value.
//
// Stable for any n (tested to 10,000 trials): the terms are summed outwards from the largest
// term of the tail, relative to it, and scaled by that term's logarithm at the end, so
// nothing overflows or underflows before the result does. The upper tail is summed directly,
// never as 1 − lower tail, so a tiny p keeps its relative precision.

namespace earlab {

// ln C(n, k), for 0 ≤ k ≤ n (a sum of min(k, n − k) logarithms: no factorial overflows).
double logBinomialCoefficient(int n, int k);

// P(X ≥ k) for X ~ Binomial(n, p0). k ≤ 0 gives 1 (n = 0 included). Throws
// std::invalid_argument when n < 0, k > n (more right answers than trials is a bug in the
// caller, not a p of 0) or p0 is outside [0, 1].
double binomialUpperTail(int k, int n, double p0 = 0.5);

} // namespace earlab
