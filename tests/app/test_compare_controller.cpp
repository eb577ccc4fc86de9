// The Compare page's controller (app/src/compare_controller.h) with the real engine on the
// capture ALSA configuration and real files written here: preparation and its table, a scored
// ABX run answered by the test through to its result and a log verifyBlindLog calls intact,
// practice runs that emit nothing, the page's crossfade, a file that cannot be compared named
// in the error, a MUSHRA run page by page to its ratings, post-screening and log, and that no
// property QML can read differs between runs whose X (or MUSHRA order) differ.
#include "app/src/audio_output.h"
#include "app/src/blind_log_saving.h"
#include "app/src/database_writer.h"
#include "app/src/compare_controller.h"
#include "app/src/compare_item_model.h"
#include "app/src/preferences.h"

#include "audio/audio_buffer.h"
#include "audio/dsp/pink_noise.h"
#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"
#include "exercises/blind_log_check.h"
#include "exercises/blind_log_store.h"
#include "exercises/progress_store.h"
#include "exercises/blind_schedule.h"
#include "exercises/comparison_scene.h"

#include "engine/capture_device.h"
#include "support/scratch_files.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaProperty>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace earlab;
using namespace earlab::app;

namespace {

constexpr int kDelay = 480;       // frames item 2's content comes later than item 1's
constexpr double kQuieterDb = 3.0; // item 2 is this much quieter

// Item 1: 6 s of pink noise; item 2: the same, 480 frames later and 3 dB down.
QStringList writeItems(const QString& dir)
{
    const AudioBuffer noise = dsp::makePinkNoise(6.0, 48000, -20.0, 11, 2, false);
    AudioBuffer later = AudioBuffer::silence(2, noise.frames(), noise.sampleRate);
    const float g = float(std::pow(10.0, -kQuieterDb / 20.0));
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = kDelay; i < noise.frames(); ++i)
            later.channels[c][i] = g * noise.channels[c][i - kDelay];
    const QString a = dir + "/mix-v1.wav", b = dir + "/mix-v2.wav";
    writeAudioFile(a.toStdString(), noise);
    writeAudioFile(b.toStdString(), later);
    return {a, b};
}

BlindSeed seedWith(std::uint8_t first)
{
    BlindSeed s;
    s.bytes.fill(0x5a);
    s.bytes[0] = first;
    return s;
}

// Two seeds whose first trial differs in `differs` (X for ABX, the item behind "1" otherwise).
std::pair<BlindSeed, BlindSeed> seedsDifferingOnTrial0(bool abx)
{
    const auto first = [abx](const BlindSeed& s) { return abx ? abxX(s, 0) : preferenceFirst(s, 0); };
    const BlindSeed a = seedWith(0);
    for (int v = 1; v < 256; ++v)
        if (const BlindSeed b = seedWith(std::uint8_t(v)); first(b) != first(a))
            return {a, b};
    qFatal("no two seeds differ on trial 0");
}

// Two seeds whose first MUSHRA page of `n` stimuli puts a different stimulus at position 0.
std::pair<BlindSeed, BlindSeed> seedsDifferingOnPage0(int n)
{
    const BlindSeed a = seedWith(0);
    for (int v = 1; v < 256; ++v)
        if (const BlindSeed b = seedWith(std::uint8_t(v)); mushraOrder(b, 0, n)[0] != mushraOrder(a, 0, n)[0])
            return {a, b};
    qFatal("no two seeds differ on page 0");
}

// Everything QML can read of the controller, its table and the audio output.
QVariantMap visibleState(const CompareController& c, const AudioOutput& audio)
{
    QVariantMap out;
    const auto properties = [&out](const QObject& o, const QString& prefix) {
        const QMetaObject* m = o.metaObject();
        for (int i = 0; i < m->propertyCount(); ++i) {
            const QMetaProperty p = m->property(i);
            const QVariant v = p.read(&o);
            // Objects (the table) are compared by their own contents below.
            out[prefix + p.name()] = v.metaType().flags().testFlag(QMetaType::PointerToQObject)
                                         ? QVariant(QStringLiteral("object"))
                                         : v;
        }
    };
    properties(c, "compare.");
    properties(*c.mushra(), "mushra.");
    properties(audio, "audio.");
    const CompareItemModel& model = *c.items();
    properties(model, "items.");
    const auto roles = model.roleNames();
    for (int row = 0; row < model.rowCount(); ++row)
        for (auto it = roles.begin(); it != roles.end(); ++it)
            out[QStringLiteral("items[%1].%2").arg(row).arg(QString::fromUtf8(it.value()))] =
                model.data(model.index(row), it.key());
    return out;
}

// A property's value as a failure message shows it (lists and maps as JSON).
QString shown(const QVariant& v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{QJsonValue::fromVariant(v)}).toJson(QJsonDocument::Compact));
}

void compareStates(const QVariantMap& a, const QVariantMap& b)
{
    QCOMPARE(a.keys(), b.keys());
    for (auto it = a.begin(); it != a.end(); ++it)
        QVERIFY2(it.value() == b.value(it.key()),
                 qPrintable(QStringLiteral("%1 differs: %2 / %3")
                                .arg(it.key(), shown(it.value()), shown(b.value(it.key())))));
}

} // namespace

class TestCompareController : public QObject {
    Q_OBJECT

    struct Rig {
        QString dir;
        Preferences preferences{dir + "/settings.ini"};
        AudioOutput audio{&preferences};
        CompareController compare{&audio};
        QStringList files;

        // In `folder` when given (the same files for two rigs), else a fresh one.
        explicit Rig(const QString& folder = {})
            : dir(folder.isEmpty() ? test::scratch("compare-controller") : folder)
        {
            files = {dir + "/mix-v1.wav", dir + "/mix-v2.wav"};
            if (!QFileInfo::exists(files[0]))
                files = writeItems(dir);
            audio.retry();
            compare.enter();
        }
        bool prepared()
        {
            compare.addFiles(files);
            compare.prepare();
            return QTest::qWaitFor([&] { return compare.phase() != CompareController::Preparing; }, 60000) &&
                   compare.phase() == CompareController::Ready;
        }
    };

    // Starts a MUSHRA run of `pages` with the reference, hidden reference and both anchors:
    // stimuli mix-v2.wav, hidden reference, anchor 3.5 kHz, anchor 7 kHz.
    static bool startMushra(CompareController& c, int pages, BlindSeed seed)
    {
        c.setSeedSource([seed] { return seed; });
        c.setMode(CompareController::Mushra);
        CompareMushra& m = *c.mushra();
        m.setPages(pages);
        m.setOpenReference(true);
        m.setHiddenReference(true);
        m.setLowAnchor(true);
        m.setMidAnchor(true);
        QElapsedTimer built;
        built.start();
        c.startRun();
        if (c.phase() != CompareController::Running || !m.building())
            return false;
        if (!QTest::qWaitFor([&] { return !m.building(); }, 60000) || m.page() != 1)
            return false;
        qInfo("stimuli with two 4097-tap anchors of a 6 s file built in %lld ms", qint64(built.elapsed()));
        return m.positionCount() == 4;
    }

    // Rates every page: stimulus s gets rating(s, page), each played first.
    static void rateAll(CompareController& c, const std::function<int(int, int)>& rating)
    {
        CompareMushra& m = *c.mushra();
        while (c.phase() == CompareController::Running) {
            const int page = m.page() - 1;
            for (int p = 0; p < m.positionCount(); ++p) {
                c.pressNumber(p + 1);
                m.rate(p, rating(m.run()->stimulusAt(p), page));
            }
            m.submit();
        }
    }

    // Answers the run: trial i right when right(i).
    static void answerAll(CompareController& c, const std::function<bool(int)>& right)
    {
        while (c.phase() == CompareController::Running) {
            const int i = c.trial() - 1;
            c.listen("X");
            c.listen("B");
            const AbItem x = abxX(c.run()->seed(), std::uint32_t(i));
            const AbItem said = right(i) ? x : (x == AbItem::A ? AbItem::B : AbItem::A);
            c.answer(abItemName(said));
        }
    }

private slots:
    // The app's wiring (BlindLogSaving): a scored run's log reaches the progress database on
    // disk through the database writer, and the page says so; a practice run saves nothing.
    void aScoredRunIsSavedInTheProgressDatabase()
    {
        Rig rig;
        QVERIFY(rig.prepared());
        ProgressStore store;
        store.open(rig.dir + "/progress.sqlite");
        DatabaseWriter writer;
        writer.openFor(&store);
        BlindLogSaving saving(&rig.compare, &writer);
        QSignalSpy finished(&rig.compare, &CompareController::blindLogFinished);
        rig.compare.setSeedSource([] { return seedWith(9); });
        rig.compare.setMode(CompareController::Abx);
        rig.compare.setTrials(4);
        rig.compare.startRun();
        answerAll(rig.compare, [](int) { return true; });
        QCOMPARE(finished.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.compare.saveMessage().isEmpty(), 30000);
        QVERIFY2(!rig.compare.saveFailed(), qPrintable(rig.compare.saveMessage()));
        QVERIFY(rig.compare.saveMessage().startsWith("Saved in your progress"));
        const BlindLogStore logs(store);
        const auto listed = logs.list();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed[0].k, 4);
        QString problem;
        const auto loaded = logs.load(listed[0].id, &problem);
        QVERIFY2(loaded, qPrintable(problem));
        QCOMPARE(loaded->toJson(), finished.at(0).at(0).toJsonObject());

        rig.compare.closeResult();
        rig.compare.setPractice(true);
        rig.compare.startRun();
        QVERIFY(rig.compare.saveMessage().isEmpty()); // a new run clears the last one's
        answerAll(rig.compare, [](int) { return false; });
        writer.flush();
        QCOMPARE(logs.list().size(), 1);
    }

    void prepareListsItemsWithFigures()
    {
        Rig rig;
        QVERIFY(rig.audio.available());
        QAbstractItemModelTester tester(rig.compare.items(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy progress(&rig.compare, &CompareController::progressChanged);
        QVERIFY(rig.prepared());
        QVERIFY(rig.compare.error().isEmpty());
        QVERIFY(progress.count() >= 2);
        QCOMPARE(rig.compare.progress(), 1.0);
        const Comparison& c = *rig.compare.comparison();
        QCOMPARE(c.sampleRate, kEngineSampleRate); // plays on the app's engine as prepared
        const ComparisonItem& second = c.items[1];
        qInfo("offset %.3f samples, gain %.3f dB vs %.3f dB, null %.1f dB", second.alignment.offsetSamples,
              second.gainDb, c.items[0].gainDb, second.nullDepthDb);
        QVERIFY(std::abs(second.alignment.offsetSamples - kDelay) < 0.05);
        QVERIFY(std::abs(second.gainDb - c.items[0].gainDb - kQuieterDb) < 0.05);
        const CompareItemModel& model = *rig.compare.items();
        QCOMPARE(model.rowCount(), 2);
        const auto at = [&](int row, int role) { return model.data(model.index(row), role).toString(); };
        QCOMPARE(at(0, CompareItemModel::FileNameRole), QStringLiteral("mix-v1.wav"));
        QCOMPARE(at(1, CompareItemModel::FileNameRole), QStringLiteral("mix-v2.wav"));
        QCOMPARE(at(1, CompareItemModel::OffsetRole), QStringLiteral("+480.00"));
        QCOMPARE(at(1, CompareItemModel::GainRole), CompareItemModel::gainText(second));
        QCOMPARE(at(1, CompareItemModel::LoudnessRole), CompareItemModel::loudnessText(second));
        QCOMPARE(at(1, CompareItemModel::DriftRole), CompareItemModel::driftText(second));
        QCOMPARE(at(1, CompareItemModel::PolarityRole), QStringLiteral("normal"));
        QCOMPARE(at(0, CompareItemModel::NullDepthRole), QStringLiteral("reference"));
        QCOMPARE(at(1, CompareItemModel::NullDepthRole), CompareItemModel::nullDepthText(second, 1));
        QVERIFY(second.nullDepthDb < -40.0);
        // Sighted: every item is a variant of the scene, on the page's crossfade.
        QVERIFY(rig.audio.hasScene());
        rig.compare.pressNumber(2);
        QCOMPARE(rig.compare.sightedItem(), 1);
        QCOMPARE(rig.audio.variant(), 1);
    }

    // --- Sighted tools: trim, the difference, the loop region ---

    // A trim moves that item's gain by exactly the trim while no ceiling acts; one that
    // pushes it past the ceiling lowers every item together; new files forget the trims.
    void aTrimChangesThatItemsGain()
    {
        Rig rig;
        QVERIFY(rig.prepared());
        const Comparison before = *rig.compare.comparison();
        QCOMPARE(before.headroomGainDb, 0.0);
        QElapsedTimer took;
        took.start();
        rig.compare.setTrim(1, 1.5);
        QVERIFY(QTest::qWaitFor([&] { return !rig.compare.retrimming(); }, 60000));
        qInfo("a trim on two 6 s items took %lld ms (no decoding, no alignment)", took.elapsed());
        const Comparison* after = rig.compare.comparison();
        QCOMPARE(after->headroomGainDb, 0.0);
        QVERIFY(std::abs(after->items[1].gainDb - before.items[1].gainDb - 1.5) < 1e-9);
        QCOMPARE(after->items[0].gainDb, before.items[0].gainDb);
        QCOMPARE(after->items[1].trimDb, 1.5);
        QVERIFY(std::abs(after->items[1].residualDb) < 0.01);
        const CompareItemModel& model = *rig.compare.items();
        QCOMPARE(model.data(model.index(1), CompareItemModel::TrimRole).toDouble(), 1.5);
        QCOMPARE(model.data(model.index(1), CompareItemModel::GainRole).toString(),
                 CompareItemModel::gainText(after->items[1]));
        QCOMPARE(model.data(model.index(1), CompareItemModel::ResidualRole).toString(),
                 CompareItemModel::residualText(after->items[1]));
        // +24 dB on item 2 (pink noise at -20 dBFS, about +20 dB after its match) passes -1 dBTP.
        // Two trims asked for while the first is applied: the last one wins.
        rig.compare.setTrim(1, 6.0);
        rig.compare.setTrim(1, 24.0);
        QVERIFY(QTest::qWaitFor([&] { return !rig.compare.retrimming(); }, 60000));
        after = rig.compare.comparison();
        QCOMPARE(after->items[1].trimDb, 24.0);
        qInfo("trim +24: headroom %.3f dB, gains %.3f / %.3f dB", after->headroomGainDb, after->items[0].gainDb,
              after->items[1].gainDb);
        QVERIFY(after->headroomGainDb < -1.0);
        QCOMPARE(after->items[0].gainDb, after->headroomGainDb);
        double loudest = -INFINITY;
        for (const ComparisonItem& item : after->items)
            loudest = std::max(loudest, measureLoudness(*item.audio).truePeakDbtp);
        QVERIFY(loudest <= -1.0);
        // Kept through a mode change and a run; a blind log records the trimmed gains.
        rig.compare.setMode(CompareController::Abx);
        rig.compare.setTrials(1);
        QSignalSpy finished(&rig.compare, &CompareController::blindLogFinished);
        rig.compare.startRun();
        answerAll(rig.compare, [](int) { return true; });
        QCOMPARE(finished.count(), 1);
        const QJsonArray items = finished.at(0).at(0).toJsonObject()["items"].toArray();
        QCOMPARE(items[1].toObject()["gain_db"].toDouble(), after->items[1].gainDb);
        rig.compare.setMode(CompareController::Sighted);
        QCOMPARE(rig.compare.comparison()->items[1].trimDb, 24.0);
        rig.compare.setTrim(1, 99.0); // held to the range: nothing to apply
        QVERIFY(!rig.compare.retrimming());
        QCOMPARE(rig.compare.comparison()->items[1].trimDb, 24.0);
        // Prepared again: the same files keep their trims; other files forget them.
        rig.compare.prepare();
        QVERIFY(QTest::qWaitFor([&] { return rig.compare.phase() == CompareController::Ready; }, 60000));
        QCOMPARE(rig.compare.comparison()->items[1].trimDb, 24.0);
        rig.compare.removeItem(1);
        rig.compare.addFiles({rig.files[1]});
        rig.compare.prepare();
        QVERIFY(QTest::qWaitFor([&] { return rig.compare.phase() == CompareController::Ready; }, 60000));
        QCOMPARE(rig.compare.comparison()->items[1].trimDb, 0.0);
    }

    // Key D: the engine plays item 2 - item 1 as played, sample for sample what
    // comparisonDifference gives, on the sighted scene (its last variant).
    void theDifferencePlaysOnTheEngine()
    {
        const QString dir = test::scratch("compare-difference");
        const test::CaptureFile capture((dir + "/capture.raw").toStdString());
        Rig rig(dir);
        QVERIFY(rig.prepared());
        // The two items null to about -150 dB: a trim makes the difference 1 dB of item 2.
        rig.compare.setTrim(1, 1.0);
        QVERIFY(QTest::qWaitFor([&] { return !rig.compare.retrimming(); }, 60000));
        QVERIFY(rig.compare.comparison()->items[1].nullDepthDb > -30.0);
        QCOMPARE(rig.compare.differenceItem(), 1);
        QVERIFY(!rig.compare.differenceOn());
        rig.compare.pressDifference();
        QVERIFY(rig.compare.differenceOn());
        QCOMPARE(rig.audio.variant(), 2);
        QVERIFY(rig.compare.differenceNullText().contains(
            CompareItemModel::nullDepthText(rig.compare.comparison()->items[1], 1)));
        // The unclocked capture grows while stopped too: 4 s more than when play() was called.
        const qint64 atPlay = QFileInfo(capture.path().c_str()).size();
        rig.audio.play();
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo(capture.path().c_str()).size() > atPlay + 4 * 48000 * 8; }, 20000));
        rig.audio.stop();
        const AudioBuffer heard = capture.read();
        // As the engine plays it: at the master output level (Preferences, -6 dB by default).
        AudioBuffer diff = *comparisonDifference(*rig.compare.comparison(), 1, 0);
        const float level = float(std::pow(10.0, rig.preferences.outputLevelDb() / 20.0));
        for (auto& ch : diff.channels)
            for (float& x : ch)
                x *= level;
        std::size_t first = 0;
        while (first < heard.frames() && heard.channels[0][first] == 0.0f)
            ++first;
        qInfo("captured %zu frames, sound from frame %zu", heard.frames(), first);
        QVERIFY(first + 96000 < heard.frames());
        // A 1 s window from 0.5 s after the sound starts (past the fade-in), found in the
        // difference by its first 64 samples, then compared in full.
        const std::size_t w = first + 24000, n = 48000;
        const auto error = [&](std::size_t o, std::size_t len) {
            double e = 0, r = 0;
            for (std::size_t c = 0; c < 2; ++c)
                for (std::size_t i = 0; i < len; ++i) {
                    const double d = heard.channels[c][w + i] - diff.channels[c][o + i];
                    e += d * d;
                    r += double(diff.channels[c][o + i]) * diff.channels[c][o + i];
                }
            return r > 0 ? 10.0 * std::log10(e / r) : 0.0;
        };
        std::optional<std::size_t> at;
        for (std::size_t o = 0; o + n <= diff.frames() && !at; ++o)
            if (error(o, 64) < -60.0)
                at = o;
        if (!at) { // say how far off it is
            std::size_t best = 0;
            double bestError = 0;
            for (std::size_t o = 0; o + n <= diff.frames(); ++o)
                if (const double e = error(o, 64); e < bestError)
                    bestError = e, best = o;
            double heardLevel = 0, diffLevel = 0;
            for (std::size_t i = 0; i < n; ++i)
                heardLevel += double(heard.channels[0][w + i]) * heard.channels[0][w + i],
                    diffLevel += double(diff.channels[0][best + i]) * diff.channels[0][best + i];
            qInfo("closest at %zu: %.1f dB; heard %.2f dB against the difference", best, bestError,
                  10 * std::log10(heardLevel / diffLevel));
        }
        QVERIFY2(at, "the captured window is nowhere in the difference");
        qInfo("captured window at difference frame %zu: error %.1f dB", *at, error(*at, n));
        QVERIFY(error(*at, n) < -80.0);
        // A number key leaves it.
        rig.compare.pressNumber(1);
        QVERIFY(!rig.compare.differenceOn());
        QCOMPARE(rig.audio.variant(), 0);
        rig.audio.stop();
        std::remove(capture.path().c_str()); // the unclocked capture grew to some 200 MB
    }

    // The loop region (s on item 1's waveform) reaches the engine's scene, sighted and blind.
    void theLoopRegionReachesTheEngine()
    {
        Rig rig;
        QVERIFY(rig.prepared());
        QVERIFY(!rig.compare.referenceOverview().isEmpty());
        QVERIFY(std::abs(rig.compare.referenceSeconds() - 6.0) < 0.05);
        rig.compare.setLoopRegion(1.0, 2.0);
        QCOMPARE(rig.compare.loopStartSeconds(), 1.0);
        QCOMPARE(rig.audio.loopRegion().startFrame, std::int64_t(48000));
        QCOMPARE(rig.audio.loopRegion().endFrame, std::int64_t(144000));
        rig.compare.setLoopRegion(5.0, 2.0); // kept inside the common region
        QVERIFY(std::abs(rig.compare.loopStartSeconds() + 2.0 - rig.compare.referenceSeconds()) < 1e-9);
        rig.compare.setLoopRegion(1.0, 2.0);
        rig.compare.setMode(CompareController::Abx);
        rig.compare.startRun();
        QCOMPARE(rig.audio.loopRegion().startFrame, std::int64_t(48000));
        rig.compare.stopRun();
        QCOMPARE(rig.audio.loopRegion().endFrame, std::int64_t(144000)); // the sighted scene again
        QCOMPARE(rig.compare.loopLengthSeconds(), 2.0);
        // MUSHRA's scene loops it too.
        QVERIFY(startMushra(rig.compare, 1, seedWith(5)));
        QCOMPARE(rig.audio.loopRegion().startFrame, std::int64_t(48000));
        QCOMPARE(rig.audio.loopRegion().endFrame, std::int64_t(144000));
        rig.compare.stopRun();
    }

    void crossfadeIsThePagesWhileShown()
    {
        Rig rig;
        QCOMPARE(rig.audio.crossfadeMs(), kComparisonCrossfadeMs);
        rig.compare.setCrossfadeMs(20);
        QCOMPARE(rig.audio.crossfadeMs(), 20.0);
        rig.compare.setCrossfadeMs(80);
        QCOMPARE(rig.compare.crossfadeMs(), 50.0);
        rig.compare.leave();
        QCOMPARE(rig.audio.crossfadeMs(), rig.preferences.crossfadeMs()); // the training's again
        QVERIFY(rig.preferences.crossfadeMs() != 50.0);
        rig.compare.enter();
        QCOMPARE(rig.audio.crossfadeMs(), 50.0);
    }

    void aFileThatCannotBeComparedIsNamed()
    {
        Rig rig;
        const QString notes = rig.dir + "/notes.wav";
        QVERIFY(test::writeBytes(notes, "these are notes, not audio\n"));
        rig.compare.addFiles({rig.files[0], notes});
        rig.compare.prepare();
        QVERIFY(QTest::qWaitFor([&] { return rig.compare.phase() != CompareController::Preparing; }, 60000));
        QCOMPARE(rig.compare.phase(), CompareController::Picking);
        qInfo("%s", qPrintable(rig.compare.error()));
        QVERIFY2(rig.compare.error().contains(notes), qPrintable(rig.compare.error()));
        QVERIFY(!rig.compare.comparison());
        // Nine files are refused beyond the eighth, by name.
        rig.compare.clearItems();
        QStringList nine;
        for (int i = 0; i < 9; ++i)
            nine << rig.files[i % 2];
        rig.compare.addFiles(nine);
        QCOMPARE(rig.compare.items()->rowCount(), 8);
        QVERIFY(rig.compare.error().contains("at most 8"));
    }

    // Cancel right after Prepare: the atomic is set long before the worker has decoded the
    // first of eight files, and it is polled between every step.
    void cancelStopsThePreparation()
    {
        Rig rig;
        rig.compare.addFiles(rig.files + rig.files + rig.files + rig.files);
        QCOMPARE(rig.compare.items()->rowCount(), 8);
        rig.compare.prepare();
        QCOMPARE(rig.compare.phase(), CompareController::Preparing);
        QVERIFY(!rig.compare.canPrepare());
        rig.compare.cancel();
        QVERIFY(QTest::qWaitFor([&] { return rig.compare.phase() != CompareController::Preparing; }, 60000));
        QCOMPARE(rig.compare.phase(), CompareController::Picking);
        QCOMPARE(rig.compare.stage(), QStringLiteral("Cancelled"));
        QVERIFY(rig.compare.error().isEmpty());
        QVERIFY(!rig.compare.comparison());
        QVERIFY(rig.compare.canPrepare()); // and it can be started again
    }

    void scoredAbxRunEndsInAnIntactLog()
    {
        Rig rig;
        QVERIFY(rig.prepared());
        QSignalSpy finished(&rig.compare, &CompareController::blindLogFinished);
        rig.compare.setSeedSource([] { return seedWith(7); });
        rig.compare.setMode(CompareController::Abx);
        rig.compare.setTrials(10);
        rig.compare.startRun();
        QCOMPARE(rig.compare.phase(), CompareController::Running);
        QCOMPARE(rig.compare.trial(), 1);
        QCOMPARE(rig.compare.plannedTrials(), 10);
        QVERIFY(rig.compare.listening().isEmpty()); // every trial starts silent
        QVERIFY(rig.compare.result().isEmpty()); // no running score
        answerAll(rig.compare, [](int i) { return i != 3; }); // 9 of 10
        QCOMPARE(rig.compare.phase(), CompareController::Result);
        QCOMPARE(finished.count(), 1);
        const QJsonObject log = finished.at(0).at(0).toJsonObject();
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(log).toJson(), "the run's log");
        QVERIFY2(check.intact(), qPrintable(check.unreadable + check.altered.join("; ")));
        QCOMPARE(log["n"].toInt(), 10);
        QCOMPARE(log["k"].toInt(), 9);
        QCOMPARE(log["trials"].toArray().size(), 10);
        QCOMPARE(log["crossfade_ms"].toDouble(), kComparisonCrossfadeMs);
        QCOMPARE(log["sample_rate"].toDouble(), kEngineSampleRate);
        QCOMPARE(log["seed"].toString(), seedWith(7).hex());
        for (const QJsonValue& t : log["trials"].toArray())
            QCOMPARE(t["switches"].toInt(), 1); // X then B: the first choice of a trial is no switch
        const QVariantMap r = rig.compare.result();
        QCOMPARE(r["k"].toInt(), 9);
        QCOMPARE(r["n"].toInt(), 10);
        QVERIFY(std::abs(r["p"].toDouble() - 0.0107422) < 1e-7);
        QVERIFY(r["verdict"].toString().startsWith("Significant"));
        QVERIFY(rig.compare.logText().contains(seedWith(7).hex()));
        QCOMPARE(rig.compare.sessionRuns().size(), 1);
        // Export: JSON that verify-log reads, and a failure that names the file.
        const QString out = rig.dir + "/log.json";
        rig.compare.exportLog(QUrl::fromLocalFile(out), true);
        QVERIFY2(!rig.compare.exportFailed(), qPrintable(rig.compare.exportMessage()));
        QVERIFY(verifyBlindLog(test::readBytes(out), out).intact());
        const QString bad = rig.dir + "/no-such-folder/log.txt";
        rig.compare.exportLog(QUrl::fromLocalFile(bad), false);
        QVERIFY(rig.compare.exportFailed());
        QVERIFY2(rig.compare.exportMessage().contains(bad), qPrintable(rig.compare.exportMessage()));
        // A second pair tested: Holm across the two.
        rig.compare.setSeedSource([] { return seedWith(8); });
        rig.compare.startRun();
        answerAll(rig.compare, [](int i) { return i % 2 == 0; });
        QCOMPARE(finished.count(), 2);
        const QVariantList runs = rig.compare.sessionRuns();
        QCOMPARE(runs.size(), 2);
        const double p1 = runs[0].toMap()["p"].toDouble(), p2 = runs[1].toMap()["p"].toDouble();
        QVERIFY(p1 < p2);
        QCOMPARE(runs[0].toMap()["pHolm"].toDouble(), std::min(1.0, 2 * p1));
        QCOMPARE(runs[1].toMap()["pHolm"].toDouble(), std::max(std::min(1.0, 2 * p1), std::min(1.0, p2)));
    }

    void practiceRunsEmitNothing()
    {
        Rig rig;
        QVERIFY(rig.prepared());
        QSignalSpy finished(&rig.compare, &CompareController::blindLogFinished);
        rig.compare.setMode(CompareController::Abx);
        rig.compare.setPractice(true);
        rig.compare.setTrials(3);
        rig.compare.startRun();
        QVERIFY(rig.compare.runPractice());
        rig.compare.answer("A");
        QVERIFY2(rig.compare.feedback().contains("X was"), qPrintable(rig.compare.feedback()));
        answerAll(rig.compare, [](int) { return true; });
        QCOMPARE(rig.compare.phase(), CompareController::Result);
        QCOMPARE(finished.count(), 0);
        QVERIFY(rig.compare.sessionRuns().isEmpty());
        QVERIFY(rig.compare.result()["practice"].toBool());
        // A preference practice run too.
        rig.compare.setMode(CompareController::Preference);
        rig.compare.startRun();
        while (rig.compare.phase() == CompareController::Running) {
            rig.compare.pressNumber(2);
            QCOMPARE(rig.compare.listening(), QStringLiteral("2"));
            rig.compare.answer("1");
        }
        QCOMPARE(finished.count(), 0);
    }

    void scoredPreferenceRun()
    {
        Rig rig;
        QVERIFY(rig.prepared());
        QSignalSpy finished(&rig.compare, &CompareController::blindLogFinished);
        rig.compare.setMode(CompareController::Preference);
        rig.compare.setTrials(6);
        rig.compare.startRun();
        QCOMPARE(rig.compare.listenChoices(), (QStringList{"1", "2"}));
        QVERIFY(rig.compare.listening().isEmpty()); // silent until the first choice
        const QStringList answers{"1", "2", "none", "1", "1", "2"};
        for (const QString& a : answers)
            rig.compare.answer(a);
        QCOMPARE(finished.count(), 1);
        const QJsonObject log = finished.at(0).at(0).toJsonObject();
        QVERIFY(verifyBlindLog(QJsonDocument(log).toJson(), "log").intact());
        QCOMPARE(log["mode"].toString(), QStringLiteral("preference"));
        QCOMPARE(log["ties"].toInt(), 1);
        QCOMPARE(log["n"].toInt(), 5);
        QCOMPARE(rig.compare.result()["n"].toInt(), 5);

        // Item B preferred on every trial: significant (two-sided p = 2/64), and said to be B.
        rig.compare.closeResult();
        rig.compare.startRun();
        while (rig.compare.phase() == CompareController::Running) {
            const AbItem first = preferenceFirst(rig.compare.run()->seed(), std::uint32_t(rig.compare.trial() - 1));
            rig.compare.answer(first == AbItem::B ? "1" : "2");
        }
        QCOMPARE(rig.compare.result()["k"].toInt(), 0);
        QVERIFY(std::abs(rig.compare.result()["p"].toDouble() - 2.0 / 64.0) < 1e-12);
        const QString verdict = rig.compare.result()["verdict"].toString();
        QVERIFY2(verdict.startsWith("B (mix-v2.wav) preferred, significantly"), qPrintable(verdict));
    }

    // A scored MUSHRA run through the controller: nothing can be submitted before every item was
    // played, the ratings land in the log in stimulus order, the result's means are the
    // ratings', and a hidden reference rated 50 flags the run in the post-screening.
    void mushraRunEndsInRatingsAndLog()
    {
        Rig rig;
        QVERIFY(rig.prepared());
        QSignalSpy finished(&rig.compare, &CompareController::blindLogFinished);
        CompareMushra& m = *rig.compare.mushra();
        QCOMPARE(m.pages(), CompareMushra::kDefaultMushraPages);
        QVERIFY(m.requireAllPlayed());
        QVERIFY(startMushra(rig.compare, 3, seedWith(3)));
        QCOMPARE(m.plannedPages(), 3);
        QVERIFY(m.hasReference());
        QCOMPARE(rig.audio.variant(), 0);
        QVERIFY(!rig.audio.playing()); // the page starts silent
        QVERIFY(rig.compare.listenChoices().isEmpty());
        // Rated but not played: submit does nothing.
        for (int p = 0; p < 4; ++p)
            m.rate(p, 70);
        QCOMPARE(m.notReady(), QStringLiteral("Play every item first."));
        m.submit();
        QCOMPARE(m.page(), 1);
        QVERIFY(!m.positions()[0].toMap()["played"].toBool());
        m.listen(0);
        QVERIFY(m.positions()[0].toMap()["played"].toBool());
        QCOMPARE(m.listening(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(rig.audio.playing(), 5000);
        QCOMPARE(rig.audio.variant(), 0); // hidden
        m.listenReference();
        QVERIFY(m.referencePlaying());
        QVERIFY(!m.notReady().isEmpty());

        // Page k, stimulus s: 20 s + 10 + k; the hidden reference (stimulus 1) always 50.
        const auto rating = [](int s, int page) { return s == 1 ? 50 : 20 * s + 10 + page; };
        rateAll(rig.compare, rating);
        QCOMPARE(rig.compare.phase(), CompareController::Result);
        QCOMPARE(finished.count(), 1);
        const QJsonObject log = finished.at(0).at(0).toJsonObject();
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(log).toJson(), "the MUSHRA log");
        QVERIFY2(check.intact(), qPrintable(check.unreadable + check.altered.join("; ")));
        QCOMPARE(log["mode"].toString(), QStringLiteral("mushra"));
        const QJsonArray trials = log["trials"].toArray();
        QCOMPARE(trials.size(), 3);
        for (int page = 0; page < 3; ++page) {
            QStringList expected;
            for (int s = 0; s < 4; ++s)
                expected << QString::number(rating(s, page));
            QCOMPARE(trials[page]["answer"].toString(), expected.join(' '));
            QStringList order;
            for (int s : mushraOrder(seedWith(3), std::uint32_t(page), 4))
                order << QString::number(s);
            QCOMPARE(trials[page]["truth"].toString(), order.join(' '));
        }
        QCOMPARE(log["items"].toArray().size(), 4);
        QCOMPARE(log["items"].toArray()[1].toObject()["label"].toString(), QStringLiteral("hidden reference"));

        const QVariantMap r = rig.compare.result();
        QCOMPARE(r["mode"].toString(), QStringLiteral("mushra"));
        const QVariantList stimuli = r["stimuli"].toList();
        QCOMPARE(stimuli.size(), 4);
        const QStringList labels{"mix-v2.wav", "hidden reference", "anchor 3.5 kHz", "anchor 7 kHz"};
        for (int s = 0; s < 4; ++s) {
            const QVariantMap st = stimuli[s].toMap();
            QCOMPARE(st["label"].toString(), labels[s]);
            const double mean = (rating(s, 0) + rating(s, 1) + rating(s, 2)) / 3.0;
            QVERIFY2(std::abs(st["mean"].toDouble() - mean) < 1e-9, qPrintable(st["text"].toString()));
            QCOMPARE(st["count"].toInt(), 3);
            if (s != 1) // ratings 1 apart: an interval around the mean
                QVERIFY(st["low"].toDouble() < mean && st["high"].toDouble() > mean);
        }
        QVERIFY(r["excluded"].toBool());
        QCOMPARE(r["hiddenReferenceBelow90"].toInt(), 3);
        QVERIFY2(r["verdict"].toString().contains("excludes"), qPrintable(r["verdict"].toString()));
        QVERIFY2(r["verdict"].toString().contains("3 of 3 pages"), qPrintable(r["verdict"].toString()));
        QVERIFY(rig.compare.logText().contains("hidden reference"));
        QVERIFY(!rig.audio.variantHidden());
        const QString out = rig.dir + "/mushra.json";
        rig.compare.exportLog(QUrl::fromLocalFile(out), true);
        QVERIFY2(!rig.compare.exportFailed(), qPrintable(rig.compare.exportMessage()));
        QVERIFY(verifyBlindLog(test::readBytes(out), out).intact());

        // The hidden reference heard as such (95) and the mid anchor below 90: the run is kept.
        rig.compare.closeResult();
        QVERIFY(startMushra(rig.compare, 2, seedWith(4)));
        rateAll(rig.compare, [](int s, int page) { return s == 1 ? (page == 0 ? 100 : 92) : 30; });
        QCOMPARE(finished.count(), 2);
        QVERIFY(!rig.compare.result()["excluded"].toBool());
        QVERIFY(rig.compare.result()["verdict"].toString().contains("keeps"));
        // 100 and 92: mean 96 ± 50.8 (t, 1 d.f.); shown within the scale.
        const QVariantMap hidden = rig.compare.result()["stimuli"].toList()[1].toMap();
        QCOMPARE(hidden["high"].toDouble(), 100.0);
        QVERIFY2(hidden["text"].toString().contains("45.2 to 100.0"), qPrintable(hidden["text"].toString()));

        // Practice: each page's items named after it is submitted, nothing emitted.
        rig.compare.closeResult();
        rig.compare.setPractice(true);
        QVERIFY(startMushra(rig.compare, 1, seedWith(5)));
        rateAll(rig.compare, [](int, int) { return 60; });
        QCOMPARE(rig.compare.phase(), CompareController::Result);
        QCOMPARE(finished.count(), 2);
        QVERIFY2(rig.compare.feedback().contains("was hidden reference"), qPrintable(rig.compare.feedback()));
        QVERIFY(rig.compare.result()["practice"].toBool());
    }

    // Without "play every item", rating alone readies the page; stopping a run saves nothing.
    void mushraWithoutPlayingAndStopped()
    {
        Rig rig;
        QVERIFY(rig.prepared());
        QSignalSpy finished(&rig.compare, &CompareController::blindLogFinished);
        rig.compare.mushra()->setRequireAllPlayed(false);
        QVERIFY(startMushra(rig.compare, 2, seedWith(6)));
        CompareMushra& m = *rig.compare.mushra();
        QCOMPARE(m.notReady(), QStringLiteral("Rate every item first."));
        for (int p = 0; p < 4; ++p)
            m.rate(p, 40 + p);
        QVERIFY(m.notReady().isEmpty());
        m.submit();
        QCOMPARE(m.page(), 2);
        rig.compare.stopRun();
        QCOMPARE(rig.compare.phase(), CompareController::Ready);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(m.page(), 0);
        QVERIFY(!rig.audio.variantHidden());
        // Too few stimuli (one file to rate, no hidden reference or anchor): named, not started.
        m.setHiddenReference(false);
        m.setLowAnchor(false);
        m.setMidAnchor(false);
        rig.compare.startRun();
        QTRY_COMPARE_WITH_TIMEOUT(rig.compare.phase(), CompareController::Ready, 30000);
        QVERIFY2(rig.compare.error().contains("2 to 10"), qPrintable(rig.compare.error()));
    }

    void noHiddenIdentityIsVisible_data()
    {
        QTest::addColumn<bool>("abx");
        QTest::newRow("abx") << true;
        QTest::newRow("preference") << false;
    }

    void noHiddenIdentityIsVisible()
    {
        QFETCH(bool, abx);
        const auto [seed1, seed2] = seedsDifferingOnTrial0(abx);
        std::vector<std::vector<QVariantMap>> states;
        std::vector<int> hidden; // the variant behind X (or "1") on trial 0, in each run
        const QString folder = test::scratch("compare-identity");
        for (const BlindSeed& seed : {seed1, seed2}) {
            Rig rig(folder);
            QVERIFY(rig.prepared());
            rig.compare.setSeedSource([seed] { return seed; });
            rig.compare.setMode(abx ? CompareController::Abx : CompareController::Preference);
            // Not playing: the playhead (audio.position, common to every item) then stays put.
            rig.compare.startRun();
            std::vector<QVariantMap> s{visibleState(rig.compare, rig.audio)};
            for (const char* key : abx ? std::vector<const char*>{"X", "B", "X", "A"} : std::vector<const char*>{"2", "1"}) {
                rig.compare.listen(key);
                s.push_back(visibleState(rig.compare, rig.audio));
            }
            hidden.push_back(rig.compare.run()->variantFor(abx ? BlindRun::Choice::X : BlindRun::Choice::A));
            states.push_back(s);
        }
        QVERIFY(hidden[0] != hidden[1]); // the two runs really play different items
        QCOMPARE(states[0].size(), states[1].size());
        for (std::size_t i = 0; i < states[0].size(); ++i)
            compareStates(states[0][i], states[1][i]);
        QCOMPARE(states[0][0]["audio.variant"].toInt(), 0);
    }

    // The same for MUSHRA: two runs whose first page puts different stimuli behind "1", played,
    // rated and submitted alike, look the same to QML.
    void noHiddenMushraOrderIsVisible()
    {
        const auto [seed1, seed2] = seedsDifferingOnPage0(4);
        std::vector<std::vector<QVariantMap>> states;
        std::vector<int> hidden;
        const QString folder = test::scratch("compare-mushra-identity");
        for (const BlindSeed& seed : {seed1, seed2}) {
            Rig rig(folder);
            QVERIFY(rig.prepared());
            QVERIFY(startMushra(rig.compare, 2, seed));
            CompareMushra& m = *rig.compare.mushra();
            hidden.push_back(m.run()->variantFor(0));
            std::vector<QVariantMap> s{visibleState(rig.compare, rig.audio)};
            for (int p = 0; p < 4; ++p) {
                m.listen(p);
                m.rate(p, 25 * p);
                s.push_back(visibleState(rig.compare, rig.audio));
            }
            m.listenReference();
            s.push_back(visibleState(rig.compare, rig.audio));
            // The next page starts silent. How far the fade-out has got, and the one playhead
            // every item shares has moved, is the clock's, not the order's: read once it has
            // ended, without the playhead.
            m.submit();
            QTRY_VERIFY_WITH_TIMEOUT(!rig.audio.playing(), 5000);
            QVariantMap afterSubmit = visibleState(rig.compare, rig.audio);
            afterSubmit.remove("audio.position");
            s.push_back(afterSubmit);
            states.push_back(s);
        }
        QVERIFY(hidden[0] != hidden[1]);
        QCOMPARE(states[0].size(), states[1].size());
        for (std::size_t i = 0; i < states[0].size(); ++i)
            compareStates(states[0][i], states[1][i]);
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("EarLabTest");
    QApplication::setApplicationName("EarLabTest");
    TestCompareController test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_compare_controller.moc"
