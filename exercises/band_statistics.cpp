#include "exercises/band_statistics.h"

#include "exercises/eq_bands.h"
#include "exercises/proportion_interval.h"

#include <algorithm>
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

std::vector<BandAccuracy> pooledByOctave(const std::vector<BandAccuracy>& bands, std::span<const double> octaveCentresHz)
{
    std::map<double, BandAccuracy> pooled;
    for (double centre : octaveCentresHz)
        pooled[centre].bandHz = centre;
    for (const BandAccuracy& b : bands) {
        double target = 0.0; // flat trials
        if (b.bandHz > 0.0 && !octaveCentresHz.empty())
            target = *std::min_element(octaveCentresHz.begin(), octaveCentresHz.end(), [&](double x, double y) {
                return octavesBetween(x, b.bandHz) < octavesBetween(y, b.bandHz);
            });
        BandAccuracy& p = pooled[target];
        p.bandHz = target;
        // meanScore is kept as a sum until the end, then divided by the pooled count.
        p.meanScore += b.meanScore * b.asked;
        p.asked += b.asked;
        p.correct += b.correct;
    }
    std::vector<BandAccuracy> out;
    for (auto& [band, p] : pooled) {
        if (p.asked > 0)
            p.meanScore /= double(p.asked);
        out.push_back(p);
    }
    return out;
}

double wilsonUpperBound(int correct, int asked)
{
    return wilsonInterval(correct, asked).high;
}

std::optional<BandAccuracy> weakestBand(const std::vector<BandAccuracy>& bands)
{
    std::optional<BandAccuracy> weakest;
    double weakestBound = 2.0;
    for (const BandAccuracy& b : bands) {
        if (b.bandHz <= 0.0 || b.asked <= 0)
            continue;
        const double bound = wilsonUpperBound(b.correct, b.asked);
        if (!weakest || bound < weakestBound || (bound == weakestBound && b.asked > weakest->asked)) {
            weakest = b;
            weakestBound = bound;
        }
    }
    return weakest;
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
