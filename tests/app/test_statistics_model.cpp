// StatisticsModel (app/src/statistics_model.h) on a progress database on disk: the summary
// QML binds to, with values counted by hand; a filter refreshes it and says so; a closed
// store gives a problem naming the database instead of numbers.

#include "app/src/statistics_model.h"

#include "exercises/progress_store.h"
#include "support/scratch_files.h"

#include <QSignalSpy>
#include <QTest>

#include <ctime>

using namespace earlab;
using earlab::app::StatisticsModel;

namespace {

void record(ProgressStore& store, const char* exercise, const char* at, double trueHz, double answerHz, bool correct)
{
    Attempt a;
    a.exercise = QString::fromLatin1(exercise);
    a.answeredAt = QDateTime::fromString(QString::fromLatin1(at), Qt::ISODateWithMs);
    a.hidden = {{"flat", false}, {"frequency_hz", trueHz}, {"gain_db", 6}, {"q", 1.41}, {"direction_asked", false}};
    a.answer = {{"flat", false}, {"frequency_hz", answerHz}, {"gain_db", 1}};
    a.correct = correct;
    a.score = correct ? 1 : 0;
    a.responseMs = 3000;
    a.material = QStringLiteral("noise");
    a.source = QStringLiteral("pink-noise");
    a.session = QStringLiteral("s");
    store.recordAttempt(a);
}

} // namespace

class TestStatisticsModel : public QObject {
    Q_OBJECT

    QString m_path;

private slots:
    void initTestCase()
    {
        m_path = earlab::test::scratch("statistics-model") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(m_path);
        record(store, "eq-band", "2026-03-02T12:00:00.000Z", 1000, 1000, true);
        record(store, "eq-band", "2026-03-02T12:01:00.000Z", 1000, 2000, false);
        record(store, "eq-gain", "2026-03-02T12:02:00.000Z", 500, 500, true);
    }

    void summaryHasTheCountsAndTheMissMap()
    {
        ProgressStore store;
        store.open(m_path);
        StatisticsModel model(store);
        QCOMPARE(model.answers(), 0); // nothing before the first refresh
        QSignalSpy changed(&model, &StatisticsModel::changed);
        model.refresh();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.problem(), QString());
        QCOMPARE(model.answers(), 3);
        const QVariantList exercises = model.exercises();
        QCOMPARE(exercises.size(), 2);
        const QVariantMap band = exercises.at(0).toMap();
        QCOMPARE(band.value("id").toString(), QStringLiteral("eq-band"));
        QCOMPARE(band.value("answers").toInt(), 2);
        QCOMPARE(band.value("accuracy").toDouble(), 0.5);
        const QVariantList bands = band.value("bands").toList();
        QCOMPARE(bands.size(), 1);
        QCOMPARE(bands.at(0).toMap().value("band_hz").toDouble(), 1000.0);
        QCOMPARE(bands.at(0).toMap().value("asked").toInt(), 2);
        const QVariantList confusion = band.value("confusion").toList();
        QCOMPARE(confusion.size(), 1);
        QCOMPARE(confusion.at(0).toMap().value("answer_hz").toDouble(), 2000.0);
        QCOMPARE(model.days().size(), 1);
    }

    void filterRefreshes()
    {
        ProgressStore store;
        store.open(m_path);
        StatisticsModel model(store);
        QSignalSpy filter(&model, &StatisticsModel::filterChanged);
        QSignalSpy changed(&model, &StatisticsModel::changed);
        model.setExercise(QStringLiteral("eq-gain"));
        QCOMPARE(filter.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.answers(), 1);
        model.setExercise(QStringLiteral("eq-gain")); // unchanged: nothing to do
        QCOMPARE(changed.count(), 1);
        model.setSince(QDateTime::fromString(QStringLiteral("2026-03-02T12:03:00Z"), Qt::ISODate));
        QCOMPARE(model.answers(), 0);
        QVERIFY(model.exercises().isEmpty());
    }

    // The page's time ranges count back from now: answers 2, 10 and 40 days old.
    void rangeDaysCountsTheLastDays()
    {
        const QString path = earlab::test::scratch("statistics-model-range") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(path);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto at = [&](int days) { return now.addDays(-days).toString(Qt::ISODateWithMs).toLatin1(); };
        record(store, "eq-band", at(2).constData(), 1000, 1000, true);
        record(store, "eq-band", at(2).constData(), 500, 1000, false);
        record(store, "eq-band", at(10).constData(), 500, 500, true);
        record(store, "eq-band", at(40).constData(), 500, 500, true);
        StatisticsModel model(store);
        QSignalSpy filter(&model, &StatisticsModel::filterChanged);
        model.setRangeDays(7);
        QCOMPARE(filter.count(), 1);
        QCOMPARE(model.rangeDays(), 7);
        QCOMPARE(model.answers(), 2);
        QCOMPARE(model.summary().value("accuracy").toDouble(), 0.5);
        QVERIFY(model.since().isValid());
        model.setRangeDays(30);
        QCOMPARE(model.answers(), 3);
        QCOMPARE(model.summary().value("accuracy").toDouble(), 0.6667);
        model.setRangeDays(90);
        QCOMPARE(model.answers(), 4);
        model.setRangeDays(0); // every answer: no since
        QVERIFY(!model.since().isValid());
        QCOMPARE(model.answers(), 4);
        QCOMPARE(model.summary().value("accuracy").toDouble(), 0.75);
        QCOMPARE(filter.count(), 4);

        // Another store (the screenshot mode's scratch history): its counts, at once.
        ProgressStore first;
        first.open(m_path);
        model.setStore(first);
        QCOMPARE(model.answers(), 3);
    }

    // "Last 7 days" are whole local days, today and the 6 before (Central European time,
    // UTC+1 in March), and they move on at midnight with the app open; so does "Today".
    void rangeDaysAreLocalDaysAndMoveOnAtMidnight()
    {
        qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
        tzset();
        QCOMPARE(QDateTime(QDate(2026, 3, 1), QTime(0, 0)).offsetFromUtc(), 3600);
        const QString path = earlab::test::scratch("statistics-model-days") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(path);
        record(store, "eq-band", "2026-03-01T22:30:00.000Z", 1000, 1000, true); // 1 March 23:30 local
        record(store, "eq-band", "2026-03-01T23:30:00.000Z", 1000, 1000, true); // 2 March 00:30 local
        record(store, "eq-band", "2026-03-07T23:10:00.000Z", 1000, 2000, false); // 8 March 00:10 local
        StatisticsModel model(store);
        // 8 March 00:30 local: the last 7 days are 2 to 8 March (7 x 24 h back would take
        // in 1 March from 00:30 on, and so the answer at 23:30).
        QDateTime now = QDateTime::fromString(QStringLiteral("2026-03-07T23:30:00Z"), Qt::ISODate);
        model.setClock([&now] { return now; });
        model.setRangeDays(7);
        QCOMPARE(model.since(), QDateTime::fromString(QStringLiteral("2026-03-01T23:00:00Z"), Qt::ISODate));
        QCOMPARE(model.answers(), 2);
        QCOMPARE(model.todayPracticeS(), 3.0); // the answer at 00:10, 3 s
        QCOMPARE(model.weekPracticeS(), 6.0);
        model.setRangeDays(1);
        QCOMPARE(model.answers(), 1);

        // A day later, still open: the range and "Today" follow at the next refresh.
        now = now.addDays(1);
        model.setRangeDays(7);
        QCOMPARE(model.answers(), 1); // 2 March has left the range
        QCOMPARE(model.todayPracticeS(), 0.0);
        QCOMPARE(model.weekPracticeS(), 3.0);
        now = now.addDays(6);
        model.refresh();
        QCOMPARE(model.answers(), 0);
        QVERIFY(model.exercises().isEmpty());
        QCOMPARE(model.weekPracticeS(), 0.0);
    }

    void closedStoreSaysWhy()
    {
        ProgressStore store;
        store.open(m_path);
        StatisticsModel model(store);
        model.refresh();
        QCOMPARE(model.answers(), 3);
        store.close();
        model.refresh();
        QVERIFY2(model.problem().contains(QStringLiteral("not open")), qPrintable(model.problem()));
        QCOMPARE(model.answers(), 0);
        QVERIFY(model.summary().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStatisticsModel)
#include "test_statistics_model.moc"
