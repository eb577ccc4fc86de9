#pragma once
// The frequencies EQ exercises ask about: ISO 266 preferred octave and third-octave centres.

#include <span>
#include <string>

namespace earlab {

// 63 Hz to 16 kHz, nine bands.
std::span<const double> octaveCentresHz();
// 50 Hz to 16 kHz, twenty-six bands.
std::span<const double> thirdOctaveCentresHz();

// Distance between two frequencies in octaves (always >= 0).
double octavesBetween(double aHz, double bHz);

// "63 Hz", "1 kHz", "12.5 kHz": how the UI and the reveal name a band.
const char* bandLabel(double hz); // for ISO centres only; other values give "?"
// "63", "1k", "12.5k": the short form for axis ticks and compact bars (any frequency).
std::string bandTickLabel(double hz);

} // namespace earlab
