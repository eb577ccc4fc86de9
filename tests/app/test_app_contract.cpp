// The exercise contract from the app's side: Session and Home's model run an exercise they
// have never heard of (a test-only one, defined here) through the real engine (capture ALSA
// config) and an on-disk store, and know it only through exercises/exercise.h. Also: an
// answer given before anything was heard is kept, flagged and not counted.
#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/exercise_list_model.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/progress_store.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace earlab;
using namespace earlab::app;

namespace {

// "Which of A and B is louder?" on a staircase in dB, with texts no real exercise has, so a
// test can tell that they came from here.
class TestOnlyExercise final : public Exercise {
public:
    QString id() const override { return "test-only"; }
    QString title() const override { return "Test-only exercise"; }
    QString summary() const override { return "Exists only in this test."; }
    DifficultyKind difficultyKind() const override { return DifficultyKind::Staircase; }
    QString unit() const override { return "dB"; }
    const std::vector<LevelInfo>& levels() const override { return m_levels; }
    RevealKind revealKind() const override { return RevealKind::Levels; }

    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts&) const override
    {
        const double value = setting.hasValue() ? setting.value : level(setting.level).value;
        Question q;
        q.exercise = id();
        q.setting = setting;
        q.seed = seed;
        q.prompt = QString("Test prompt at %1 dB").arg(value);
        q.answerKind = AnswerKind::Choice;
        q.options = {{"a", "Ay", 0, false}, {"b", "Bee", 0, false}, {"c", "Sea", 0, false}};
        Treatment louder;
        louder.gainDb = -1.0;
        Treatment quieter;
        quieter.gainDb = -1.0 - value;
        q.variants = {{"a", "A", "quieter", quieter}, {"b", "B", "louder", louder}, {"c", "C", "same as A", quieter}};
        q.loudnessMatched = false;
        q.hidden = {{"test_marker", "from-the-test"}, {"difference_db", value}};
        q.correct = QStringLiteral("b");
        q.notes = {QStringLiteral("A test note.")};
        return q;
    }

    Grade grade(const Question& q, const Answer& a) const override
    {
        Grade g;
        g.correct = a.option == q.correct.toString();
        g.score = g.correct ? 1.0 : 0.0;
        g.explanation = "Graded by the test.";
        g.truthText = "B";
        g.answerText = a.option.toUpper();
        g.category = a.option;
        g.categoryLabel = "answered " + a.option;
        g.answer = {{"option", a.option}};
        g.plot.kind = RevealKind::Levels;
        g.plot.labels = {"A", "B"};
        return g;
    }

private:
    std::vector<LevelInfo> m_levels = {{1, "eight", MaterialNeed::PinkNoise, 8.0},
                                       {2, "four", MaterialNeed::PinkNoise, 4.0},
                                       {3, "two", MaterialNeed::PinkNoise, 2.0},
                                       {4, "one", MaterialNeed::PinkNoise, 1.0}};
};

ExerciseCatalogue testCatalogue()
{
    ExerciseCatalogue c;
    c.add(std::make_unique<TestOnlyExercise>());
    return c;
}

} // namespace

class TestAppContract : public QObject {
    Q_OBJECT

    struct Rig {
        QTemporaryDir dir;
        ExerciseCatalogue catalogue = testCatalogue();
        ProgressStore store;
        DatabaseWriter writer;
        std::unique_ptr<Preferences> preferences;
        std::unique_ptr<AudioOutput> audio;
        std::unique_ptr<Session> session;

        Rig()
        {
            store.open(dir.filePath("progress.sqlite"));
            writer.open(store.path());
            preferences = std::make_unique<Preferences>(dir.filePath("settings.ini"));
            audio = std::make_unique<AudioOutput>(preferences.get());
            audio->retry();
            session = std::make_unique<Session>(&catalogue, &store, &writer, audio.get(), preferences.get(),
                                                [] { return MaterialRef::pinkNoise(); });
        }
        ~Rig() { session.reset(); }
    };

    static bool waitFor(Session& s, Session::Phase phase)
    {
        return QTest::qWaitFor([&] { return s.phase() == phase; }, 60000);
    }

private slots:
    void sessionAndHomeRunAnExerciseTheyDoNotKnow()
    {
        Rig rig;
        ExerciseListModel home(&rig.catalogue, &rig.store);
        QCOMPARE(home.rowCount(), 1);
        QCOMPARE(home.data(home.index(0), ExerciseListModel::TitleRole).toString(), QString("Test-only exercise"));
        QCOMPARE(home.data(home.index(0), ExerciseListModel::SummaryRole).toString(), QString("Exists only in this test."));
        QCOMPARE(home.data(home.index(0), ExerciseListModel::LevelCountRole).toInt(), 4);

        Session& s = *rig.session;
        s.start("test-only", 4);
        QVERIFY(waitFor(s, Session::Question));
        QCOMPARE(s.exerciseTitle(), QString("Test-only exercise"));
        QCOMPARE(s.prompt(), QString("Test prompt at 8 dB"));
        QCOMPARE(s.difficultyText(), QString("8.0 dB"));
        QCOMPARE(s.answerPanel(), Session::ChoicePanel);
        QCOMPARE(s.revealPanel(), Session::LevelsReveal);
        QCOMPARE(s.answerOptions()->count(), 3);
        QCOMPARE(s.variants().size(), 3);
        QCOMPARE(s.notes(), QString("A test note."));
        QVERIFY(!s.loudnessMatched());
        // The first question plays by itself.
        QVERIFY(QTest::qWaitFor([&] { return rig.audio->playing() && s.heard(); }, 10000));

        // Three right answers: the staircase goes harder (fast start: each right answer
        // before the first reversal), by its own steps, in the exercise's unit.
        QStringList values;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(s.correctOption(), 1);
            QVERIFY(s.pressKey("2"));
            QVERIFY(s.confirm());
            QVERIFY(waitFor(s, Session::Revealed));
            QVERIFY(s.lastCorrect());
            QCOMPARE(s.verdict(), QString("Correct"));
            values << s.difficultyText();
            s.hear(3); // the variants, then your answer
            QCOMPARE(rig.audio->variant(), 3);
            s.next();
            QVERIFY(waitFor(s, Session::Question));
            QVERIFY(QTest::qWaitFor([&] { return s.heard(); }, 10000));
        }
        QCOMPARE(values, (QStringList{"4.0 dB", "2.0 dB", "1.0 dB"}));
        QVERIFY2(!s.levelPath().isEmpty(), "the summary's path");

        // A wrong one, counted under the exercise's own category.
        QVERIFY(s.pressKey("3"));
        QVERIFY(s.confirm());
        QVERIFY(waitFor(s, Session::Revealed));
        QVERIFY(!s.lastCorrect());
        QCOMPARE(s.answeredCount(), 4);
        QCOMPARE(s.correctCount(), 3);
        const QVariantList hits = s.bandHits();
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits[0].toMap()["label"].toString(), QString("answered b"));
        QCOMPARE(hits[0].toMap()["asked"].toInt(), 3);
        QCOMPARE(hits[1].toMap()["label"].toString(), QString("answered c"));

        // The store holds what the exercise said, as it said it.
        rig.writer.flush();
        const QList<Attempt> stored = rig.store.recentAttempts("test-only", -1);
        QCOMPARE(stored.size(), 4);
        QCOMPARE(stored.front().hidden.value("test_marker").toString(), QString("from-the-test"));
        QCOMPARE(stored.front().answer.value("option").toString(), QString("c"));
        QCOMPARE(stored.back().hidden.value("difference_db").toDouble(), 8.0);

        home.refresh();
        QCOMPARE(home.data(home.index(0), ExerciseListModel::TotalAttemptsRole).toInt(), 4);

        // The staircase's state was saved with each answer: Home and a new session go on
        // from it, not from the start.
        const QString where = s.difficultyText();
        QVERIFY(where != "8.0 dB");
        QCOMPARE(home.data(home.index(0), ExerciseListModel::DifficultyKindRole).toString(), QString("staircase"));
        QCOMPARE(home.data(home.index(0), ExerciseListModel::DifficultyTextRole).toString(), where);
        QCOMPARE(home.data(home.index(0), ExerciseListModel::ThresholdTextRole).toString(), QString("measuring…"));
        QVERIFY(rig.store.savedDifficulty("test-only")->state.contains("staircase"));
        s.quit();
        Session again(&rig.catalogue, &rig.store, &rig.writer, rig.audio.get(), rig.preferences.get(),
                      [] { return MaterialRef::pinkNoise(); });
        again.start("test-only", 1);
        QCOMPARE(again.difficultyText(), where);
        again.quit();
        // Started at a chosen level instead: that rung's value.
        again.start("test-only", 1, 4);
        QCOMPARE(again.difficultyText(), QString("1.0 dB"));
        again.quit();
    }

    void anAnswerBeforeAnythingPlayedIsKeptButNotCounted()
    {
        Rig rig;
        rig.audio->openDevice("no-such-device"); // nothing can play
        QVERIFY(!rig.audio->available());
        Session& s = *rig.session;
        s.start("test-only", 2);
        QVERIFY(waitFor(s, Session::Question));
        QVERIFY(!s.heard());
        const QString before = s.difficultyText();
        QVERIFY(s.pressKey("2"));
        QVERIFY(s.confirm());
        QVERIFY(waitFor(s, Session::Revealed));
        QVERIFY(!s.lastCounted());
        QCOMPARE(s.verdict(), QString("Not counted"));
        QCOMPARE(s.answeredCount(), 0);
        QCOMPARE(s.difficultyText(), before);
        rig.writer.flush();
        const QList<Attempt> stored = rig.store.recentAttempts("test-only", -1);
        QCOMPARE(stored.size(), 1);
        QVERIFY(!stored.front().heard);
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    app.setApplicationName("EarLabTest");
    TestAppContract test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_contract.moc"
