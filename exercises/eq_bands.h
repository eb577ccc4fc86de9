#pragma once
// The frequencies EQ exercises ask about: ISO 266 preferred octave and third-octave centres.

#include <span>
#include <string>

namespace earlab {

// 63 Hz to 16 kHz, nine bands.
std::span<const double> octaveCentresHz();
// 50 Hz to 16 kHz, twenty-six bands.
std::span<const double> thirdOctaveCentresHz();

// The exact centre a nominal ISO 266 band label stands for, on the base-2 series:
// 1000 * 2^(k/3) Hz for the k-th third-octave band from 1 kHz (octave bands are every third
// one: 1000 * 2^n). "63 Hz" is 62.5 Hz, "12.5 kHz" 12.7 kHz. Any other frequency is its own
// centre.
double exactCentreHz(double hz);

// Distance in octaves (always >= 0) between two bands' exact centres, never their rounded
// labels: 63 Hz to 250 Hz is exactly 2, 1 kHz to 1.25 kHz exactly 1/3.
double octavesBetween(double aHz, double bHz);

// "63 Hz", "1 kHz", "12.5 kHz": how the UI and the reveal name a band.
const char* bandLabel(double hz); // for ISO centres only; other values give "?"
// "63", "1k", "12.5k": the short form for axis ticks and compact bars (any frequency).
std::string bandTickLabel(double hz);

} // namespace earlab
