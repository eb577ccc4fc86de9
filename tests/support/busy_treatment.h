#pragma once
// The "busy" treatment of the performance goals (five peaking bands, a compressor, gain and
// pan): what the benchmarks time, and what tests use when any treatment that works every
// block of the chain will do.

#include "audio/treatment.h"

namespace earlab::test {

// Five peaking bands across the spectrum plus a compressor that works (pink noise at
// -20 dBFS RMS peaks well above -30 dBFS), then gain and pan: every block of the chain runs.
inline Treatment fiveBandsAndCompressor(bool withGainPan)
{
    Treatment t;
    t.eq = {{FilterType::Peak, 100.0, 4.0, 1.0},
            {FilterType::Peak, 400.0, -3.0, 1.4},
            {FilterType::Peak, 1000.0, 6.0, 1.0},
            {FilterType::Peak, 3000.0, -4.0, 2.0},
            {FilterType::Peak, 8000.0, 3.0, 0.7}};
    t.compress = true;
    t.compressor.thresholdDb = -30.0;
    t.compressor.ratio = 4.0;
    t.compressor.attackMs = 5.0;
    t.compressor.releaseMs = 50.0;
    t.compressor.kneeDb = 6.0;
    if (withGainPan) {
        t.gainDb = -3.0;
        t.pan = 0.3;
    }
    return t;
}

} // namespace earlab::test
