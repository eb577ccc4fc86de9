// The blind log (exercises/blind_log.h) and its check (blind_log_check.h): the seed's
// commitment against a published SHA-256 vector, the hashes of audio, a round trip through
// JSON and through a file written by saveBlindLog, and a saved log with one byte changed in
// each place a cheat would change it, each reported by name.

#include "exercises/blind_hashes.h"
#include "exercises/blind_log.h"
#include "exercises/blind_log_check.h"
#include "exercises/json_duplicate_keys.h"
#include "exercises/blind_log_file.h"
#include "exercises/blind_log_summary.h"
#include "support/blind_log_sample.h"
#include "support/scratch_files.h"

#include "audio/audio_error.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

using namespace earlab;
using namespace earlab::test;

namespace {

// The log as saved to disk (indented JSON through FileReplacement), read back as bytes.
QByteArray savedLog(const BlindLog& log, const char* tag)
{
    const QString path = scratch(tag) + QStringLiteral("/log.json");
    saveBlindLog(path.toStdString(), log, BlindLogFileFormat::Json);
    return readBytes(path);
}

// Replaces the character after the n-th (from 1) occurrence of `marker` with `to`.
QByteArray changedAfter(QByteArray bytes, const QByteArray& marker, int nth, char to)
{
    qsizetype at = -1;
    for (int i = 0; i < nth; ++i)
        at = bytes.indexOf(marker, at + 1);
    if (at < 0)
        qFatal("marker %s not found %d times", marker.constData(), nth);
    bytes[at + marker.size()] = to;
    return bytes;
}

char flipped(char ab) { return ab == 'A' ? 'B' : 'A'; }

bool mentions(const BlindLogCheck& check, const QString& text)
{
    for (const QString& a : check.altered)
        if (a.contains(text))
            return true;
    return false;
}

QString described(const BlindLogCheck& check)
{
    return check.unreadable + QStringLiteral(" | ") + check.altered.join(QStringLiteral(" | "));
}

} // namespace

class TestBlindLog : public QObject {
    Q_OBJECT

private slots:
    void commitmentIsSha256OfTheSeedBytes()
    {
        // SHA-256 of 32 zero bytes, a published vector (e.g. the empty Merkle leaf of many
        // systems): 66687aad...
        const auto zero = BlindSeed::fromHex(QString(64, QLatin1Char('0')));
        QVERIFY(zero);
        QCOMPARE(zero->commitment(), QStringLiteral("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"));
        const BlindSeed a = BlindSeed::generate();
        const BlindSeed b = BlindSeed::generate();
        QVERIFY(a != b); // 2^-256 to fail by chance
        QCOMPARE(BlindSeed::fromHex(a.hex()), a);
        QCOMPARE(BlindSeed::fromHex(a.hex().toUpper()), a);
        QCOMPARE(a.commitment(), QString::fromLatin1(QCryptographicHash::hash(a.raw(), QCryptographicHash::Sha256).toHex()));
        QVERIFY(!BlindSeed::fromHex(a.hex().left(63)));
        QVERIFY(!BlindSeed::fromHex(a.hex().left(62) + QStringLiteral(" 0")));
        QVERIFY(!BlindSeed::fromHex(a.hex().left(63) + QStringLiteral("g")));
    }

    void generatedSeedsHaveBalancedBits()
    {
        // 1,000 seeds = 256,000 bits: ones within 5 standard deviations (sd 253) of half.
        long ones = 0;
        for (int i = 0; i < 1000; ++i)
            for (const std::uint8_t byte : BlindSeed::generate().bytes)
                ones += std::popcount(byte);
        QVERIFY2(std::abs(ones - 128000) < 5 * 253, qPrintable(QString::number(ones)));
    }

    void audioHashIsTheDocumentedBytes()
    {
        AudioBuffer audio = AudioBuffer::silence(2, 3, 44100.0);
        audio.channels[0] = {0.5f, -0.25f, 1.0f};
        audio.channels[1] = {0.0f, 0.125f, -1.0f};
        QByteArray bytes;
        auto append = [&](const void* p, std::size_t n) { bytes.append(static_cast<const char*>(p), qsizetype(n)); };
        const std::uint32_t channels = 2; // little-endian machine: native order is the format
        const double rate = 44100.0;
        const std::uint64_t frames = 3;
        append(&channels, 4);
        append(&rate, 8);
        append(&frames, 8);
        for (const auto& c : audio.channels)
            append(c.data(), c.size() * sizeof(float));
        QCOMPARE(audioSha256(audio), sha256Hex(bytes));

        AudioBuffer otherRate = audio;
        otherRate.sampleRate = 48000.0;
        QVERIFY(audioSha256(otherRate) != audioSha256(audio));
        AudioBuffer otherSample = audio;
        otherSample.channels[1][2] = std::nextafter(-1.0f, 0.0f);
        QVERIFY(audioSha256(otherSample) != audioSha256(audio));
        AudioBuffer swapped = audio;
        std::swap(swapped.channels[0], swapped.channels[1]);
        QVERIFY(audioSha256(swapped) != audioSha256(audio));
    }

    void fileHashNamesAnUnreadableFile()
    {
        const QString dir = scratch("blind-file-hash");
        QVERIFY(writeBytes(dir + "/abc.bin", QByteArray("abc")));
        QCOMPARE(fileSha256(dir + "/abc.bin"), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        try {
            fileSha256(dir + "/missing.wav");
            QFAIL("no error for a missing file");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(dir + "/missing.wav"), e.what());
        }
    }

    void roundTrip()
    {
        const BlindLog log = sampleAbxLog();
        const QJsonObject json = log.toJson();
        for (const char* key : {"n", "k", "p_value", "seed_sha256", "seed", "log_sha256", "trials", "format", "version"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        QCOMPARE(json.value("format").toString(), QStringLiteral("earlab-blind-log"));
        const QJsonObject trial = json.value("trials").toArray().at(0).toObject();
        for (const char* key : {"truth", "answer", "correct", "response_ms", "switches", "time"})
            QVERIFY2(trial.contains(QLatin1String(key)), key);
        QCOMPARE(trial.value("time").toString(), QStringLiteral("2026-12-01T20:00:00.000Z"));

        QString problem;
        const auto back = BlindLog::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object(), &problem);
        QVERIFY2(back, qPrintable(problem));
        QCOMPARE(back->toJson(), json); // every field, log_sha256 included
        QCOMPARE(back->items.at(1).offsetSamples, 12.37);
        QCOMPARE(back->trials.at(5).time, log.trials.at(5).time);
        QCOMPARE(back->summary.pValue, log.summary.pValue);

        BlindLog notComputed = log;
        notComputed.summary.pValue.reset();
        notComputed.summary.dPrime.reset();
        const auto nulls = BlindLog::fromJson(notComputed.toJson());
        QVERIFY(nulls);
        QVERIFY(!nulls->summary.pValue && !nulls->summary.dPrime);
        QVERIFY(notComputed.toJson().value("p_value").isNull());
    }

    void textRenderingHoldsTheLog()
    {
        const BlindLog log = sampleAbxLog();
        const QString text = log.toText();
        for (const QString& part : {log.seed, log.seedSha256, log.toJson().value("log_sha256").toString(),
                                    QStringLiteral("/music/mix_v2.flac"), QStringLiteral("12 of 16"),
                                    QStringLiteral("-3.50 dB"), QStringLiteral("differencing")})
            QVERIFY2(text.contains(part), qPrintable(part));
        QCOMPARE(text.count(QStringLiteral("2026-12-01T20:")), 16);
    }

    void savedLogIsIntact()
    {
        const BlindLogCheck check = verifyBlindLog(savedLog(sampleAbxLog(), "blind-intact"), QStringLiteral("log.json"));
        QVERIFY2(check.intact(), qPrintable(described(check)));
        QCOMPARE(check.trials, 16);
        QCOMPARE(check.correct, 12);
        QCOMPARE(check.mode, QStringLiteral("abx"));
    }

    void changedTruthIsNamed()
    {
        const BlindLog log = sampleAbxLog();
        const QByteArray saved = savedLog(log, "blind-truth");
        const char truth = log.trials.at(6).truth.at(0).toLatin1();
        const QByteArray changed = changedAfter(saved, "\"truth\": \"", 7, flipped(truth));
        const BlindLogCheck check = verifyBlindLog(changed, QStringLiteral("log.json"));
        QVERIFY(!check.intact());
        QVERIFY2(mentions(check, QStringLiteral("log_sha256 does not match the log's contents")), qPrintable(described(check)));
        const QString expected = QStringLiteral("trial 7: truth %1, the seed gives %2").arg(QChar(flipped(truth))).arg(QChar(truth));
        QVERIFY2(check.altered.contains(expected), qPrintable(described(check)));
        // The answer and flag stayed: the flag no longer fits the truth either.
        QVERIFY2(mentions(check, QStringLiteral("trial 7: correct is")), qPrintable(described(check)));
    }

    void changedAnswerIsNamed()
    {
        const BlindLog log = sampleAbxLog();
        const char answer = log.trials.at(2).answer.at(0).toLatin1();
        const BlindLogCheck check = verifyBlindLog(changedAfter(savedLog(log, "blind-answer"), "\"answer\": \"", 3, flipped(answer)),
                                                   QStringLiteral("log.json"));
        QVERIFY2(mentions(check, QStringLiteral("log_sha256 does not match")), qPrintable(described(check)));
        QVERIFY2(mentions(check, QStringLiteral("trial 3: correct is true, but the answer is")), qPrintable(described(check)));
        QVERIFY2(!mentions(check, QStringLiteral("the seed gives")), qPrintable(described(check))); // truths untouched
    }

    void changedSeedIsNamed()
    {
        const BlindLog log = sampleAbxLog();
        const char first = log.seed.at(0).toLatin1();
        const BlindLogCheck check = verifyBlindLog(
            changedAfter(savedLog(log, "blind-seed"), "\"seed\": \"", 1, first == '5' ? '6' : '5'), QStringLiteral("log.json"));
        QVERIFY2(mentions(check, QStringLiteral("the seed does not match its commitment")), qPrintable(described(check)));
        QVERIFY2(mentions(check, QStringLiteral("log_sha256 does not match")), qPrintable(described(check)));
    }

    void changedGainIsNamed()
    {
        // -1.25 dB -> -1.35 dB: only the hash can see it.
        const QByteArray saved = savedLog(sampleAbxLog(), "blind-gain");
        QVERIFY(saved.contains("\"gain_db\": -1.25"));
        const BlindLogCheck check = verifyBlindLog(changedAfter(saved, "\"gain_db\": -1.", 1, '3'), QStringLiteral("log.json"));
        QCOMPARE(check.altered, QStringList{QStringLiteral("log_sha256 does not match the log's contents")});
    }

    void addedTrialIsNamed()
    {
        BlindLog log = sampleAbxLog();
        QJsonObject json = QJsonDocument::fromJson(savedLog(log, "blind-added")).object();
        QJsonArray trials = json.value("trials").toArray();
        trials.append(trials.last());
        json.insert("trials", trials);
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(json).toJson(), QStringLiteral("log.json"));
        QVERIFY2(mentions(check, QStringLiteral("log_sha256 does not match")), qPrintable(described(check)));
        QVERIFY2(check.altered.contains(QStringLiteral("n is 16, but the log holds 17 trials")), qPrintable(described(check)));
    }

    void flagsAndCountsAreChecked()
    {
        BlindLog log = sampleAbxLog();
        log.trials[4].correct = !log.trials[4].correct; // written like this, hash and all
        log.summary.k = 14;
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(log.toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(!mentions(check, QStringLiteral("log_sha256")), qPrintable(described(check)));
        QVERIFY2(mentions(check, QStringLiteral("trial 5: correct is false")), qPrintable(described(check)));
        QVERIFY2(check.altered.contains(QStringLiteral("k is 14, but 11 trials are marked correct")), qPrintable(described(check)));
    }

    void unrevealedSeedIsNotIntact()
    {
        BlindLog log = sampleAbxLog();
        log.seed.clear();
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(log.toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(mentions(check, QStringLiteral("the seed is not revealed")), qPrintable(described(check)));
    }

    void otherModesAreRecomputed()
    {
        const BlindLog abx = sampleAbxLog(6);
        const BlindSeed seed = *BlindSeed::fromHex(abx.seed);
        BlindLog preference = abx;
        preference.mode = BlindMode::Preference;
        BlindLog mushra = abx;
        mushra.mode = BlindMode::Mushra;
        for (std::uint32_t i = 0; i < 6; ++i) {
            auto& p = preference.trials[i];
            p.truth = abItemName(preferenceFirst(seed, i));
            p.answer = i % 3 == 0 ? QStringLiteral("none") : QStringLiteral("A");
            p.correct = p.answer == QLatin1String("A");
            auto& m = mushra.trials[i];
            QStringList order;
            for (const int item : mushraOrder(seed, i, 2))
                order << QString::number(item);
            m.truth = order.join(' ');
            m.answer = QStringLiteral("80 65");
            m.correct = false;
        }
        preference.summary = summariseBlindTrials(preference.mode, preference.trials);
        mushra.summary = summariseBlindTrials(mushra.mode, mushra.trials);
        for (const BlindLog* log : {&preference, &mushra}) {
            const BlindLogCheck check = verifyBlindLog(QJsonDocument(log->toJson()).toJson(), QStringLiteral("log.json"));
            QVERIFY2(check.intact(), qPrintable(described(check)));
        }
        preference.trials[3].truth = preference.trials[3].truth == QLatin1String("A") ? QStringLiteral("B") : QStringLiteral("A");
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(preference.toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(mentions(check, QStringLiteral("trial 4: truth")), qPrintable(described(check)));
    }

    // The p value and d' are recomputed from the trials; a wrong one is named with the counts.
    void statisticsAreRechecked()
    {
        BlindLog log = sampleAbxLog();
        // P(X >= 12 | 16, 1/2) = (C(16,12) + ... + C(16,16)) / 2^16 = 2517 / 65536.
        QVERIFY(std::abs(*log.summary.pValue - 2517.0 / 65536.0) < 1e-15);
        QCOMPARE(log.summary.dPrimeModel, QStringLiteral("ABX, differencing model"));
        const double dPrime = *log.summary.dPrime;
        log.summary.pValue = 0.01;
        log.summary.dPrime = 1.9;
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(log.toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(!mentions(check, QStringLiteral("log_sha256")), qPrintable(described(check)));
        QVERIFY2(check.altered.contains(QStringLiteral("p_value 0.01 does not match k=12 of n=16 (0.0384064)")), qPrintable(described(check)));
        QVERIFY2(check.altered.contains(QStringLiteral("d_prime 1.9 does not match k=12 of n=16 under the ABX, differencing model (%1)")
                                            .arg(QString::number(dPrime, 'g', 6))),
                 qPrintable(described(check)));
        QCOMPARE(check.altered.size(), 2);

        // The model named in the log is the one recomputed: ABX's other model, consistently
        // applied, is intact; its d' under the differencing model's name is wrong.
        BlindLog model = sampleAbxLog();
        model.summary = summariseBlindTrials(model.mode, model.trials, SensitivityModel::AbxIndependentObservation);
        const BlindLogCheck independent = verifyBlindLog(QJsonDocument(model.toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(independent.intact(), qPrintable(described(independent))); // consistent with the model it names
        QVERIFY(sampleAbxLog().summary.dPrime.value() != model.summary.dPrime.value());
        model.summary.dPrimeModel = QStringLiteral("ABX, differencing model");
        const BlindLogCheck renamed = verifyBlindLog(QJsonDocument(model.toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(mentions(renamed, QStringLiteral("d_prime ")), qPrintable(described(renamed)));

        // A model of another task is refused: 2AFC is preference's, not ABX's.
        BlindLog twoAfc = sampleAbxLog();
        twoAfc.summary = summariseBlindTrials(twoAfc.mode, twoAfc.trials, SensitivityModel::TwoAlternativeForcedChoice);
        const BlindLogCheck wrongTask = verifyBlindLog(QJsonDocument(twoAfc.toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(mentions(wrongTask, QStringLiteral("d_prime_model \"2AFC\" is not a model of a abx test")),
                 qPrintable(described(wrongTask)));
    }

    // A key twice in one object: Qt keeps the last, another reader the first. Refused unread.
    void duplicateKeysAreRefused()
    {
        const QByteArray intact = QJsonDocument(sampleAbxLog().toJson()).toJson();
        QVERIFY(verifyBlindLog(intact, QStringLiteral("log.json")).intact());
        QByteArray forged = intact;
        forged.replace("\"p_value\"", "\"p_value\": 0.0001,\n    \"p_value\"");
        const BlindLogCheck top = verifyBlindLog(forged, QStringLiteral("forged.json"));
        QVERIFY2(top.unreadable.contains(QStringLiteral("forged.json: the key p_value appears twice")), qPrintable(described(top)));
        // Inside a trial, and with the key spelt through an escape.
        QByteArray inTrial = intact;
        const qsizetype at = inTrial.indexOf("\"answer\"", inTrial.indexOf("\"trials\""));
        inTrial.insert(at, "\"\\u0061nswer\": \"B\",\n            ");
        const BlindLogCheck trial = verifyBlindLog(inTrial, QStringLiteral("forged.json"));
        QVERIFY2(trial.unreadable.contains(QStringLiteral("trials[0].answer appears twice")), qPrintable(described(trial)));
        QCOMPARE(firstDuplicateJsonKey("{\"a\": {\"b\": 1}, \"c\": [{\"b\": 2}, {\"b\": 3}]}"), std::nullopt);
        QCOMPARE(firstDuplicateJsonKey("{\"a\": [1, {\"x\": \"}\", \"x\": 2}]}"), std::optional<QString>("a[1].x"));
    }

    // What the mode requires: two items for ABX, every item rated on a MUSHRA page.
    void theModesShapeIsChecked()
    {
        BlindLog three = sampleAbxLog();
        three.items.push_back(three.items.back());
        QVERIFY(mentions(verifyBlindLog(QJsonDocument(three.toJson()).toJson(), "log.json"),
                         QStringLiteral("a abx log compares 2 items, this one lists 3")));
        BlindLog mushra = sampleAbxLog(3);
        mushra.mode = BlindMode::Mushra;
        const BlindSeed seed = *BlindSeed::fromHex(mushra.seed);
        for (std::uint32_t i = 0; i < 3; ++i) {
            QStringList order;
            for (const int item : mushraOrder(seed, i, 2))
                order << QString::number(item);
            mushra.trials[i].truth = order.join(' ');
            mushra.trials[i].answer = QStringLiteral("80 65");
            mushra.trials[i].correct = false;
        }
        mushra.summary = summariseBlindTrials(mushra.mode, mushra.trials);
        QVERIFY(verifyBlindLog(QJsonDocument(mushra.toJson()).toJson(), "log.json").intact());
        for (const char* bad : {"80", "80 101", "80 6.5", "80 x", "80  65"}) {
            mushra.trials[1].answer = QString::fromLatin1(bad);
            QVERIFY2(mentions(verifyBlindLog(QJsonDocument(mushra.toJson()).toJson(), "log.json"),
                              QStringLiteral("trial 2: answer \"%1\" is not 2 ratings from 0 to 100").arg(bad)),
                     bad);
        }
    }

    void stoppedRunIsNotIntact()
    {
        const BlindLog log = sampleAbxLog(9, 16);
        QCOMPARE(log.toJson().value("planned_trials").toInt(), 16);
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(log.toJson()).toJson(), QStringLiteral("log.json"));
        QCOMPARE(check.altered, QStringList{QStringLiteral("stopped after 9 of 16 planned trials")});
        const BlindLogCheck complete = verifyBlindLog(QJsonDocument(sampleAbxLog(9).toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(complete.intact(), qPrintable(described(complete)));
    }

    // "none" is no trial of the binomial test: n counts the others, ties the "none" answers.
    void preferenceNoneIsATie()
    {
        BlindLog log = sampleAbxLog(6);
        log.mode = BlindMode::Preference;
        const BlindSeed seed = *BlindSeed::fromHex(log.seed);
        for (std::uint32_t i = 0; i < 6; ++i) {
            BlindLogTrial& t = log.trials[i];
            t.truth = abItemName(preferenceFirst(seed, i));
            t.answer = i % 3 == 0 ? QStringLiteral("none") : i == 4 ? QStringLiteral("B") : QStringLiteral("A");
            t.correct = t.answer == QLatin1String("A");
        }
        log.summary = summariseBlindTrials(log.mode, log.trials);
        QCOMPARE(log.summary.n, 4);
        QCOMPARE(log.summary.ties, 2);
        QCOMPARE(log.summary.k, 3);
        // Two-sided: 2 P(X >= max(3, 1) | 4) = 2 (4 + 1) / 16.
        QVERIFY(std::abs(*log.summary.pValue - 10.0 / 16.0) < 1e-15);
        QCOMPARE(log.summary.dPrimeModel, QStringLiteral("2AFC"));
        QVERIFY2(verifyBlindLog(QJsonDocument(log.toJson()).toJson(), QStringLiteral("log.json")).intact(), "preference log");

        // B preferred every time is as consistent as A: p = 2 / 2^4 and d' as for 4 of 4.
        BlindLog allB = log;
        for (BlindLogTrial& t : allB.trials)
            if (t.answer != QLatin1String("none")) {
                t.answer = QStringLiteral("B");
                t.correct = false;
            }
        allB.summary = summariseBlindTrials(allB.mode, allB.trials);
        QCOMPARE(allB.summary.k, 0);
        QVERIFY(std::abs(*allB.summary.pValue - 2.0 / 16.0) < 1e-15);
        QCOMPARE(*allB.summary.dPrime, estimateSensitivity(4, 4, SensitivityModel::TwoAlternativeForcedChoice).dPrime);
        QVERIFY2(verifyBlindLog(QJsonDocument(allB.toJson()).toJson(), QStringLiteral("log.json")).intact(), "all B");

        log.summary.n = 6; // counting the ties as trials
        log.summary.ties = 0;
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(log.toJson()).toJson(), QStringLiteral("log.json"));
        QVERIFY2(check.altered.contains(QStringLiteral("n is 6, but the log holds 4 trials not answered \"none\"")), qPrintable(described(check)));
        QVERIFY2(check.altered.contains(QStringLiteral("ties is 0, but 2 trials are answered \"none\"")), qPrintable(described(check)));
    }

    void nonFiniteNumbersAreRefusedByName()
    {
        BlindLog log = sampleAbxLog();
        log.items[1].gainDb = std::nan("");
        try {
            (void)log.toJson();
            QFAIL("a NaN gain was written");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("blind log: items[1].gain_db is not a finite number"));
        }
        const QString path = scratch("blind-nonfinite") + QStringLiteral("/log.json");
        saveBlindLog(path.toStdString(), sampleAbxLog(), BlindLogFileFormat::Json);
        const QByteArray before = readBytes(path);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saveBlindLog(path.toStdString(), log, BlindLogFileFormat::Json));
        QCOMPARE(readBytes(path), before);

        BlindLog minusInf = sampleAbxLog();
        minusInf.summary.dPrimeLow = -std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)minusInf.toJson());
    }

    // Every answer right: d''s interval has no upper end, written null and read back as +inf.
    void perfectScoreHasAnOpenInterval()
    {
        BlindLog log = sampleAbxLog();
        for (BlindLogTrial& t : log.trials) {
            t.answer = t.truth;
            t.correct = true;
        }
        log.summary = summariseBlindTrials(log.mode, log.trials);
        QVERIFY(std::isinf(*log.summary.dPrimeHigh));
        const QJsonObject json = log.toJson();
        QVERIFY(json.value("d_prime_high").isNull());
        QVERIFY(json.value("d_prime").isDouble());
        const auto back = BlindLog::fromJson(json);
        QVERIFY(back && back->summary.dPrimeHigh && std::isinf(*back->summary.dPrimeHigh));
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(json).toJson(), QStringLiteral("log.json"));
        QVERIFY2(check.intact(), qPrintable(described(check)));
    }

    // The canonical form, byte for byte: the bytes and hash below were computed independently
    // with Python (docs/blind_tests.md "The canonical form"), not by this code.
    void canonicalFormGoldenVector()
    {
        BlindLog log;
        log.setup = {QStringLiteral("0.1.0"), QStringLiteral("ALSA: hw:0"), 44100.0, 128, 2.5};
        log.plannedTrials = 2;
        log.items = {{QStringLiteral("A"), QString::fromUtf8("/music/\"quoted\" \\ \xc3\xa9\t.wav"), QString(64, '1'), QString(64, '2'),
                      -0.5, 0.0, 0.0, false, false},
                     {QStringLiteral("B"), QStringLiteral("/music/b.flac"), QString(64, '3'), QString(64, '4'), 0.0, 0.25, -1.5, true, true}};
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-12-01T20:00:00.000Z"), Qt::ISODateWithMs);
        log.trials = {{start, QStringLiteral("A"), QStringLiteral("A"), true, 1800, 4},
                      {start.addMSecs(1500), QStringLiteral("B"), QStringLiteral("B"), true, 1250, 0}};
        log.summary = {2, 2, 0, 2.5e-7, 3.0625, 0.0, std::numeric_limits<double>::infinity(), QStringLiteral("ABX, differencing model")};
        log.seedSha256 = QString(64, 'e');
        log.seed = QString(64, 'f');
        const QByteArray expected = QByteArrayLiteral("{\"app_version\":\"0.1.0\",\"buffer_frames\":128,\"crossfade_ms\":2.5,\"d_prime\":3.0625,\"d_prime_high\":null,\"d_prime_low\":0,\"d_prime_model\":\"ABX, differencing model\",\"device\":\"ALSA: hw:0\",\"format\":\"earlab-blind-log\",\"items\":[{\"audio_sha256\":\"2222222222222222222222222222222222222222222222222222222222222222\",\"drift_corrected\":false,\"drift_ppm\":0,\"file\":\"/music/\\\"quoted\\\" \\\\ \xc3""\xa9""\\t.wav\",\"file_sha256\":\"1111111111111111111111111111111111111111111111111111111111111111\",\"gain_db\":-0.5,\"label\":\"A\",\"offset_samples\":0,\"polarity_inverted\":false},{\"audio_sha256\":\"4444444444444444444444444444444444444444444444444444444444444444\",\"drift_corrected\":true,\"drift_ppm\":-1.5,\"file\":\"/music/b.flac\",\"file_sha256\":\"3333333333333333333333333333333333333333333333333333333333333333\",\"gain_db\":0,\"label\":\"B\",\"offset_samples\":0.25,\"polarity_inverted\":true}],\"k\":2,\"mode\":\"abx\",\"n\":2,\"p_value\":2.5e-07,\"planned_trials\":2,\"sample_rate\":44100,\"seed\":\"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\",\"seed_sha256\":\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\",\"ties\":0,\"trials\":[{\"answer\":\"A\",\"correct\":true,\"response_ms\":1800,\"switches\":4,\"time\":\"2026-12-01T20:00:00.000Z\",\"truth\":\"A\"},{\"answer\":\"B\",\"correct\":true,\"response_ms\":1250,\"switches\":0,\"time\":\"2026-12-01T20:00:01.500Z\",\"truth\":\"B\"}],\"version\":1}");
        const QJsonObject json = log.toJson();
        QCOMPARE(blindLogCanonicalBytes(json), expected);
        QCOMPARE(json.value("log_sha256").toString(), QStringLiteral("9a2300bf79790f97a62adb3efc4ebb60d18030df81ffebe4b3cd3785f649ad94"));
    }

    // Where Qt's number form and Python's json differ, as docs/blind_tests.md says: a whole
    // double is an integer, and 'g' takes the shorter of the fixed and exponent forms.
    void canonicalNumberForm()
    {
        const QJsonObject numbers{{"a", 48000.0}, {"b", 0.0005}, {"c", 0.00012}, {"d", 1e16}, {"e", 1e15}, {"f", -0.0}, {"g", 1e-30}};
        QCOMPARE(blindLogCanonicalBytes(numbers),
                 QByteArray("{\"a\":48000,\"b\":5e-04,\"c\":0.00012,\"d\":1e+16,\"e\":1000000000000000,\"f\":0,\"g\":1e-30}"));
    }

    void malformedInputNamesTheSourceAndCause()
    {
        const QByteArray saved = savedLog(sampleAbxLog(), "blind-malformed");
        BlindLogCheck check = verifyBlindLog(saved.left(saved.size() / 2), QStringLiteral("cut.json"));
        QVERIFY2(check.unreadable.startsWith(QStringLiteral("cut.json: not JSON: ")), qPrintable(check.unreadable));
        check = verifyBlindLog("[1, 2]", QStringLiteral("array.json"));
        QVERIFY2(check.unreadable.startsWith(QStringLiteral("array.json: not an EarLab blind log")), qPrintable(check.unreadable));
        QJsonObject json = QJsonDocument::fromJson(saved).object();
        json.remove("trials");
        check = verifyBlindLog(QJsonDocument(json).toJson(), QStringLiteral("gone.json"));
        QCOMPARE(check.unreadable, QStringLiteral("gone.json: not an EarLab blind log: trials is missing"));
        json = QJsonDocument::fromJson(saved).object();
        QJsonArray trials = json.value("trials").toArray();
        QJsonObject t = trials.at(1).toObject();
        t.insert("switches", QStringLiteral("three"));
        trials.replace(1, t);
        json.insert("trials", trials);
        check = verifyBlindLog(QJsonDocument(json).toJson(), QStringLiteral("typed.json"));
        QCOMPARE(check.unreadable, QStringLiteral("typed.json: not an EarLab blind log: trials[1].switches is not a number"));
        t.insert("switches", 1e300);
        trials.replace(1, t);
        json.insert("trials", trials);
        check = verifyBlindLog(QJsonDocument(json).toJson(), QStringLiteral("huge.json"));
        QCOMPARE(check.unreadable,
                 QStringLiteral("huge.json: not an EarLab blind log: trials[1].switches is not a whole number from 0 to 1073741824"));
    }

    void saveKeepsTheOldFileOnFailure()
    {
        // A folder where the file should go: refused, nothing written, the folder untouched.
        const QString dir = scratch("blind-save-refused");
        QVERIFY(QDir().mkpath(dir + "/log.json"));
        QVERIFY_THROWS_EXCEPTION(AudioError, saveBlindLog((dir + "/log.json").toStdString(), sampleAbxLog(), BlindLogFileFormat::Text));
        QVERIFY(QFileInfo(dir + "/log.json").isDir());
        const QString text = dir + "/log.txt";
        saveBlindLog(text.toStdString(), sampleAbxLog(), BlindLogFileFormat::Text);
        QCOMPARE(QString::fromUtf8(readBytes(text)), sampleAbxLog().toText());
    }
};

QTEST_GUILESS_MAIN(TestBlindLog)
#include "test_blind_log.moc"
