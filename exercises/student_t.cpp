#include "exercises/student_t.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace earlab {

namespace {
void checkDegrees(int nu)
{
    if (nu < 1)
        throw std::invalid_argument("Student t: " + std::to_string(nu) + " degrees of freedom (needs at least 1)");
}

// A(t|ν) = P(|T| ≤ t) at θ = atan(t/√ν), 0 ≤ θ < π/2.
double centralProbability(double theta, int nu)
{
    const double s = std::sin(theta);
    const double c = std::cos(theta);
    const double c2 = c * c;
    if (nu % 2 == 0) {
        // sinθ · (1 + ½cos²θ + (1·3)/(2·4)cos⁴θ + … up to cos^(ν−2)θ)
        double term = 1.0, sum = 1.0;
        for (int j = 1; 2 * j <= nu - 2; ++j) {
            term *= c2 * double(2 * j - 1) / double(2 * j);
            sum += term;
        }
        return s * sum;
    }
    // (2/π) · (θ + sinθ · (cosθ + (2/3)cos³θ + … up to cos^(ν−2)θ)); just 2θ/π for ν = 1.
    double series = 0.0;
    if (nu > 1) {
        double term = c;
        series = c;
        for (int j = 1; 2 * j + 1 <= nu - 2; ++j) {
            term *= c2 * double(2 * j) / double(2 * j + 1);
            series += term;
        }
    }
    return 2.0 / std::numbers::pi * (theta + s * series);
}
} // namespace

double studentTCdf(double t, int degreesOfFreedom)
{
    checkDegrees(degreesOfFreedom);
    if (std::isnan(t))
        return t;
    const double a = centralProbability(std::atan(std::abs(t) / std::sqrt(double(degreesOfFreedom))), degreesOfFreedom);
    return t >= 0.0 ? 0.5 + 0.5 * a : 0.5 - 0.5 * a;
}

double studentTQuantile(double p, int degreesOfFreedom)
{
    checkDegrees(degreesOfFreedom);
    if (!(p > 0.0 && p < 1.0))
        throw std::invalid_argument("Student t quantile: probability " + std::to_string(p) + " is outside 0 .. 1");
    if (p == 0.5)
        return 0.0;
    const double target = std::abs(2.0 * p - 1.0);
    // A rises monotonically with θ from 0 to 1 over [0, π/2).
    double lo = 0.0, hi = std::numbers::pi / 2.0;
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        const double mid = 0.5 * (lo + hi);
        (centralProbability(mid, degreesOfFreedom) < target ? lo : hi) = mid;
    }
    const double t = std::sqrt(double(degreesOfFreedom)) * std::tan(0.5 * (lo + hi));
    return p > 0.5 ? t : -t;
}

} // namespace earlab
