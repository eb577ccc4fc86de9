#include "exercises/difficulty_tracker.h"

#include <QTest>

#include <vector>

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

    void resumesWithTheAnswersSinceTheLastLevelChange()
    {
        // The report: at level 3 ten wrong answers demoted to 2, ten right ones promoted back
        // to 3. Newest first, the history holds the ten at level 2, then the ten wrong at 3.
        std::vector<PastAnswer> history(10, {2, true});
        history.insert(history.end(), 10, {3, false});
        DifficultyTracker t = DifficultyTracker::resume(8, 3, history);
        QCOMPARE(t.level(), 3);
        QCOMPARE(t.answersInWindow(), 0); // the wrong answers belong to an old window
        for (int i = 0; i < 9; ++i)
            QCOMPARE(t.record(true), 0); // a right answer never demotes
        QCOMPARE(t.record(true), +1);    // ten right at level 3
        QCOMPARE(t.level(), 4);
    }

    void resumesTheRunAtTheCurrentLevel()
    {
        // Five answers at level 3 since the promotion to it: they count, and five more decide.
        std::vector<PastAnswer> history(5, {3, true});
        history.insert(history.end(), 10, {2, true});
        DifficultyTracker t = DifficultyTracker::resume(8, 3, history);
        QCOMPARE(t.answersInWindow(), 5);
        QCOMPARE(t.windowAccuracy(), 1.0);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(t.record(true), 0);
        QCOMPARE(t.record(true), +1);
    }

    void resumeNeverDecidesAlone()
    {
        // A long run at the level: only its nine newest count, oldest first as they were
        // given. Newest first: seven right, two wrong, then three older answers.
        std::vector<PastAnswer> history(7, {4, true});
        history.insert(history.end(), 2, {4, false});
        history.insert(history.end(), 3, {4, false});
        DifficultyTracker t = DifficultyTracker::resume(8, 4, history);
        QCOMPARE(t.level(), 4);
        QCOMPARE(t.answersInWindow(), DifficultyTracker::kWindow - 1);
        QCOMPARE(t.record(false), 0); // 7 of 10: no decision
        // The window slides from its oldest end: a wrong answer leaves, 8 of 10 promote.
        QCOMPARE(t.record(true), +1);
        QCOMPARE(t.level(), 5);
        // Nothing to resume from, or a level clamped into the ladder.
        QCOMPARE(DifficultyTracker::resume(8, 2, {}).answersInWindow(), 0);
        const std::vector<PastAnswer> top(3, {8, true});
        const DifficultyTracker clamped = DifficultyTracker::resume(8, 12, top);
        QCOMPARE(clamped.level(), 8);
        QCOMPARE(clamped.answersInWindow(), 3);
    }
};

QTEST_APPLESS_MAIN(TestDifficultyTracker)
#include "test_difficulty_tracker.moc"
