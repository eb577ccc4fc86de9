// Balance and pan: the interchannel level difference (ILD) of the rendered variants is the pan
// law's (audio/dsp/gain_pan.h) within 0.3 dB on every built-in loop and on pink noise, the most
// extreme pan stays under -1 dBFS after the master section, and simulated listeners who hear
// only the renders' ILD through Gaussian noise find level 1 easy and the hardest rungs hard.

#include "render_listener.h"

#include "exercises/pan_exercise.h"

#include "audio/dsp/pink_noise.h"
#include "audio/io/loudness.h"

#include <QTest>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr double kPanJndDb = 1.0;       // sd of the "pan" listener's ILD judgement, dB
constexpr double kDirectionJndDb = 0.7; // sd of the "pan-direction" listener's, dB

const char* const kLoops[] = {"pop-rock", "electronic", "acoustic-jazz"};

std::shared_ptr<const PreparedLoop> pinkLoop()
{
    auto loop = std::make_shared<PreparedLoop>();
    loop->material = MaterialRef::pinkNoise();
    loop->audio = std::make_shared<const AudioBuffer>(dsp::makePinkNoise(2.0, kEngineSampleRate, -20.0, 0x5eed));
    return loop;
}

} // namespace

class TestPanExercise : public QObject {
    Q_OBJECT

private slots:
    void panLaw()
    {
        QCOMPARE(panIldDb(0.0), 0.0);
        // tan(3 pi / 8) = 1 + sqrt2: 7.66 dB at half right.
        QVERIFY(std::abs(panIldDb(0.5) - 20 * std::log10(1 + std::numbers::sqrt2)) < 1e-5);
        QVERIFY(std::isinf(panIldDb(1.0)) && panIldDb(1.0) > 0);
        for (double p = -0.99; p < 1.0; p += 0.01)
            QVERIFY2(std::abs(panForIldDb(panIldDb(p)) - p) < 1e-6, qPrintable(QString::number(p)));
        QCOMPARE(panForIldDb(1000.0), 1.0);
        QCOMPARE(panForIldDb(-1000.0), -1.0);
    }

    void ladder()
    {
        const PanExercise e;
        QCOMPARE(e.difficultyKind(), DifficultyKind::Ladder);
        QCOMPARE(e.levelCount(), 7);
        for (const PanLevel& l : PanExercise::panLevels()) {
            qInfo("| %d | %s | grid %g | ±%g |", l.number, qPrintable(e.level(l.number).description), l.gridStep,
                  l.tolerance);
            QSet<double> seen;
            for (std::uint64_t seed = 0; seed < 100; ++seed) {
                const Question q = e.ask({l.number}, seed, {});
                QCOMPARE(e.ask({l.number}, seed, {}).hidden, q.hidden);
                QCOMPARE(q.answerKind, AnswerKind::StereoField);
                QCOMPARE(q.range.minimum, -1.0);
                QCOMPARE(q.range.maximum, 1.0);
                QVERIFY(q.loudnessMatched);
                QCOMPARE(q.variants[0].id, QStringLiteral("reference"));
                QCOMPARE(q.variants[1].id, QStringLiteral("processed"));
                QVERIFY(q.variants[0].treatment.isFlat());
                QVERIFY(q.hidden["stem"].isNull());
                const double pan = q.hidden["pan"].toDouble();
                QCOMPARE(q.variants[1].treatment.pan, pan);
                QCOMPARE(q.correct.toDouble(), pan);
                const double onGrid = std::round((pan + 1) / l.gridStep) * l.gridStep - 1;
                QVERIFY(std::abs(onGrid - pan) < 1e-9);
                seen.insert(pan);
            }
            if (l.gridStep >= 0.25) // every coarse position comes up
                QCOMPARE(seen.size(), qsizetype(std::lround(2 / l.gridStep) + 1));
        }
    }

    void grading()
    {
        const PanExercise e;
        const Question q = e.ask({2}, 4, {});
        const double truth = q.hidden["pan"].toDouble();
        Answer a;
        a.value = truth;
        Grade g = e.grade(q, a);
        QVERIFY(g.correct);
        QCOMPARE(g.score, 1.0);
        QCOMPARE(g.plot.kind, RevealKind::StereoField);
        QCOMPARE(g.plot.truth.front().x(), truth);
        QCOMPARE(g.answerTreatment->pan, truth);
        a.value = truth + (truth > 0 ? -0.2 : 0.2); // 0.2 off: wrong at ±0.125, score 0.6
        g = e.grade(q, a);
        QVERIFY(!g.correct);
        QVERIFY(std::abs(g.score - 0.6) < 1e-9);
        QCOMPARE(g.plot.answer.front().x(), a.value);
        a.value = truth + (truth > 0 ? -0.1 : 0.1);
        QVERIFY(e.grade(q, a).correct);
        a.value = std::numeric_limits<double>::quiet_NaN();
        g = e.grade(q, a);
        QVERIFY(!g.correct);
        QVERIFY(!g.answerTreatment);
    }

    // The rendered processed variant, loudness-matched as the app plays it, has the pan law's
    // ILD against the reference.
    void renderedIldIsThePanLaw()
    {
        const PanExercise e;
        std::vector<std::shared_ptr<const PreparedLoop>> loops{pinkLoop()};
        for (const char* id : kLoops)
            loops.push_back(builtinLoop(id));
        double worst = 0;
        int checked = 0;
        for (const auto& loop : loops) {
            QVERIFY(loop);
            for (std::uint64_t seed = 0; seed < 12; ++seed) {
                const Question q = e.ask({4}, seed, factsOf(*loop));
                const double pan = q.hidden["pan"].toDouble();
                const auto renders = renderVariants(*loop, q);
                if (std::abs(pan) == 1.0) { // hard: the other channel is silent
                    QCOMPARE(meanSquare(renders[1].channels[pan > 0 ? 0 : 1]), 0.0);
                    continue;
                }
                const double measured = ildDb(renders[1]) - ildDb(renders[0]);
                worst = std::max(worst, std::abs(measured - panIldDb(pan)));
                ++checked;
            }
        }
        qInfo("pan law: worst |rendered ILD - law| = %.4f dB over %d questions (pink noise + 3 loops)", worst, checked);
        QVERIFY(checked >= 40);
        QVERIFY(worst <= 0.3);
    }

    // The most extreme setting, a hard pan: after the master section nothing passes -1 dBFS;
    // what the limiter had to take is printed.
    void hardPanPeaks()
    {
        for (const char* id : kLoops) {
            const auto loop = builtinLoop(id);
            for (double pan : {-1.0, 1.0}) {
                Treatment t;
                t.pan = pan;
                t = matchedTreatment(*loop, t, true);
                const AudioBuffer plain = renderTreatment(*loop->audio, t);
                const AudioBuffer mastered = renderMastered(*loop->audio, t);
                const double tp = measureLoudness(mastered).truePeakDbtp;
                qInfo("%s pan %+g: unlimited peak %.2f dBFS / %.2f dBTP; after the master section %.2f dBFS / %.2f dBTP",
                      id, pan, samplePeakDb(plain), measureLoudness(plain).truePeakDbtp, samplePeakDb(mastered), tp);
                QVERIFY(samplePeakDb(mastered) <= -1.0 + 1e-4);
                QVERIFY(tp <= -1.0 + 0.05);
            }
        }
    }

    void panListener()
    {
        const PanExercise e;
        const auto loop = excerpt(*builtinLoop("pop-rock"), 8.0, 0.5);
        SeededRandom ear(99);
        std::vector<double> accuracy;
        qInfo("| Level | Positions, tolerance | Correct | Mean score |");
        qInfo("|---|---|---|---|");
        for (const PanLevel& l : PanExercise::panLevels()) {
            if (l.stem)
                continue; // the mix's levels; one stem's: test_pan_stem.cpp
            constexpr int kQuestions = 150;
            int correct = 0;
            double score = 0;
            for (int i = 0; i < kQuestions; ++i) {
                const Question q = e.ask({l.number}, std::uint64_t(l.number) * 1009 + std::uint64_t(i), factsOf(*loop));
                const auto renders = renderVariants(*loop, q);
                const double heard = ildDb(renders[1]) - ildDb(renders[0]) + kPanJndDb * gaussian(ear);
                Answer a;
                a.value = std::round(panForIldDb(heard) * 100) / 100;
                const Grade g = e.grade(q, a);
                correct += g.correct;
                score += g.score;
            }
            accuracy.push_back(double(correct) / kQuestions);
            qInfo("| %d | %s | %.0f %% | %.2f |", l.number, qPrintable(e.level(l.number).description),
                  100 * accuracy.back(), score / kQuestions);
        }
        QVERIFY2(accuracy.front() >= 0.9, "level 1 must be answerable");
        QVERIFY(accuracy.back() < accuracy.front() - 0.2);
        for (std::size_t i = 1; i < accuracy.size(); ++i)
            QVERIFY(accuracy[i] <= accuracy[i - 1] + 0.05);
    }

    void directionQuestions()
    {
        const PanDirectionExercise e;
        QCOMPARE(e.difficultyKind(), DifficultyKind::Staircase);
        QCOMPARE(e.unit(), QStringLiteral("dB"));
        QCOMPARE(e.levels().front().value, 6.0);
        QCOMPARE(e.levels().back().value, 0.2);
        for (const LevelInfo& l : e.levels())
            qInfo("| %d | %g dB | %s |", l.number, l.value, qPrintable(l.description));
        int right = 0;
        for (std::uint64_t seed = 0; seed < 200; ++seed) {
            const Question q = e.ask({1, 1.3}, seed, {});
            QCOMPARE(e.ask({1, 1.3}, seed, {}).hidden, q.hidden);
            QVERIFY(q.loudnessMatched);
            QCOMPARE(q.variants[0].id, QStringLiteral("a"));
            QCOMPARE(q.variants[1].id, QStringLiteral("b"));
            const double a = q.hidden["pan_a"].toDouble(), b = q.hidden["pan_b"].toDouble();
            QVERIFY(std::abs(a) <= PanDirectionExercise::kBaseSpread);
            QCOMPARE(q.variants[0].treatment.pan, a);
            QCOMPARE(q.variants[1].treatment.pan, b);
            const QString dir = q.hidden["direction"].toString();
            QCOMPARE(dir, b > a ? QStringLiteral("right") : QStringLiteral("left"));
            QCOMPARE(q.correct.toString(), dir);
            QCOMPARE(q.hidden["ild_db"].toDouble(), 1.3);
            QVERIFY(std::abs(std::abs(panIldDb(b) - panIldDb(a)) - 1.3) < 1e-4);
            right += dir == "right";
            Answer ans;
            ans.option = dir;
            const Grade g = e.grade(q, ans);
            QVERIFY(g.correct);
            QCOMPARE(g.category, dir);
            QCOMPARE(g.answerTreatment->pan, b);
            ans.option = dir == "right" ? "left" : "right";
            QVERIFY(!e.grade(q, ans).correct);
        }
        QVERIFY(right > 70 && right < 130);
    }

    // B's ILD against A in the renders, as the app plays them (A as it is, B loudness-matched),
    // is the stated difference within 0.3 dB; how far apart their loudness ends is printed.
    void directionRenders()
    {
        const PanDirectionExercise e;
        double worst = 0, worstLoudness = 0;
        for (const char* id : kLoops) {
            const auto loop = builtinLoop(id);
            for (double d : {6.0, 1.0, 0.2}) {
                for (std::uint64_t seed = 0; seed < 3; ++seed) {
                    const Question q = e.ask({1, d}, seed, factsOf(*loop));
                    const auto renders = renderVariants(*loop, q);
                    const double sign = q.hidden["direction"].toString() == "right" ? 1 : -1;
                    worst = std::max(worst, std::abs(ildDb(renders[1]) - ildDb(renders[0]) - sign * d));
                    worstLoudness = std::max(worstLoudness, std::abs(integratedLoudnessLufs(renders[1]) -
                                                                     integratedLoudnessLufs(renders[0])));
                }
            }
        }
        qInfo("pan-direction: worst |rendered ILD(B) - ILD(A) - stated| = %.4f dB; A and B loudness differ by at most "
              "%.3f dB (A, the reference, is not matched by the app)",
              worst, worstLoudness);
        QVERIFY(worst <= 0.3);
    }

    void directionListener()
    {
        const PanDirectionExercise e;
        const auto loop = excerpt(*builtinLoop("pop-rock"), 8.0, 0.5);
        SeededRandom ear(31);
        std::vector<double> accuracy;
        qInfo("| Level | ILD | Correct | Φ(d / σ) |");
        qInfo("|---|---|---|---|");
        for (const LevelInfo& l : e.levels()) {
            constexpr int kQuestions = 150;
            int correct = 0;
            for (int i = 0; i < kQuestions; ++i) {
                const Question q = e.ask({l.number, l.value}, std::uint64_t(l.number) * 4099 + std::uint64_t(i), factsOf(*loop));
                const auto renders = renderVariants(*loop, q);
                const double heard = ildDb(renders[1]) - ildDb(renders[0]) + kDirectionJndDb * gaussian(ear);
                Answer a;
                a.option = heard > 0 ? QStringLiteral("right") : QStringLiteral("left");
                correct += e.grade(q, a).correct;
            }
            accuracy.push_back(double(correct) / kQuestions);
            const double expected = 0.5 * std::erfc(-l.value / kDirectionJndDb / std::numbers::sqrt2);
            qInfo("| %d | %g dB | %.0f %% | %.0f %% |", l.number, l.value, 100 * accuracy.back(), 100 * expected);
        }
        QVERIFY2(accuracy.front() >= 0.9, "level 1 must be answerable");
        QVERIFY(accuracy.back() <= 0.75);
        for (std::size_t i = 1; i < accuracy.size(); ++i)
            QVERIFY(accuracy[i] <= accuracy[i - 1] + 0.08);
    }
};

QTEST_APPLESS_MAIN(TestPanExercise)
#include "test_pan_exercise.moc"
