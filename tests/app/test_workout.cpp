// Home's workout model (app/src/workout.h) by itself: the plan as a list model
// (QAbstractItemModelTester), its run item by item as sessions finish, and a store that
// cannot be read giving a message, not a crash.

#include "app/src/workout.h"

#include "exercises/store_error.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace earlab;
using namespace earlab::app;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-03-10T12:00:00.000Z"), Qt::ISODateWithMs);

ExerciseEvidence fresh(const QString& id, const QString& title)
{
    ExerciseEvidence e;
    e.id = id;
    e.title = title;
    e.levelText = QStringLiteral("Level 1 of 8");
    return e;
}

PracticeEvidence beginner()
{
    PracticeEvidence ev;
    ev.exercises = {fresh("eq-band", "EQ band"), fresh("level", "Level difference"), fresh("pan", "Balance and pan"),
                    fresh("width", "Stereo width"), fresh("compression", "Compression")};
    return ev;
}

} // namespace

class TestWorkout : public QObject {
    Q_OBJECT

private slots:
    void runsItemByItem()
    {
        QStringList started;
        Workout w([] { return beginner(); },
                  [&](const PlanItem& item) { started << QString("%1:%2").arg(item.exercise).arg(item.questions); });
        w.setClock([] { return kNow; });
        QAbstractItemModelTester tester(&w, QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.refresh();
        QVERIFY(w.count() >= 4);
        QCOMPARE(w.index(0).data(Workout::ExerciseRole).toString(), QStringLiteral("eq-band"));
        QVERIFY(w.index(0).data(Workout::ReasonRole).toString().contains("Not practised yet"));
        QCOMPARE(w.index(0).data(Workout::MaterialRole).toString(), QStringLiteral("Pink noise"));
        QVERIFY(w.summary().contains("about 10 minutes"));
        QVERIFY(!w.running());

        w.start();
        QVERIFY(w.running());
        QCOMPARE(w.current(), 0);
        const int questions = w.items()[0].questions;
        QCOMPARE(started, QStringList{QString("eq-band:%1").arg(questions)});
        w.sessionFinished("level"); // another exercise's session: not this item
        QCOMPARE(w.current(), 0);
        w.sessionFinished("eq-band");
        QCOMPARE(w.current(), 1);
        QVERIFY(w.index(0).data(Workout::DoneRole).toBool());
        QVERIFY(!w.index(1).data(Workout::DoneRole).toBool());
        w.refresh(); // a run keeps its plan
        QCOMPARE(w.current(), 1);
        w.start();
        QCOMPARE(started.size(), 2);
        QVERIFY(started[1].startsWith(w.items()[1].exercise + ":"));
        for (int i = 1; i < w.count(); ++i)
            w.sessionFinished(w.items()[std::size_t(i)].exercise);
        QVERIFY(!w.running()); // done after the last one
        QCOMPARE(w.current(), -1);
        QVERIFY(w.count() > 0); // and planned again
    }

    void stopEndsTheRun()
    {
        Workout w([] { return beginner(); }, [](const PlanItem&) {});
        w.refresh();
        w.start();
        w.stop();
        QVERIFY(!w.running());
        QVERIFY(!w.index(0).data(Workout::DoneRole).toBool());
    }

    void unreadableStoreSaysSo()
    {
        Workout w([]() -> PracticeEvidence { throw StoreError("/tmp/x.sqlite", "Cannot read /tmp/x.sqlite: disk I/O error."); },
                  [](const PlanItem&) { QFAIL("nothing to start"); });
        w.refresh();
        QCOMPARE(w.count(), 0);
        QVERIFY2(w.problem().contains("/tmp/x.sqlite"), qPrintable(w.problem()));
        w.start(); // nothing happens
        QVERIFY(!w.running());
    }
};

QTEST_GUILESS_MAIN(TestWorkout)
#include "test_workout.moc"
