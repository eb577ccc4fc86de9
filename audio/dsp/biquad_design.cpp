#include "audio/dsp/biquad_design.h"

#include "audio/dsp/dsp_validation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace earlab::dsp {

bool operator==(const BiquadCoefficients& a, const BiquadCoefficients& b) noexcept
{
    return a.b0 == b.b0 && a.b1 == b.b1 && a.b2 == b.b2 && a.a1 == b.a1 && a.a2 == b.a2;
}

BiquadCoefficients designBiquad(const EqBand& band, double sampleRate)
{
    const char* subject = "EQ band";
    requirePositive(subject, "sampleRate", sampleRate, "Hz");
    requireInRange(subject, "frequencyHz", band.frequencyHz, 10.0, 0.49 * sampleRate, "Hz");
    requireInRange(subject, "q", band.q, 0.1, 40.0, "");
    requireInRange(subject, "gainDb", band.gainDb, -30.0, 30.0, "dB");

    const double w0 = 2.0 * std::numbers::pi * band.frequencyHz / sampleRate;
    const double cw = std::cos(w0);
    const double alpha = std::sin(w0) / (2.0 * band.q);
    const double A = std::pow(10.0, band.gainDb / 40.0);
    const double sqA2alpha = 2.0 * std::sqrt(A) * alpha;

    double b0 = 1, b1 = 0, b2 = 0, a0 = 1, a1 = 0, a2 = 0;
    switch (band.type) {
    case FilterType::Peak:
        b0 = 1.0 + alpha * A;
        b1 = -2.0 * cw;
        b2 = 1.0 - alpha * A;
        a0 = 1.0 + alpha / A;
        a1 = -2.0 * cw;
        a2 = 1.0 - alpha / A;
        break;
    case FilterType::LowShelf:
        b0 = A * ((A + 1.0) - (A - 1.0) * cw + sqA2alpha);
        b1 = 2.0 * A * ((A - 1.0) - (A + 1.0) * cw);
        b2 = A * ((A + 1.0) - (A - 1.0) * cw - sqA2alpha);
        a0 = (A + 1.0) + (A - 1.0) * cw + sqA2alpha;
        a1 = -2.0 * ((A - 1.0) + (A + 1.0) * cw);
        a2 = (A + 1.0) + (A - 1.0) * cw - sqA2alpha;
        break;
    case FilterType::HighShelf:
        b0 = A * ((A + 1.0) + (A - 1.0) * cw + sqA2alpha);
        b1 = -2.0 * A * ((A - 1.0) + (A + 1.0) * cw);
        b2 = A * ((A + 1.0) + (A - 1.0) * cw - sqA2alpha);
        a0 = (A + 1.0) - (A - 1.0) * cw + sqA2alpha;
        a1 = 2.0 * ((A - 1.0) - (A + 1.0) * cw);
        a2 = (A + 1.0) - (A - 1.0) * cw - sqA2alpha;
        break;
    case FilterType::LowPass:
        b0 = (1.0 - cw) / 2.0;
        b1 = 1.0 - cw;
        b2 = (1.0 - cw) / 2.0;
        a0 = 1.0 + alpha;
        a1 = -2.0 * cw;
        a2 = 1.0 - alpha;
        break;
    case FilterType::HighPass:
        b0 = (1.0 + cw) / 2.0;
        b1 = -(1.0 + cw);
        b2 = (1.0 + cw) / 2.0;
        a0 = 1.0 + alpha;
        a1 = -2.0 * cw;
        a2 = 1.0 - alpha;
        break;
    case FilterType::BandPass:
        b0 = alpha;
        b1 = 0.0;
        b2 = -alpha;
        a0 = 1.0 + alpha;
        a1 = -2.0 * cw;
        a2 = 1.0 - alpha;
        break;
    case FilterType::Notch:
        b0 = 1.0;
        b1 = -2.0 * cw;
        b2 = 1.0;
        a0 = 1.0 + alpha;
        a1 = -2.0 * cw;
        a2 = 1.0 - alpha;
        break;
    }
    return {b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0};
}

double magnitudeDb(const BiquadCoefficients& c, double frequencyHz, double sampleRate)
{
    const double s = std::sin(std::numbers::pi * frequencyHz / sampleRate);
    const double phi = s * s;
    const double sb = c.b0 + c.b1 + c.b2;
    const double sa = 1.0 + c.a1 + c.a2;
    const double num = sb * sb - 4.0 * (c.b0 * c.b1 + 4.0 * c.b0 * c.b2 + c.b1 * c.b2) * phi
                       + 16.0 * c.b0 * c.b2 * phi * phi;
    const double den = sa * sa - 4.0 * (c.a1 + 4.0 * c.a2 + c.a1 * c.a2) * phi
                       + 16.0 * c.a2 * phi * phi;
    // Rounding can leave a tiny negative numerator at an exact zero (a notch at f0).
    if (!(num > 0.0))
        return -std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(num / den);
}

} // namespace earlab::dsp
