#include "exercises/answer_tendencies.h"

#include "exercises/statistics_expressions.h"

#include <QVariant>

#include <cmath>
#include <map>

namespace earlab::statistics {

namespace {

const QString kHiddenBand = QLatin1String(statistics_sql::kHiddenBand);
const QString kAnsweredBand = QLatin1String(statistics_sql::kAnsweredBand);
const QString kHiddenGain = QLatin1String(statistics_sql::kHiddenGain);
const QString kAnsweredGain = QLatin1String(statistics_sql::kAnsweredGain);

// Bands below this count as low, from it up as high.
constexpr double kLowHighSplitHz = 1000.0;

// The names an exercise is answered by: its hidden and answer JSON keys.
struct NamedAnswer {
    const char* exercise;
    const char* hiddenKey;
    const char* answerKey;
};
constexpr NamedAnswer kNamedAnswers[] = {
    {"stems", "stem", "stem"},
    {"level", "louder", "louder"},
    {"pan-direction", "direction", "direction"},
    {"width", "direction", "direction"},
};

// Wrong answers grouped by (truth, answer) of the two SQL expressions; NULLs left out.
QSqlQuery wrongAnswerPairs(const Scope& scope, const QString& exercise, const QString& truth, const QString& answer)
{
    return select(scope,
                  QStringLiteral("SELECT t, a, count(*) FROM (SELECT %2 AS t, %3 AS a FROM attempts"
                                 " WHERE %1 AND exercise = ? AND correct = 0 AND %4)"
                                 " WHERE t IS NOT NULL AND a IS NOT NULL GROUP BY t, a ORDER BY t, a")
                      .arg(QStringLiteral("%1"), truth, answer, QLatin1String(statistics_sql::kValidJson)),
                  {exercise});
}

// One scan of an EQ exercise's answers, grouped by everything its figures need: the true and
// the answered band and gain, whether it was right and whether the direction was asked. A
// month of answers gives a few hundred groups, from which bands, confusions and tendencies
// are summed here.
struct EqGroup {
    QVariant trueBand, answerBand, trueGain, answerGain;
    bool correct = false;
    bool directionAsked = false;
    int count = 0;
};

std::vector<EqGroup> eqGroups(const Scope& scope, const QString& exercise)
{
    std::vector<EqGroup> groups;
    QSqlQuery query = select(scope, eqGroupsSql(), {exercise});
    while (query.next())
        groups.push_back({query.value(0), query.value(1), query.value(2), query.value(3), query.value(4).toInt() != 0,
                          query.value(5).toInt() != 0, query.value(6).toInt()});
    return groups;
}

using PairCounts = std::map<std::pair<double, double>, int>;

std::vector<ValueConfusion> confusionList(const PairCounts& counts)
{
    std::vector<ValueConfusion> out;
    for (const auto& [pair, count] : counts)
        out.push_back({pair.first, pair.second, count});
    return out;
}

void addEqFigures(const Scope& scope, ExerciseStatistics& stats)
{
    std::map<double, Tally> bands;
    PairCounts bandPairs, gainPairs;
    EqTendencies t;
    double gainError = 0;
    int gainErrors = 0;
    for (const EqGroup& g : eqGroups(scope, stats.id)) {
        if (!g.trueBand.isNull()) {
            Tally& band = bands[g.trueBand.toDouble()];
            band.answers += g.count;
            band.correct += g.correct ? g.count : 0;
        }
        if (g.correct)
            continue;
        if (!g.trueBand.isNull() && !g.answerBand.isNull())
            bandPairs[{g.trueBand.toDouble(), g.answerBand.toDouble()}] += g.count;
        if (g.trueGain.isNull() || g.answerGain.isNull())
            continue;
        const double truth = g.trueGain.toDouble();
        const double answer = g.answerGain.toDouble();
        gainPairs[{truth, answer}] += g.count;
        gainError += g.count * (answer - truth);
        gainErrors += g.count;
        // Direction mistakes only where the question asked for the direction.
        if (g.directionAsked && truth < 0 && answer > 0)
            t.cutsTakenForBoosts += g.count;
        if (g.directionAsked && truth > 0 && answer < 0)
            t.boostsTakenForCuts += g.count;
    }
    for (const auto& [hz, tally] : bands)
        stats.bands.push_back({hz, tally});
    stats.confusion = confusionList(bandPairs);
    // eq-band answers carry only the sign of the gain (±1): gains are eq-gain's alone.
    const bool gainKind = stats.id == QLatin1String("eq-gain");
    if (gainKind)
        stats.gainConfusion = confusionList(gainPairs);
    t.meanGainErrorDb = gainKind && gainErrors > 0 ? gainError / gainErrors : std::nan("");

    double octaves = 0;
    for (const ValueConfusion& c : stats.confusion) {
        if (c.trueValue <= 0 || c.answerValue <= 0 || c.trueValue == c.answerValue)
            continue;
        (c.answerValue > c.trueValue ? t.tooHigh : t.tooLow) += c.count;
        octaves += c.count * std::log2(c.answerValue / c.trueValue);
    }
    const int off = t.tooHigh + t.tooLow;
    t.meanOctaveError = off > 0 ? octaves / off : std::nan("");
    for (const BandTally& b : stats.bands) {
        if (b.bandHz <= 0)
            continue;
        Tally& side = b.bandHz < kLowHighSplitHz ? t.lowBands : t.highBands;
        side.answers += b.tally.answers;
        side.correct += b.tally.correct;
    }
    stats.eq = t;
}

SideBias sideBias(const Scope& scope, const QString& exercise)
{
    SideBias bias;
    QSqlQuery query = select(scope,
                             QStringLiteral("SELECT count(*), avg(ap - hp), sum(ap > hp + 1e-9), sum(ap < hp - 1e-9)"
                                            " FROM (SELECT json_extract(hidden, '$.pan') AS hp,"
                                            " json_extract(answer, '$.pan') AS ap FROM attempts"
                                            " WHERE %1 AND exercise = ? AND %2) WHERE hp IS NOT NULL AND ap IS NOT NULL")
                                 .arg(QStringLiteral("%1"), QLatin1String(statistics_sql::kValidJson)),
                             {exercise});
    if (query.next()) {
        bias.answers = query.value(0).toInt();
        bias.meanError = realOrNaN(query.value(1));
        bias.rightOfTruth = query.value(2).toInt();
        bias.leftOfTruth = query.value(3).toInt();
    }
    return bias;
}

} // namespace

QString eqGroupsSql()
{
    return QStringLiteral("SELECT t, a, hg, ag, correct, asked, count(*) FROM (SELECT %2 AS t, %3 AS a,"
                          " %4 AS hg, %5 AS ag, correct, %6 AS asked"
                          " FROM attempts WHERE %1 AND exercise = ? AND %7) GROUP BY t, a, hg, ag, correct, asked")
        .arg(QStringLiteral("%1"), kHiddenBand, kAnsweredBand, kHiddenGain, kAnsweredGain,
             QLatin1String(statistics_sql::kDirectionAsked), QLatin1String(statistics_sql::kValidJson));
}

bool hasBands(const QString& exercise)
{
    return exercise == QLatin1String("eq-band") || exercise == QLatin1String("eq-gain");
}

void addAnswerTendencies(const Scope& scope, ExerciseStatistics& stats)
{
    if (hasBands(stats.id)) {
        addEqFigures(scope, stats);
        return;
    }
    if (stats.id == QLatin1String("pan")) {
        stats.sideBias = sideBias(scope, stats.id);
        return;
    }
    for (const NamedAnswer& named : kNamedAnswers) {
        if (stats.id != QLatin1String(named.exercise))
            continue;
        QSqlQuery query = wrongAnswerPairs(scope, stats.id,
                                           QStringLiteral("json_extract(hidden, '$.%1')").arg(QLatin1String(named.hiddenKey)),
                                           QStringLiteral("json_extract(answer, '$.%1')").arg(QLatin1String(named.answerKey)));
        while (query.next())
            stats.mistakes.push_back({query.value(0).toString(), query.value(1).toString(), query.value(2).toInt()});
    }
}

} // namespace earlab::statistics
