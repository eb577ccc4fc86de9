#include "exercises/answer_tendencies.h"

#include <QVariant>

#include <cmath>

namespace earlab::statistics {

namespace {

// The hidden band of an EQ answer: 0 for a flat trial, else its frequency.
const QString kHiddenBand = QStringLiteral(
    "CASE WHEN json_extract(hidden, '$.flat') THEN 0.0 ELSE json_extract(hidden, '$.frequency_hz') END");
// The answered band: 0 for "flat", NULL when no band was answered (frequency_hz 0 unflat).
const QString kAnsweredBand = QStringLiteral(
    "CASE WHEN json_extract(answer, '$.flat') THEN 0.0"
    " WHEN json_extract(answer, '$.frequency_hz') > 0 THEN json_extract(answer, '$.frequency_hz') END");
// eq-gain's gains, where neither side is flat and a band was answered.
const QString kHiddenGain = QStringLiteral(
    "CASE WHEN NOT coalesce(json_extract(hidden, '$.flat'), 0) THEN json_extract(hidden, '$.gain_db') END");
const QString kAnsweredGain = QStringLiteral(
    "CASE WHEN NOT coalesce(json_extract(answer, '$.flat'), 0) AND json_extract(answer, '$.frequency_hz') > 0"
    " THEN json_extract(answer, '$.gain_db') END");

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
                                 " WHERE %1 AND exercise = ? AND correct = 0)"
                                 " WHERE t IS NOT NULL AND a IS NOT NULL GROUP BY t, a ORDER BY t, a")
                      .arg(QStringLiteral("%1"), truth, answer),
                  {exercise});
}

std::vector<ValueConfusion> valueConfusions(const Scope& scope, const QString& exercise, const QString& truth,
                                            const QString& answer)
{
    std::vector<ValueConfusion> out;
    QSqlQuery query = wrongAnswerPairs(scope, exercise, truth, answer);
    while (query.next())
        out.push_back({query.value(0).toDouble(), query.value(1).toDouble(), query.value(2).toInt()});
    return out;
}

std::vector<BandTally> bandTallies(const Scope& scope, const QString& exercise)
{
    std::vector<BandTally> out;
    QSqlQuery query = select(scope,
                             QStringLiteral("SELECT band, count(*), sum(correct) FROM (SELECT %2 AS band, correct"
                                            " FROM attempts WHERE %1 AND exercise = ?)"
                                            " WHERE band IS NOT NULL GROUP BY band ORDER BY band")
                                 .arg(QStringLiteral("%1"), kHiddenBand),
                             {exercise});
    while (query.next())
        out.push_back({query.value(0).toDouble(), {query.value(1).toInt(), query.value(2).toInt()}});
    return out;
}

EqTendencies eqTendencies(const Scope& scope, const QString& exercise, const ExerciseStatistics& stats)
{
    EqTendencies t;
    double octaves = 0;
    for (const ValueConfusion& c : stats.confusion) {
        if (c.trueValue <= 0 || c.answerValue <= 0 || c.trueValue == c.answerValue)
            continue;
        (c.answerValue > c.trueValue ? t.tooHigh : t.tooLow) += c.count;
        octaves += c.count * std::log2(c.answerValue / c.trueValue);
    }
    const int off = t.tooHigh + t.tooLow;
    t.meanOctaveError = off > 0 ? octaves / off : std::nan("");

    // Direction mistakes only where the question asked for the direction; eq-band answers
    // carry only the sign of the gain (±1), so the mean gain error is eq-gain's alone.
    QSqlQuery query = select(scope,
                             QStringLiteral("SELECT sum(asked AND hg < 0 AND ag > 0), sum(asked AND hg > 0 AND ag < 0),"
                                            " avg(ag - hg) FROM (SELECT %2 AS hg, %3 AS ag,"
                                            " coalesce(json_extract(hidden, '$.direction_asked'), 0) AS asked"
                                            " FROM attempts WHERE %1 AND exercise = ? AND correct = 0)"
                                            " WHERE hg IS NOT NULL AND ag IS NOT NULL")
                                 .arg(QStringLiteral("%1"), kHiddenGain, kAnsweredGain),
                             {exercise});
    if (query.next()) {
        t.cutsTakenForBoosts = query.value(0).toInt(); // hidden cut, answered boost
        t.boostsTakenForCuts = query.value(1).toInt();
        t.meanGainErrorDb = exercise == QLatin1String("eq-gain") ? realOrNaN(query.value(2)) : std::nan("");
    }
    for (const BandTally& b : stats.bands) {
        if (b.bandHz <= 0)
            continue;
        Tally& side = b.bandHz < kLowHighSplitHz ? t.lowBands : t.highBands;
        side.answers += b.tally.answers;
        side.correct += b.tally.correct;
    }
    return t;
}

SideBias sideBias(const Scope& scope, const QString& exercise)
{
    SideBias bias;
    QSqlQuery query = select(scope,
                             QStringLiteral("SELECT count(*), avg(ap - hp), sum(ap > hp + 1e-9), sum(ap < hp - 1e-9)"
                                            " FROM (SELECT json_extract(hidden, '$.pan') AS hp,"
                                            " json_extract(answer, '$.pan') AS ap FROM attempts"
                                            " WHERE %1 AND exercise = ?) WHERE hp IS NOT NULL AND ap IS NOT NULL"),
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

bool hasBands(const QString& exercise)
{
    return exercise == QLatin1String("eq-band") || exercise == QLatin1String("eq-gain");
}

void addAnswerTendencies(const Scope& scope, ExerciseStatistics& stats)
{
    if (hasBands(stats.id)) {
        stats.bands = bandTallies(scope, stats.id);
        stats.confusion = valueConfusions(scope, stats.id, kHiddenBand, kAnsweredBand);
        if (stats.id == QLatin1String("eq-gain"))
            stats.gainConfusion = valueConfusions(scope, stats.id, kHiddenGain, kAnsweredGain);
        stats.eq = eqTendencies(scope, stats.id, stats);
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
