// The level exercise: the difference it states is the one the renders have (RMS and BS.1770,
// within 0.05 dB), the louder variant stays under the master limiter's -1 dBFS ceiling with
// margin on every built-in loop so the limiter never acts, and a simulated listener that hears
// only the renders' level difference (through a Gaussian 0.5 dB judgement noise) finds level
// 1 easy and the last rungs near chance.

#include "render_listener.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/level_exercise.h"
#include "exercises/sided_amount.h"

#include "audio/io/loudness.h"

#include <QTest>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr double kLevelJndDb = 0.5; // sd of the simulated listener's level judgement

const char* const kLoops[] = {"pop-rock", "electronic", "acoustic-jazz"};

} // namespace

class TestLevelExercise : public QObject {
    Q_OBJECT

private slots:
    void catalogueOrder()
    {
        const ExerciseCatalogue c = ExerciseCatalogue::standard();
        QStringList ids;
        for (const auto& e : c.all())
            ids << e->id();
        // The level and stereo exercises come together, in this order.
        const QStringList tail = ids.mid(ids.indexOf("level"), 4);
        QCOMPARE(tail, QStringList({"level", "pan", "pan-direction", "width"}));
    }

    void staircaseRungs()
    {
        const LevelExercise e;
        QCOMPARE(e.difficultyKind(), DifficultyKind::Staircase);
        QCOMPARE(e.unit(), QStringLiteral("dB"));
        QCOMPARE(e.levels().front().value, 6.0);
        QCOMPARE(e.levels().back().value, 0.1);
        for (std::size_t i = 1; i < e.levels().size(); ++i)
            QVERIFY(e.levels()[i].value < e.levels()[i - 1].value);
        for (const LevelInfo& l : e.levels()) {
            qInfo("| %d | %g dB | %s |", l.number, l.value, qPrintable(l.description));
            QCOMPARE(l.material, MaterialNeed::Music);
        }
    }

    void questionsAreSeededSymmetricAndUnmatched()
    {
        const LevelExercise e;
        const MaterialFacts none;
        int bLouder = 0;
        for (std::uint64_t seed = 0; seed < 200; ++seed) {
            const Question q = e.ask({1, 3.0}, seed, none);
            QCOMPARE(e.ask({1, 3.0}, seed, none).hidden, q.hidden);
            QVERIFY(!q.loudnessMatched);
            QCOMPARE(q.variants.size(), std::size_t(2));
            QCOMPARE(q.variants[0].id, QStringLiteral("a"));
            QCOMPARE(q.variants[1].id, QStringLiteral("b"));
            const double ga = q.variants[0].treatment.gainDb, gb = q.variants[1].treatment.gainDb;
            const QString louder = q.hidden["louder"].toString();
            QCOMPARE(q.hidden["difference_db"].toDouble(), 3.0);
            QVERIFY(std::abs(std::abs(ga - gb) - 3.0) < 1e-12);
            QCOMPARE(louder, gb > ga ? QStringLiteral("b") : QStringLiteral("a"));
            // No loop: the louder one at -1 - 0.5 - 1.5 = -3 dB, both moved from the original.
            QVERIFY(std::abs(std::max(ga, gb) - (kLevelCeilingDb - kLevelHeadroomMarginDb - kLevelUnknownPeakDbtp)) < 1e-12);
            QVERIFY(ga != 0.0 && gb != 0.0);
            bLouder += louder == "b";
        }
        QVERIFY(bLouder > 70 && bLouder < 130);
    }

    void amountAskedFromLevelFour()
    {
        const LevelExercise e;
        for (const LevelInfo& l : e.levels()) {
            const Question q = e.ask({l.number}, 5, {}); // by level only: that rung's value
            QCOMPARE(q.hidden["difference_db"].toDouble(), l.value);
            QCOMPARE(q.setting.level, l.number);
            const bool amount = l.number >= kLevelAmountFromLevel;
            QCOMPARE(q.hidden["amount_asked"].toBool(), amount);
            QCOMPARE(q.options.size(), std::size_t(amount ? 2 * kAmountChoices : 2));
            QVERIFY(option(q, q.correct.toString()));
        }
        // The true amount is not always in the same place among the choices.
        QSet<int> places;
        for (std::uint64_t seed = 0; seed < 50; ++seed) {
            const Question q = e.ask({1, 1.0}, seed, {});
            const QString amount = q.correct.toString().section(':', 1);
            for (int i = 0; i < kAmountChoices; ++i)
                if (q.options[std::size_t(i)].id.section(':', 1) == amount)
                    places.insert(i);
        }
        QVERIFY(places.size() >= 3);
    }

    void grading()
    {
        const LevelExercise e;
        const Question easy = e.ask({1}, 3, {});
        const QString right = easy.correct.toString();
        const QString wrong = right == "a" ? "b" : "a";
        Answer a;
        a.option = right;
        Grade g = e.grade(easy, a);
        QVERIFY(g.correct);
        QCOMPARE(g.score, 1.0);
        QCOMPARE(g.category, easy.hidden["louder"].toString());
        QVERIFY(g.answerTreatment);
        QVERIFY(g.explanation.contains("6.0 dB"));
        a.option = wrong;
        g = e.grade(easy, a);
        QVERIFY(!g.correct);
        QCOMPARE(g.score, 0.0);
        // The answer heard never goes above the headroom limit.
        QVERIFY(g.answerTreatment->gainDb <= LevelExercise::maxGainDb({}) + 1e-12);

        const Question hard = e.ask({1, 1.0}, 8, {});
        a.option = hard.correct.toString();
        g = e.grade(hard, a);
        QVERIFY(g.correct);
        QCOMPARE(g.score, 1.0);
        QCOMPARE(g.answer["difference_db"].toDouble(), 1.0);
        // The neighbouring amount on the right side: right, half the score.
        const QString side = a.option.section(':', 0, 0);
        std::vector<double> amounts;
        for (const AnswerOption& o : hard.options)
            if (o.id.startsWith(side))
                amounts.push_back(o.value);
        const auto at = std::find(amounts.begin(), amounts.end(), 1.0) - amounts.begin();
        const double neighbour = amounts[std::size_t(at > 0 ? at - 1 : at + 1)];
        a.option = side + ':' + QString::number(neighbour, 'g', 6);
        g = e.grade(hard, a);
        QVERIFY(g.correct);
        QCOMPARE(g.score, 0.5);
        a.option = "nonsense";
        g = e.grade(hard, a);
        QVERIFY(!g.correct);
        QVERIFY(!g.answerTreatment);
    }

    // The stated difference is the rendered one, on every built-in loop, at easy and hard rungs.
    void statedDifferenceIsMeasured()
    {
        const LevelExercise e;
        double worstRms = 0, worstLoudness = 0;
        for (const char* id : kLoops) {
            const auto loop = builtinLoop(id);
            QVERIFY(loop);
            for (double d : {6.0, 2.0, 0.7, 0.1}) {
                const Question q = e.ask({1, d}, 11, factsOf(*loop));
                const auto renders = renderVariants(*loop, q);
                const double rms = rmsDb(renders[1]) - rmsDb(renders[0]);
                const double lufs = integratedLoudnessLufs(renders[1]) - integratedLoudnessLufs(renders[0]);
                const double stated = (q.hidden["louder"].toString() == "b" ? 1 : -1) * d;
                worstRms = std::max(worstRms, std::abs(rms - stated));
                worstLoudness = std::max(worstLoudness, std::abs(lufs - stated));
            }
        }
        qInfo("level accuracy: worst |measured - stated| = %.4f dB (RMS), %.4f dB (BS.1770), 3 loops x 4 rungs",
              worstRms, worstLoudness);
        QVERIFY(worstRms <= 0.05);
        QVERIFY(worstLoudness <= 0.05);
    }

    // At 6 dB, the most extreme setting, the louder variant's sample and true peak stay under
    // -1 dBFS with margin on every built-in loop, and the master section's limiter leaves the
    // render untouched (only the transport fades differ).
    void limiterNeverActs()
    {
        const LevelExercise e;
        const PlayerConfig config;
        const auto fade = std::size_t(0.05 * kEngineSampleRate);
        for (const char* id : kLoops) {
            const auto loop = builtinLoop(id);
            const Question q = e.ask({1}, 2, factsOf(*loop));
            QCOMPARE(q.hidden["difference_db"].toDouble(), 6.0);
            for (std::size_t v = 0; v < 2; ++v) {
                const Treatment& t = q.variants[v].treatment;
                const AudioBuffer plain = renderTreatment(*loop->audio, t);
                const Loudness l = measureLoudness(plain);
                const double peak = samplePeakDb(plain);
                qInfo("%s at 6 dB, variant %s (%+.2f dB): sample peak %.2f dBFS, true peak %.2f dBTP", id,
                      qPrintable(q.variants[v].id), t.gainDb, peak, l.truePeakDbtp);
                QVERIFY(peak <= config.limiterCeilingDb - kLevelHeadroomMarginDb + 1e-6);
                QVERIFY(l.truePeakDbtp <= config.limiterCeilingDb - kLevelHeadroomMarginDb + 0.01);

                const AudioBuffer mastered = renderMastered(*loop->audio, t, config);
                QCOMPARE(mastered.frames(), plain.frames());
                QCOMPARE(maxDifference(plain, mastered, fade), 0.0f);
            }
            // The check can fail: 3 dB more than the headroom allows and the limiter acts.
            Treatment hot = q.variants[std::size_t(q.hiddenVariant)].treatment;
            hot.gainDb += kLevelHeadroomMarginDb + 3.0;
            const float acted = maxDifference(renderTreatment(*loop->audio, hot), renderMastered(*loop->audio, hot, config), fade);
            QVERIFY2(acted > 1e-3f, id);
        }
    }

    // A listener who hears the renders' RMS difference through Gaussian noise (sd 0.5 dB).
    void simulatedListener()
    {
        const LevelExercise e;
        const auto loop = excerpt(*builtinLoop("pop-rock"), 8.0, 0.5);
        const MaterialFacts facts = factsOf(*loop);
        SeededRandom ear(1234);
        std::vector<double> accuracy;
        qInfo("| Level | Difference | Correct (side) | Φ(d / σ) | Mean score |");
        qInfo("|---|---|---|---|---|");
        for (const LevelInfo& l : e.levels()) {
            constexpr int kQuestions = 200;
            int correct = 0;
            double score = 0;
            for (int i = 0; i < kQuestions; ++i) {
                const Question q = e.ask({l.number, l.value}, std::uint64_t(l.number) * 7919 + std::uint64_t(i), facts);
                const auto renders = renderVariants(*loop, q);
                const double heard = rmsDb(renders[1]) - rmsDb(renders[0]) + kLevelJndDb * gaussian(ear);
                const Grade g = e.grade(q, sidedAnswerFor(q, heard > 0 ? "b" : "a", std::abs(heard)));
                correct += g.correct;
                score += g.score;
            }
            accuracy.push_back(double(correct) / kQuestions);
            // The side is right when the noise does not flip the sign: Φ(d / σ) expected.
            const double expected = 0.5 * std::erfc(-l.value / kLevelJndDb / std::numbers::sqrt2);
            qInfo("| %d | %g dB | %.0f %% | %.0f %% | %.2f |", l.number, l.value, 100 * accuracy.back(), 100 * expected,
                  score / kQuestions);
        }
        QVERIFY2(accuracy.front() >= 0.9, "level 1 must be answerable");
        QVERIFY(accuracy.back() <= 0.7);
        QVERIFY(accuracy.back() < accuracy.front() - 0.25);
        // Falls (within the noise of 200 questions) as the difference shrinks.
        for (std::size_t i = 1; i < accuracy.size(); ++i)
            QVERIFY(accuracy[i] <= accuracy[i - 1] + 0.08);
    }

private:
    // Largest |a - b| over both channels, leaving out `edge` frames at each end (the fades).
    static float maxDifference(const AudioBuffer& a, const AudioBuffer& b, std::size_t edge)
    {
        float worst = 0;
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = edge; i + edge < a.frames(); ++i)
                worst = std::max(worst, std::abs(a.channels[c][i] - b.channels[c][i]));
        return worst;
    }
};

QTEST_APPLESS_MAIN(TestLevelExercise)
#include "test_level_exercise.moc"
