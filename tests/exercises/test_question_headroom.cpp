// Headroom under the safety limiter (issue 7, section 7: "nothing above −1 dBFS at any
// exercise's most extreme setting"): every exercise of the catalogue, at its most extreme
// questions, on pink noise and on every built-in loop (with its stems), prepared as the app
// prepares it (matchVariants: loudness matching, then one common gain when a variant would
// pass the ceiling) and rendered through the master section: every variant's true peak stays
// at or under −1 dBTP, the safety limiter never acts, and the loudness match still holds.
// The loudest true peak before the common gain (what played before the rule) and after it
// are printed.

#include "multitrack_loops.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/question_material.h"

#include "assets/builtin_material.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/loudness.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace earlab;

namespace {

constexpr double kTruePeakToleranceDb = 0.05; // libebur128's estimate against the limiter's detector
constexpr double kMatchToleranceDb = 0.1;
constexpr double kEdgeSeconds = 0.1; // the master's start and end fades, left out of the sample comparison

// How far a treatment is from flat, over every kind of change a Treatment holds (no
// exercise's specifics): the seeds with the largest changes are the extreme questions.
double extremeness(const Treatment& t)
{
    double s = std::abs(t.pan) + std::abs(t.widthPercent - 100.0) / 100.0;
    for (const EqBand& b : t.eq)
        s += std::abs(b.gainDb) / 12.0;
    if (t.compress)
        s += t.compressor.ratio / 8.0 + t.compressor.attackMs / 100.0;
    for (const StemMix& m : t.stems)
        s += std::abs(m.gainDb) / 6.0 + std::abs(m.pan);
    return s;
}

double extremeness(const Question& q)
{
    double s = 0;
    for (const HeardVariant& v : q.variants)
        s = std::max(s, extremeness(v.treatment));
    return s;
}

Setting settingAt(const Exercise& e, int level)
{
    Setting s{level};
    if (e.difficultyKind() == DifficultyKind::Staircase)
        s.value = e.level(level).value;
    return s;
}

// The levels to try: the first (the largest change) and the first of every other material
// (a mode that starts there, e.g. a stem of the mix).
std::vector<int> extremeLevels(const Exercise& e)
{
    std::vector<int> out{1};
    std::vector<MaterialNeed> seen{e.level(1).material};
    for (const LevelInfo& l : e.levels())
        if (std::find(seen.begin(), seen.end(), l.material) == seen.end()) {
            seen.push_back(l.material);
            out.push_back(l.number);
        }
    return out;
}

// The two seeds of 0..15 whose questions change the most (asked without a loop, so quick).
std::vector<std::uint64_t> extremeSeeds(const Exercise& e, int level, const MaterialFacts& facts)
{
    std::vector<std::pair<double, std::uint64_t>> ranked;
    for (std::uint64_t seed = 0; seed < 16; ++seed)
        ranked.push_back({-extremeness(e.ask(settingAt(e, level), seed, facts)), seed});
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return {ranked[0].second, ranked[1].second};
}

AudioBuffer heard(const PreparedLoop& loop, const Question& q, const Treatment& t, bool mastered)
{
    if (q.usesStems)
        return mastered ? renderMastered(*loop.stems, t) : renderTreatment(*loop.stems, t);
    return mastered ? renderMastered(*loop.audio, t) : renderTreatment(*loop.audio, t);
}

double largestDifference(const AudioBuffer& a, const AudioBuffer& b, std::size_t edge)
{
    double worst = 0;
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = edge; i + edge < a.frames(); ++i)
            worst = std::max(worst, double(std::abs(a.channels[c][i] - b.channels[c][i])));
    return worst;
}

} // namespace

class TestQuestionHeadroom : public QObject {
    Q_OBJECT

private slots:
    void everyExerciseStaysUnderTheCeiling()
    {
        std::vector<std::shared_ptr<const PreparedLoop>> loops{prepareLoop(MaterialRef::pinkNoise())};
        for (const BuiltinLoop& l : builtinLoops())
            loops.push_back(prepareLoop(test::builtinSong(l)));
        QVERIFY(loops.size() >= 4);
        MaterialFacts noLoop;
        noLoop.stems = loops.back()->stems; // stem names to draw from, without audio to measure
        const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
        double before = -INFINITY, after = -INFINITY, worstMatch = 0;
        QString beforeWhere, afterWhere;
        int questions = 0, lowered = 0;
        QStringList table{"| Exercise | Loudest true peak, matched | With the common gain, as played | Questions lowered |",
                          "|---|---|---|---|"};
        for (const auto& e : catalogue.all()) {
            double exerciseBefore = -INFINITY, exerciseAfter = -INFINITY;
            int exerciseQuestions = 0, exerciseLowered = 0;
            for (int level : extremeLevels(*e)) {
                const std::vector<std::uint64_t> seeds = extremeSeeds(*e, level, noLoop);
                for (const auto& loop : loops) {
                    if (e->level(level).material == MaterialNeed::Multitrack && !loop->stems)
                        continue; // the app and the CLI never ask it there
                    for (std::uint64_t seed : seeds) {
                        Question q = e->ask(settingAt(*e, level), seed, factsOf(*loop));
                        const QuestionLevels levels = matchVariants(q, *loop, true);
                        const QString where = QString("%1 level %2 seed %3 on %4")
                                                  .arg(e->id()).arg(level).arg(seed).arg(loop->material.id);
                        ++exerciseQuestions;
                        exerciseLowered += levels.gainDb < 0;
                        exerciseBefore = std::max(exerciseBefore, levels.loudestTruePeakDbtp);
                        if (levels.loudestTruePeakDbtp > before) {
                            before = levels.loudestTruePeakDbtp;
                            beforeWhere = where;
                        }
                        QVERIFY2(levels.gainDb <= 0, qPrintable(where));
                        std::vector<double> loudness;
                        for (const HeardVariant& v : q.variants) {
                            const AudioBuffer plain = heard(*loop, q, v.treatment, false);
                            const AudioBuffer mastered = heard(*loop, q, v.treatment, true);
                            const Loudness measured = measureLoudness(mastered);
                            const double tp = measured.truePeakDbtp;
                            exerciseAfter = std::max(exerciseAfter, tp);
                            const QString what = where + " variant " + v.id;
                            if (tp > after) {
                                after = tp;
                                afterWhere = what;
                            }
                            QVERIFY2(tp <= kQuestionCeilingDbtp + kTruePeakToleranceDb,
                                     qPrintable(QString("%1: %2 dBTP").arg(what).arg(tp)));
                            // Below the ceiling the limiter's gain is exactly 1: away from the
                            // fades the master's output is the chain's.
                            const double diff = largestDifference(
                                plain, mastered, std::size_t(kEdgeSeconds * plain.sampleRate));
                            QVERIFY2(diff <= 1e-6, qPrintable(QString("%1: the limiter acted (%2)").arg(what).arg(diff)));
                            loudness.push_back(measured.integratedLufs); // the fades are the same for every variant
                        }
                        if (q.loudnessMatched)
                            for (double l : loudness) {
                                worstMatch = std::max(worstMatch, std::abs(l - loudness.front()));
                                QVERIFY2(std::abs(l - loudness.front()) <= kMatchToleranceDb, qPrintable(where));
                            }
                    }
                }
            }
            table << QString("| %1 | %2 dBTP | %3 dBTP | %4 of %5 |")
                         .arg(e->id())
                         .arg(exerciseBefore, 0, 'f', 2)
                         .arg(exerciseAfter, 0, 'f', 2)
                         .arg(exerciseLowered)
                         .arg(exerciseQuestions);
            questions += exerciseQuestions;
            lowered += exerciseLowered;
        }
        for (const QString& row : table)
            qInfo("%s", qPrintable(row));
        qInfo("%d questions (every exercise's extreme levels and seeds, pink noise and %d built-in loops); "
              "%d lowered by a common gain",
              questions, int(loops.size()) - 1, lowered);
        qInfo("loudest true peak after matching, before the common gain: %+.2f dBTP (%s)", before, qPrintable(beforeWhere));
        qInfo("loudest true peak as played (master section): %+.2f dBTP (%s); loudness match within %.3f dB",
              after, qPrintable(afterWhere), worstMatch);
    }

    // The reveal's "your answer" can peak where no variant did: a hard pan chosen for a centred
    // mix. matchAnswer() then lowers the answer and (through revealGainDb) every variant beside it.
    void aHardPannedAnswerTakesTheRevealDown()
    {
        const BuiltinLoop& jazz = *std::find_if(builtinLoops().begin(), builtinLoops().end(),
                                                [](const BuiltinLoop& l) { return l.id == "acoustic-jazz"; });
        const auto loop = prepareLoop(test::builtinSong(jazz));
        const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
        const Exercise* pan = catalogue.find(QStringLiteral("pan"));
        QVERIFY(pan);
        const Exercise& e = *pan;
        // A question whose truth is the centre: no variant needs the common gain.
        Question q;
        for (std::uint64_t seed = 0; seed < 100; ++seed) {
            q = e.ask(settingAt(e, 1), seed, factsOf(*loop));
            if (q.hidden.value("pan").toDouble() == 0.0)
                break;
        }
        QCOMPARE(q.hidden.value("pan").toDouble(), 0.0);
        const QuestionLevels levels = matchVariants(q, *loop, true);
        Answer centre;
        centre.value = 0.0;
        Answer hardLeft;
        hardLeft.value = -1.0;
        const Grade atCentre = e.grade(q, centre);
        const Grade atLeft = e.grade(q, hardLeft);
        QVERIFY(atCentre.answerTreatment && atLeft.answerTreatment);
        const MatchedAnswer quiet = matchAnswer(*loop, q, *atCentre.answerTreatment, true, levels.gainDb);
        const MatchedAnswer loud = matchAnswer(*loop, q, *atLeft.answerTreatment, true, levels.gainDb);
        const Loudness mixPeak = measureLoudness(*loop->audio);
        qInfo("acoustic-jazz %.2f dBTP flat; the hard-left answer takes the reveal down %.2f dB", mixPeak.truePeakDbtp,
              loud.revealGainDb);
        QCOMPARE(quiet.revealGainDb, 0.0);
        QVERIFY2(loud.revealGainDb < -1.0, qPrintable(QString::number(loud.revealGainDb)));
        for (const MatchedAnswer* a : {&quiet, &loud}) {
            const AudioBuffer played = renderMastered(*loop->audio, a->treatment);
            QVERIFY2(measureLoudness(played).truePeakDbtp <= kQuestionCeilingDbtp + kTruePeakToleranceDb,
                     qPrintable(QString::number(measureLoudness(played).truePeakDbtp)));
        }
        // Still matched to the variants: the common gain only moves them all.
        const double variantLufs = measureLoudness(renderTreatment(*loop->audio, q.variants[1].treatment)).integratedLufs;
        const double answerLufs = measureLoudness(renderTreatment(*loop->audio, loud.treatment)).integratedLufs;
        QVERIFY2(std::abs(answerLufs - loud.revealGainDb - variantLufs) <= kMatchToleranceDb,
                 qPrintable(QString("%1 vs %2").arg(answerLufs - loud.revealGainDb).arg(variantLufs)));
    }
};

QTEST_APPLESS_MAIN(TestQuestionHeadroom)
#include "test_question_headroom.moc"
