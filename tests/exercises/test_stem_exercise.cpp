// The stem balance exercise ("stems"): deterministic questions whose mode follows the rung,
// a sensible question without stems, grades, and — on the built-in songs, through the
// offline renderer and loudness matching as the app plays them — that the stated gain is
// the rendered one, that a simulated listener who hears only the two mixes finds the stem
// (≥ 90 % at the easiest rung, less as the change shrinks), and that no render passes −1 dBFS.

#include "multitrack_loops.h"

#include "exercises/question_material.h"
#include "exercises/seeded_random.h"
#include "exercises/stem_exercise.h"

#include "assets/builtin_material.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/loudness.h"

#include "support/test_signals.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

using namespace earlab;
using earlab::test::peakDb;
using earlab::test::builtinSong;
using earlab::test::songExcerpt;

namespace {

// One stem as the mixer plays it at 0 dB, centre.
AudioBuffer stemAlone(const Multitrack& mt, std::size_t k)
{
    Multitrack one;
    one.stems = {mt.stems[k]};
    one.names = {mt.names[k]};
    return mixStems(one, Treatment{});
}

double dot(const AudioBuffer& a, const AudioBuffer& b)
{
    double s = 0;
    for (std::size_t c = 0; c < a.channels.size(); ++c)
        for (std::size_t i = 0; i < a.frames(); ++i)
            s += double(a.channels[c][i]) * double(b.channels[c][i]);
    return s;
}


double gaussian(SeededRandom& rng)
{
    const double u1 = std::max(rng.unit(), 1e-12), u2 = rng.unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// The change of stem k that explains `processed` from `reference`, in dB: the least-squares
// fit processed ≈ α·reference + β·stem, so α is the loudness match and (α + β) / α the stem's
// own gain. Loudness matching does not move it.
double fittedChangeDb(const AudioBuffer& reference, const AudioBuffer& processed, const AudioBuffer& stem)
{
    const double rr = dot(reference, reference), ss = dot(stem, stem), rs = dot(reference, stem);
    const double rp = dot(reference, processed), sp = dot(stem, processed);
    const double det = rr * ss - rs * rs;
    const double alpha = (rp * ss - sp * rs) / det, beta = (rr * sp - rs * rp) / det;
    return 20 * std::log10(std::max((alpha + beta) / alpha, 1e-6));
}

// The listener's judgement of a stem's level in a mix is blurred by this much (dB, s.d.).
constexpr double kListenerSdDb = 0.6;

struct Song {
    std::shared_ptr<const PreparedLoop> loop; // 3 s of the song
    AudioBuffer reference;                    // the mix, every stem at 0 dB
    std::vector<AudioBuffer> stems;           // each stem alone
};

Answer listen(const Question& q, const Song& song, SeededRandom& ear)
{
    const Treatment matched = matchedTreatment(*song.loop, q.variants[1].treatment, q.loudnessMatched);
    const AudioBuffer processed = renderTreatment(*song.loop->stems, matched);
    std::size_t best = 0;
    double bestChange = 0;
    for (std::size_t k = 0; k < song.stems.size(); ++k) {
        const double change = fittedChangeDb(song.reference, processed, song.stems[k]) + kListenerSdDb * gaussian(ear);
        if (std::abs(change) > std::abs(bestChange)) {
            best = k;
            bestChange = change;
        }
    }
    const auto& s = std::any_cast<const StemQuestion&>(q.detail);
    Answer a;
    a.direction = bestChange >= 0 ? +1 : -1;
    double size = 0;
    if (s.amountAsked)
        size = *std::min_element(s.sizesDb.begin(), s.sizesDb.end(), [&](double x, double y) {
            return std::abs(x - std::abs(bestChange)) < std::abs(y - std::abs(bestChange));
        });
    a.option = StemExercise::optionId(s.names[best], size);
    return a;
}

} // namespace

class TestStemExercise : public QObject {
    Q_OBJECT

    std::vector<std::shared_ptr<const PreparedLoop>> m_loops; // the three songs' 15 s loops

private slots:
    void initTestCase()
    {
        for (const BuiltinLoop& loop : builtinLoops())
            m_loops.push_back(prepareLoop(builtinSong(loop)));
    }

    void levelsAreAStaircaseFrom6To0point5()
    {
        const StemExercise e;
        QCOMPARE(e.difficultyKind(), DifficultyKind::Staircase);
        QCOMPARE(e.unit(), QStringLiteral("dB"));
        QCOMPARE(e.levels().front().value, 6.0);
        QCOMPARE(e.levels().back().value, 0.5);
        QString table = "| rung | value (dB) | asks |\n|---:|---:|---|\n";
        for (const LevelInfo& l : e.levels()) {
            QCOMPARE(l.material, MaterialNeed::Multitrack);
            table += QString("| %1 | %2 | %3 |\n").arg(l.number).arg(l.value).arg(l.description);
        }
        qInfo("%s", qPrintable(table));
    }

    void sameSeedSameQuestion()
    {
        const StemExercise e;
        const MaterialFacts facts = factsOf(*m_loops[0]);
        std::set<QString> stems;
        std::set<double> gains;
        for (int level = 1; level <= e.levelCount(); ++level)
            for (std::uint64_t seed = 0; seed < 40; ++seed) {
                const Question a = e.ask({level, e.level(level).value}, seed, facts);
                const Question b = e.ask({level, e.level(level).value}, seed, facts);
                QCOMPARE(a.hidden, b.hidden);
                QCOMPARE(a.correct, b.correct);
                QCOMPARE(a.variants.size(), std::size_t(2));
                QCOMPARE(a.variants[0].id, QStringLiteral("reference"));
                QCOMPARE(a.variants[1].id, QStringLiteral("processed"));
                QVERIFY(a.usesStems && a.loudnessMatched);
                QCOMPARE(a.variants[0].treatment.stems.size(), std::size_t(4));
                QCOMPARE(a.variants[1].treatment.stems.size(), std::size_t(4));
                QVERIFY(a.variants[0].treatment.isFlat());
                const double g = a.hidden["gain_db"].toDouble();
                const double v = e.level(level).value;
                QCOMPARE(a.directionAsked, level >= 3);
                if (level < 3)
                    QCOMPARE(g, v);
                if (level < 6)
                    QCOMPARE(std::abs(g), v);
                else
                    QVERIFY(std::abs(std::abs(g) / v - std::round(std::abs(g) / v)) < 1e-9 && std::abs(g) <= 3 * v + 1e-9);
                QCOMPARE(a.options.size(), std::size_t(level >= 6 ? 12 : 4));
                stems.insert(a.hidden["stem"].toString());
                gains.insert(g);
                // The changed stem carries exactly the hidden gain; the others stay at 0 dB.
                const auto& mix = a.variants[1].treatment.stems;
                QCOMPARE(std::count_if(mix.begin(), mix.end(), [](const StemMix& m) { return m.gainDb != 0; }), 1l);
            }
        QCOMPARE(stems.size(), std::size_t(4));
        QVERIFY(gains.size() > 15);
    }

    void withoutStemsSaysSo()
    {
        const StemExercise e;
        const Question q = e.ask({1, 6.0}, 3, MaterialFacts{});
        QVERIFY(!q.notes.isEmpty());
        QVERIFY(q.notes.front().contains("stems"));
        QVERIFY(q.options.empty());
        const Grade g = e.grade(q, Answer{});
        QVERIFY(!g.correct);
        QVERIFY(!g.answerTreatment);
    }

    void silentStemIsNotAsked()
    {
        const StemExercise e;
        auto loop = std::make_shared<PreparedLoop>(*m_loops[0]);
        auto mt = std::make_shared<Multitrack>(*loop->stems);
        mt->stems[2] = std::make_shared<const AudioBuffer>(AudioBuffer::silence(2, mt->stems[2]->frames(), 48000.0));
        loop->stems = mt;
        const MaterialFacts facts = factsOf(*loop);
        for (std::uint64_t seed = 0; seed < 30; ++seed) {
            const Question q = e.ask({1, 6.0}, seed, facts);
            QVERIFY(q.hidden["stem"].toString() != QStringLiteral("harmony"));
            QCOMPARE(q.options.size(), std::size_t(3));
            QCOMPARE(q.variants[1].treatment.stems.size(), std::size_t(4));
            QVERIFY(q.notes.join(' ').contains("Not asked: Harmony"));
        }
    }

    void gradesStemDirectionAndSize()
    {
        const StemExercise e;
        const MaterialFacts facts = factsOf(*m_loops[1]);
        for (int level : {1, 4, 7}) {
            const Question q = e.ask({level, e.level(level).value}, 11, facts);
            const auto& s = std::any_cast<const StemQuestion&>(q.detail);
            Answer right;
            right.option = q.correct.toString();
            right.direction = s.gainDb > 0 ? +1 : -1;
            const Grade g = e.grade(q, right);
            QVERIFY2(g.correct, qPrintable(g.explanation));
            QCOMPARE(g.score, 1.0);
            QCOMPARE(g.category, q.hidden["stem"].toString());
            QCOMPARE(g.plot.kind, RevealKind::Levels);
            QCOMPARE(g.plot.labels.size(), 4);
            QCOMPARE(g.plot.truth, g.plot.answer);
            QVERIFY(g.answerTreatment && g.answerTreatment->stems == q.variants[1].treatment.stems);

            Answer otherStem = right;
            const std::string other = s.names[std::size_t((s.stem + 1) % 4)];
            otherStem.option = StemExercise::optionId(other, s.amountAsked ? std::abs(s.gainDb) : 0);
            QCOMPARE(e.grade(q, otherStem).score, 0.0);
            if (q.directionAsked) {
                Answer wrongWay = right;
                wrongWay.direction = -right.direction;
                const Grade w = e.grade(q, wrongWay);
                QVERIFY(!w.correct);
                QCOMPARE(w.score, 0.5);
                QCOMPARE(w.plot.answer[s.stem].y(), -s.gainDb);
            }
        }
    }

    void statedGainIsTheRenderedGain()
    {
        const StemExercise e;
        double worst = 0;
        for (const auto& full : m_loops) {
            const auto loop = songExcerpt(*full, 4.0, 3.0);
            const MaterialFacts facts = factsOf(*loop);
            const AudioBuffer reference = renderTreatment(*loop->stems, Treatment{});
            for (int level = 1; level <= e.levelCount(); level += 2)
                for (std::uint64_t seed = 0; seed < 4; ++seed) {
                    const Question q = e.ask({level, e.level(level).value}, seed, facts);
                    const auto& s = std::any_cast<const StemQuestion&>(q.detail);
                    const AudioBuffer processed = renderTreatment(*loop->stems, q.variants[1].treatment);
                    const AudioBuffer stem = stemAlone(*loop->stems, std::size_t(s.stem));
                    AudioBuffer diff = processed;
                    for (std::size_t c = 0; c < 2; ++c)
                        for (std::size_t i = 0; i < diff.frames(); ++i)
                            diff.channels[c][i] -= reference.channels[c][i];
                    const double measured = 20 * std::log10(1 + dot(diff, stem) / dot(stem, stem));
                    worst = std::max(worst, std::abs(measured - s.gainDb));
                    QVERIFY2(std::abs(measured - s.gainDb) <= 0.05,
                             qPrintable(QString("%1 %2: stated %3 dB, rendered %4 dB")
                                            .arg(loop->material.id, QString::fromStdString(s.names[std::size_t(s.stem)]))
                                            .arg(s.gainDb)
                                            .arg(measured)));
                }
        }
        qInfo("stated vs rendered stem gain: worst error %.4f dB", worst);
    }

    void simulatedListenerFindsTheStem()
    {
        const StemExercise e;
        std::vector<Song> songs;
        for (const auto& full : m_loops) {
            Song s;
            s.loop = songExcerpt(*full, 4.0, 3.0);
            s.reference = renderTreatment(*s.loop->stems, Treatment{});
            for (std::size_t k = 0; k < s.loop->stems->stems.size(); ++k)
                s.stems.push_back(stemAlone(*s.loop->stems, k));
            songs.push_back(std::move(s));
        }
        constexpr int kSeeds = 36;
        SeededRandom ear(2024);
        std::vector<double> accuracy;
        QString curve = QString("| rung | value (dB) | correct (%1 questions, 3 songs) |\n|---:|---:|---:|\n").arg(kSeeds);
        for (const LevelInfo& level : e.levels()) {
            int right = 0;
            for (int seed = 0; seed < kSeeds; ++seed) {
                const Song& song = songs[std::size_t(seed % 3)];
                const Question q = e.ask({level.number, level.value}, std::uint64_t(1000 * level.number + seed), factsOf(*song.loop));
                right += e.grade(q, listen(q, song, ear)).correct ? 1 : 0;
            }
            accuracy.push_back(double(right) / kSeeds);
            curve += QString("| %1 | %2 | %3 % |\n").arg(level.number).arg(level.value).arg(100.0 * accuracy.back(), 0, 'f', 0);
        }
        qInfo("simulated listener (σ %.1f dB on each stem's heard change):\n%s", kListenerSdDb, qPrintable(curve));
        QVERIFY2(accuracy.front() >= 0.9, qPrintable(curve));
        QVERIFY2(accuracy.back() < accuracy.front() - 0.2, qPrintable(curve));
        // Falling: every rung's accuracy at most a little above the one before it (sampling noise).
        for (std::size_t i = 1; i < accuracy.size(); ++i)
            QVERIFY2(accuracy[i] <= accuracy[i - 1] + 0.15, qPrintable(curve));
    }

    void nothingAboveMinusOneDbfs()
    {
        // The most extreme questions: +6 dB on any stem (the loudest among them), loudness-matched.
        for (const auto& loop : m_loops) {
            const double reference = peakDb(renderTreatment(*loop->stems, Treatment{}));
            QVERIFY(reference <= -1.0);
            for (std::size_t k = 0; k < loop->stems->stems.size(); ++k) {
                Treatment t;
                t.stems.assign(loop->stems->stems.size(), StemMix{});
                t.stems[k].gainDb = 6.0;
                const Treatment matched = matchedTreatment(*loop, t, true);
                const double processed = peakDb(renderTreatment(*loop->stems, matched));
                qInfo("%s: +6 dB on %s (%.1f LU re mix), matched gain %.2f dB: peak %.2f dBFS (reference %.2f dBFS)",
                      qPrintable(loop->material.id), loop->stems->names[k].c_str(),
                      integratedLoudnessLufs(*loop->stems->stems[k]) - integratedLoudnessLufs(*loop->audio), matched.gainDb,
                      processed, reference);
                QVERIFY(processed <= -1.0);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestStemExercise)
#include "test_stem_exercise.moc"
