#include "blind_log_check.h"

#include "blind_log.h"
#include "blind_log_summary.h"
#include "json_duplicate_keys.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace earlab {

namespace {

// What the seed gives as trial `index`'s truth, written as the log writes it.
QString expectedTruth(const BlindLog& log, const BlindSeed& seed, std::uint32_t index)
{
    switch (log.mode) {
    case BlindMode::Abx: return abItemName(abxX(seed, index));
    case BlindMode::Preference: return abItemName(preferenceFirst(seed, index));
    case BlindMode::Mushra: {
        QStringList order;
        for (const int item : mushraOrder(seed, index, int(log.items.size())))
            order << QString::number(item);
        return order.join(QLatin1Char(' '));
    }
    }
    return {};
}

// The correct flag trial `t` must carry, or a sentence saying why its answer cannot have one.
std::optional<bool> expectedCorrect(BlindMode mode, const BlindLogTrial& t, int number, QStringList& altered)
{
    const bool ab = abItemFromName(t.answer).has_value();
    switch (mode) {
    case BlindMode::Abx:
        if (!ab) {
            altered << QStringLiteral("trial %1: answer \"%2\" is not A or B").arg(number).arg(t.answer);
            return std::nullopt;
        }
        return t.answer == t.truth;
    case BlindMode::Preference:
        if (!ab && t.answer != QLatin1String("none")) {
            altered << QStringLiteral("trial %1: answer \"%2\" is not A, B or none").arg(number).arg(t.answer);
            return std::nullopt;
        }
        return t.answer == QLatin1String("A"); // "correct" counts the trials that preferred item A
    case BlindMode::Mushra: return false;
    }
    return std::nullopt;
}

// A MUSHRA page's answer: one whole-number rating 0 to 100 per item, space-separated.
bool isMushraAnswer(const QString& answer, int items)
{
    const QStringList ratings = answer.split(QLatin1Char(' '));
    if (ratings.size() != items)
        return false;
    for (const QString& r : ratings) {
        bool ok = false;
        const int v = r.toInt(&ok);
        if (!ok || v < 0 || v > 100 || r != QString::number(v))
            return false;
    }
    return true;
}

// What the mode requires of the log's shape: two items for abx and preference, ratings of
// every item on each MUSHRA page.
void checkShape(const BlindLog& log, BlindLogCheck& check)
{
    if (log.mode != BlindMode::Mushra && log.items.size() != 2)
        check.altered << QStringLiteral("a %1 log compares 2 items, this one lists %2")
                             .arg(blindModeId(log.mode))
                             .arg(log.items.size());
    if (log.mode == BlindMode::Mushra)
        for (std::size_t i = 0; i < log.trials.size(); ++i)
            if (!isMushraAnswer(log.trials[i].answer, int(log.items.size())))
                check.altered << QStringLiteral("trial %1: answer \"%2\" is not %3 ratings from 0 to 100")
                                     .arg(i + 1)
                                     .arg(log.trials[i].answer)
                                     .arg(log.items.size());
}

void checkTrials(const BlindLog& log, const std::optional<BlindSeed>& seed, BlindLogCheck& check)
{
    for (std::size_t i = 0; i < log.trials.size(); ++i) {
        const BlindLogTrial& t = log.trials[i];
        const int number = int(i) + 1;
        if (seed) {
            const QString truth = expectedTruth(log, *seed, std::uint32_t(i));
            if (t.truth != truth)
                check.altered << QStringLiteral("trial %1: truth %2, the seed gives %3").arg(number).arg(t.truth, truth);
        }
        const auto correct = expectedCorrect(log.mode, t, number, check.altered);
        if (correct && *correct != t.correct)
            check.altered << QStringLiteral("trial %1: correct is %2, but the answer is %3 and the truth %4")
                                 .arg(number)
                                 .arg(t.correct ? QStringLiteral("true") : QStringLiteral("false"), t.answer, t.truth);
        check.correct += t.correct ? 1 : 0;
    }
}

// Recomputed values may differ from the logged ones in the last bits (another compiler's
// libm): within this relative tolerance they match.
constexpr double kStatisticsTolerance = 1e-9;

bool sameNumber(const std::optional<double>& logged, const std::optional<double>& recomputed)
{
    if (!logged || !recomputed)
        return !logged && !recomputed;
    return *logged == *recomputed || std::abs(*logged - *recomputed) <= kStatisticsTolerance * std::abs(*recomputed);
}

QString numberText(const std::optional<double>& v)
{
    return v ? QString::number(*v, 'g', 6) : QStringLiteral("null");
}

// The counts and statistics against what summariseBlindTrials gives for the trials.
void checkSummary(const BlindLog& log, BlindLogCheck& check)
{
    const BlindLogSummary& s = log.summary;
    std::optional<SensitivityModel> model;
    if (!s.dPrimeModel.isEmpty() && !(model = sensitivityModelFromName(s.dPrimeModel)))
        check.altered << QStringLiteral("d_prime_model \"%1\" is not a model EarLab knows").arg(s.dPrimeModel);
    else if (s.dPrimeModel.isEmpty() && log.mode != BlindMode::Mushra)
        check.altered << QStringLiteral("d_prime_model is empty; a %1 log names its model").arg(blindModeId(log.mode));
    // The model must be one of the mode's task: ABX may use either ABX model, preference 2AFC.
    const bool fits = !model || model == blindSensitivityModel(log.mode) ||
                      (log.mode == BlindMode::Abx && model == SensitivityModel::AbxIndependentObservation);
    if (!fits) {
        check.altered << QStringLiteral("d_prime_model \"%1\" is not a model of a %2 test").arg(s.dPrimeModel, blindModeId(log.mode));
        model.reset();
    }
    const BlindLogSummary r = summariseBlindTrials(log.mode, log.trials, model);
    const bool preference = log.mode == BlindMode::Preference;
    if (s.n != r.n)
        check.altered << QStringLiteral("n is %1, but the log holds %2 trials%3")
                             .arg(QString::number(s.n), QString::number(r.n),
                                  preference ? QStringLiteral(" not answered \"none\"") : QString());
    if (s.k != r.k)
        check.altered << QStringLiteral("k is %1, but %2 trials are marked correct").arg(s.k).arg(r.k);
    if (s.ties != r.ties)
        check.altered << QStringLiteral("ties is %1, but %2 trials are answered \"none\"").arg(s.ties).arg(r.ties);
    const QString counts = QStringLiteral("k=%1 of n=%2").arg(r.k).arg(r.n);
    if (!sameNumber(s.pValue, r.pValue))
        check.altered << QStringLiteral("p_value %1 does not match %2 (%3)").arg(numberText(s.pValue), counts, numberText(r.pValue));
    const QString under = model ? QStringLiteral(" under the %1").arg(s.dPrimeModel) : QString();
    const std::pair<const char*, std::pair<std::optional<double>, std::optional<double>>> dPrimes[] = {
        {"d_prime", {s.dPrime, r.dPrime}}, {"d_prime_low", {s.dPrimeLow, r.dPrimeLow}}, {"d_prime_high", {s.dPrimeHigh, r.dPrimeHigh}}};
    for (const auto& [key, values] : dPrimes)
        if (!sameNumber(values.first, values.second))
            check.altered << QStringLiteral("%1 %2 does not match %3%4 (%5)")
                                 .arg(QLatin1String(key), numberText(values.first), counts, under, numberText(values.second));
}

} // namespace

BlindLogCheck verifyBlindLog(const QByteArray& json, const QString& source)
{
    BlindLogCheck check;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        check.unreadable = QStringLiteral("%1: not JSON: %2 at byte %3").arg(source, error.errorString(), QString::number(error.offset));
        return check;
    }
    if (!document.isObject()) {
        check.unreadable = QStringLiteral("%1: not an EarLab blind log: the JSON is not an object").arg(source);
        return check;
    }
    if (const auto key = firstDuplicateJsonKey(json)) {
        check.unreadable = QStringLiteral("%1: the key %2 appears twice in one object: a reader could take either "
                                          "value, so the log proves nothing")
                               .arg(source, *key);
        return check;
    }
    const QJsonObject object = document.object();
    QString problem;
    const auto log = BlindLog::fromJson(object, &problem);
    if (!log) {
        check.unreadable = QStringLiteral("%1: not an EarLab blind log: %2").arg(source, problem);
        return check;
    }
    check.mode = blindModeId(log->mode);
    check.trials = int(log->trials.size());

    const QJsonValue logHash = object.value(QLatin1String("log_sha256"));
    if (!logHash.isString())
        check.altered << QStringLiteral("log_sha256 is missing");
    else if (logHash.toString().toLower() != blindLogSha256(object))
        check.altered << QStringLiteral("log_sha256 does not match the log's contents");

    std::optional<BlindSeed> seed;
    if (log->seed.isEmpty()) {
        check.altered << QStringLiteral("the seed is not revealed: no trial can be recomputed");
    } else if (!(seed = BlindSeed::fromHex(log->seed))) {
        check.altered << QStringLiteral("the seed is not 64 hex digits");
    } else if (seed->commitment() != log->seedSha256.toLower()) {
        // Trials recomputed from a seed that was not the one committed to prove nothing.
        check.altered << QStringLiteral("the seed does not match its commitment seed_sha256 (no trial recomputed)");
        seed.reset();
    }
    checkShape(*log, check);
    checkTrials(*log, seed, check);

    // A run stopped early (or run on) is the optional stopping the statistics do not allow.
    check.plannedTrials = log->plannedTrials;
    if (check.trials < log->plannedTrials)
        check.altered << QStringLiteral("stopped after %1 of %2 planned trials").arg(check.trials).arg(log->plannedTrials);
    else if (check.trials > log->plannedTrials)
        check.altered << QStringLiteral("%1 trials, more than the %2 planned").arg(check.trials).arg(log->plannedTrials);
    checkSummary(*log, check);
    check.n = log->summary.n;
    check.pValue = log->summary.pValue;
    return check;
}

} // namespace earlab
