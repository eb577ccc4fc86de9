#pragma once
// Per-band results over many sessions, from the stored attempts: which bands a listener
// finds and which they confuse with which. The attempts hold the hidden band and the answer
// (EqQuestion::toJson / EqAnswer::toJson), so nothing extra needs storing.

#include "exercises/attempt.h"

#include <QList>

#include <map>
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

// confusions[hidden band][answered band] = count, for wrong band answers (0 = "flat").
using ConfusionTable = std::map<double, std::map<double, int>>;
ConfusionTable bandConfusions(const QList<Attempt>& attempts);

} // namespace earlab
