#include "exercises/statistics_json.h"

#include <QJsonArray>

#include <cmath>

namespace earlab {

namespace {

// Accuracy and means keep 4 decimals; frequencies, gains and pans are given as stored.
constexpr int kDecimals = 4;

// JSON has no NaN: an accuracy or mean of nothing is null.
QJsonValue finiteOrNull(double v, int decimals)
{
    if (!std::isfinite(v))
        return QJsonValue::Null;
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

void addTally(QJsonObject& o, const Tally& t, const char* answersKey = "answers")
{
    o.insert(QLatin1String(answersKey), t.answers);
    o.insert(QStringLiteral("correct"), t.correct);
    o.insert(QStringLiteral("accuracy"), finiteOrNull(t.accuracy(), kDecimals));
}

QJsonArray confusionJson(const std::vector<ValueConfusion>& list, const char* trueKey, const char* answerKey)
{
    QJsonArray out;
    for (const ValueConfusion& c : list)
        out.append(QJsonObject{{QLatin1String(trueKey), c.trueValue},
                               {QLatin1String(answerKey), c.answerValue},
                               {QStringLiteral("count"), c.count}});
    return out;
}

QJsonObject tendenciesJson(const EqTendencies& t)
{
    QJsonObject low, high;
    addTally(low, t.lowBands);
    addTally(high, t.highBands);
    return {{"too_high", t.tooHigh},
            {"too_low", t.tooLow},
            {"mean_octave_error", finiteOrNull(t.meanOctaveError, kDecimals)},
            {"boosts_taken_for_cuts", t.boostsTakenForCuts},
            {"cuts_taken_for_boosts", t.cutsTakenForBoosts},
            {"mean_gain_error_db", finiteOrNull(t.meanGainErrorDb, kDecimals)},
            {"low_bands", low},
            {"high_bands", high}};
}

QJsonObject exerciseJson(const ExerciseStatistics& e)
{
    QJsonObject o{{"id", e.id}};
    addTally(o, e.tally);
    o.insert("level", e.level);
    const bool ready = e.threshold && e.threshold->ready;
    o.insert("threshold", ready ? finiteOrNull(e.threshold->value, kDecimals) : QJsonValue());
    if (e.threshold) {
        o.insert("threshold_estimate", QJsonObject{{"value", finiteOrNull(e.threshold->value, kDecimals)},
                                                   {"low", finiteOrNull(e.threshold->low, kDecimals)},
                                                   {"high", finiteOrNull(e.threshold->high, kDecimals)},
                                                   {"reversals", e.threshold->reversals},
                                                   {"ready", e.threshold->ready}});
    }
    if (!e.unit.isEmpty())
        o.insert("unit", e.unit);
    o.insert("median_response_ms", e.medianResponseMs ? QJsonValue(*e.medianResponseMs) : QJsonValue());
    if (e.eq) {
        QJsonArray bands;
        for (const BandTally& b : e.bands) {
            QJsonObject band{{"band_hz", b.bandHz}};
            addTally(band, b.tally, "asked");
            bands.append(band);
        }
        o.insert("bands", bands);
        o.insert("confusion", confusionJson(e.confusion, "true_hz", "answer_hz"));
        if (!e.gainConfusion.empty())
            o.insert("gain_confusion", confusionJson(e.gainConfusion, "true_db", "answer_db"));
        o.insert("tendencies", tendenciesJson(*e.eq));
    }
    if (!e.mistakes.empty()) {
        QJsonArray mistakes;
        for (const NameConfusion& m : e.mistakes)
            mistakes.append(QJsonObject{{"truth", m.truth}, {"answer", m.answer}, {"count", m.count}});
        o.insert("mistakes", mistakes);
    }
    if (e.sideBias)
        o.insert("side_bias", QJsonObject{{"answers", e.sideBias->answers},
                                          {"mean_error", finiteOrNull(e.sideBias->meanError, kDecimals)},
                                          {"right_of_truth", e.sideBias->rightOfTruth},
                                          {"left_of_truth", e.sideBias->leftOfTruth}});
    QJsonArray days;
    for (const ExerciseDay& d : e.days) {
        QJsonObject day{{"date", d.date.toString(Qt::ISODate)}};
        addTally(day, d.tally);
        if (d.meanValue)
            day.insert("mean_value", finiteOrNull(*d.meanValue, kDecimals));
        days.append(day);
    }
    o.insert("days", days);
    return o;
}

QString isoMs(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

QJsonObject statisticsToJson(const ProgressStatistics& stats)
{
    QJsonObject o;
    addTally(o, stats.tally);
    QJsonArray exercises;
    for (const ExerciseStatistics& e : stats.exercises)
        exercises.append(exerciseJson(e));
    o.insert("exercises", exercises);
    QJsonArray days;
    for (const DayStatistics& d : stats.days) {
        QJsonObject day{{"date", d.date.toString(Qt::ISODate)}};
        addTally(day, d.tally);
        day.insert("practice_s", finiteOrNull(d.practiceMs / 1000.0, 3));
        days.append(day);
    }
    o.insert("days", days);
    QJsonArray sessions;
    for (const SessionStatistics& s : stats.sessions) {
        QJsonObject session{{"session", s.session}, {"started", isoMs(s.started)}, {"ended", isoMs(s.ended)}};
        addTally(session, s.tally);
        sessions.append(session);
    }
    o.insert("sessions", sessions);
    o.insert("streak_days", stats.streakDays);
    QJsonArray blind;
    for (const BlindTestResult& b : stats.blindTests)
        blind.append(QJsonObject{{"id", b.id},
                                 {"saved_at", isoMs(b.savedAt)},
                                 {"mode", b.mode},
                                 {"k", b.k},
                                 {"n", b.n},
                                 {"p", b.pValue ? QJsonValue(*b.pValue) : QJsonValue()}});
    o.insert("blind_tests", blind);
    return o;
}

} // namespace earlab
