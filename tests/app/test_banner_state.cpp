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
        banner.setLibraryProblem(QStringLiteral("The loop is not inside a.wav."));
        QCOMPARE(banner.kind(), BannerState::Library);
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
        QCOMPARE(banner.kind(), BannerState::Library);
        banner.setLibraryProblem({});
        QCOMPARE(banner.kind(), BannerState::Repaired);
        banner.setRepaired({});
        QCOMPARE(banner.kind(), BannerState::NoAudio);
        QVERIFY(banner.text().contains(QStringLiteral("still saved")));
        banner.setAudioProblem({});
        QCOMPARE(banner.kind(), BannerState::None);
    }

    // The library's problem is one more kind of the one banner, as urgent as "not saved".
    void libraryProblemIsOneMoreKind()
    {
        BannerState banner;
        banner.setAudioProblem(QStringLiteral("No device."));
        banner.setRepaired(QStringLiteral("The damaged file was kept as /p.corrupt."));
        const QString problem = QStringLiteral("The loop from 30 s for 10 s is not inside a.wav, which is 20.00 s long.");
        banner.setLibraryProblem(problem);
        QCOMPARE(banner.kind(), BannerState::Library);
        QCOMPARE(banner.severity(), BannerState::Danger);
        QCOMPARE(banner.title(), QStringLiteral("Library"));
        QCOMPARE(banner.text(), problem);
        QVERIFY(banner.saving()); // a refused region loses no answer
        QCOMPARE(banner.property("saving").toBool(), true);
    }

    // A library write that failed because the database is read-only, together with the
    // read-only database itself: one message, the cause, which covers the library too. In
    // either order of arrival.
    void readOnlyDatabaseOutranksTheLibraryWriteItBroke()
    {
        const QString readOnly = QStringLiteral(
            "EarLab cannot write to its progress database /p: the file is read-only for you. Training works, and "
            "this session's answers count until EarLab closes, but neither they nor changes to the library are saved.");
        const QString libraryFailed = QStringLiteral(
            "Could not save the music library in the progress database /p: attempt to write a readonly database.");
        for (const bool libraryFirst : {true, false}) {
            BannerState banner;
            if (libraryFirst)
                banner.setLibraryProblem(libraryFailed);
            banner.setNotSaved(readOnly);
            if (!libraryFirst)
                banner.setLibraryProblem(libraryFailed);
            QCOMPARE(banner.kind(), BannerState::NotSaved);
            QCOMPARE(banner.text(), readOnly);
            QVERIFY(!banner.saving());
            QCOMPARE(banner.property("saving").toBool(), false);
        }
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
