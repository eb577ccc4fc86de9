// "pan" at its stem levels: one stem of a multitrack placed on the stereo field while the
// others stay where they are. Deterministic questions naming the stem (hidden `stem`, null at
// the mix's levels), the answer heard as that same stem at the answered position, and a
// simulated listener who hears only the renders (the interchannel level difference of what
// changed between the reference and the processed mix, through Gaussian noise) placing the
// stem within the tolerance at the easiest stem level, less often as the grid gets finer.

#include "multitrack_loops.h"
#include "render_listener.h"

#include "exercises/pan_exercise.h"
#include "exercises/stem_exercise.h"

#include "audio/dsp/gain_pan.h"

#include <QTest>

#include <set>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr double kStemJndDb = 1.0; // sd of the listener's ILD judgement, dB (as test_pan_exercise's)

std::vector<int> stemLevels()
{
    std::vector<int> out;
    for (const PanLevel& l : PanExercise::panLevels())
        if (l.stem)
            out.push_back(l.number);
    return out;
}

// The ILD, right over left in dB, of what a stem at `pan` adds to the mix against the stem
// where the mix has it: (sqrt2 sin theta - 1) of its right channel over (sqrt2 cos theta - 1)
// of its left, plus the stem's own ILD. 0 at the centre, where nothing changes.
double changeIldDb(double pan, double stemIldDb)
{
    const dsp::GainPanParams g = dsp::makeGainPanParams(0.0, pan);
    const double l = std::abs(double(g.left) - 1.0), r = std::abs(double(g.right) - 1.0);
    if (l < 1e-9 && r < 1e-9)
        return 0.0;
    return 20.0 * std::log10(std::max(r, 1e-9) / std::max(l, 1e-9)) + stemIldDb;
}

// The listener: hears the reference and the processed mix (rendered as the app plays them),
// hears what moved (their difference: the stem the prompt names), judges its ILD with
// Gaussian noise and answers the position whose change has that ILD. Knowing where the stem
// sits in the reference (its own ILD) is what a listener who heard the reference knows.
double listen(const PreparedLoop& loop, const Question& q, SeededRandom& ear)
{
    Question played = q;
    matchVariants(played, loop, true);
    const AudioBuffer reference = renderTreatment(*loop.stems, played.variants[0].treatment);
    const AudioBuffer processed = renderTreatment(*loop.stems, played.variants[1].treatment);
    AudioBuffer moved = processed;
    for (std::size_t c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < moved.frames(); ++i)
            moved.channels[c][i] -= reference.channels[c][i];
    if (rmsDb(moved) < rmsDb(reference) - 30.0)
        return 0.0; // nothing moved: the stem is where the mix has it, in the centre
    const auto& names = loop.stems->names;
    const auto k = std::size_t(std::find(names.begin(), names.end(), q.hidden["stem"].toString().toStdString()) - names.begin());
    const double stemIld = ildDb(*loop.stems->stems[k]);
    const double heard = ildDb(moved) + kStemJndDb * gaussian(ear);
    double best = 0, bestOff = INFINITY;
    for (int i = -100; i <= 100; ++i) {
        const double off = std::abs(changeIldDb(i / 100.0, stemIld) - heard);
        if (off < bestOff) {
            bestOff = off;
            best = i / 100.0;
        }
    }
    return best;
}

} // namespace

class TestPanStem : public QObject {
    Q_OBJECT

    std::vector<std::shared_ptr<const PreparedLoop>> m_songs;

private slots:
    void initTestCase()
    {
        for (const BuiltinLoop& l : builtinLoops())
            m_songs.push_back(prepareLoop(builtinSong(l)));
        QVERIFY(!m_songs.empty());
        QVERIFY(m_songs.front()->stems);
        QVERIFY(!stemLevels().empty());
    }

    void levels()
    {
        const PanExercise e;
        for (const LevelInfo& l : e.levels()) {
            const bool stem = PanExercise::panLevels()[std::size_t(l.number - 1)].stem;
            QCOMPARE(l.material, stem ? MaterialNeed::Multitrack : MaterialNeed::Music);
            qInfo("| %d | %s |", l.number, qPrintable(l.description));
        }
        // The stem levels come after every level of the mix.
        QVERIFY(stemLevels().front() > 1);
        for (int n = stemLevels().front(); n <= e.levelCount(); ++n)
            QVERIFY(PanExercise::panLevels()[std::size_t(n - 1)].stem);
    }

    // Same seed, same question; a stem level names a stem with sound and pans only it; the
    // mix's levels name none.
    void stemQuestions()
    {
        const PanExercise e;
        const MaterialFacts facts = factsOf(*m_songs.front());
        const std::vector<std::size_t> audible = audibleStems(*facts.stems);
        for (const PanLevel& l : PanExercise::panLevels()) {
            std::set<QString> stems;
            for (std::uint64_t seed = 0; seed < 60; ++seed) {
                const Question q = e.ask({l.number}, seed, facts);
                QCOMPARE(e.ask({l.number}, seed, facts).hidden, q.hidden);
                const double pan = q.hidden["pan"].toDouble();
                QCOMPARE(q.correct.toDouble(), pan);
                QCOMPARE(q.variants.size(), std::size_t(2));
                QVERIFY(q.variants[0].treatment.isFlat());
                if (!l.stem) {
                    QVERIFY(q.hidden["stem"].isNull());
                    QVERIFY(!q.usesStems);
                    QCOMPARE(q.variants[1].treatment.pan, pan);
                    continue;
                }
                QVERIFY(q.hidden["stem"].isString());
                const std::string name = q.hidden["stem"].toString().toStdString();
                const auto& names = facts.stems->names;
                const auto k = std::size_t(std::find(names.begin(), names.end(), name) - names.begin());
                QVERIFY(k < names.size());
                QVERIFY(std::find(audible.begin(), audible.end(), k) != audible.end());
                QVERIFY(q.usesStems);
                QVERIFY(q.loudnessMatched);
                QVERIFY2(q.prompt.contains(QString::fromStdString(name)), qPrintable(q.prompt));
                const Treatment& t = q.variants[1].treatment;
                QCOMPARE(t.pan, 0.0);
                QCOMPARE(t.stems.size(), names.size());
                for (std::size_t j = 0; j < names.size(); ++j) {
                    QCOMPARE(t.stems[j].gainDb, 0.0);
                    QCOMPARE(t.stems[j].pan, j == k ? pan : 0.0);
                }
                stems.insert(QString::fromStdString(name));
            }
            if (l.stem)
                QCOMPARE(stems.size(), audible.size()); // every stem with sound comes up
        }
        QCOMPARE(e.ask({stemLevels().front()}, 3, facts).prompt.isEmpty(), false);
    }

    // The answer is heard as the same stem at the answered position; the reveal names it.
    void gradingPlacesThatStem()
    {
        const PanExercise e;
        const MaterialFacts facts = factsOf(*m_songs.front());
        const Question q = e.ask({stemLevels().front()}, 5, facts);
        const QString stem = q.hidden["stem"].toString();
        const double truth = q.hidden["pan"].toDouble();
        Answer a;
        a.value = truth > 0 ? truth - 0.2 : truth + 0.2;
        const Grade g = e.grade(q, a);
        QVERIFY(g.correct); // 0.2 off, within ±0.25
        QVERIFY(std::abs(g.score - 0.6) < 1e-9);
        QVERIFY2(g.truthText.contains(stem, Qt::CaseInsensitive), qPrintable(g.truthText));
        QVERIFY2(g.explanation.contains(stem, Qt::CaseInsensitive), qPrintable(g.explanation));
        QCOMPARE(g.answer["stem"].toString(), stem);
        QVERIFY(g.answerTreatment);
        const Treatment& t = *g.answerTreatment;
        QCOMPARE(t.pan, 0.0);
        const auto& names = facts.stems->names;
        for (std::size_t j = 0; j < names.size(); ++j)
            QCOMPARE(t.stems[j].pan, QString::fromStdString(names[j]) == stem ? a.value : 0.0);
        QCOMPARE(g.plot.truth.front().x(), truth);
        QCOMPARE(g.plot.answer.front().x(), a.value);
    }

    // Without stems a stem level places the whole mix, and says so.
    void withoutStemsTheMixIsPlaced()
    {
        const PanExercise e;
        const Question q = e.ask({stemLevels().front()}, 2, {});
        QVERIFY(q.hidden["stem"].isNull());
        QVERIFY(!q.usesStems);
        QCOMPARE(q.variants[1].treatment.pan, q.hidden["pan"].toDouble());
        QVERIFY(!q.notes.isEmpty());
    }

    void stemListener()
    {
        const PanExercise e;
        std::vector<std::shared_ptr<const PreparedLoop>> excerpts;
        for (const auto& song : m_songs)
            excerpts.push_back(songExcerpt(*song, 4.0, 1.0));
        SeededRandom ear(77);
        std::vector<double> accuracy;
        qInfo("| Level | Positions, tolerance | Correct | Mean score |");
        qInfo("|---|---|---|---|");
        for (int level : stemLevels()) {
            constexpr int kQuestions = 120;
            int correct = 0;
            double score = 0;
            for (int i = 0; i < kQuestions; ++i) {
                const auto& loop = *excerpts[std::size_t(i) % excerpts.size()];
                const Question q = e.ask({level}, std::uint64_t(level) * 7919 + std::uint64_t(i), factsOf(loop));
                QVERIFY(q.hidden["stem"].isString());
                Answer a;
                a.value = listen(loop, q, ear);
                const Grade g = e.grade(q, a);
                correct += g.correct;
                score += g.score;
            }
            accuracy.push_back(double(correct) / kQuestions);
            qInfo("| %d | %s | %.0f %% | %.2f |", level, qPrintable(e.level(level).description), 100 * accuracy.back(),
                  score / kQuestions);
        }
        QVERIFY2(accuracy.front() >= 0.9, "the easiest stem level must be answerable");
        QVERIFY(accuracy.back() < accuracy.front() - 0.1);
        for (std::size_t i = 1; i < accuracy.size(); ++i)
            QVERIFY(accuracy[i] <= accuracy[i - 1] + 0.05);
    }
};

QTEST_APPLESS_MAIN(TestPanStem)
#include "test_pan_stem.moc"
