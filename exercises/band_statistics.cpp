#include "exercises/band_statistics.h"

#include <cmath>

namespace earlab {

namespace {
// The hidden band of an attempt, 0 for a flat trial; NaN when the record has none.
double hiddenBand(const Attempt& a)
{
    if (a.hidden.value("flat").toBool())
        return 0.0;
    const auto f = a.hidden.value("frequency_hz");
    return f.isDouble() ? f.toDouble() : std::nan("");
}

double answeredBand(const Attempt& a)
{
    if (a.answer.value("flat").toBool())
        return 0.0;
    const auto f = a.answer.value("frequency_hz");
    return f.isDouble() ? f.toDouble() : std::nan("");
}
} // namespace

std::vector<BandAccuracy> perBandAccuracy(const QList<Attempt>& attempts)
{
    std::map<double, BandAccuracy> bands;
    for (const Attempt& a : attempts) {
        const double band = hiddenBand(a);
        if (std::isnan(band))
            continue;
        BandAccuracy& b = bands[band];
        b.bandHz = band;
        ++b.asked;
        b.correct += a.correct ? 1 : 0;
        b.meanScore += a.score;
    }
    std::vector<BandAccuracy> out;
    for (auto& [band, b] : bands) {
        b.meanScore /= double(b.asked);
        out.push_back(b);
    }
    return out;
}

ConfusionTable bandConfusions(const QList<Attempt>& attempts)
{
    ConfusionTable table;
    for (const Attempt& a : attempts) {
        const double hidden = hiddenBand(a);
        const double answered = answeredBand(a);
        if (std::isnan(hidden) || std::isnan(answered) || std::abs(hidden - answered) < 0.5)
            continue;
        ++table[hidden][answered];
    }
    return table;
}

} // namespace earlab
