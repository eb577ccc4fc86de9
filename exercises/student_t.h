#pragma once
// Student's t distribution for whole degrees of freedom (a rating interval has n − 1), from
// the closed-form finite series of Abramowitz & Stegun 26.7.3 (ν odd) and 26.7.4 (ν even):
// no incomplete beta function, no lgamma, exact up to rounding for every ν.

namespace earlab {

// P(T ≤ t) for T ~ t(ν), ν ≥ 1. Throws std::invalid_argument for ν < 1.
double studentTCdf(double t, int degreesOfFreedom);

// The t with P(T ≤ t) = p, 0 < p < 1 (e.g. t(0.975, 4) = 2.776), found by bisection on the
// angle θ = atan(t/√ν) of the series, to ~1e-12 relative. Throws std::invalid_argument for
// ν < 1 or p outside (0, 1).
double studentTQuantile(double p, int degreesOfFreedom);

} // namespace earlab
