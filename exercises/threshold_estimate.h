#pragma once
// The threshold and its 95 % interval from a staircase's last reversals (see staircase.h
// for the procedure and for why the interval is as wide as it is).

#include "exercises/staircase.h"

#include <span>

namespace earlab {

// Geometric mean of `reversals` (values > 0) and the interval exp(mean ± k·sd) of their
// logs; with fewer than two reversals the interval is the value itself. `ready` and `unit`
// are left for the caller.
ThresholdEstimate estimateFromReversals(std::span<const double> reversals, double k);

// A value as the texts show it: about two significant digits, no trailing zeros.
QString formatThresholdValue(double v);

} // namespace earlab
