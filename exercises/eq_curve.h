#pragma once
// The magnitude response of an EQ, sampled on a log-frequency axis for the reveal's plot.
// Computed from the same RBJ designs the engine plays (dsp::designBiquad/magnitudeDb).

#include "audio/treatment.h"

#include <QList>
#include <QPointF>

namespace earlab {

inline constexpr double kCurveMinHz = 20.0;
inline constexpr double kCurveMaxHz = 20000.0;

// `points` samples, log-spaced over [kCurveMinHz, kCurveMaxHz]: x = frequency in Hz,
// y = the EQ's gain in dB (the treatment's overall gain, e.g. loudness matching, is left out:
// the plot shows the tonal change). A flat treatment gives a 0 dB line.
QList<QPointF> eqCurve(const std::vector<EqBand>& eq, int points = 241);

} // namespace earlab
