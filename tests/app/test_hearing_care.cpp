// Hearing care: the listening level's arithmetic (listening_level.h), the 45-minute rule on an
// injected clock (break_reminder.h, and HearingCare's banner), the calibration persisting in
// the settings file, and the whole chain on the real engine (capture ALSA configuration): the
// calibration noise read back by the output meter gives the SPL entered for it.

#include "app/src/audio_output.h"
#include "app/src/banner_state.h"
#include "app/src/break_reminder.h"
#include "app/src/hearing_care.h"
#include "app/src/listening_level.h"
#include "app/src/preferences.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace earlab::app;

namespace {
constexpr qint64 kMinute = 60 * 1000;

struct Rig {
    QTemporaryDir dir;
    std::unique_ptr<Preferences> preferences = std::make_unique<Preferences>(dir.filePath("settings.ini"));
    AudioOutput audio{preferences.get()};
    BannerState banner;
    HearingCare care{preferences.get(), &audio, &banner};
    qint64 now = 1000;

    Rig()
    {
        care.setClock([this] { return now; });
    }
    void advance(qint64 ms)
    {
        now += ms;
        care.update();
    }
};
} // namespace

class TestHearingCare : public QObject {
    Q_OBJECT

private slots:
    void listeningLevelArithmetic()
    {
        // 83 dB SPL read while the noise (−20 dBFS RMS) played at an output level of −6 dB:
        // the output was at −26 dBFS, so the offset is 109 dB.
        QCOMPARE(calibrationOffsetDb(83.0, -6.0), 109.0);
        QCOMPARE(estimatedSplDb(-26.0, 109.0), 83.0);
        QCOMPARE(estimatedSplDb(-32.0, 109.0), 77.0); // 6 dB quieter at the output, 6 dB less SPL
        // The output level turned down later: the meter sees it, the estimate follows.
        QCOMPARE(estimatedSplDb(-26.0 - 10.0, calibrationOffsetDb(83.0, -6.0)), 73.0);
        QVERIFY(std::isnan(estimatedSplDb(-20.0, std::nan(""))));
        QCOMPARE(stereoRmsDbfs(0.1, 0.1), -20.0);
        QVERIFY(std::abs(stereoRmsDbfs(0.1, 0.0) - (-20.0 - 10.0 * std::log10(2.0))) < 1e-9); // one channel: −3 dB
        QCOMPARE(stereoRmsDbfs(0.0, 0.0), -120.0);

        LevelAverager avg;
        QCOMPARE(avg.levelDbfs(), -120.0);
        avg.add(-40.0, 0.0);
        QVERIFY(std::abs(avg.levelDbfs() - -40.0) < 1e-9);
        // A step to −20 dBFS: after one time constant the power has gone 1 − 1/e of the way.
        avg.add(-20.0, kListeningLevelSeconds);
        const double expected = 1e-4 + (1e-2 - 1e-4) * (1.0 - std::exp(-1.0));
        QVERIFY2(std::abs(avg.levelDbfs() - 10.0 * std::log10(expected)) < 1e-9, qPrintable(QString::number(avg.levelDbfs())));
        for (int i = 0; i < 300; ++i) // 12 s in the meter's 40 ms polls
            avg.add(-20.0, 0.04);
        QVERIFY(std::abs(avg.levelDbfs() - -20.0) < 0.01);
    }

    void breakAfterFortyFiveMinutes()
    {
        BreakReminder r(0);
        r.setListening(true, 0);
        QVERIFY(!r.breakDue(kBreakAfterMs - 1));
        QVERIFY(r.breakDue(kBreakAfterMs));
        // A pause shorter than a break does not reset the count, nor does it count.
        r.setListening(false, 30 * kMinute);
        QCOMPARE(r.listenedMs(39 * kMinute), 30 * kMinute);
        r.setListening(true, 39 * kMinute);
        QVERIFY(!r.breakDue(39 * kMinute + 15 * kMinute - 1));
        QVERIFY(r.breakDue(39 * kMinute + 15 * kMinute));
        // "I took a break".
        r.tookBreak(60 * kMinute);
        QCOMPARE(r.listenedMs(60 * kMinute), 0);
        QCOMPARE(r.listenedMs(70 * kMinute), 10 * kMinute); // still listening since
        // Ten quiet minutes are a break by themselves.
        r.setListening(false, 80 * kMinute);
        QCOMPARE(r.listenedMs(80 * kMinute + kNaturalBreakMs - 1), 20 * kMinute);
        QCOMPARE(r.listenedMs(80 * kMinute + kNaturalBreakMs), 0);
        r.setListening(true, 95 * kMinute);
        QCOMPARE(r.listenedMs(96 * kMinute), kMinute);
    }

    void bannerSuggestsABreakAndTookBreakResets()
    {
        Rig rig;
        rig.care.setTraining(true);
        rig.advance(44 * kMinute);
        QCOMPARE(rig.care.listenedMinutes(), 44);
        QCOMPARE(rig.banner.kind(), BannerState::None);
        rig.advance(kMinute);
        QVERIFY(rig.care.breakDue());
        QCOMPARE(rig.banner.kind(), BannerState::Break);
        QCOMPARE(rig.banner.severity(), BannerState::Warning);
        QVERIFY2(rig.banner.text().contains("45 minutes"), qPrintable(rig.banner.text()));
        // Anything more urgent comes first; the suggestion waits.
        rig.banner.setAudioProblem("No audio output device is available.");
        QCOMPARE(rig.banner.kind(), BannerState::NoAudio);
        rig.banner.setAudioProblem({});
        QCOMPARE(rig.banner.kind(), BannerState::Break);
        rig.care.tookBreak();
        QCOMPARE(rig.banner.kind(), BannerState::None);
        QCOMPARE(rig.care.listenedMinutes(), 0);
        // Not training and nothing playing: time does not count.
        rig.care.setTraining(false);
        rig.advance(9 * kMinute);
        QCOMPARE(rig.care.listenedMinutes(), 0);
        rig.care.setTraining(true);
        rig.advance(45 * kMinute);
        QCOMPARE(rig.banner.kind(), BannerState::Break);
    }

    void calibrationPersists()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("settings.ini");
        {
            Preferences p(file);
            QVERIFY(!p.calibrated());
            p.setOutputLevelDb(-12.0);
            AudioOutput audio(&p);
            BannerState banner;
            HearingCare care(&p, &audio, &banner);
            QVERIFY(!care.saveCalibration(80.0)); // no noise playing
            QVERIFY(care.calibrationProblem().contains("Play the calibration noise first"));
            QVERIFY(care.startCalibration());
            QVERIFY(care.calibrating());
            QVERIFY(!care.saveCalibration(150.0));
            QVERIFY2(care.calibrationProblem().contains("150 dB SPL"), qPrintable(care.calibrationProblem()));
            QVERIFY(!p.calibrated());
            QVERIFY(care.saveCalibration(80.0));
            QVERIFY(!care.calibrating()); // the noise stops once the reading is saved
            QVERIFY(care.calibrationProblem().isEmpty());
        }
        {
            Preferences p(file);
            QVERIFY(p.calibrated());
            QCOMPARE(p.calibrationOffsetDb(), 80.0 - (-20.0 - 12.0));
            QCOMPARE(p.calibrationOutputLevelDb(), -12.0);
            QVERIFY(p.calibratedAt().isValid());
            QVERIFY(p.calibratedAt().secsTo(QDateTime::currentDateTimeUtc()) < 3600);
            AudioOutput audio(&p);
            BannerState banner;
            HearingCare care(&p, &audio, &banner);
            QVERIFY2(care.calibrationText().contains("offset 112.0 dB"), qPrintable(care.calibrationText()));
            care.forgetCalibration();
        }
        Preferences p(file);
        QVERIFY(!p.calibrated());
    }

    void calibrationRefusedDuringASession()
    {
        Rig rig;
        rig.care.setOutputGuard([] { return QStringLiteral("End the training session first."); });
        QVERIFY(!rig.care.startCalibration());
        QCOMPARE(rig.care.calibrationProblem(), QStringLiteral("End the training session first."));
        QVERIFY(!rig.care.calibrating());
    }

    // The real engine: the calibration noise as the output meter reads it gives back the SPL
    // entered for it, and nothing is shown without a calibration.
    void theMeterReadsTheCalibrationNoise()
    {
        QTemporaryDir dir;
        Preferences p(dir.filePath("settings.ini"));
        p.setOutputLevelDb(-6.0);
        AudioOutput audio(&p);
        audio.retry();
        if (!audio.available())
            QSKIP("no audio device (run with the capture ALSA configuration)");
        BannerState banner;
        HearingCare care(&p, &audio, &banner);
        QVERIFY(care.startCalibration());
        QTRY_VERIFY(audio.playing());
        QTRY_VERIFY(audio.rmsDb() > -40.0);
        QVERIFY(care.listeningLevelText().isEmpty()); // not calibrated yet
        QVERIFY(care.saveCalibration(83.0));
        QVERIFY(care.startCalibration()); // the same noise again, now calibrated
        // The meter's 1 s average of −26 dBFS RMS (−20 at −6 dB output level) plus the offset.
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(care.listeningLevelDb() - 83.0) < 1.0, 10000);
        QCOMPARE(care.listeningLevelText().startsWith("≈ 8"), true);
        care.stopCalibration();
        QTRY_VERIFY(!audio.playing());
        QTRY_VERIFY(std::isnan(care.listeningLevelDb()));
    }
};

QTEST_GUILESS_MAIN(TestHearingCare)
#include "test_hearing_care.moc"
