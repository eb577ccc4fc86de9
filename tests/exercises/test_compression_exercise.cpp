// The compression exercises on built-in material: the gain reduction each question claims is
// what the rendered variants show (the dry and the compressed render compared by the same
// measure, gain_reduction.h), at every rung and level; a setting that cannot reach its target
// is rejected; the same seed gives the same question; nothing peaks above -1 dBFS after
// loudness matching at the most extreme setting; and the grade names what was asked.

#include "compression_loops.h"

#include "audio/engine/treatment_render.h"
#include "exercises/compression_exercise.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/gain_reduction.h"

#include "support/test_signals.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace earlab;
using earlab::test::peakDb;
using earlab::test::NamedLoop;

namespace {

const Treatment& compressedTreatment(const Question& q)
{
    return q.variants[std::size_t(q.hiddenVariant)].treatment;
}

Answer choose(const QString& option)
{
    Answer a;
    a.option = option;
    return a;
}

AudioBuffer scaled(const AudioBuffer& b, double db)
{
    AudioBuffer out = b;
    const float g = float(std::pow(10.0, db / 20.0));
    for (auto& c : out.channels)
        for (float& x : c)
            x *= g;
    return out;
}

} // namespace

class TestCompressionExercise : public QObject {
    Q_OBJECT

    std::vector<NamedLoop> m_loops;
    CompressionExercise m_detection{CompressionExerciseKind::Detection};
    CompressionExercise m_settings{CompressionExerciseKind::Settings};

private slots:
    void initTestCase()
    {
        m_loops = earlab::test::compressionLoops();
        QCOMPARE(m_loops.size(), std::size_t(4));
    }

    void catalogueListsBoth()
    {
        const ExerciseCatalogue c = ExerciseCatalogue::standard();
        const Exercise* detection = c.find("compression");
        QVERIFY(detection);
        QCOMPARE(detection->difficultyKind(), DifficultyKind::Staircase);
        QCOMPARE(detection->unit(), QString("dB"));
        QCOMPARE(detection->levels().front().value, 12.0);
        QCOMPARE(detection->levels().back().value, 1.0);
        for (const LevelInfo& l : detection->levels())
            QCOMPARE(l.material, MaterialNeed::Transients);
        QVERIFY(c.find("compression-settings"));
        QCOMPARE(c.find("compression-settings")->difficultyKind(), DifficultyKind::Ladder);
    }

    // The claim against the renders, within 1 dB, at every rung of the staircase and every level
    // of the ladder, on every loop; and the claim reaches the target (within 0.5 dB).
    void claimedGainReductionMatchesRender()
    {
        double worst = 0.0;
        int questions = 0;
        for (const NamedLoop& l : m_loops) {
            const MaterialFacts facts = factsOf(*l.loop);
            const LoopDynamics dynamics = analyseDynamics(*l.loop->audio);
            for (const CompressionExercise* e : {&m_detection, &m_settings}) {
                for (const LevelInfo& level : e->levels()) {
                    QStringList row;
                    double levelTarget = 0;
                    for (std::uint64_t seed : {1u, 2u}) {
                        const Question q = e->ask({level.number}, seed, facts);
                        const double claimed = q.hidden["gain_reduction_db"].toDouble();
                        const double target = q.hidden["target_gain_reduction_db"].toDouble();
                        levelTarget = target;
                        const double rendered = renderedGainReductionDb(dynamics, renderTreatment(*l.loop->audio, compressedTreatment(q)));
                        worst = std::max(worst, std::abs(rendered - claimed));
                        ++questions;
                        QVERIFY2(std::abs(rendered - claimed) <= 1.0,
                                 qPrintable(QString("%1 %2 level %3 seed %4: claimed %5 dB, rendered %6 dB")
                                                .arg(l.name, e->id()).arg(level.number).arg(seed).arg(claimed).arg(rendered)));
                        QVERIFY2(q.hidden["gain_reduction_measured"].toBool(), qPrintable(l.name));
                        if (q.notes.isEmpty())
                            QVERIFY2(claimed >= target - kGainReductionToleranceDb && claimed <= target + 0.1,
                                     qPrintable(QString("%1 level %2: %3 dB for %4").arg(l.name).arg(level.number).arg(claimed).arg(target)));
                        row << QString("%1/%2").arg(claimed, 0, 'f', 2).arg(rendered, 0, 'f', 2);
                    }
                    qInfo("%s %s level %d (target %.1f dB): claimed/rendered %s", qPrintable(l.name), qPrintable(e->id()),
                          level.number, levelTarget, qPrintable(row.join("  ")));
                }
            }
        }
        qInfo("largest |rendered - claimed| over %d questions: %.3f dB", questions, worst);
    }

    // Limiting on material 50 dB down cannot reach 12 dB: the search says so, and the question
    // carries a note instead of claiming it.
    void settingBelowTargetIsRejected()
    {
        const AudioBuffer quiet = scaled(*m_loops.front().loop->audio, -50.0);
        const LoopDynamics d = analyseDynamics(quiet);
        CompressorSettings s;
        s.ratio = 20.0;
        s.attackMs = kFastAttackMs;
        s.releaseMs = kSlowReleaseMs;
        const ThresholdSearch t = findThreshold(d, s, 12.0);
        QVERIFY(!t.reached);
        QCOMPARE(t.thresholdDb, kLowestThresholdDb);
        QVERIFY(t.gainReductionDb < 12.0 - kGainReductionToleranceDb);

        MaterialFacts facts;
        facts.loop = std::make_shared<const AudioBuffer>(quiet);
        const Question q = m_detection.ask({1}, 5, facts);
        QCOMPARE(q.notes.size(), 1);
        QVERIFY2(q.notes.front().contains("reaches only"), qPrintable(q.notes.front()));
        QVERIFY(q.hidden["gain_reduction_db"].toDouble() < 12.0 - kGainReductionToleranceDb);
        // On the real loop the same question needs no note.
        QVERIFY(m_detection.ask({1}, 5, factsOf(*m_loops.front().loop)).notes.isEmpty());
    }

    void sameSeedSameQuestion()
    {
        const MaterialFacts facts = factsOf(*m_loops.front().loop);
        QSet<QString> compressed;
        QSet<double> ratios;
        for (std::uint64_t seed = 10; seed < 30; ++seed) {
            const Question a = m_detection.ask({3}, seed, facts);
            const Question b = m_detection.ask({3}, seed, facts);
            QCOMPARE(a.hidden, b.hidden);
            QCOMPARE(a.correct, b.correct);
            compressed << a.hidden["compressed"].toString();
            ratios << a.hidden["ratio"].toDouble();
            QCOMPARE(a.correct.toString(), a.hidden["compressed"].toString());
            QCOMPARE(a.variants[std::size_t(a.hiddenVariant)].id, a.hidden["compressed"].toString());
            QVERIFY(a.variants[std::size_t(a.hiddenVariant)].treatment.compress);
            QVERIFY(a.variants[std::size_t(1 - a.hiddenVariant)].treatment.isFlat());
        }
        QCOMPARE(compressed.size(), 2);
        QVERIFY(ratios.size() >= 3);

        // The settings ladder never redraws what it asks: fast and slow attacks both come,
        // about as often, even where slow ones need a smaller gain reduction.
        int slow = 0;
        const int n = 24;
        for (std::uint64_t seed = 0; seed < std::uint64_t(n); ++seed) {
            const Question q = m_settings.ask({2}, seed, factsOf(*m_loops.back().loop));
            QCOMPARE(q.hidden["asked"].toString(), QString("attack"));
            QCOMPARE(q.hidden["compressed"].toString(), QString("b"));
            slow += q.correct.toString() == "slow" ? 1 : 0;
        }
        QVERIFY2(slow >= n / 4 && slow <= 3 * n / 4, qPrintable(QString("%1 slow of %2").arg(slow).arg(n)));
    }

    // The staircase's value decides the target, and its rung the level.
    void staircaseValueIsTheTarget()
    {
        const MaterialFacts facts = factsOf(*m_loops.front().loop);
        const Question q = m_detection.ask({1, 5.0}, 3, facts);
        QCOMPARE(q.hidden["target_gain_reduction_db"].toDouble(), 5.0);
        QCOMPARE(q.setting.level, m_detection.levelForValue(5.0));
        QVERIFY(std::abs(q.hidden["gain_reduction_db"].toDouble() - 5.0) <= kGainReductionToleranceDb);
    }

    // 12 dB of gain reduction at 20:1 (limiting), with every attack and release the first 40
    // seeds give (slow attacks that would peak above the ceiling are drawn again by ask()),
    // loudness-matched as the app plays it: neither variant passes -1 dBFS (so the master's
    // limiter never acts).
    void nothingAboveMinusOneDbfsAtTheMostExtremeSetting()
    {
        double loudest = -200.0;
        for (const NamedLoop& l : m_loops) {
            const MaterialFacts facts = factsOf(*l.loop);
            QSet<QString> heard;
            for (std::uint64_t seed = 1; seed <= 40 && heard.size() < 4; ++seed) {
                const Question q = m_detection.ask({1}, seed, facts);
                if (q.hidden["ratio"].toDouble() != 20.0)
                    continue;
                const QString key = QString("%1/%2").arg(q.hidden["attack_ms"].toDouble()).arg(q.hidden["release_ms"].toDouble());
                if (heard.contains(key))
                    continue;
                heard << key;
                for (const HeardVariant& v : q.variants) {
                    const Treatment matched = matchedTreatment(*l.loop, v.treatment, q.loudnessMatched);
                    const double peak = peakDb(renderTreatment(*l.loop->audio, matched));
                    loudest = std::max(loudest, peak);
                    qInfo("%s limiting %s ms, variant %s: peak %.2f dBFS after matching (gain %+.2f dB)", qPrintable(l.name),
                          qPrintable(key), qPrintable(v.id), peak, matched.gainDb);
                    QVERIFY2(peak <= kCompressionPeakCeilingDb, qPrintable(QString("%1 %2: %3 dBFS").arg(l.name, key).arg(peak)));
                }
            }
            QVERIFY2(!heard.isEmpty(), qPrintable(l.name));
        }
        qInfo("loudest peak after loudness matching at 12 dB, limiting: %.2f dBFS", loudest);
    }

    // Without a loop (unit tests): a threshold from a nominal level, and said so.
    void withoutLoopTheGainReductionIsUnmeasured()
    {
        const Question q = m_detection.ask({2}, 7, MaterialFacts{});
        QCOMPARE(q.hidden["gain_reduction_measured"].toBool(), false);
        QCOMPARE(q.hidden["gain_reduction_db"].toDouble(), 9.0);
        QVERIFY(q.hidden["threshold_db"].toDouble() >= kLowestThresholdDb && q.hidden["threshold_db"].toDouble() <= 0);
        QVERIFY(q.notes.join(" ").contains("unmeasured"));
        const Grade g = m_detection.grade(q, choose(q.correct.toString()));
        QVERIFY(g.correct);
        QVERIFY(g.plot.truth.isEmpty());
    }

    void gradeNamesWhatWasAsked()
    {
        const MaterialFacts facts = factsOf(*m_loops.front().loop);
        const Question q = m_detection.ask({1}, 11, facts);
        for (const char* key : {"compressed", "threshold_db", "ratio", "attack_ms", "release_ms", "gain_reduction_db"})
            QVERIFY2(q.hidden.contains(key), key);
        QCOMPARE(q.variants[0].id, QString("a"));
        QCOMPARE(q.variants[1].id, QString("b"));
        const QString wrong = q.correct.toString() == "a" ? "b" : "a";
        const Grade right = m_detection.grade(q, choose(q.correct.toString()));
        const Grade bad = m_detection.grade(q, choose(wrong));
        QVERIFY(right.correct && right.score == 1.0);
        QVERIFY(!bad.correct && bad.score == 0.0);
        QCOMPARE(right.category, q.correct.toString());
        QCOMPARE(bad.category, q.correct.toString());
        QCOMPARE(right.plot.kind, RevealKind::GainReduction);
        QVERIFY(!right.plot.truth.isEmpty() && right.plot.truth.size() <= 600);
        QVERIFY(right.plot.answer.isEmpty());
        QVERIFY(!right.answerTreatment);
        // The trace's peaks reach the claimed reduction (a meter's swing on the hits).
        double top = 0;
        for (const QPointF& p : right.plot.truth)
            top = std::max(top, p.y());
        QVERIFY(top >= q.hidden["gain_reduction_db"].toDouble());
        QVERIFY(right.plot.truth.back().x() <= l0Seconds(*m_loops.front().loop));

        // A ratio question: the answer is heard and drawn at the question's threshold.
        const Question r = m_settings.ask({4}, 3, facts);
        QCOMPARE(r.options.size(), std::size_t(4));
        const QString other = r.correct.toString() == "2" ? "8" : "2";
        const Grade g = m_settings.grade(r, choose(other));
        QVERIFY(!g.correct);
        QCOMPARE(g.category, r.correct.toString());
        QVERIFY(g.answerTreatment && g.answerTreatment->compress);
        QCOMPARE(g.answerTreatment->compressor.ratio, other.toDouble());
        QCOMPARE(g.answerTreatment->compressor.thresholdDb, r.hidden["threshold_db"].toDouble());
        QVERIFY(!g.plot.answer.isEmpty() && g.plot.answer.size() <= 600);
        QVERIFY(g.plot.answer != g.plot.truth);
    }

private:
    static double l0Seconds(const PreparedLoop& loop) { return loop.audio->durationSeconds(); }
};

QTEST_APPLESS_MAIN(TestCompressionExercise)
#include "test_compression_exercise.moc"
