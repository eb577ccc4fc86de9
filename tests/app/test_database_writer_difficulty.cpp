// The database writer saves an answer and the exercise's new difficulty in one transaction,
// on its own thread and on SQLite on disk: both arrive, or (when SQLite fails the
// difficulty's statement) neither does and the answer is reported not saved, never
// "saved, but not its level".

#include "app/src/database_writer.h"

#include "exercises/progress_store.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace earlab;
using namespace earlab::app;
using namespace earlab::test;

namespace {

Attempt answer(int n)
{
    Attempt a;
    a.exercise = QStringLiteral("level-difference");
    a.seed = quint64(n);
    a.hidden = {{QStringLiteral("difference_db"), 2.0}};
    a.answer = {{QStringLiteral("louder"), QStringLiteral("a")}};
    a.score = 1.0;
    a.correct = true;
    a.source = QStringLiteral("builtin:drums");
    a.material = attempt_material::builtin;
    a.value = 2.0;
    a.session = QStringLiteral("writer-session");
    a.answeredAt = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC).addSecs(n);
    return a;
}

const QJsonObject kState{{QStringLiteral("value_db"), 1.5}, {QStringLiteral("reversals_db"), QJsonArray{3.0, 2.0}}};

struct Writer {
    QString path = scratch("writer-difficulty") + QStringLiteral("/progress.sqlite");
    DatabaseWriter writer;
    QSignalSpy committed{&writer, &DatabaseWriter::committed};
    QSignalSpy failed{&writer, &DatabaseWriter::failed};

    Writer() { writer.open(path); }

    // Waits for `ticket`'s committed() or failed(); true if it was committed.
    bool outcome(quint64 ticket)
    {
        auto has = [ticket](const QSignalSpy& spy) {
            for (const QList<QVariant>& args : spy)
                if (args.at(0).toULongLong() == ticket)
                    return true;
            return false;
        };
        if (!QTest::qWaitFor([&] { return has(committed) || has(failed); }, 10000))
            return false;
        return has(committed);
    }
};

} // namespace

class TestDatabaseWriterDifficulty : public QObject {
    Q_OBJECT

private slots:
    void answerAndDifficultyArriveTogether()
    {
        Writer w;
        QVERIFY(w.outcome(w.writer.write(answer(0), 3)));
        QCOMPARE(w.committed.last().at(2).toString(), QString()); // levelError: nothing apart
        QVERIFY(w.outcome(w.writer.write(answer(1), 4, kState)));

        ProgressStore store;
        store.open(w.path);
        QCOMPARE(store.attemptCount(answer(0).exercise), 2);
        const std::optional<SavedDifficulty> saved = store.savedDifficulty(answer(0).exercise);
        QVERIFY(saved.has_value());
        QCOMPARE(saved->level, 4);
        QCOMPARE(saved->state, kState);
        QCOMPARE(store.sessionAttempts(QStringLiteral("writer-session")).size(), 2);
    }

    void aFailedDifficultyMeansTheAnswerIsNotSaved()
    {
        Writer w;
        QVERIFY(w.outcome(w.writer.write(answer(0), 2)));
        // SQLite refuses every later difficulty write: a real failure after the answer's
        // INSERT, inside the same transaction.
        QCOMPARE(RawDatabase(w.path).run(QStringLiteral(
                     "CREATE TRIGGER refuse BEFORE UPDATE ON exercise_state"
                     " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")),
                 QString());
        const quint64 ticket = w.writer.write(answer(1), 3, kState);
        QVERIFY(!w.outcome(ticket));
        const QString message = w.failed.last().at(1).toString();
        QVERIFY2(message.contains(w.path) && message.contains(QLatin1String("injected failure")), qPrintable(message));
        w.writer.flush();

        ProgressStore store;
        store.open(w.path);
        QCOMPARE(store.attemptCount(answer(0).exercise), 1); // only the first answer
        QCOMPARE(store.savedLevel(answer(0).exercise), std::optional<int>(2));
        // An answer without a difficulty still goes in.
        QVERIFY(w.outcome(w.writer.write(answer(2))));
        QCOMPARE(store.attemptCount(answer(0).exercise), 2);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseWriterDifficulty)
#include "test_database_writer_difficulty.moc"
