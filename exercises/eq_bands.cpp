#include "exercises/eq_bands.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

namespace earlab {

namespace {
constexpr std::array<double, 9> kOctave = {63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000};
constexpr std::array<double, 26> kThird = {50,   63,   80,   100,  125,  160,  200,  250,  315,
                                           400,  500,  630,  800,  1000, 1250, 1600, 2000, 2500,
                                           3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000};
constexpr std::array<const char*, 26> kThirdLabels = {
    "50 Hz",   "63 Hz",   "80 Hz",   "100 Hz",  "125 Hz", "160 Hz", "200 Hz", "250 Hz",  "315 Hz",
    "400 Hz",  "500 Hz",  "630 Hz",  "800 Hz",  "1 kHz",  "1.25 kHz", "1.6 kHz", "2 kHz", "2.5 kHz",
    "3.15 kHz", "4 kHz",  "5 kHz",   "6.3 kHz", "8 kHz",  "10 kHz", "12.5 kHz", "16 kHz"};
} // namespace

std::span<const double> octaveCentresHz() { return kOctave; }
std::span<const double> thirdOctaveCentresHz() { return kThird; }

namespace {
constexpr int kThirdOf1k = 13; // kThird[13] is 1 kHz

// The band `hz` names, if it is one of the ISO centres (its label, within half a hertz).
std::optional<std::size_t> thirdIndex(double hz)
{
    for (std::size_t i = 0; i < kThird.size(); ++i)
        if (std::abs(kThird[i] - hz) < 0.5)
            return i;
    return std::nullopt;
}
} // namespace

double exactCentreHz(double hz)
{
    const auto i = thirdIndex(hz);
    return i ? 1000.0 * std::exp2((double(*i) - kThirdOf1k) / 3.0) : hz;
}

double octavesBetween(double aHz, double bHz) { return std::abs(std::log2(exactCentreHz(aHz) / exactCentreHz(bHz))); }

const char* bandLabel(double hz)
{
    const auto i = thirdIndex(hz);
    return i ? kThirdLabels[*i] : "?";
}

std::string bandTickLabel(double hz)
{
    char text[32];
    if (hz >= 1000.0)
        std::snprintf(text, sizeof text, "%gk", hz / 1000.0);
    else
        std::snprintf(text, sizeof text, "%g", hz);
    return text;
}

} // namespace earlab
