#include "exercises/difficulty_tracker.h"

#include <QTest>

using namespace earlab;

class TestDifficultyTracker : public QObject {
    Q_OBJECT

private slots:
    void promotesAtEightOfTen()
    {
        DifficultyTracker t(8, 1);
        const bool answers[] = {true, true, false, true, true, true, false, true, true};
        for (bool a : answers)
            QCOMPARE(t.record(a), 0); // nine answers: no decision yet
        QCOMPARE(t.record(true), +1); // 8 of 10
        QCOMPARE(t.level(), 2);
        QCOMPARE(t.answersInWindow(), 0); // a new level starts a new window
    }

    void sevenOfTenStays()
    {
        DifficultyTracker t(8, 3);
        for (int i = 0; i < 10; ++i)
            t.record(i < 7);
        QCOMPARE(t.level(), 3);
        // The window slides: the next correct answer drops a correct one (7 of 10 still).
        QCOMPARE(t.record(true), 0);
        QCOMPARE(t.level(), 3);
    }

    void demotesBelowHalf()
    {
        DifficultyTracker t(8, 4);
        for (int i = 0; i < 9; ++i)
            QCOMPARE(t.record(i < 4), 0);
        QCOMPARE(t.record(false), -1); // 4 of 10
        QCOMPARE(t.level(), 3);
    }

    void fiveOfTenStays()
    {
        DifficultyTracker t(8, 4);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(t.record(i % 2 == 0), 0);
        QCOMPARE(t.level(), 4);
    }

    void staysWithinTheLadder()
    {
        DifficultyTracker top(3, 3);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(top.record(true), 0);
        QCOMPARE(top.level(), 3);
        DifficultyTracker bottom(3, 1);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(bottom.record(false), 0);
        QCOMPARE(bottom.level(), 1);
        QCOMPARE(DifficultyTracker(3, 9).level(), 3);
    }
};

QTEST_APPLESS_MAIN(TestDifficultyTracker)
#include "test_difficulty_tracker.moc"
