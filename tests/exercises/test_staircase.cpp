#include "exercises/staircase.h"
#include "exercises/threshold_estimate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <random>
#include <vector>

using namespace earlab;

namespace {

StaircaseRule levelRule()
{
    StaircaseRule r;
    r.unit = QStringLiteral("dB");
    return r;
}

// A deterministic answer sequence with reversals at the fine step: right with probability
// 0.8 from a fixed seed.
std::vector<bool> answers(int n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<bool> a;
    for (int i = 0; i < n; ++i)
        a.push_back((rng() >> 11) * 0x1.0p-53 < 0.8);
    return a;
}

// The state through text and back, as the store keeps it.
QJsonObject throughText(const QJsonObject& o)
{
    return QJsonDocument::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact)).object();
}

} // namespace

class TestStaircase : public QObject {
    Q_OBJECT

private slots:
    void defaultRuleIsUsable()
    {
        QCOMPARE(levelRule().problem(), QString());
        StaircaseRule broken;
        broken.hardest = 0;
        QVERIFY(broken.problem().contains(QStringLiteral("hardest")));
        broken = {};
        broken.fineFactor = 1.0;
        QVERIFY(broken.problem().contains(QStringLiteral("factor")));
        // A broken rule still gives a staircase that moves and stays in bounds.
        Staircase s(broken);
        for (int i = 0; i < 30; ++i)
            s.record(true);
        QVERIFY(s.value() < 6.0);
        QVERIFY(s.value() >= 0.1);
    }

    void threeDownOneUpStepByStep()
    {
        Staircase s(levelRule());
        QCOMPARE(s.value(), 6.0);
        // Until the first reversal every right answer steps harder, by the coarse factor.
        QCOMPARE(s.record(true), +1);
        QCOMPARE(s.value(), 3.0);
        QCOMPARE(s.record(true), +1);
        QCOMPARE(s.value(), 1.5);
        QCOMPARE(s.record(false), -1); // one wrong: easier; the first reversal, at 1.5
        QCOMPARE(s.value(), 3.0);
        QCOMPARE(s.reversalCount(), 1);
        QCOMPARE(s.reversalValues(), std::vector<double>{1.5});
        QVERIFY(!s.fineStep());
        // From here three right in a row make it harder.
        QCOMPARE(s.record(true), 0);
        QCOMPARE(s.record(true), 0);
        QCOMPARE(s.record(true), +1); // the second reversal, at 3: from here the fine step
        QCOMPARE(s.reversalCount(), 2);
        QVERIFY(s.fineStep());
        QCOMPARE(s.value(), 3.0 / 1.26);
        QCOMPARE(s.record(true), 0);
        QCOMPARE(s.record(false), -1); // a wrong answer ends the run of right ones
        QCOMPARE(s.value(), 3.0 / 1.26 * 1.26);
        QCOMPARE(s.fineReversalCount(), 1);
        QCOMPARE(s.reversalValues(), (std::vector<double>{1.5, 3.0, 3.0 / 1.26}));
        QCOMPARE(s.record(false), -1); // no reversal: still going up
        QCOMPARE(s.reversalCount(), 3);
        QCOMPARE(s.trials(), 9);
        QVERIFY(!s.estimate().ready);
        QCOMPARE(s.estimate().text(), QStringLiteral("measuring…"));
    }

    void threeDownFromTheStartWhenAsked()
    {
        StaircaseRule r = levelRule();
        r.initialDown = 3;
        Staircase s(r);
        QCOMPARE(s.record(true), 0);
        QCOMPARE(s.record(true), 0);
        QCOMPARE(s.record(true), +1);
        QCOMPARE(s.value(), 3.0);
        QCOMPARE(s.record(true), 0);
        QCOMPARE(s.record(false), -1);
        QCOMPARE(s.value(), 6.0);
        QCOMPARE(s.reversalValues(), std::vector<double>{3.0});
    }

    void twoDownTwoUpCountsRunsOfWrongAnswers()
    {
        StaircaseRule r = levelRule();
        r.down = 2;
        r.initialDown = 2;
        r.up = 2;
        Staircase s(r, 1.0);
        QCOMPARE(s.record(false), 0);
        QCOMPARE(s.record(true), 0); // a right answer ends the run of wrong ones
        QCOMPARE(s.record(false), 0);
        QCOMPARE(s.record(false), -1);
        QCOMPARE(s.value(), 2.0);
    }

    void alwaysRightReachesHardestAndStays()
    {
        Staircase s(levelRule());
        for (int i = 0; i < 60; ++i)
            s.record(true);
        QCOMPARE(s.value(), 0.1);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(s.record(true), 0);
        QCOMPARE(s.value(), 0.1);
        QCOMPARE(s.reversalCount(), 0);
        QVERIFY(!s.estimate().ready);
    }

    void alwaysWrongStaysAtEasiest()
    {
        Staircase s(levelRule());
        for (int i = 0; i < 79; ++i)
            QCOMPARE(s.record(false), 0);
        QVERIFY(!s.finished());
        QCOMPARE(s.record(false), 0);
        QCOMPARE(s.value(), 6.0);
        QCOMPARE(s.reversalCount(), 0);
        QVERIFY(s.finished()); // maxTrials reached, with no estimate
        QVERIFY(!s.estimate().ready);
        QCOMPARE(s.trials(), 80);
    }

    void startClampsToTheBounds()
    {
        QCOMPARE(Staircase(levelRule(), 100.0).value(), 6.0);
        QCOMPARE(Staircase(levelRule(), 0.001).value(), 0.1);
        QCOMPARE(Staircase(levelRule(), -3.0).value(), 0.1);
        QCOMPARE(Staircase(levelRule(), 2.5).value(), 2.5);
        QCOMPARE(Staircase(levelRule(), std::nan("")).value(), 6.0);
        StaircaseRule r = levelRule();
        r.start = 50;
        QCOMPARE(Staircase(r).value(), 6.0);
        // A step beyond a bound stops at it.
        Staircase s(levelRule(), 0.15);
        QCOMPARE(s.record(true), +1);
        QCOMPARE(s.value(), 0.1);
        QCOMPARE(s.record(true), 0);
        QCOMPARE(s.value(), 0.1);
        Staircase top(levelRule(), 4.0);
        QCOMPARE(top.record(false), -1);
        QCOMPARE(top.value(), 6.0);
    }

    void reversalAtABoundCounts()
    {
        // Pinned at hardest by right answers, then a miss: the direction turns there.
        Staircase s(levelRule(), 0.1);
        for (int i = 0; i < 3; ++i)
            s.record(true);
        QCOMPARE(s.value(), 0.1);
        QCOMPARE(s.record(false), -1);
        QCOMPARE(s.reversalCount(), 1);
        QCOMPARE(s.reversalValues(), std::vector<double>{0.1});
    }

    void estimateIsTheGeometricMeanOfTheLastFineReversals()
    {
        Staircase s(levelRule());
        for (bool a : answers(400, 7))
            s.record(a);
        QVERIFY(s.fineReversalCount() > 6);
        const std::vector<double> r = s.reversalValues();
        double logSum = 0;
        for (std::size_t i = r.size() - 6; i < r.size(); ++i)
            logSum += std::log(r[i]);
        const ThresholdEstimate e = s.estimate();
        QVERIFY(e.ready);
        QCOMPARE(e.reversals, 6);
        QVERIFY(std::fabs(e.value - std::exp(logSum / 6)) < 1e-12 * e.value);
        QVERIFY(e.low < e.value && e.value < e.high);
        QVERIFY(std::fabs(e.value * e.value - e.low * e.high) < 1e-9 * e.value * e.value); // geometric
        QVERIFY(s.finished());
        QCOMPARE(e.unit, QStringLiteral("dB"));
    }

    void stopsAtTheFineReversalsOfTheRule()
    {
        Staircase s(levelRule());
        const std::vector<bool> a = answers(400, 11);
        std::size_t i = 0;
        while (!s.finished())
            s.record(a[i++]);
        QVERIFY(s.trials() < levelRule().maxTrials);
        QCOMPARE(s.fineReversalCount(), levelRule().stopReversals);
        QVERIFY(s.estimate().ready);
    }

    void keepsOnlyTheRecentReversals()
    {
        Staircase s(levelRule());
        for (bool a : answers(3000, 3))
            s.record(a);
        QVERIFY(s.reversalCount() > Staircase::kKeptReversals);
        QCOMPARE(int(s.reversalValues().size()), Staircase::kKeptReversals);
        QVERIFY(s.estimate().ready);
    }

    void texts()
    {
        ThresholdEstimate e;
        e.unit = QStringLiteral("dB");
        QCOMPARE(e.text(), QStringLiteral("measuring…"));
        e.ready = true;
        e.value = 0.8;
        e.low = 0.62;
        e.high = 1.0;
        QCOMPARE(e.text(), QStringLiteral("0.8 dB ± 0.2"));
        e.low = 0.4;
        e.high = 1.6;
        QCOMPARE(e.text(), QStringLiteral("0.8 dB (0.4–1.6)"));
        e.unit = QStringLiteral("%");
        e.value = 14.0;
        e.low = 9.5;
        e.high = 21.0;
        QCOMPARE(e.text(), QStringLiteral("14 % (9.5–21)"));
        QCOMPARE(formatThresholdValue(0.354), QStringLiteral("0.35"));
        QCOMPARE(formatThresholdValue(120.0), QStringLiteral("120"));
        QCOMPARE(formatThresholdValue(3.04), QStringLiteral("3"));
    }

    void jsonRoundTripContinuesExactly()
    {
        const std::vector<bool> a = answers(300, 5);
        for (int cut : {0, 1, 2, 7, 20, 45, 150}) {
            Staircase straight(levelRule());
            for (int i = 0; i < cut; ++i)
                straight.record(a[i]);
            QString problem = QStringLiteral("untouched");
            Staircase restored = Staircase::fromJson(levelRule(), throughText(straight.toJson()), &problem);
            QCOMPARE(problem, QString());
            QCOMPARE(restored.toJson(), straight.toJson());
            for (std::size_t i = cut; i < a.size(); ++i) {
                QCOMPARE(restored.record(a[i]), straight.record(a[i]));
                QCOMPARE(restored.value(), straight.value());
            }
            QCOMPARE(restored.toJson(), straight.toJson());
            QCOMPARE(restored.estimate().value, straight.estimate().value);
            QCOMPARE(restored.estimate().low, straight.estimate().low);
            QCOMPARE(restored.trials(), straight.trials());
        }
    }

    void malformedStateGivesAFreshStaircase_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no version") << "version" << QJsonValue() << "version";
        QTest::newRow("future version") << "version" << QJsonValue(2) << "version 2";
        QTest::newRow("value too large") << "value" << QJsonValue(60.0) << "value 60";
        QTest::newRow("value below hardest") << "value" << QJsonValue(0.01) << "value 0.01";
        QTest::newRow("value text") << "value" << QJsonValue("3 dB") << "value";
        QTest::newRow("right run of 3") << "right_run" << QJsonValue(3) << "run";
        QTest::newRow("fractional trials") << "trials" << QJsonValue(2.5) << "trial";
        QTest::newRow("negative trials") << "trials" << QJsonValue(-1) << "trial";
        QTest::newRow("direction 2") << "direction" << QJsonValue(2) << "direction";
        QTest::newRow("reversals not a list") << "reversals" << QJsonValue(4) << "list of reversals";
        QTest::newRow("reversal out of range") << "reversals" << QJsonValue(QJsonArray{3.0, 100.0, 2.0, 2.5, 3.0, 2.0, 2.5, 2.0, 2.5, 2.0})
                                               << "reversal outside";
        QTest::newRow("too few reversals") << "reversals" << QJsonValue(QJsonArray{3.0}) << "lists 1 reversals";
        QTest::newRow("stage") << "stage" << QJsonValue("coarse") << "stage";
        QTest::newRow("more reversals than trials") << "reversal_count" << QJsonValue(10000) << "reversal";
    }

    void malformedStateGivesAFreshStaircase()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, mentions);
        Staircase s(levelRule());
        for (bool a : answers(120, 9))
            s.record(a);
        QVERIFY(s.reversalCount() > 4);
        QJsonObject state = s.toJson();
        if (value.isUndefined() || value.isNull())
            state.remove(key);
        else
            state.insert(key, value);
        QString problem;
        const Staircase fresh = Staircase::fromJson(levelRule(), state, &problem);
        QVERIFY2(problem.contains(mentions), qPrintable(problem));
        QVERIFY2(problem.contains(QStringLiteral("starting again at 6 dB")), qPrintable(problem));
        QCOMPARE(fresh.toJson(), Staircase(levelRule()).toJson());
        // Without a place for the problem it is still fresh, and nothing throws.
        QCOMPARE(Staircase::fromJson(levelRule(), state).toJson(), Staircase(levelRule()).toJson());
    }

    void runBeforeTheFirstReversalIsChecked()
    {
        Staircase s(levelRule());
        QJsonObject state = s.toJson();
        state.insert(QStringLiteral("right_run"), 1); // initialDown 1: a run of one has moved already
        QString problem;
        QCOMPARE(Staircase::fromJson(levelRule(), state, &problem).toJson(), s.toJson());
        QVERIFY2(problem.contains(QStringLiteral("before the first reversal")), qPrintable(problem));
    }

    void emptyStateGivesAFreshStaircase()
    {
        QString problem;
        const Staircase s = Staircase::fromJson(levelRule(), QJsonObject(), &problem);
        QVERIFY(!problem.isEmpty());
        QCOMPARE(s.value(), 6.0);
        QCOMPARE(s.trials(), 0);
    }

    void stateOutsideANarrowerRuleIsRejected()
    {
        Staircase s(levelRule(), 0.2);
        StaircaseRule stem = levelRule();
        stem.hardest = 0.5;
        QString problem;
        QCOMPARE(Staircase::fromJson(stem, s.toJson(), &problem).value(), 6.0);
        QVERIFY(problem.contains(QStringLiteral("value 0.2")));
    }
};

QTEST_GUILESS_MAIN(TestStaircase)
#include "test_staircase.moc"
