#pragma once
// The standard normal distribution: Φ and its inverse z = Φ⁻¹, for d′ (sensitivity_index.h).

namespace earlab {

// Φ(x) = P(Z ≤ x), from std::erfc, so the lower tail keeps its relative precision
// (Φ(−10) ≈ 7.6e-24, not 0).
double normalCdf(double x);

// The standard normal density φ(x).
double normalDensity(double x);

// z with Φ(z) = p, for 0 < p < 1, accurate to about 1e-15 relative: a rational start
// (Abramowitz & Stegun 26.2.23, |error| < 4.5e-4) refined by Newton steps on Φ, in the
// lower tail (p > ½ goes through −Φ⁻¹(1 − p), which is exact in floating point). p = 0 gives
// −infinity and p = 1 +infinity; anything else outside [0, 1] throws std::invalid_argument.
double normalQuantile(double p);

} // namespace earlab
