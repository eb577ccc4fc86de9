#include "blind_log.h"

#include "store_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace earlab {

namespace {

// A non-finite value is kept as it is here, for toJson to refuse by name.
QJsonValue optionalNumber(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); }

// d_prime_high: +infinity (every answer right) is null, its documented meaning beside a d_prime.
QJsonValue upperEnd(const std::optional<double>& v)
{
    return v && std::isinf(*v) && *v > 0 ? QJsonValue(QJsonValue::Null) : optionalNumber(v);
}

QJsonObject itemJson(const BlindLogItem& item)
{
    return {{"label", item.label},
            {"file", item.file},
            {"file_sha256", item.fileSha256},
            {"audio_sha256", item.audioSha256},
            {"gain_db", item.gainDb},
            {"offset_samples", item.offsetSamples},
            {"drift_ppm", item.driftPpm},
            {"drift_corrected", item.driftCorrected},
            {"polarity_inverted", item.polarityInverted}};
}

QJsonObject trialJson(const BlindLogTrial& trial)
{
    return {{"time", blindLogTime(trial.time)},
            {"truth", trial.truth},
            {"answer", trial.answer},
            {"correct", trial.correct},
            {"response_ms", trial.responseMs},
            {"switches", trial.switches}};
}

// Reads fields of one object, remembering the first that is missing or of the wrong type,
// named with the object's place ("items[1].gain_db").
class FieldReader {
public:
    FieldReader(QJsonObject object, QString place, QString& problem)
        : object_(std::move(object)), place_(std::move(place)), problem_(problem) {}

    QString string(const char* key) { return value(key, QJsonValue::String, "a string").toString(); }
    double number(const char* key) { return finiteNumber(key).value_or(0.0); }
    bool boolean(const char* key) { return value(key, QJsonValue::Bool, "true or false").toBool(); }
    qint64 integer(const char* key, qint64 min, qint64 max)
    {
        const double v = number(key);
        if (v != std::floor(v) || v < double(min) || v > double(max)) {
            fail(key, QStringLiteral("a whole number from %1 to %2").arg(min).arg(max));
            return min; // converting an out-of-range double would be undefined
        }
        return qint64(v);
    }
    std::optional<double> optionalNumber(const char* key)
    {
        if (object_.value(QLatin1String(key)).isNull())
            return std::nullopt;
        return finiteNumber(key);
    }
    QJsonArray array(const char* key) { return value(key, QJsonValue::Array, "an array").toArray(); }

private:
    std::optional<double> finiteNumber(const char* key)
    {
        const QJsonValue v = value(key, QJsonValue::Double, "a number");
        if (!v.isDouble())
            return std::nullopt;
        return v.toDouble();
    }
    QJsonValue value(const char* key, QJsonValue::Type type, const char* what)
    {
        const QJsonValue v = object_.value(QLatin1String(key));
        if (v.type() != type)
            fail(key, QString::fromLatin1(what));
        return v;
    }
    void fail(const char* key, const QString& what)
    {
        if (!problem_.isEmpty())
            return; // the first problem is the one reported
        const QString name = place_.isEmpty() ? QString::fromLatin1(key) : place_ + '.' + QLatin1String(key);
        problem_ = object_.contains(QLatin1String(key)) ? QStringLiteral("%1 is not %2").arg(name, what)
                                                        : QStringLiteral("%1 is missing").arg(name);
    }

    QJsonObject object_; // a copy: callers pass temporaries (array elements)
    QString place_;
    QString& problem_;
};

QString optionalText(const std::optional<double>& v, int decimals)
{
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("not computed");
}

QString yesNo(bool b) { return b ? QStringLiteral("yes") : QStringLiteral("no"); }

} // namespace

QString blindLogTime(const QDateTime& time) { return time.toUTC().toString(Qt::ISODateWithMs); }

QByteArray blindLogCanonicalBytes(QJsonObject json)
{
    json.remove(QLatin1String("log_sha256"));
    return store::compactJson(json).toUtf8();
}

QString blindLogSha256(const QJsonObject& json) { return sha256Hex(blindLogCanonicalBytes(json)); }

QJsonObject BlindLog::toJson() const
{
    QJsonArray itemArray, trialArray;
    for (const BlindLogItem& item : items)
        itemArray.append(itemJson(item));
    for (const BlindLogTrial& trial : trials)
        trialArray.append(trialJson(trial));
    QJsonObject o{{"format", QLatin1String(kBlindLogFormat)},
                  {"version", kBlindLogVersion},
                  {"app_version", setup.appVersion},
                  {"device", setup.device},
                  {"sample_rate", setup.sampleRate},
                  {"buffer_frames", setup.bufferFrames},
                  {"crossfade_ms", setup.crossfadeMs},
                  {"mode", blindModeId(mode)},
                  {"planned_trials", plannedTrials},
                  {"items", itemArray},
                  {"trials", trialArray},
                  {"n", summary.n},
                  {"k", summary.k},
                  {"ties", summary.ties},
                  {"p_value", optionalNumber(summary.pValue)},
                  {"d_prime", optionalNumber(summary.dPrime)},
                  {"d_prime_low", optionalNumber(summary.dPrimeLow)},
                  {"d_prime_high", upperEnd(summary.dPrimeHigh)},
                  {"d_prime_model", summary.dPrimeModel},
                  {"seed_sha256", seedSha256},
                  {"seed", seed}};
    // Qt would write NaN or infinity as null without a word, and the log would no longer read.
    const QString nonFinite = store::nonFiniteAt(o);
    if (!nonFinite.isEmpty())
        throw std::invalid_argument("blind log: " + nonFinite.toStdString() + " is not a finite number");
    o.insert(QLatin1String("log_sha256"), blindLogSha256(o));
    return o;
}

std::optional<BlindLog> BlindLog::fromJson(const QJsonObject& json, QString* problemOut)
{
    QString problem;
    auto failed = [&]() -> std::optional<BlindLog> {
        if (problemOut)
            *problemOut = problem;
        return std::nullopt;
    };
    FieldReader top(json, QString(), problem);
    if (top.string("format") != QLatin1String(kBlindLogFormat)) {
        if (problem.isEmpty())
            problem = QStringLiteral("format is not \"%1\"").arg(QLatin1String(kBlindLogFormat));
        return failed();
    }
    const qint64 version = top.integer("version", 1, 1 << 30);
    if (problem.isEmpty() && version != kBlindLogVersion)
        problem = QStringLiteral("version is %1; this EarLab reads version %2").arg(version).arg(kBlindLogVersion);
    if (!problem.isEmpty())
        return failed();

    BlindLog log;
    log.setup.appVersion = top.string("app_version");
    log.setup.device = top.string("device");
    log.setup.sampleRate = top.number("sample_rate");
    log.setup.bufferFrames = int(top.integer("buffer_frames", 0, 1 << 30));
    log.setup.crossfadeMs = top.number("crossfade_ms");
    const QString modeId = top.string("mode");
    const auto mode = blindModeFromId(modeId);
    if (problem.isEmpty() && !mode)
        problem = QStringLiteral("mode \"%1\" is not abx, preference or mushra").arg(modeId);
    log.mode = mode.value_or(BlindMode::Abx);
    log.plannedTrials = int(top.integer("planned_trials", 1, 1 << 30));

    const QJsonArray itemArray = top.array("items");
    for (qsizetype i = 0; i < itemArray.size() && problem.isEmpty(); ++i) {
        FieldReader r(itemArray.at(i).toObject(), QStringLiteral("items[%1]").arg(i), problem);
        if (!itemArray.at(i).isObject())
            problem = QStringLiteral("items[%1] is not an object").arg(i);
        BlindLogItem item;
        item.label = r.string("label");
        item.file = r.string("file");
        item.fileSha256 = r.string("file_sha256");
        item.audioSha256 = r.string("audio_sha256");
        item.gainDb = r.number("gain_db");
        item.offsetSamples = r.number("offset_samples");
        item.driftPpm = r.number("drift_ppm");
        item.driftCorrected = r.boolean("drift_corrected");
        item.polarityInverted = r.boolean("polarity_inverted");
        log.items.push_back(item);
    }
    const QJsonArray trialArray = top.array("trials");
    for (qsizetype i = 0; i < trialArray.size() && problem.isEmpty(); ++i) {
        const QString place = QStringLiteral("trials[%1]").arg(i);
        FieldReader r(trialArray.at(i).toObject(), place, problem);
        if (!trialArray.at(i).isObject())
            problem = place + QStringLiteral(" is not an object");
        BlindLogTrial trial;
        const QString time = r.string("time");
        trial.time = QDateTime::fromString(time, Qt::ISODateWithMs);
        if (problem.isEmpty() && !trial.time.isValid())
            problem = QStringLiteral("%1.time \"%2\" is not an ISO 8601 time").arg(place, time);
        trial.truth = r.string("truth");
        trial.answer = r.string("answer");
        trial.correct = r.boolean("correct");
        trial.responseMs = r.integer("response_ms", 0, qint64(1) << 50);
        trial.switches = int(r.integer("switches", 0, 1 << 30));
        log.trials.push_back(trial);
    }
    log.summary.n = int(top.integer("n", 0, 1 << 30));
    log.summary.k = int(top.integer("k", 0, 1 << 30));
    log.summary.ties = int(top.integer("ties", 0, 1 << 30));
    log.summary.pValue = top.optionalNumber("p_value");
    log.summary.dPrime = top.optionalNumber("d_prime");
    log.summary.dPrimeLow = top.optionalNumber("d_prime_low");
    log.summary.dPrimeHigh = top.optionalNumber("d_prime_high");
    if (log.summary.dPrime && !log.summary.dPrimeHigh)
        log.summary.dPrimeHigh = std::numeric_limits<double>::infinity(); // null: no upper bound
    log.summary.dPrimeModel = top.string("d_prime_model");
    log.seedSha256 = top.string("seed_sha256");
    log.seed = top.string("seed");
    if (!problem.isEmpty())
        return failed();
    return log;
}

QString BlindLog::toText() const
{
    QStringList lines;
    lines << QStringLiteral("EarLab blind test log (%1 version %2)").arg(QLatin1String(kBlindLogFormat)).arg(kBlindLogVersion)
          << QStringLiteral("Mode:         %1").arg(blindModeId(mode))
          << QStringLiteral("EarLab:       %1").arg(setup.appVersion)
          << QStringLiteral("Device:       %1").arg(setup.device)
          << QStringLiteral("Sample rate:  %1 Hz").arg(setup.sampleRate)
          << QStringLiteral("Buffer:       %1 frames").arg(setup.bufferFrames)
          << QStringLiteral("Crossfade:    %1 ms").arg(setup.crossfadeMs)
          << QStringLiteral("Planned:      %1 trials").arg(plannedTrials) << QString() << QStringLiteral("Items:");
    for (const BlindLogItem& item : items) {
        lines << QStringLiteral("  %1  %2").arg(item.label, item.file)
              << QStringLiteral("     file SHA-256   %1").arg(item.fileSha256)
              << QStringLiteral("     audio SHA-256  %1").arg(item.audioSha256)
              << QStringLiteral("     gain %1 dB, offset %2 samples, drift %3 ppm (corrected: %4), polarity inverted: %5")
                     .arg(QString::number(item.gainDb, 'f', 2), QString::number(item.offsetSamples, 'f', 3),
                          QString::number(item.driftPpm, 'f', 1), yesNo(item.driftCorrected), yesNo(item.polarityInverted));
    }
    lines << QString() << QStringLiteral("Trials:") << QStringLiteral("  #   time (UTC)                truth  answer  correct  response  switches");
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const BlindLogTrial& t = trials[i];
        lines << QStringLiteral("  %1 %2  %3 %4 %5 %6 %7")
                     .arg(QString::number(i + 1).leftJustified(3), blindLogTime(t.time).leftJustified(24),
                          t.truth.leftJustified(6), t.answer.leftJustified(7), yesNo(t.correct).leftJustified(8),
                          (QString::number(t.responseMs) + QStringLiteral(" ms")).rightJustified(8),
                          QString::number(t.switches).rightJustified(8));
    }
    lines << QString() << QStringLiteral("Result:       %1 of %2 (%3 answered none)").arg(summary.k).arg(summary.n).arg(summary.ties)
          << QStringLiteral("p value:      %1").arg(optionalText(summary.pValue, 7))
          << QStringLiteral("d':           %1 (95 % interval %2 to %3, model %4)")
                 .arg(optionalText(summary.dPrime, 2), optionalText(summary.dPrimeLow, 2),
                      optionalText(summary.dPrimeHigh, 2), summary.dPrimeModel.isEmpty() ? QStringLiteral("none") : summary.dPrimeModel)
          << QString() << QStringLiteral("Seed SHA-256: %1").arg(seedSha256)
          << QStringLiteral("Seed:         %1").arg(seed.isEmpty() ? QStringLiteral("(not revealed yet)") : seed)
          << QStringLiteral("Log SHA-256:  %1").arg(blindLogSha256(toJson()));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace earlab
