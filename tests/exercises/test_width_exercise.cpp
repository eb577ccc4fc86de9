// Stereo width: questions, grading, the "nearly mono" note, and renders measured by their
// side-to-mid ratio. The engine side of Treatment::widthPercent is built on another branch:
// renderAppliesWidth() tells whether this build's render applies it (a 0 % render must have
// L == R). Tests of the render itself QSKIP when it does not; the simulated listener then
// hears renders made with this test's own mid/side formula (treatment.h's definition: mid
// (L + R) / 2 kept, side (L - R) / 2 times width / 100) and says so in its output.

#include "render_listener.h"

#include "exercises/sided_amount.h"
#include "exercises/width_exercise.h"

#include "audio/io/loudness.h"

#include <QTest>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr double kWidthJndDb = 1.0; // sd of the listener's judgement of the side level, dB

const char* const kLoops[] = {"pop-rock", "electronic", "acoustic-jazz"};

bool renderAppliesWidth()
{
    const auto loop = excerpt(*builtinLoop("pop-rock"), 8.0, 0.1);
    Treatment mono;
    mono.widthPercent = 0;
    const AudioBuffer r = renderTreatment(*loop->audio, mono);
    for (std::size_t i = 0; i < r.frames(); ++i)
        if (std::abs(r.channels[0][i] - r.channels[1][i]) > 1e-6f)
            return false;
    return true;
}

constexpr const char* kNoWidthInRender =
    "renderTreatment ignores Treatment::widthPercent on this branch (a 0 % render has L != R): "
    "the engine's width is being built on another branch";

// TEST ONLY, for a build whose render ignores widthPercent: treatment.h's mid/side width.
void applyOwnWidth(AudioBuffer& a, double widthPercent)
{
    const float k = float(widthPercent / 100.0);
    for (std::size_t i = 0; i < a.frames(); ++i) {
        const float l = a.channels[0][i], r = a.channels[1][i];
        const float m = 0.5f * (l + r), s = 0.5f * (l - r) * k;
        a.channels[0][i] = m + s;
        a.channels[1][i] = m - s;
    }
}

// The variants as the app plays them (the processed one loudness-matched to the flat loop):
// through the render when it applies width, else through applyOwnWidth (and matched here).
std::vector<AudioBuffer> renderWidthVariants(const PreparedLoop& loop, const Question& q, bool engineWidth)
{
    if (engineWidth)
        return renderVariants(loop, q);
    std::vector<AudioBuffer> out{renderTreatment(*loop.audio, q.variants[0].treatment)};
    Treatment t = q.variants[1].treatment;
    const double width = t.widthPercent;
    t.widthPercent = 100;
    AudioBuffer processed = renderTreatment(*loop.audio, t);
    applyOwnWidth(processed, width);
    applyGainDb(processed, loudnessMatchGainDb(out[0], processed));
    out.push_back(std::move(processed));
    return out;
}

} // namespace

class TestWidthExercise : public QObject {
    Q_OBJECT

private slots:
    void staircase()
    {
        const WidthExercise e;
        QCOMPARE(e.difficultyKind(), DifficultyKind::Staircase);
        QCOMPARE(e.unit(), QStringLiteral("%"));
        QCOMPARE(e.levels().front().value, 100.0);
        QCOMPARE(e.levels().back().value, 2.0);
        for (const LevelInfo& l : e.levels()) {
            QCOMPARE(l.material, MaterialNeed::Music);
            qInfo("| %d | %g %% | %s |", l.number, l.value, qPrintable(l.description));
        }
    }

    void questions()
    {
        const WidthExercise e;
        int wider = 0;
        for (std::uint64_t seed = 0; seed < 200; ++seed) {
            const Question q = e.ask({1, 100}, seed, {});
            QCOMPARE(e.ask({1, 100}, seed, {}).hidden, q.hidden);
            QVERIFY(q.loudnessMatched);
            QCOMPARE(q.variants[0].id, QStringLiteral("flat"));
            QCOMPARE(q.variants[1].id, QStringLiteral("processed"));
            QVERIFY(q.variants[0].treatment.isFlat());
            const double w = q.hidden["width_percent"].toDouble();
            QCOMPARE(q.variants[1].treatment.widthPercent, w);
            const QString dir = q.hidden["direction"].toString();
            QCOMPARE(w, dir == "wider" ? 200.0 : 0.0);
            QCOMPARE(q.options.size(), std::size_t(2));
            QCOMPARE(q.correct.toString(), dir);
            wider += dir == "wider";
        }
        QVERIFY(wider > 70 && wider < 130);
        for (const LevelInfo& l : e.levels()) {
            const Question q = e.ask({l.number}, 9, {});
            QCOMPARE(q.hidden["change_percent"].toDouble(), l.value);
            const bool amount = l.number >= kWidthAmountFromLevel;
            QCOMPARE(q.options.size(), std::size_t(amount ? 2 * kAmountChoices : 2));
            QVERIFY(option(q, q.correct.toString()));
        }
    }

    void grading()
    {
        const WidthExercise e;
        const Question q = e.ask({1, 25}, 3, {});
        const bool wider = q.hidden["direction"].toString() == "wider";
        Answer a;
        a.option = q.correct.toString();
        Grade g = e.grade(q, a);
        QVERIFY(g.correct);
        QCOMPARE(g.score, 1.0);
        QCOMPARE(g.answerTreatment->widthPercent, wider ? 125.0 : 75.0);
        QCOMPARE(g.plot.kind, RevealKind::Levels);
        QVERIFY(std::abs(g.plot.truth.front().y() - 20 * std::log10(wider ? 1.25 : 0.75)) < 1e-9);
        a = sidedAnswerFor(q, wider ? "narrower" : "wider", 25);
        g = e.grade(q, a);
        QVERIFY(!g.correct);
        QCOMPARE(g.score, 0.0);
    }

    void monoMaterialIsSaid()
    {
        const WidthExercise e;
        MaterialFacts facts;
        QVERIFY(e.ask({1}, 1, facts).notes.isEmpty()); // no loop: nothing known
        for (const char* id : kLoops) {
            const auto loop = builtinLoop(id);
            const double smr = WidthExercise::sideToMidDb(*loop->audio);
            qInfo("%s: side %.1f dB below mid", id, -smr);
            QVERIFY(e.ask({1}, 1, factsOf(*loop)).notes.isEmpty());
        }
        auto mono = std::make_shared<AudioBuffer>(*excerpt(*builtinLoop("pop-rock"), 8.0, 0.5)->audio);
        mono->channels[1] = mono->channels[0];
        facts.loop = mono;
        QCOMPARE(e.ask({1}, 1, facts).notes.size(), qsizetype(1));
        QVERIFY(e.ask({1}, 1, facts).notes.front().contains("mono"));
        // Nearly mono: side 40 dB down.
        for (std::size_t i = 0; i < mono->frames(); ++i)
            mono->channels[1][i] = mono->channels[0][i] * 0.98f;
        QVERIFY(WidthExercise::sideToMidDb(*mono) < kWidthMonoBelowDb);
        QVERIFY(e.ask({1}, 1, facts).notes.front().contains("nearly mono"));
    }

    // Needs the engine's width: the render's side/mid ratio moves by 20 log10(width / 100).
    void renderedWidthIsStated()
    {
        if (!renderAppliesWidth())
            QSKIP(kNoWidthInRender);
        const auto loop = builtinLoop("pop-rock");
        const double flat = WidthExercise::sideToMidDb(*loop->audio);
        double worst = 0;
        for (double w : {50.0, 75.0, 98.0, 102.0, 125.0, 150.0, 200.0}) {
            Treatment t;
            t.widthPercent = w;
            const double measured = WidthExercise::sideToMidDb(renderTreatment(*loop->audio, t)) - flat;
            worst = std::max(worst, std::abs(measured - 20 * std::log10(w / 100)));
        }
        qInfo("width: worst |rendered side/mid change - 20 log10(w / 100)| = %.4f dB", worst);
        QVERIFY(worst <= 0.05);
    }

    // Needs the engine's width: 0 % and 200 % after matching and the master section stay
    // under -1 dBFS.
    void extremeWidthPeaks()
    {
        const bool engineWidth = renderAppliesWidth();
        for (const char* id : kLoops) {
            const auto loop = builtinLoop(id);
            for (double w : {0.0, 200.0}) {
                Treatment t;
                t.widthPercent = w;
                if (!engineWidth) { // printed for the report, measured with the test's own formula
                    AudioBuffer own = *loop->audio;
                    applyOwnWidth(own, w);
                    applyGainDb(own, loudnessMatchGainDb(*loop->audio, own));
                    qInfo("%s width %g %% (test's own M/S formula, matched): peak %.2f dBFS / %.2f dBTP before the "
                          "master section", id, w, samplePeakDb(own), measureLoudness(own).truePeakDbtp);
                    continue;
                }
                t = matchedTreatment(*loop, t, true);
                const AudioBuffer mastered = renderMastered(*loop->audio, t);
                qInfo("%s width %g %%: unlimited peak %.2f dBFS; after the master section %.2f dBFS", id, w,
                      samplePeakDb(renderTreatment(*loop->audio, t)), samplePeakDb(mastered));
                QVERIFY(samplePeakDb(mastered) <= -1.0 + 1e-4);
                QVERIFY(measureLoudness(mastered).truePeakDbtp <= -1.0 + 0.05);
            }
        }
        if (!engineWidth)
            QSKIP(kNoWidthInRender);
    }

    // A listener who hears the side level of the processed mix against the flat one (side/mid
    // ratio of the renders, through Gaussian noise of 1 dB) and names the amount nearest it.
    void simulatedListener()
    {
        const bool engineWidth = renderAppliesWidth();
        if (!engineWidth)
            qInfo("NOTE: %s; the renders below use this test's own M/S formula.", kNoWidthInRender);
        const WidthExercise e;
        const auto loop = excerpt(*builtinLoop("pop-rock"), 8.0, 0.5);
        SeededRandom ear(5);
        std::vector<double> accuracy;
        qInfo("| Level | Change | Correct (direction) | Mean score |");
        qInfo("|---|---|---|---|");
        for (const LevelInfo& l : e.levels()) {
            constexpr int kQuestions = 200;
            int correct = 0;
            double score = 0;
            for (int i = 0; i < kQuestions; ++i) {
                const Question q = e.ask({l.number, l.value}, std::uint64_t(l.number) * 6151 + std::uint64_t(i), factsOf(*loop));
                const auto renders = renderWidthVariants(*loop, q, engineWidth);
                const double side = std::max(-60.0, WidthExercise::sideToMidDb(renders[1])) -
                                    WidthExercise::sideToMidDb(renders[0]);
                const double heard = side + kWidthJndDb * gaussian(ear);
                const double width = 100 * std::pow(10.0, heard / 20);
                const Grade g = e.grade(q, sidedAnswerFor(q, heard > 0 ? "wider" : "narrower", std::abs(width - 100)));
                correct += g.correct;
                score += g.score;
            }
            accuracy.push_back(double(correct) / kQuestions);
            qInfo("| %d | %g %% | %.0f %% | %.2f |", l.number, l.value, 100 * accuracy.back(), score / kQuestions);
        }
        QVERIFY2(accuracy.front() >= 0.9, "level 1 must be answerable");
        QVERIFY(accuracy.back() <= 0.7);
        for (std::size_t i = 1; i < accuracy.size(); ++i)
            QVERIFY(accuracy[i] <= accuracy[i - 1] + 0.08);
    }
};

QTEST_APPLESS_MAIN(TestWidthExercise)
#include "test_width_exercise.moc"
