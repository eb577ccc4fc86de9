#include "exercises/sided_amount.h"

#include "exercises/difficulty.h"

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

// Index of the value nearest `truth` by ratio (values > 0).
std::size_t nearestIndex(const std::vector<double>& values, double truth)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < values.size(); ++i)
        if (std::abs(std::log(values[i] / truth)) < std::abs(std::log(values[best] / truth)))
            best = i;
    return best;
}

QString amountId(double amount) { return QString::number(amount, 'g', 6); }

} // namespace

std::vector<LevelInfo> sidedRungs(const std::vector<double>& values, const QString& unit, int amountFrom,
                                  const QString& format, const QString& sideQuestion, const QString& amountQuestion)
{
    std::vector<LevelInfo> rungs;
    for (double v : values) {
        const int n = int(rungs.size()) + 1;
        rungs.push_back({n, format.arg(formatValue(v, unit), n >= amountFrom ? amountQuestion : sideQuestion),
                         MaterialNeed::Music, v});
    }
    return rungs;
}

std::vector<double> amountChoices(const std::vector<LevelInfo>& rungs, double truth, SeededRandom& rng)
{
    std::vector<double> values;
    for (const LevelInfo& l : rungs)
        values.push_back(l.value);
    std::sort(values.begin(), values.end());
    if (values.size() <= std::size_t(kAmountChoices))
        return values;
    const std::size_t nearest = nearestIndex(values, truth);
    const std::size_t count = std::size_t(kAmountChoices);
    // Windows [start, start + count) that hold `nearest` and fit in the rungs.
    const std::size_t lowest = nearest + 1 >= count ? nearest + 1 - count : 0;
    const std::size_t highest = std::min(nearest, values.size() - count);
    const std::size_t start = lowest + rng.below(highest - lowest + 1);
    return {values.begin() + long(start), values.begin() + long(start + count)};
}

std::vector<AnswerOption> sidedOptions(const QStringList& sideIds, const QStringList& sideLabels,
                                       const std::vector<double>& amounts, const QString& unit)
{
    std::vector<AnswerOption> options;
    for (int s = 0; s < sideIds.size(); ++s) {
        if (amounts.empty()) {
            options.push_back({sideIds[s], sideLabels[s], double(s), false});
            continue;
        }
        for (double a : amounts)
            options.push_back({sideIds[s] + ':' + amountId(a),
                               QString("%1 · %2").arg(sideLabels[s], formatValue(a, unit)), a, false});
    }
    return options;
}

QString sidedCorrect(const QStringList& sideIds, int side, const std::vector<double>& amounts, double truth)
{
    if (amounts.empty())
        return sideIds[side];
    return sideIds[side] + ':' + amountId(amounts[nearestIndex(amounts, truth)]);
}

SidedAnswer parseSided(const QStringList& sideIds, const std::vector<double>& amounts, const QString& optionId)
{
    SidedAnswer a;
    const QString side = optionId.section(':', 0, 0);
    a.side = int(sideIds.indexOf(side));
    if (a.side < 0) {
        a.side = 0;
        return a;
    }
    if (amounts.empty()) {
        a.found = !optionId.contains(':');
        return a;
    }
    bool ok = false;
    const double amount = optionId.section(':', 1).toDouble(&ok);
    const auto match = std::find_if(amounts.begin(), amounts.end(),
                                    [&](double v) { return ok && std::abs(v - amount) <= 1e-9 * v; });
    a.found = match != amounts.end();
    if (a.found)
        a.amount = *match;
    return a;
}

double amountScore(const std::vector<double>& amounts, double truth, double answered)
{
    if (amounts.empty() || std::isnan(answered))
        return amounts.empty() ? 1.0 : 0.0;
    const long nearest = long(nearestIndex(amounts, truth));
    const long chosen = long(std::find(amounts.begin(), amounts.end(), answered) - amounts.begin());
    const long off = std::abs(chosen - nearest);
    return off == 0 ? 1.0 : off == 1 ? 0.5 : 0.0;
}

} // namespace earlab
