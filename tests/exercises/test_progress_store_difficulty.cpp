// Difficulty, resets and sessions in the progress store, on SQLite on disk: a staircase's
// state round-trips; an answer and its difficulty are one transaction (a failure of either
// leaves neither, seen from a second connection); a reset drops the difficulty, keeps the
// history and hides the answers before it from what counts; a session's answers come back
// oldest first.

#include "exercises/progress_store.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QFile>
#include <QJsonArray>
#include <QMap>
#include <QtTest>

#include <limits>

using namespace earlab;
using namespace earlab::test;

namespace {

const QString kLevel = QStringLiteral("level-difference");

// A staircase's state as an exercise may keep it: numbers with all their digits, an array
// of reversals, a nested object, text.
QJsonObject staircaseState(double value)
{
    return {{QStringLiteral("value_db"), value},
            {QStringLiteral("step_db"), 0.1 * 3.0},
            {QStringLiteral("reversals_db"), QJsonArray{6.0, 3.5, 4.25, 2.0000000000000004}},
            {QStringLiteral("run"), QJsonObject{{QStringLiteral("correct_in_a_row"), 2},
                                                {QStringLiteral("direction"), QStringLiteral("down")}}}};
}

Attempt answerAt(const QDateTime& when, const QString& exercise = kLevel)
{
    Attempt a;
    a.exercise = exercise;
    a.level = 1;
    a.seed = quint64(when.toMSecsSinceEpoch());
    a.hidden = {{QStringLiteral("louder"), QStringLiteral("b")}, {QStringLiteral("difference_db"), 2.5}};
    a.answer = {{QStringLiteral("louder"), QStringLiteral("b")}};
    a.score = 1.0;
    a.correct = true;
    a.responseMs = 800;
    a.source = QStringLiteral("builtin:drums");
    a.material = attempt_material::builtin;
    a.value = 2.5;
    a.format = 1;
    a.session = QStringLiteral("session-1");
    a.answeredAt = when;
    return a;
}

QDateTime t(int minute, int ms = 0)
{
    return QDateTime(QDate(2025, 6, 1), QTime(10, minute, 0, ms), Qt::UTC);
}

QString dbPath(const char* tag)
{
    return scratch(tag) + QStringLiteral("/progress.sqlite");
}

// Makes every write to `table` fail inside SQLite with "injected failure": a real SQL error
// at that point of a transaction, set up through a connection of another program.
QString failWritesTo(const QString& path, const QString& table)
{
    RawDatabase raw(path);
    QString error;
    for (const char* when : {"INSERT", "UPDATE", "DELETE"})
        error += raw.run(QStringLiteral("CREATE TRIGGER fail_%1_%2 BEFORE %2 ON %1"
                                        " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
                             .arg(table, QLatin1String(when)));
    return error;
}

QString stopFailingWritesTo(const QString& path, const QString& table)
{
    RawDatabase raw(path);
    QString error;
    for (const char* when : {"INSERT", "UPDATE", "DELETE"})
        error += raw.run(QStringLiteral("DROP TRIGGER fail_%1_%2").arg(table, QLatin1String(when)));
    return error;
}

// True when a StoreError's `message` names the database file and holds the `cause`.
bool names(const QString& message, const QString& path, const char* cause)
{
    return message.contains(path) && message.contains(QLatin1String(cause));
}

// A store on disk whose kLevel difficulty is saved at level 2 with staircaseState(3.0).
QString openWithDifficulty(ProgressStore& store, const char* tag)
{
    const QString path = dbPath(tag);
    store.open(path);
    store.saveDifficulty(kLevel, 2, staircaseState(3.0));
    return path;
}

QList<qint64> ids(const QList<Attempt>& attempts)
{
    QList<qint64> result;
    for (const Attempt& a : attempts)
        result.append(a.id);
    return result;
}

} // namespace

class TestProgressStoreDifficulty : public QObject {
    Q_OBJECT

private slots:
    void savesAStaircaseStateOnDisk()
    {
        const QString path = dbPath("difficulty-disk");
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        {
            ProgressStore store;
            store.open(path);
            QCOMPARE(store.savedDifficulty(kLevel), std::nullopt);
            store.saveDifficulty(kLevel, 2, staircaseState(6.0));
            store.saveDifficulty(kLevel, 3, staircaseState(4.5)); // replaces
            store.saveDifficulty(QStringLiteral("eq-band"), 5, {});
        }
        const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);
        ProgressStore reopened;
        reopened.open(path);
        const std::optional<SavedDifficulty> saved = reopened.savedDifficulty(kLevel);
        QVERIFY(saved.has_value());
        QCOMPARE(saved->level, 3);
        QCOMPARE(saved->state, staircaseState(4.5));
        QVERIFY2(saved->updatedAt >= before && saved->updatedAt <= after, qPrintable(saved->updatedAt.toString()));
        QCOMPARE(reopened.savedDifficulty(QStringLiteral("eq-band"))->state, QJsonObject());
        QCOMPARE(reopened.savedLevel(QStringLiteral("eq-band")), std::optional<int>(5));
        QCOMPARE(reopened.savedDifficulty(QStringLiteral("eq-gain")), std::nullopt);
    }

    void saveLevelIsTheLevelAlone()
    {
        ProgressStore store;
        store.open(dbPath("difficulty-level"));
        store.saveDifficulty(kLevel, 4, staircaseState(1.0));
        store.saveLevel(kLevel, 2);
        QCOMPARE(store.savedLevel(kLevel), std::optional<int>(2));
        QCOMPARE(store.savedDifficulty(kLevel)->state, QJsonObject()); // a ladder has no state
    }

    void rejectsADifficultyJsonCannotHold()
    {
        ProgressStore store;
        const QString path = openWithDifficulty(store, "difficulty-invalid");
        QJsonObject broken = staircaseState(3.0);
        broken[QStringLiteral("reversals_db")] = QJsonArray{1.0, std::numeric_limits<double>::infinity()};
        QString message = storeErrorOf([&] { store.saveDifficulty(kLevel, 3, broken); });
        QVERIFY2(names(message, path, "reversals_db[1]"), qPrintable(message));
        message = storeErrorOf([&] { store.saveDifficulty(QString(), 3, {}); });
        QVERIFY2(names(message, path, "no exercise"), qPrintable(message));
        QCOMPARE(store.savedDifficulty(kLevel)->state, staircaseState(3.0)); // unchanged
        QCOMPARE(store.savedLevel(kLevel), std::optional<int>(2));
    }

    void aStoredStateThatIsNotAnObjectIsAnError()
    {
        // Another program wrote the state: reading it says so instead of inventing one.
        ProgressStore store;
        const QString path = openWithDifficulty(store, "difficulty-foreign");
        QCOMPARE(RawDatabase(path).run(QStringLiteral("UPDATE exercise_state SET state = '[1, 2]'")), QString());
        QString message = storeErrorOf([&] { store.savedDifficulty(kLevel); });
        QVERIFY2(names(message, path, "not a JSON object"), qPrintable(message));
        QVERIFY(!storeErrorOf([&] { store.savedLevel(kLevel); }).isEmpty());
        // Saving a new difficulty mends it.
        store.saveDifficulty(kLevel, 1, {});
        QCOMPARE(store.savedLevel(kLevel), std::optional<int>(1));
    }

    void answerAndDifficultyCommitTogether()
    {
        const QString path = dbPath("difficulty-together");
        ProgressStore writer;
        writer.open(path);
        ProgressStore reader; // a second connection sees only committed data
        reader.open(path);
        Attempt a = answerAt(t(0));
        a.id = writer.recordAttempt(a, std::pair(3, staircaseState(2.5)));
        QCOMPARE(reader.recentAttempts(kLevel, -1), QList<Attempt>{a});
        QCOMPARE(reader.savedDifficulty(kLevel)->level, 3);
        QCOMPARE(reader.savedDifficulty(kLevel)->state, staircaseState(2.5));
        // Without a difficulty the saved one stays as it was.
        writer.recordAttempt(answerAt(t(1)));
        QCOMPARE(reader.savedDifficulty(kLevel)->state, staircaseState(2.5));
        QCOMPARE(reader.attemptCount(kLevel), 2);
    }

    void anInvalidDifficultyLeavesNoAnswer()
    {
        ProgressStore store;
        const QString path = openWithDifficulty(store, "difficulty-invalid-answer");
        QJsonObject broken = staircaseState(3.0);
        broken[QStringLiteral("value_db")] = std::numeric_limits<double>::quiet_NaN();
        const QString message = storeErrorOf([&] { store.recordAttempt(answerAt(t(0)), std::pair(3, broken)); });
        QVERIFY2(names(message, path, "value_db"), qPrintable(message));
        QCOMPARE(store.attemptCount(kLevel), 0);
        QCOMPARE(store.savedDifficulty(kLevel)->state, staircaseState(3.0));
        QCOMPARE(store.savedLevel(kLevel), std::optional<int>(2));
    }

    void aFailedDifficultyWriteRollsTheAnswerBack()
    {
        // SQLite itself fails the difficulty's statement, after the answer's INSERT ran in
        // the same transaction: the answer must be gone too, for this connection and others.
        ProgressStore store;
        const QString path = openWithDifficulty(store, "difficulty-rollback");
        QCOMPARE(failWritesTo(path, QStringLiteral("exercise_state")), QString());

        const Attempt a = answerAt(t(0));
        const QString message = storeErrorOf([&] { store.recordAttempt(a, std::pair(3, staircaseState(2.0))); });
        QVERIFY2(names(message, path, "injected failure"), qPrintable(message));
        QCOMPARE(store.attemptCount(kLevel), 0);
        QCOMPARE(RawDatabase(path).value(QStringLiteral("SELECT count(*) FROM attempts")).toInt(), 0);
        QCOMPARE(store.savedDifficulty(kLevel)->state, staircaseState(3.0));

        // Nothing was left open: the same write succeeds once SQLite lets it.
        QCOMPARE(stopFailingWritesTo(path, QStringLiteral("exercise_state")), QString());
        const qint64 id = store.recordAttempt(a, std::pair(3, staircaseState(2.0)));
        QCOMPARE(ids(store.recentAttempts(kLevel, -1)), QList<qint64>{id});
        QCOMPARE(store.savedDifficulty(kLevel)->state, staircaseState(2.0));
    }

    void aFailedAnswerWriteSavesNoDifficulty()
    {
        const QString path = dbPath("difficulty-rollback-answer");
        ProgressStore store;
        store.open(path);
        QCOMPARE(failWritesTo(path, QStringLiteral("attempts")), QString());
        const QString message = storeErrorOf([&] { store.recordAttempt(answerAt(t(0)), std::pair(3, staircaseState(2.0))); });
        QVERIFY2(message.contains(QLatin1String("injected failure")), qPrintable(message));
        QCOMPARE(store.savedDifficulty(kLevel), std::nullopt);
    }

    void resetDropsTheDifficultyAndKeepsTheHistory()
    {
        const QString path = dbPath("difficulty-reset");
        QList<qint64> before;
        QList<qint64> after;
        {
            ProgressStore store;
            store.open(path);
            for (int m : {0, 1, 2})
                before.append(store.recordAttempt(answerAt(t(m)), std::pair(4, staircaseState(1.5))));
            store.recordAttempt(answerAt(t(3), QStringLiteral("eq-band")), std::pair(6, QJsonObject()));
            QCOMPARE(store.lastReset(kLevel), std::nullopt);

            store.resetExercise(kLevel, t(5));
            QCOMPARE(store.savedDifficulty(kLevel), std::nullopt);
            QCOMPARE(store.lastReset(kLevel), std::optional(t(5)));
            QCOMPARE(store.attemptCount(kLevel), 3); // the history stays
            QCOMPARE(store.recentAttemptsSinceReset(kLevel, -1), QList<Attempt>());
            for (int m : {6, 7})
                after.prepend(store.recordAttempt(answerAt(t(m))));
        }
        ProgressStore store; // all of it on disk
        store.open(path);
        QCOMPARE(store.lastReset(kLevel), std::optional(t(5)));
        QCOMPARE(ids(store.recentAttemptsSinceReset(kLevel, -1)), after); // newest first
        QCOMPARE(ids(store.recentAttemptsSinceReset(kLevel, 1)), QList<qint64>{after.first()});
        QCOMPARE(store.recentAttempts(kLevel, -1).size(), 5);
        // Another exercise is not touched by it.
        QCOMPARE(store.savedLevel(QStringLiteral("eq-band")), std::optional<int>(6));
        QCOMPARE(store.lastReset(QStringLiteral("eq-band")), std::nullopt);
        QCOMPARE(store.recentAttemptsSinceReset(QStringLiteral("eq-band"), -1).size(), 1);

        // A second reset counts from itself; an answer in its very millisecond is before it.
        store.recordAttempt(answerAt(t(8)));
        store.resetExercise(kLevel, t(8));
        QCOMPARE(store.lastReset(kLevel), std::optional(t(8)));
        QCOMPARE(store.recentAttemptsSinceReset(kLevel, -1).size(), 0);
        const qint64 newest = store.recordAttempt(answerAt(t(8, 1)));
        QCOMPARE(ids(store.recentAttemptsSinceReset(kLevel, -1)), QList<qint64>{newest});
    }

    void resetDefaultsToNow()
    {
        ProgressStore store;
        store.open(dbPath("difficulty-reset-now"));
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        store.resetExercise(kLevel);
        const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);
        const std::optional<QDateTime> at = store.lastReset(kLevel);
        QVERIFY(at.has_value());
        QVERIFY2(*at >= before && *at <= after, qPrintable(at->toString(Qt::ISODateWithMs)));
        QVERIFY(!storeErrorOf([&] { store.resetExercise(QString()); }).isEmpty());
    }

    void aFailedResetChangesNothing()
    {
        // The reset's record fails after its DELETE ran: the saved difficulty must remain.
        ProgressStore store;
        const QString path = openWithDifficulty(store, "difficulty-reset-fail");
        QCOMPARE(failWritesTo(path, QStringLiteral("exercise_resets")), QString());
        const QString message = storeErrorOf([&] { store.resetExercise(kLevel, t(5)); });
        QVERIFY2(names(message, path, "injected failure"), qPrintable(message));
        QCOMPARE(store.savedDifficulty(kLevel)->state, staircaseState(3.0));
        QCOMPARE(store.lastReset(kLevel), std::nullopt);
    }

    void sinceResetCanLeaveOutWhatWasNotHeard()
    {
        ProgressStore store;
        store.open(dbPath("difficulty-heard"));
        QList<qint64> heard;
        for (int m = 0; m < 4; ++m) {
            Attempt a = answerAt(t(m));
            a.heard = m % 2 == 0; // minutes 1 and 3: answered before anything played
            const qint64 id = store.recordAttempt(a);
            if (a.heard)
                heard.prepend(id);
        }
        QCOMPARE(store.recentAttemptsSinceReset(kLevel, -1).size(), 4);
        QCOMPARE(ids(store.recentAttemptsSinceReset(kLevel, -1, ProgressStore::Unheard::Exclude)), heard);
        // The limit counts the answers that are returned.
        QCOMPARE(ids(store.recentAttemptsSinceReset(kLevel, 2, ProgressStore::Unheard::Exclude)), heard);
    }

    void sessionAttemptsAreOldestFirst()
    {
        const QString path = dbPath("difficulty-session");
        QMap<int, qint64> firstByMinute; // keys in order: the order sessionAttempts must give
        {
            ProgressStore store;
            store.open(path);
            // Two sessions, recorded out of time order and interleaved with each other.
            for (int m : {3, 1, 2}) {
                Attempt a = answerAt(t(m));
                a.session = QStringLiteral("A");
                firstByMinute.insert(m, store.recordAttempt(a));
                Attempt b = answerAt(t(m, 500), QStringLiteral("eq-band"));
                b.session = QStringLiteral("B");
                store.recordAttempt(b);
            }
            Attempt old = answerAt(t(0));
            old.session.clear(); // an answer from before sessions were recorded
            store.recordAttempt(old);
        }
        ProgressStore store;
        store.open(path);
        const QList<Attempt> a = store.sessionAttempts(QStringLiteral("A"));
        QCOMPARE(ids(a), firstByMinute.values());
        QCOMPARE(a.first().answeredAt, t(1));
        QCOMPARE(store.sessionAttempts(QStringLiteral("B")).size(), 3);
        QCOMPARE(store.sessionAttempts(QStringLiteral("C")), QList<Attempt>());
        QCOMPARE(store.sessionAttempts(QString()), QList<Attempt>()); // no session is not a session
    }

    void writesToAFileThatIsGoneAreRefused()
    {
        const QString path = dbPath("difficulty-gone");
        ProgressStore store;
        store.open(path);
        QVERIFY(QFile::remove(path));
        for (const auto& write : QList<std::function<void()>>{
                 [&] { store.saveDifficulty(kLevel, 2, {}); },
                 [&] { store.resetExercise(kLevel); },
                 [&] { store.recordAttempt(answerAt(t(0)), std::pair(2, QJsonObject())); }}) {
            const QString message = storeErrorOf(write);
            QVERIFY2(names(message, path, "deleted"), qPrintable(message));
        }
        ProgressStore closed;
        QVERIFY(!storeErrorOf([&] { closed.sessionAttempts(QStringLiteral("A")); }).isEmpty());
        QVERIFY(!storeErrorOf([&] { closed.lastReset(kLevel); }).isEmpty());
        QVERIFY(!storeErrorOf([&] { closed.savedDifficulty(kLevel); }).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProgressStoreDifficulty)
#include "test_progress_store_difficulty.moc"
