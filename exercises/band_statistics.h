#pragma once
// Per-band results over many sessions, from the stored attempts: which bands a listener
// finds and which they confuse with which. The attempts hold the hidden band and the answer
// (EqQuestion::toJson / EqAnswer::toJson), so nothing extra needs storing.

#include "exercises/attempt.h"

#include <QList>

#include <map>
#include <optional>
#include <span>
#include <vector>

namespace earlab {

struct BandAccuracy {
    double bandHz = 0;    // the hidden band; 0 for flat trials
    int asked = 0;
    int correct = 0;
    double meanScore = 0; // partial credit included
    double accuracy() const { return asked > 0 ? double(correct) / asked : 0.0; }
};

// Sorted by band. Attempts without a readable hidden band are left out.
std::vector<BandAccuracy> perBandAccuracy(const QList<Attempt>& attempts);

// The same results pooled per octave (for a compact view): each band counts towards the
// centre in `octaveCentresHz` nearest to it on a log scale (a third-octave band to the octave
// it lies in), flat trials stay at 0 Hz. Every centre is in the result, asked = 0 when none
// of its bands was asked; sorted by band, flat first when present.
std::vector<BandAccuracy> pooledByOctave(const std::vector<BandAccuracy>& bands,
                                         std::span<const double> octaveCentresHz);

// The band the listener is surely weakest at, among those asked (flat trials left out):
// the lowest upper bound of the 95 % Wilson interval of its accuracy, so that 0 of 1 does
// not outrank 20 of 50 — one miss says little, fifty answers say a lot. Ties go to the band
// asked more often, then the lower band. Nothing when no band was asked.
std::optional<BandAccuracy> weakestBand(const std::vector<BandAccuracy>& bands);
// The upper end of the 95 % Wilson score interval of correct/asked (1 when asked = 0;
// see proportion_interval.h).
double wilsonUpperBound(int correct, int asked);

// confusions[hidden band][answered band] = count, for wrong band answers (0 = "flat").
using ConfusionTable = std::map<double, std::map<double, int>>;
ConfusionTable bandConfusions(const QList<Attempt>& attempts);

} // namespace earlab
