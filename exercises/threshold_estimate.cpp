#include "exercises/threshold_estimate.h"

#include <cmath>

namespace earlab {

ThresholdEstimate estimateFromReversals(std::span<const double> reversals, double k)
{
    ThresholdEstimate e;
    e.reversals = int(reversals.size());
    if (reversals.empty())
        return e;
    double sum = 0;
    for (double r : reversals)
        sum += std::log(r);
    const double n = double(reversals.size());
    const double mean = sum / n;
    double squares = 0;
    for (double r : reversals)
        squares += (std::log(r) - mean) * (std::log(r) - mean);
    const double sd = reversals.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
    e.value = std::exp(mean);
    e.low = std::exp(mean - k * sd);
    e.high = std::exp(mean + k * sd);
    return e;
}

namespace {

// Rounds to `digits` significant digits, printed without trailing zeros.
QString significant(double v, int digits)
{
    if (!(std::isfinite(v)) || v == 0)
        return QStringLiteral("0");
    const int magnitude = int(std::floor(std::log10(std::fabs(v))));
    const int decimals = std::max(0, digits - 1 - magnitude);
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

} // namespace

QString formatThresholdValue(double v) { return significant(v, 2); }

QString ThresholdEstimate::text() const
{
    if (!ready)
        return QStringLiteral("measuring…");
    const QString unitPart = unit.isEmpty() ? QString() : QStringLiteral(" ") + unit;
    // The two sides of a geometric interval differ; "±" only when they read the same at
    // one significant digit, the precision a spread deserves.
    const QString below = significant(value - low, 1);
    const QString above = significant(high - value, 1);
    if (below == above)
        return QStringLiteral("%1%2 ± %3").arg(formatThresholdValue(value), unitPart, above);
    return QStringLiteral("%1%2 (%3–%4)").arg(formatThresholdValue(value), unitPart, formatThresholdValue(low), formatThresholdValue(high));
}

} // namespace earlab
