#include "exercises/staircase.h"

#include "exercises/threshold_estimate.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

bool usableFactor(double f) { return std::isfinite(f) && f > 1.0; }

// The rule as the staircase runs it: whatever the caller wrote, bounds ordered and > 0,
// factors > 1 and counts >= 1, so no rule can make it divide by zero or never move.
StaircaseRule repaired(StaircaseRule r)
{
    if (!(std::isfinite(r.hardest) && r.hardest > 0))
        r.hardest = 1e-6;
    if (!(std::isfinite(r.easiest) && r.easiest >= r.hardest))
        r.easiest = r.hardest;
    if (!std::isfinite(r.start))
        r.start = r.easiest;
    r.start = std::clamp(r.start, r.hardest, r.easiest);
    if (!usableFactor(r.fineFactor))
        r.fineFactor = 1.26;
    if (!usableFactor(r.coarseFactor))
        r.coarseFactor = r.fineFactor;
    r.down = std::max(1, r.down);
    r.initialDown = std::clamp(r.initialDown, 1, r.down);
    r.up = std::max(1, r.up);
    r.coarseReversals = std::max(0, r.coarseReversals);
    r.estimateReversals = std::max(1, r.estimateReversals);
    r.stopReversals = std::max(r.estimateReversals, r.stopReversals);
    r.maxTrials = std::max(1, r.maxTrials);
    return r;
}

QString number(double v) { return QString::number(v, 'g', 6); }

} // namespace

QString StaircaseRule::problem() const
{
    if (!(std::isfinite(hardest) && hardest > 0))
        return QStringLiteral("hardest must be > 0 (is %1)").arg(number(hardest));
    if (!(std::isfinite(easiest) && easiest >= hardest))
        return QStringLiteral("easiest (%1) must be >= hardest (%2)").arg(number(easiest), number(hardest));
    if (!(std::isfinite(start) && start >= hardest && start <= easiest))
        return QStringLiteral("start (%1) must lie in [%2, %3]").arg(number(start), number(hardest), number(easiest));
    if (!usableFactor(coarseFactor) || !usableFactor(fineFactor))
        return QStringLiteral("step factors must be > 1 (coarse %1, fine %2)").arg(number(coarseFactor), number(fineFactor));
    if (down < 1 || up < 1)
        return QStringLiteral("down (%1) and up (%2) must be >= 1").arg(down).arg(up);
    if (initialDown < 1 || initialDown > down)
        return QStringLiteral("initialDown (%1) must lie in [1, down = %2]").arg(initialDown).arg(down);
    if (coarseReversals < 0 || estimateReversals < 1 || stopReversals < estimateReversals || maxTrials < 1)
        return QStringLiteral("reversal counts must satisfy coarse >= 0, 1 <= estimate <= stop, max trials >= 1");
    return {};
}

Staircase::Staircase(StaircaseRule rule, std::optional<double> startAt)
    : rule_(repaired(std::move(rule)))
    , value_(rule_.start)
{
    if (startAt && std::isfinite(*startAt))
        value_ = std::clamp(*startAt, rule_.hardest, rule_.easiest);
}

bool Staircase::fineStep() const { return reversalCount_ >= rule_.coarseReversals; }

int Staircase::fineReversalCount() const { return std::max(0, reversalCount_ - rule_.coarseReversals); }

int Staircase::keptReversals() const { return std::max(kKeptReversals, rule_.estimateReversals); }

void Staircase::addReversal(double value)
{
    ++reversalCount_;
    reversals_.push_back(value);
    if (int(reversals_.size()) > keptReversals())
        reversals_.erase(reversals_.begin());
}

void Staircase::step(int direction)
{
    // The factor in force when the move is made: a move that makes the coarseReversals-th
    // reversal already takes the fine step.
    const double factor = fineStep() ? rule_.fineFactor : rule_.coarseFactor;
    value_ = std::clamp(direction > 0 ? value_ / factor : value_ * factor, rule_.hardest, rule_.easiest);
}

int Staircase::record(bool correct)
{
    ++trials_;
    int move = 0;
    if (correct) {
        wrongRun_ = 0;
        // Before the first reversal the staircase runs down from the easy start at
        // initialDown: three answers per step would spend a dozen trials getting there.
        const int down = reversalCount_ == 0 ? rule_.initialDown : rule_.down;
        if (++rightRun_ >= down) {
            rightRun_ = 0;
            move = +1;
        }
    } else {
        rightRun_ = 0;
        if (++wrongRun_ >= rule_.up) {
            wrongRun_ = 0;
            move = -1;
        }
    }
    if (move == 0)
        return 0;
    if (direction_ != 0 && move != direction_)
        addReversal(value_);
    direction_ = move;
    const double before = value_;
    step(move);
    if (value_ == before)
        return 0;
    return move;
}

std::vector<double> Staircase::reversalValues() const { return reversals_; }

ThresholdEstimate Staircase::estimate() const
{
    const int fine = std::min({fineReversalCount(), rule_.estimateReversals, int(reversals_.size())});
    const std::vector<double> last(reversals_.end() - fine, reversals_.end());
    ThresholdEstimate e = estimateFromReversals(last, ThresholdEstimate::kIntervalFactor);
    e.ready = fine >= rule_.estimateReversals;
    e.unit = rule_.unit;
    return e;
}

bool Staircase::finished() const
{
    return fineReversalCount() >= rule_.stopReversals || trials_ >= rule_.maxTrials;
}

QJsonObject Staircase::toJson() const
{
    QJsonArray reversals;
    for (double r : reversals_)
        reversals.append(r);
    return QJsonObject{
        {QStringLiteral("version"), kStateVersion},
        {QStringLiteral("value"), value_},
        {QStringLiteral("stage"), fineStep() ? QStringLiteral("fine") : QStringLiteral("coarse")},
        {QStringLiteral("right_run"), rightRun_},
        {QStringLiteral("wrong_run"), wrongRun_},
        {QStringLiteral("direction"), direction_},
        {QStringLiteral("reversal_count"), reversalCount_},
        {QStringLiteral("reversals"), reversals},
        {QStringLiteral("trials"), trials_},
    };
}

namespace {

// An integer field in [lo, hi], or nullopt (a double such as 2.5 or a string is not one).
std::optional<int> intField(const QJsonObject& o, const char* key, int lo, int hi)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= lo && d <= hi) || d != std::floor(d))
        return std::nullopt;
    return int(d);
}

} // namespace

Staircase Staircase::fromJson(const StaircaseRule& rule, const QJsonObject& state, QString* problem)
{
    Staircase s(rule);
    const StaircaseRule& r = s.rule_;
    auto fail = [&](const QString& why) {
        if (problem)
            *problem = QStringLiteral("staircase state %1; starting again at %2 %3").arg(why, number(r.start), r.unit).trimmed();
        return Staircase(rule);
    };
    auto inBounds = [&](double v) { return std::isfinite(v) && v >= r.hardest && v <= r.easiest; };
    const auto version = intField(state, "version", 0, 1 << 30);
    if (!version)
        return fail(QStringLiteral("has no version"));
    if (*version != kStateVersion)
        return fail(QStringLiteral("has version %1, this EarLab reads %2").arg(*version).arg(kStateVersion));
    const QJsonValue value = state.value(QLatin1String("value"));
    if (!value.isDouble() || !inBounds(value.toDouble()))
        return fail(QStringLiteral("has value %1, outside %2–%3").arg(value.isDouble() ? number(value.toDouble()) : QStringLiteral("(none)"), number(r.hardest), number(r.easiest)));
    const auto rightRun = intField(state, "right_run", 0, r.down - 1);
    const auto wrongRun = intField(state, "wrong_run", 0, r.up - 1);
    const auto direction = intField(state, "direction", -1, 1);
    const auto trials = intField(state, "trials", 0, 1 << 30);
    const auto reversalCount = intField(state, "reversal_count", 0, 1 << 30);
    if (!rightRun || !wrongRun || !direction || !trials || !reversalCount)
        return fail(QStringLiteral("has a missing or out-of-range run, direction, trial or reversal count"));
    if (*reversalCount == 0 && *rightRun >= r.initialDown)
        return fail(QStringLiteral("has a run of %1 right answers before the first reversal").arg(*rightRun));
    if (*rightRun > 0 && *wrongRun > 0)
        return fail(QStringLiteral("has both a run of right and of wrong answers"));
    if (*reversalCount > *trials || (*reversalCount > 0 && *direction == 0))
        return fail(QStringLiteral("has more reversals than moves"));
    const QJsonValue reversalsValue = state.value(QLatin1String("reversals"));
    if (!reversalsValue.isArray())
        return fail(QStringLiteral("has no list of reversals"));
    const QJsonArray reversals = reversalsValue.toArray();
    std::vector<double> values;
    for (const QJsonValue& v : reversals) {
        if (!v.isDouble() || !inBounds(v.toDouble()))
            return fail(QStringLiteral("has a reversal outside %1–%2").arg(number(r.hardest), number(r.easiest)));
        values.push_back(v.toDouble());
    }
    if (reversals.size() != std::min<qsizetype>(*reversalCount, s.keptReversals()))
        return fail(QStringLiteral("lists %1 reversals for a count of %2").arg(reversals.size()).arg(*reversalCount));
    const QString stage = state.value(QLatin1String("stage")).toString();
    const bool fine = *reversalCount >= r.coarseReversals;
    if (stage != (fine ? QLatin1String("fine") : QLatin1String("coarse")))
        return fail(QStringLiteral("has step stage \"%1\" after %2 reversals").arg(stage).arg(*reversalCount));
    s.value_ = value.toDouble();
    s.rightRun_ = *rightRun;
    s.wrongRun_ = *wrongRun;
    s.direction_ = *direction;
    s.reversalCount_ = *reversalCount;
    s.reversals_ = std::move(values);
    s.trials_ = *trials;
    if (problem)
        problem->clear();
    return s;
}

} // namespace earlab
