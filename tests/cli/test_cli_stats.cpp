// earlab-cli stats, the real binary, on a progress database written by ProgressStore on disk:
// the JSON keys issue 9 §4 names, with values counted by hand from the history below (local
// days in Central European time, which the child inherits); --exercise and --since; the
// table; bad input (a bad date, an unknown exercise, no --db, a missing file, a file that is
// not a database) exits 2 naming it; and the database is never written, not even when it is
// read-only.

#include "exercises/progress_store.h"

#include "support/process_runner.h"
#include "support/scratch_files.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <ctime>

using namespace earlab;
using namespace earlab::test;

namespace {

ProcessRun stats(const QStringList& args)
{
    return runProcess(EARLAB_CLI, QStringList{"stats"} + args, 60000);
}

QString both(const ProcessRun& run) { return QString::fromUtf8(run.out + "\n--- stderr:\n" + run.err); }

void record(ProgressStore& store, const char* exercise, const char* at, const QJsonObject& hidden,
            const QJsonObject& answer, bool correct, const char* session, double value = qQNaN())
{
    Attempt a;
    a.exercise = QString::fromLatin1(exercise);
    a.answeredAt = QDateTime::fromString(QString::fromLatin1(at), Qt::ISODateWithMs);
    a.hidden = hidden;
    a.answer = answer;
    a.correct = correct;
    a.score = correct ? 1 : 0;
    a.responseMs = 2000;
    a.material = QStringLiteral("noise");
    a.source = QStringLiteral("pink-noise");
    a.session = QString::fromLatin1(session);
    a.value = value;
    store.recordAttempt(a);
}

QJsonObject eq(double hz, bool flat = false)
{
    return {{"flat", flat}, {"frequency_hz", hz}, {"gain_db", flat ? 0 : 6}, {"q", 1.41}, {"direction_asked", false}};
}

QString compact(const QJsonValue& v)
{
    return QString::fromUtf8(QJsonDocument(v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject()))
                                 .toJson(QJsonDocument::Compact));
}

QJsonObject parsed(const ProcessRun& run)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning().noquote() << "not a JSON object:" << error.errorString() << run.out;
    return doc.object();
}

} // namespace

class TestCliStats : public QObject {
    Q_OBJECT

    QString m_db;

private slots:
    void initTestCase()
    {
        qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3"); // UTC+1 in March; the CLI inherits it
        tzset();
        m_db = scratch("cli-stats") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(m_db);
        record(store, "eq-band", "2026-03-01T10:00:00.000Z", eq(1000), eq(1000), true, "s1");
        record(store, "eq-band", "2026-03-01T10:01:00.000Z", eq(1000), eq(2000), false, "s1");
        // 00:30 local on 2 March
        record(store, "eq-band", "2026-03-01T23:30:00.000Z", eq(1000, true), eq(250), false, "s2");
        record(store, "stems", "2026-03-02T09:00:00.000Z", {{"stem", "bass"}}, {{"stem", "drums"}}, false, "s2");
        record(store, "level", "2026-03-02T09:05:00.000Z", {{"louder", "a"}}, {{"louder", "a"}}, true, "s2", 3.0);
        store.saveLevel(QStringLiteral("eq-band"), 2);
    }

    void jsonHasTheNamedKeysAndValues()
    {
        const ProcessRun run = stats({"--db", m_db, "--json"});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        const QJsonObject o = parsed(run);
        QCOMPARE(o.value("answers").toInt(-1), 5);
        const QJsonArray exercises = o.value("exercises").toArray();
        QCOMPARE(exercises.size(), 3); // the catalogue's order: eq-band, level, stems
        const QJsonObject band = exercises.at(0).toObject();
        QCOMPARE(band.value("id").toString(), QStringLiteral("eq-band"));
        QCOMPARE(band.value("answers").toInt(-1), 3);
        QCOMPARE(band.value("correct").toInt(-1), 1);
        QCOMPARE(band.value("accuracy").toDouble(), 0.3333); // 1 of 3, 4 decimals
        QCOMPARE(band.value("level").toInt(-1), 2);
        QVERIFY(band.contains("threshold") && band.value("threshold").isNull()); // a ladder
        // By hidden band: the flat trial (0 Hz, wrong), 1000 Hz twice (once right).
        QCOMPARE(compact(band.value("bands")),
                 QStringLiteral("[{\"accuracy\":0,\"asked\":1,\"band_hz\":0,\"correct\":0},"
                                "{\"accuracy\":0.5,\"asked\":2,\"band_hz\":1000,\"correct\":1}]"));
        QCOMPARE(compact(band.value("confusion")),
                 QStringLiteral("[{\"answer_hz\":250,\"count\":1,\"true_hz\":0},"
                                "{\"answer_hz\":2000,\"count\":1,\"true_hz\":1000}]"));

        const QJsonObject level = exercises.at(1).toObject();
        QCOMPARE(level.value("id").toString(), QStringLiteral("level"));
        QCOMPARE(level.value("accuracy").toDouble(), 1.0);
        QCOMPARE(level.value("level").toInt(-1), 1);              // never saved: the first rung
        QVERIFY(level.value("threshold").isNull());                // no reversal yet
        QVERIFY(!level.contains("bands") && !level.contains("confusion")); // not an EQ exercise
        const QJsonObject stems = exercises.at(2).toObject();
        QCOMPARE(stems.value("id").toString(), QStringLiteral("stems"));
        QCOMPARE(stems.value("accuracy").toDouble(-1), 0.0);
        QCOMPARE(compact(stems.value("mistakes")), QStringLiteral("[{\"answer\":\"drums\",\"count\":1,\"truth\":\"bass\"}]"));

        // Local days: 1 March 10:00 and 10:01; 2 March 00:30, 09:00 and 09:05 (UTC+1).
        QCOMPARE(compact(o.value("days")),
                 QStringLiteral("[{\"accuracy\":0.5,\"answers\":2,\"correct\":1,\"date\":\"2026-03-01\",\"practice_s\":4},"
                                "{\"accuracy\":0.3333,\"answers\":3,\"correct\":1,\"date\":\"2026-03-02\",\"practice_s\":6}]"));
        QCOMPARE(o.value("sessions").toArray().size(), 2);
    }

    void exerciseAndSinceFilter()
    {
        const ProcessRun run = stats({"--db", m_db, "--json", "--exercise", "eq-band", "--since", "2026-03-02"});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        const QJsonObject o = parsed(run);
        QCOMPARE(o.value("answers").toInt(-1), 1); // the flat trial at 00:30 local
        QCOMPARE(compact(o.value("days")),
                 QStringLiteral("[{\"accuracy\":0,\"answers\":1,\"correct\":0,\"date\":\"2026-03-02\",\"practice_s\":2}]"));
        // A date-time in UTC: from 23:00 UTC on 1 March, the same answer and the two after it.
        const ProcessRun utc = stats({"--db", m_db, "--json", "--since", "2026-03-01T23:00:00Z"});
        QVERIFY2(utc.ok(), qPrintable(both(utc)));
        QCOMPARE(parsed(utc).value("answers").toInt(-1), 3);
    }

    void tableByDefault()
    {
        const ProcessRun run = stats({"--db", m_db});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.startsWith(m_db + QStringLiteral(": 5 answers, 40.0 % right")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("eq-band              3       1   33.3 %")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("1 kHz → 2 kHz ×1")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("2026-03-02         3    33.3 %")), qPrintable(out));
    }

    void listedAndHelped()
    {
        ProcessRun run = runProcess(EARLAB_CLI, {"--help"}, 60000);
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QVERIFY2(run.out.contains("  stats "), run.out.constData());
        run = stats({"--help"});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        for (const char* option : {"--db", "--exercise", "--since", "--until", "--material", "--genre", "--json"})
            QVERIFY2(run.out.contains(option), option);
    }

    void badInputExitsTwoNamingIt()
    {
        ProcessRun run = stats({"--db", m_db, "--since", "1 March"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--since '1 March': not a date"), run.err.constData());
        run = stats({"--db", m_db, "--since", "2026-02-30"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--since '2026-02-30'"), run.err.constData());
        run = stats({"--db", m_db, "--exercise", "eq-bnad"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--exercise 'eq-bnad': no such exercise"), run.err.constData());
        run = stats({"--json"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--db PATH is required"), run.err.constData());

        const QString folder = scratch("cli-stats-bad");
        const QString missing = folder + QStringLiteral("/none.sqlite");
        run = stats({"--db", missing});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(missing.toUtf8() + ": there is no such file"), run.err.constData());
        QVERIFY(!QFile::exists(missing)); // stats creates nothing
        const QString text = folder + QStringLiteral("/notes.sqlite");
        QVERIFY(writeBytes(text, QByteArray("not a database at all\n").repeated(100)));
        run = stats({"--db", text});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(text.toUtf8()), run.err.constData());
        QCOMPARE(readBytes(text), QByteArray("not a database at all\n").repeated(100));
    }

    // Never written: the file's bytes and the folder's files are the same after a run, on a
    // writable and on a read-only file.
    void neverWritesTheDatabase()
    {
        const QDir folder = QFileInfo(m_db).dir();
        const QStringList files = folder.entryList(QDir::Files);
        const QByteArray before = readBytes(m_db);
        ProcessRun run = stats({"--db", m_db, "--json"});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(readBytes(m_db), before);
        QCOMPARE(folder.entryList(QDir::Files), files);

        QVERIFY(QFile::setPermissions(m_db, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        run = stats({"--db", m_db, "--json"});
        QVERIFY(QFile::setPermissions(m_db, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(parsed(run).value("answers").toInt(-1), 5);
        QCOMPARE(readBytes(m_db), before);
        QCOMPARE(folder.entryList(QDir::Files), files);
    }
};

QTEST_GUILESS_MAIN(TestCliStats)
#include "test_cli_stats.moc"
