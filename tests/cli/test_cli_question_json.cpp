// The JSON of earlab-cli exercises and question, for the shapes the standard catalogue does
// not hold yet: a staircase (value and unit, kind "staircase") with a continuous answer
// (range, no options), next to a ladder with choices. A test-only exercise, in-process; the
// real binary is tried on every catalogue exercise in test_cli_question.

#include "app/cli/question_json.h"

#include <QJsonArray>
#include <QTest>

#include <limits>

using namespace earlab;

namespace {

// What the test-only exercises share: texts, levels, and a question started for them.
class Stub : public Exercise {
public:
    Stub(QString id, std::vector<LevelInfo> levels) : m_id(std::move(id)), m_levels(std::move(levels)) {}
    QString id() const override { return m_id; }
    QString title() const override { return "Stub " + m_id; }
    QString summary() const override { return "A test-only exercise."; }
    const std::vector<LevelInfo>& levels() const override { return m_levels; }
    Grade grade(const Question&, const Answer&) const override { return {}; }
    RevealKind revealKind() const override { return RevealKind::Levels; }

protected:
    Question started(const Setting& setting, std::uint64_t seed, const QString& prompt) const
    {
        Question q;
        q.exercise = id();
        q.setting = setting;
        q.seed = seed;
        q.prompt = prompt;
        return q;
    }

private:
    QString m_id;
    std::vector<LevelInfo> m_levels;
};

// A staircase in dB with a continuous answer, as the level exercise's higher rungs ask.
class StaircaseStub final : public Stub {
public:
    StaircaseStub()
        : Stub("stub-staircase", {{1, "6 dB", MaterialNeed::Music, 6.0},
                                  {2, "3 dB", MaterialNeed::Music, 3.0},
                                  {3, "1 dB", MaterialNeed::Music, 1.0}})
    {
    }
    DifficultyKind difficultyKind() const override { return DifficultyKind::Staircase; }
    QString unit() const override { return "dB"; }
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts&) const override
    {
        Question q = started(setting, seed, "How many dB louder is B?");
        q.answerKind = AnswerKind::Continuous;
        q.range = {0, 12, 0.1, "dB", {}, {}};
        Treatment louder;
        louder.gainDb = setting.value;
        q.variants = {{"a", "A", "", Treatment{}}, {"b", "B", "", louder}};
        q.loudnessMatched = false;
        q.hidden = {{"difference_db", setting.value}};
        q.correct = setting.value;
        return q;
    }
};

// A ladder with choices.
class ChoiceStub final : public Stub {
public:
    ChoiceStub() : Stub("stub-choice", {{1, "easy", MaterialNeed::PinkNoise}}) {}
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts&) const override
    {
        Question q = started(setting, seed, "Which is louder?");
        q.options = {{"a", "A", 0, false}, {"b", "B", 0, false}};
        q.variants = {{"a", "A", "", Treatment{}}, {"b", "B", "", Treatment{}}};
        q.correct = "b";
        q.notes = {"Listen to both."};
        return q;
    }
};

PreparedLoop oneSecondLoop()
{
    PreparedLoop loop;
    loop.material = MaterialRef::pinkNoise();
    loop.audio = std::make_shared<const AudioBuffer>(AudioBuffer::silence(2, 48000, 48000));
    return loop;
}

} // namespace

class TestCliQuestionJson : public QObject {
    Q_OBJECT

private slots:
    void staircaseExercise()
    {
        const StaircaseStub e;
        const QJsonObject listed = cli::exerciseJson(e);
        QCOMPARE(listed.value("id").toString(), QString("stub-staircase"));
        QCOMPARE(listed.value("levels").toInt(), 3);
        QCOMPARE(listed.value("kind").toString(), QString("staircase"));
        QCOMPARE(listed.value("unit").toString(), QString("dB"));
    }

    void staircaseQuestionHasValueUnitAndRange()
    {
        const StaircaseStub e;
        const Setting asked{2, 3.0};
        const std::uint64_t seed = std::numeric_limits<std::uint64_t>::max();
        const QJsonObject q = cli::questionJson(e, asked, seed, e.ask(asked, seed, {}), oneSecondLoop(), PlayerConfig{});
        QCOMPARE(q.value("exercise").toString(), QString("stub-staircase"));
        QCOMPARE(q.value("level").toInt(), 2);
        QCOMPARE(q.value("seed").toString(), QString("18446744073709551615")); // every digit, as a string
        QCOMPARE(q.value("value").toDouble(), 3.0);
        QCOMPARE(q.value("unit").toString(), QString("dB"));
        QCOMPARE(q.value("kind").toString(), QString("staircase"));
        QCOMPARE(q.value("answer_kind").toString(), QString("continuous"));
        QVERIFY2(!q.contains("options"), "options for a continuous answer");
        QCOMPARE(q.value("range").toObject().value("maximum").toDouble(), 12.0);
        QCOMPARE(q.value("correct").toDouble(), 3.0);
        QCOMPARE(q.value("loudness_matched").toBool(), false);
        QCOMPARE(q.value("hidden").toObject().value("difference_db").toDouble(), 3.0);
        const QJsonArray variants = q.value("variants").toArray();
        QCOMPARE(variants.size(), 2);
        QCOMPARE(variants.at(1).toObject().value("id").toString(), QString("b"));
        QCOMPARE(variants.at(1).toObject().value("file").toString(), QString("b.wav"));
        QCOMPARE(q.value("material").toObject().value("loop_length_s").toDouble(), 1.0);
    }

    void ladderQuestionHasOptionsAndNoValue()
    {
        const ChoiceStub e;
        const Setting asked{1};
        const QJsonObject q = cli::questionJson(e, asked, 9, e.ask(asked, 9, {}), oneSecondLoop(), PlayerConfig{});
        QCOMPARE(q.value("kind").toString(), QString("ladder"));
        QVERIFY(!q.contains("value") && !q.contains("unit") && !q.contains("range"));
        const QJsonArray options = q.value("options").toArray();
        QCOMPARE(options.size(), 2);
        QCOMPARE(options.at(0).toObject(), (QJsonObject{{"id", "a"}, {"label", "A"}}));
        QCOMPARE(q.value("correct").toString(), QString("b"));
        QCOMPARE(q.value("notes").toArray().size(), 1);
        QVERIFY(!cli::exerciseJson(e).contains("unit"));
    }
};

QTEST_GUILESS_MAIN(TestCliQuestionJson)
#include "test_cli_question_json.moc"
