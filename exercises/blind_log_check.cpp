#include "blind_log_check.h"

#include "blind_log.h"

#include <QJsonDocument>
#include <QJsonParseError>

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

} // namespace

BlindLogCheck verifyBlindLog(const QByteArray& json, const QString& source)
{
    BlindLogCheck check;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        check.unreadable = QStringLiteral("%1: not JSON: %2 at byte %3").arg(source, error.errorString()).arg(error.offset);
        return check;
    }
    if (!document.isObject()) {
        check.unreadable = QStringLiteral("%1: not an EarLab blind log: the JSON is not an object").arg(source);
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
    checkTrials(*log, seed, check);

    if (log->summary.n != check.trials)
        check.altered << QStringLiteral("n is %1, but the log holds %2 trials").arg(log->summary.n).arg(check.trials);
    if (log->summary.k != check.correct)
        check.altered << QStringLiteral("k is %1, but %2 trials are marked correct").arg(log->summary.k).arg(check.correct);
    return check;
}

} // namespace earlab
