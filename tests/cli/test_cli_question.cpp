// earlab-cli question for every exercise of the catalogue, at level 1 and at its last level,
// on the material that level plays in the app: question.json has issue 7 section 6's keys,
// every variant's WAV is there at 48 kHz with the loop's length and no sample above -1 dBFS,
// loudness-matched variants measure the same integrated loudness (libebur128, within 0.1 LU),
// and the keys section 6 names per exercise are there. For the EQ exercises the rendered
// `processed` differs from `flat` by the hidden EQ, measured in the hidden band. The rows come
// from ExerciseCatalogue::standard(): an exercise added to it is covered without a change here.

#include "question_cli.h"

#include "support/scratch_files.h"
#include "support/test_signals.h"

#include "audio/io/loudness.h"
#include "exercises/band_energy.h"
#include "exercises/eq_bands.h"

#if EARLAB_HAVE_ASSETS
#include "assets/builtin_material.h"
#endif

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr quint64 kSeed = 7;
constexpr std::int64_t kLoopFrames = 15 * 48000; // exercises/question_material.h kLoopSeconds at 48 kHz

// Section 6's keys per exercise, for those of its exercises the catalogue holds.
struct Expected {
    const char* id;
    QStringList variants; // exactly these ids, in this order (empty: not named by section 6)
    QStringList hidden;   // at least these keys
};
const std::array<Expected, 7> kSection6 = {{
    {"eq-band", {"flat", "processed"}, {"frequency_hz", "gain_db", "q", "flat"}},
    {"eq-gain", {"flat", "processed"}, {"frequency_hz", "gain_db", "q", "flat"}},
    {"level", {"a", "b"}, {"louder", "difference_db"}},
    {"compression", {"a", "b"},
     {"compressed", "threshold_db", "ratio", "attack_ms", "release_ms", "gain_reduction_db"}},
    {"pan", {"reference", "processed"}, {"pan", "stem"}},
    {"stems", {}, {"stem", "gain_db"}},
    {"width", {"flat", "processed"}, {"width_percent"}},
}};

// The frames of the loop a material id gives: 15 s, or the whole material when shorter.
std::int64_t expectedLoopFrames(const QString& materialId)
{
    if (materialId == "pink-noise")
        return kLoopFrames;
    QString path;
    if (materialId.startsWith("file:"))
        path = materialId.mid(5);
#if EARLAB_HAVE_ASSETS
    if (materialId.startsWith("builtin:"))
        if (const BuiltinLoop* loop = findBuiltinLoop(materialId.mid(8).toStdString()))
            path = QString::fromStdString(materialPath(loop->mixFile));
#endif
    if (path.isEmpty())
        return -1;
    const AudioFileInfo info = probeAudioFile(path.toStdString());
    return std::min<std::int64_t>(kLoopFrames, std::llround(double(info.frames) * 48000.0 / info.sampleRate));
}

double peakDbfs(const AudioBuffer& audio)
{
    double peak = -INFINITY;
    for (const auto& c : audio.channels)
        peak = std::max(peak, peakDb(c));
    return peak;
}

double bandDb(const AudioBuffer& audio, double hz, double octaves)
{
    const std::array<double, 1> centre{hz};
    return bandLevelsDb(audio, centre, octaves).front();
}

// How much louder `processed` is than `flat` around `hz` (a third of an octave), beyond the
// change far from it (the median over the octave bands two or more octaves away, where the
// EQ does nothing and only the loudness match moves the level).
double bandChangeDb(const AudioBuffer& flat, const AudioBuffer& processed, double hz)
{
    const double inBand = bandDb(processed, hz, 1.0 / 3.0) - bandDb(flat, hz, 1.0 / 3.0);
    std::vector<double> far;
    for (double c : octaveCentresHz())
        if (std::abs(std::log2(c / hz)) >= 2.0)
            far.push_back(bandDb(processed, c, 1.0) - bandDb(flat, c, 1.0));
    std::nth_element(far.begin(), far.begin() + std::ptrdiff_t(far.size() / 2), far.end());
    return inBand - far[far.size() / 2];
}

// The EQ exercises' shape (section 6): variants flat and processed, the band in hidden.
bool isEqQuestion(const QJsonObject& q)
{
    const QJsonObject hidden = q.value("hidden").toObject();
    const QJsonArray v = q.value("variants").toArray();
    return hidden.contains("frequency_hz") && hidden.contains("gain_db") && v.size() == 2 &&
           v.at(0).toObject().value("id") == "flat" && v.at(1).toObject().value("id") == "processed";
}

// Empty when `processed` differs from `flat` by the hidden EQ band of `hidden` (or, for a
// flat trial, not at all); else what was measured.
QString eqBandProblem(const QJsonObject& hidden, const AudioBuffer& flat, const AudioBuffer& processed)
{
    if (hidden.value("flat").toBool())
        return flat.channels == processed.channels ? QString() : QStringLiteral("a flat trial whose processed differs");
    const double hz = hidden.value("frequency_hz").toDouble();
    const double gain = hidden.value("gain_db").toDouble();
    const double change = bandChangeDb(flat, processed, hz);
    // The band's own level is measured a third of an octave wide: a peak of Q 4 shows about
    // two thirds of its gain there, a wider one more.
    if (change * gain > 0 && std::abs(change) >= 0.3 * std::abs(gain))
        return {};
    return QString("%1 dB at %2 Hz hidden, %3 dB measured in the band").arg(gain).arg(hz).arg(change);
}

CatalogueEntry catalogueEntry(const QString& id)
{
    for (const CatalogueEntry& e : catalogueExercises())
        if (e.id == id)
            return e;
    return {};
}

} // namespace

class TestCliQuestion : public QObject {
    Q_OBJECT

private slots:
    void exercisesListsTheCatalogue()
    {
        const CliRun r = cli({"exercises", "--json"});
        QVERIFY2(r.run.ok(), qPrintable(r.describe()));
        QJsonParseError parse{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.run.out, &parse);
        QVERIFY2(doc.isArray(), qPrintable("not a JSON array: " + r.out()));
        const QJsonArray listed = doc.array();
        const QList<CatalogueEntry> catalogue = catalogueExercises();
        QCOMPARE(listed.size(), catalogue.size());
        for (qsizetype i = 0; i < catalogue.size(); ++i) {
            const QJsonObject o = listed.at(i).toObject();
            const CatalogueEntry& e = catalogue.at(i);
            QCOMPARE(o.value("id").toString(), e.id);
            QVERIFY2(!o.value("title").toString().isEmpty(), qPrintable(e.id));
            QVERIFY2(o.value("levels").isDouble(), qPrintable(e.id));
            QCOMPARE(o.value("levels").toInt(), e.levels);
            QCOMPARE(o.value("kind").toString(), e.staircase ? QString("staircase") : QString("ladder"));
            if (e.staircase)
                QCOMPARE(o.value("unit").toString(), e.unit);
        }

        // Without --json: one line per exercise, in the same order, starting with its id.
        const CliRun plain = cli({"exercises"});
        QVERIFY2(plain.run.ok(), qPrintable(plain.describe()));
        const QStringList lines = plain.out().trimmed().split('\n');
        QCOMPARE(lines.size(), catalogue.size());
        for (qsizetype i = 0; i < catalogue.size(); ++i)
            QVERIFY2(lines.at(i).startsWith(catalogue.at(i).id + ' '), qPrintable(lines.at(i)));
    }

    void writesTheQuestion_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("level");
        QTest::addColumn<QVariant>("rungValue");
        for (const CatalogueEntry& e : catalogueExercises())
            for (const int level : levelsToCover(e))
                QTest::addRow("%s level %d", qPrintable(e.id), level)
                    << e.id << level << (e.staircase ? QVariant(e.rungValues[std::size_t(level - 1)]) : QVariant());
    }

    void writesTheQuestion()
    {
        QFETCH(QString, id);
        QFETCH(int, level);
        QFETCH(QVariant, rungValue);
        const QString dir = scratch("question") + "/out/" + id; // created by the command, parents too
        const CliRun r = question(id, level, kSeed, dir);
        QVERIFY2(r.run.ok(), qPrintable(r.describe()));

        QString error;
        const QJsonObject q = readQuestionJson(dir, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(q.value("exercise").toString(), id);
        QVERIFY(q.value("level").isDouble());
        QCOMPARE(q.value("level").toInt(), level);
        QCOMPARE(q.value("seed").toString(), QString::number(kSeed));
        QVERIFY2(!q.value("prompt").toString().isEmpty(), "no prompt");
        QVERIFY2(q.value("loudness_matched").isBool(), "no loudness_matched");
        QVERIFY2(q.contains("correct") && !q.value("correct").isNull(), "no correct answer");
        QVERIFY2(q.value("hidden").isObject(), "no hidden parameters");
        const QString answerKind = q.value("answer_kind").toString();
        const bool continuous = answerKind != "bands" && answerKind != "choice";
        QVERIFY2(q.contains("options") == !continuous, qPrintable("options with answer_kind " + answerKind));
        for (const QJsonValue& o : q.value("options").toArray()) {
            QVERIFY2(!o.toObject().value("id").toString().isEmpty(), "an option without id");
            QVERIFY2(!o.toObject().value("label").toString().isEmpty(), "an option without label");
        }
        if (rungValue.isValid()) { // a staircase: at the rung's value, in the exercise's unit
            QCOMPARE(q.value("value").toDouble(), rungValue.toDouble());
            QVERIFY2(q.value("unit").isString(), "a staircase without unit");
        }

        // Every variant's file, as the engine plays it.
        const QJsonArray variants = q.value("variants").toArray();
        QVERIFY2(variants.size() >= 2, "fewer than two variants");
        const std::int64_t frames = expectedLoopFrames(q.value("material").toObject().value("id").toString());
        QVERIFY2(frames > 0, "unknown material");
        QStringList ids;
        std::vector<AudioBuffer> audio;
        for (const QJsonValue& v : variants) {
            const QString variantId = v.toObject().value("id").toString();
            const QString file = v.toObject().value("file").toString();
            ids << variantId;
            QCOMPARE(file, variantId + ".wav"); // relative to DIR
            const LoadedAudio wav = loadAsWritten(dir + '/' + file);
            QCOMPARE(wav.info.format, std::string("WAV"));
            QCOMPARE(wav.info.sampleRate, 48000);
            QCOMPARE(wav.info.channels, 2);
            QCOMPARE(wav.info.frames, frames);
            const double peak = peakDbfs(wav.audio);
            QVERIFY2(peak <= -1.0 + 1e-5, qPrintable(QString("%1: peak %2 dBFS").arg(file).arg(peak)));
            audio.push_back(wav.audio);
        }
        if (q.value("loudness_matched").toBool()) {
            const double reference = integratedLoudnessLufs(audio.front());
            for (std::size_t i = 1; i < audio.size(); ++i) {
                const double l = integratedLoudnessLufs(audio[i]);
                QVERIFY2(std::abs(l - reference) <= 0.1,
                         qPrintable(QString("%1: %2 LUFS, the reference %3 LUFS").arg(ids[qsizetype(i)]).arg(l).arg(reference)));
            }
        }

        const QJsonObject hidden = q.value("hidden").toObject();
        for (const Expected& e : kSection6) {
            if (id != QLatin1String(e.id))
                continue;
            if (!e.variants.isEmpty())
                QCOMPARE(ids, e.variants);
            for (const QString& key : e.hidden)
                QVERIFY2(hidden.contains(key), qPrintable("hidden has no " + key));
        }

        // A hidden `stem` (section 6: stem balance, and pan's stem levels) names one of the
        // material's stems at a level that mixes them, and is null at one that does not.
        if (hidden.contains("stem")) {
            const bool multitrack = catalogueEntry(id).multitrack[std::size_t(level - 1)];
            const QJsonArray stems = q.value("material").toObject().value("stems").toArray();
            if (multitrack)
                QVERIFY2(stems.contains(hidden.value("stem")), qPrintable("hidden stem not one of the material's"));
            else
                QVERIFY2(hidden.value("stem").isNull(), "a hidden stem at a level that mixes none");
        }

        // An EQ question: processed is flat plus the hidden band, as measured in that band.
        if (isEqQuestion(q)) {
            const QString problem = eqBandProblem(hidden, audio[0], audio[1]);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }

    // Several seeds at the easiest level of every exercise that asks an EQ question (the EQ
    // exercises): each render shows its band, boosts and cuts alike.
    void eqRendersShowTheHiddenBand_data()
    {
        QTest::addColumn<QString>("id");
        for (const CatalogueEntry& e : catalogueExercises())
            QTest::addRow("%s", qPrintable(e.id)) << e.id;
    }

    void eqRendersShowTheHiddenBand()
    {
        QFETCH(QString, id);
        for (quint64 seed = 100; seed < 104; ++seed) {
            const QString dir = scratch("eq") + "/q";
            const CliRun r = question(id, 1, seed, dir);
            QVERIFY2(r.run.ok(), qPrintable(r.describe()));
            QString error;
            const QJsonObject q = readQuestionJson(dir, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            if (!isEqQuestion(q))
                QSKIP("not an EQ question");
            const QString problem = eqBandProblem(q.value("hidden").toObject(), loadAsWritten(dir + "/flat.wav").audio,
                                                  loadAsWritten(dir + "/processed.wav").audio);
            QVERIFY2(problem.isEmpty(), qPrintable(QString("seed %1: %2").arg(seed).arg(problem)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliQuestion)
#include "test_cli_question.moc"
