// BannerState by itself: one message at a time, the most urgent first, and never "saved"
// while anything says answers are not.

#include "app/src/banner_state.h"

#include <QSignalSpy>
#include <QTest>

using earlab::app::BannerState;

class TestBannerState : public QObject {
    Q_OBJECT

private slots:
    void quietWhenNothingIsWrong()
    {
        BannerState banner;
        QCOMPARE(banner.kind(), BannerState::None);
        QCOMPARE(banner.severity(), BannerState::Quiet);
        QVERIFY(banner.text().isEmpty());
        QVERIFY(banner.title().isEmpty());
        QVERIFY(banner.saving());
    }

    void noAudioSaysSavedOnlyWhileSaving()
    {
        BannerState banner;
        banner.setAudioProblem(QStringLiteral("No audio output device is available."));
        QCOMPARE(banner.kind(), BannerState::NoAudio);
        QCOMPARE(banner.severity(), BannerState::Warning);
        QVERIFY(banner.text().contains(QStringLiteral("still saved")));
        QVERIFY(banner.text().startsWith(QStringLiteral("No audio output device is available.")));
    }

    // The case seen: "answers are still saved" beside "Progress cannot be saved".
    void cannotBeSavedHidesEverySavedClaim()
    {
        BannerState banner;
        QSignalSpy changed(&banner, &BannerState::changed);
        banner.setAudioProblem(QStringLiteral("No audio output device is available."));
        banner.setNotSaved(QStringLiteral("EarLab cannot write to its progress database /p: the file is read-only for you."));
        QCOMPARE(banner.kind(), BannerState::NotSaved);
        QCOMPARE(banner.severity(), BannerState::Danger);
        QVERIFY(!banner.saving());
        QVERIFY(!banner.text().contains(QStringLiteral("still saved")));
        QVERIFY(changed.count() >= 2);
    }

    void priorityOrder()
    {
        BannerState banner;
        banner.setAudioProblem(QStringLiteral("No device."));
        QCOMPARE(banner.kind(), BannerState::NoAudio);
        banner.setRepaired(QStringLiteral("The damaged file was kept as /p.corrupt."));
        QCOMPARE(banner.kind(), BannerState::Repaired);
        banner.setNotSaved(QStringLiteral("Read-only."));
        QCOMPARE(banner.kind(), BannerState::NotSaved);
        banner.setWaitingForSpace(QStringLiteral("Could not save your answer in the progress database /p: the disk is full."));
        QCOMPARE(banner.kind(), BannerState::WaitingForSpace);
        QVERIFY(banner.text().contains(QStringLiteral("the disk is full")));
        QVERIFY(banner.text().contains(QStringLiteral("as soon as there is space")));
        banner.setSessionError(QStringLiteral("Could not play the loop."));
        QCOMPARE(banner.kind(), BannerState::SessionError);
        QCOMPARE(banner.text(), QStringLiteral("Could not play the loop."));

        // And back down as each is resolved.
        banner.setSessionError({});
        QCOMPARE(banner.kind(), BannerState::WaitingForSpace);
        banner.setWaitingForSpace({});
        QCOMPARE(banner.kind(), BannerState::NotSaved);
        banner.setNotSaved({});
        QCOMPARE(banner.kind(), BannerState::Repaired);
        banner.setRepaired({});
        QCOMPARE(banner.kind(), BannerState::NoAudio);
        QVERIFY(banner.text().contains(QStringLiteral("still saved")));
        banner.setAudioProblem({});
        QCOMPARE(banner.kind(), BannerState::None);
    }

    void waitingForSpaceIsNotSaving()
    {
        BannerState banner;
        banner.setAudioProblem(QStringLiteral("No device."));
        banner.setWaitingForSpace(QStringLiteral("... the disk is full."));
        QVERIFY(!banner.saving());
        banner.setWaitingForSpace({});
        QVERIFY(banner.saving());
    }

    void newTextOfTheSameKindIsAnnounced()
    {
        BannerState banner;
        banner.setSessionError(QStringLiteral("First."));
        QSignalSpy changed(&banner, &BannerState::changed);
        banner.setSessionError(QStringLiteral("Second."));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(banner.text(), QStringLiteral("Second."));
    }
};

QTEST_GUILESS_MAIN(TestBannerState)
#include "test_banner_state.moc"
