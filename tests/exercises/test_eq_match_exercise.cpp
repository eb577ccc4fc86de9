// "eq-match": the curve distance by hand-checkable cases, the questions (seeded, in the
// level's ranges, only where the loop has energy), the headroom at the most extreme setting,
// and a simulated listener that matches the target from the renders alone.

#include "exercises/band_energy.h"
#include "exercises/eq_bands.h"
#include "exercises/eq_curve.h"
#include "exercises/eq_match_exercise.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/question_material.h"
#include "exercises/seeded_random.h"

#include "assets/builtin_material.h"
#include "audio/dsp/biquad.h"
#include "audio/dsp/biquad_design.h"
#include "audio/dsp/pink_noise.h"
#include "audio/engine/player_config.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"
#include "support/test_signals.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

using namespace earlab;

namespace {

EqBand peak(double hz, double db, double q) { return {FilterType::Peak, hz, db, q}; }

AudioBuffer monoOf(const AudioBuffer& audio)
{
    AudioBuffer out = AudioBuffer::silence(1, audio.frames(), audio.sampleRate);
    for (const auto& c : audio.channels)
        for (std::size_t i = 0; i < c.size(); ++i)
            out.channels[0][i] += c[i] / float(audio.channelCount());
    return out;
}

double peakDbfs(const AudioBuffer& audio)
{
    double p = -std::numeric_limits<double>::infinity();
    for (const auto& c : audio.channels)
        p = std::max(p, test::peakDb(c));
    return p;
}

// A loop as the app prepares it (question_material.h), from audio already in memory.
PreparedLoop preparedFrom(AudioBuffer audio)
{
    PreparedLoop loop;
    const AudioBuffer m = monoOf(audio);
    loop.octaveLevelsDb = bandLevelsDb(m, octaveCentresHz(), 1.0);
    loop.thirdLevelsDb = bandLevelsDb(m, thirdOctaveCentresHz(), 1.0 / 3.0);
    loop.audio = std::make_shared<const AudioBuffer>(std::move(audio));
    return loop;
}

AudioBuffer builtinSlice(const char* id, double fromSeconds, double seconds)
{
    const BuiltinLoop* loop = findBuiltinLoop(id);
    if (!loop)
        return {};
    AudioBuffer music = loadAudioFile(materialPath(loop->mixFile)).audio;
    const auto from = std::ptrdiff_t(fromSeconds * music.sampleRate);
    const auto to = from + std::ptrdiff_t(seconds * music.sampleRate);
    for (auto& channel : music.channels)
        channel = std::vector<float>(channel.begin() + from, channel.begin() + to);
    return music;
}

double gaussian(SeededRandom& rng)
{
    const double u1 = std::max(rng.unit(), 1e-12), u2 = rng.unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// The simulated listener. It hears the third-octave band levels (band_energy.h) of the
// loudness-matched renders of the target and of its own band, in the bands the loop has
// energy in, each blurred by a level-judgement noise. Starting at kEqMatchStartBand (0 dB:
// its own band sounds flat) it puts its band where its render and the target's differ most,
// and which way; then it refines frequency, gain and (where graded) Q in turn, each by a
// golden-section search on the RMS of the band-level differences ("how different it
// sounds"), twice over: a fixed number of renders, no knowledge of the hidden band.
class MatchingListener {
public:
    MatchingListener(const PreparedLoop& loop, const Treatment& target, std::uint64_t seed)
        : m_loop(loop), m_ear(seed)
    {
        m_centres = audibleBands(thirdOctaveCentresHz(), loop.thirdLevelsDb);
        m_target = bandLevelsDb(monoOf(renderTreatment(*loop.audio, matchedTreatment(loop, target, true))), m_centres,
                                1.0 / 3.0);
        // The loop split into those bands once, by band_energy.h's filters (three RBJ band
        // passes a third of an octave wide) run through the engine's chain.
        const AudioBuffer mono = monoOf(*loop.audio);
        const double n = std::exp2(1.0 / 3.0), q = std::sqrt(n) / (n - 1.0);
        for (double c : m_centres) {
            Treatment split;
            split.eq.assign(3, EqBand{FilterType::BandPass, c, 0.0, q});
            m_bands.push_back(renderTreatment(mono, split).channels[0]);
        }
    }

    // The third-octave levels of the loudness-matched render of `t`, taken filter-first: the
    // band filters and the EQ are linear and time-invariant, so running the EQ over each band
    // of the loop gives the render's band levels (the test checks it) at a fraction of the cost.
    std::vector<double> levels(const Treatment& t) const
    {
        const Treatment matched = matchedTreatment(m_loop, t, true);
        std::vector<double> out;
        std::vector<float> scratch;
        for (const auto& band : m_bands) {
            scratch = band;
            float* data[1] = {scratch.data()};
            for (const EqBand& e : matched.eq) {
                dsp::Biquad f;
                f.setCoefficients(dsp::designBiquad(e, m_loop.audio->sampleRate));
                f.process(data, 1, int(scratch.size()));
            }
            double power = 0.0;
            for (float x : scratch)
                power += double(x) * double(x);
            out.push_back(10.0 * std::log10(power / double(scratch.size())) + matched.gainDb);
        }
        return out;
    }

    const std::vector<double>& target() const { return m_target; }

    EqBand match(bool qFixed)
    {
        EqBand b = kEqMatchStartBand;
        Treatment own;
        own.eq.push_back(b);
        const auto start = heard(levels(own));
        std::vector<double> diff(start.size());
        for (std::size_t i = 0; i < diff.size(); ++i)
            diff[i] = m_target[i] - start[i];
        // Loudness matching moves every band: judge each against the typical one.
        std::vector<double> sorted = diff;
        std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
        const double median = sorted[sorted.size() / 2];
        std::size_t most = 0;
        for (std::size_t i = 0; i < diff.size(); ++i)
            if (std::abs(diff[i] - median) > std::abs(diff[most] - median))
                most = i;
        const double sign = diff[most] > median ? 1.0 : -1.0;
        b.frequencyHz = m_centres[most];
        b.gainDb = sign * std::clamp(std::round(std::abs(diff[most] - median)), 1.0, 15.0);

        for (int round = 0; round < 2; ++round) {
            const bool first = round == 0;
            const double lf = std::log2(b.frequencyHz), octaves = first ? 0.5 : 0.2;
            b.frequencyHz = std::exp2(search(lf - octaves, lf + octaves, first ? 7 : 6, [&](double x) {
                EqBand t = b;
                t.frequencyHz = std::clamp(std::exp2(x), kEqMatchMinHz, kEqMatchMaxHz);
                return t;
            }));
            const double g0 = std::abs(b.gainDb);
            const double g = search(first ? 0.5 : std::max(0.5, g0 - 2.0), first ? 15.0 : std::min(15.0, g0 + 2.0),
                                    first ? 7 : 5, [&](double x) {
                                        EqBand t = b;
                                        t.gainDb = sign * x;
                                        return t;
                                    });
            b.gainDb = sign * std::round(g / kEqMatchGainStepDb) * kEqMatchGainStepDb;
            if (!qFixed) {
                const double lq = std::log2(b.q), span = first ? 5.0 : 0.5;
                b.q = std::exp2(search(std::max(std::log2(kEqMatchMinQ), lq - span),
                                       std::min(std::log2(kEqMatchMaxQ), lq + span), first ? 7 : 5, [&](double x) {
                                           EqBand t = b;
                                           t.q = std::exp2(x);
                                           return t;
                                       }));
            }
        }
        return b;
    }

    int evaluations() const { return m_evaluations; }

private:
    // What the listener makes of its own band's levels, against the target's as remembered.
    std::vector<double> heard(std::vector<double> levels)
    {
        for (double& l : levels)
            l += kJudgementDb * gaussian(m_ear);
        return levels;
    }

    double difference(const EqBand& band)
    {
        ++m_evaluations;
        Treatment t;
        t.eq.push_back(band);
        const auto mine = heard(levels(t));
        double sum = 0.0;
        for (std::size_t i = 0; i < mine.size(); ++i)
            sum += (mine[i] - m_target[i]) * (mine[i] - m_target[i]);
        return std::sqrt(sum / double(std::max<std::size_t>(1, mine.size())));
    }

    // Golden-section search for the x in [lo, hi] whose band sounds closest, in `steps`
    // evaluations.
    template <typename Make> double search(double lo, double hi, int steps, Make make)
    {
        const double r = (std::sqrt(5.0) - 1.0) / 2.0;
        double a = lo, b = hi;
        double c = b - r * (b - a), d = a + r * (b - a);
        double fc = difference(make(c)), fd = difference(make(d));
        for (int i = 2; i < steps; ++i) {
            if (fc < fd) {
                b = d, d = c, fd = fc;
                c = b - r * (b - a);
                fc = difference(make(c));
            } else {
                a = c, c = d, fc = fd;
                d = a + r * (b - a);
                fd = difference(make(d));
            }
        }
        return fc < fd ? c : d;
    }

    static constexpr double kJudgementDb = 0.3; // sd of the listener's judgement of one band's level

    const PreparedLoop& m_loop;
    SeededRandom m_ear;
    std::vector<double> m_centres;
    std::vector<double> m_target;
    std::vector<std::vector<float>> m_bands;
    int m_evaluations = 0;
};

} // namespace

class TestEqMatchExercise : public QObject {
    Q_OBJECT

private slots:
    void isInTheCatalogue()
    {
        const ExerciseCatalogue c = ExerciseCatalogue::standard();
        const Exercise* e = c.find("eq-match");
        QVERIFY(e);
        QCOMPARE(e->title(), QString("EQ match"));
        QCOMPARE(e->revealKind(), RevealKind::EqCurves);
        QCOMPARE(e->levelCount(), int(eqMatchLevels().size()));
        qsizetype gain = -1, match = -1;
        for (qsizetype i = 0; i < qsizetype(c.all().size()); ++i) {
            if (c.all()[std::size_t(i)]->id() == "eq-gain")
                gain = i;
            if (c.all()[std::size_t(i)]->id() == "eq-match")
                match = i;
        }
        // After eq-gain (other exercises may be listed between them).
        QVERIFY(gain >= 0 && match > gain);
    }

    void identicalBandsAreZeroApart()
    {
        const EqCurveDistance d = eqCurveDistance(peak(1000, 9, 1.41), peak(1000, 9, 1.41));
        QCOMPARE(d.rmsDb, 0.0);
        QVERIFY(d.fromHz < 1000 && d.toHz > 1000);
        // Two flat bands: nothing acts, nothing to measure.
        const EqCurveDistance flat = eqCurveDistance(peak(1000, 0, 1.41), peak(200, 0, 4));
        QCOMPARE(flat.rmsDb, 0.0);
        QCOMPARE(flat.fromHz, 0.0);

        const EqMatchExercise e;
        const Question q = e.ask({1}, 11, {});
        Answer a;
        a.band = peak(q.hidden["frequency_hz"].toDouble(), q.hidden["gain_db"].toDouble(), q.hidden["q"].toDouble());
        const Grade g = e.grade(q, a);
        QCOMPARE(g.score, 1.0);
        QVERIFY(g.correct);
        QCOMPARE(g.answer["distance_db"].toDouble(), 0.0);
    }

    void distanceIsTheRmsOfTheCurvesOverTheirSpan()
    {
        // Against a flat answer, d is the RMS of the hidden curve itself over the points where
        // it departs from 0 dB by more than 0.5 dB: computed here from the cookbook's closed form
        // on the same log-spaced grid.
        const EqBand band = peak(1000, 12, 1.41);
        const auto c = dsp::designBiquad(band, kEngineSampleRate);
        double sum = 0.0;
        int n = 0;
        double from = 0, to = 0;
        for (int i = 0; i < 241; ++i) {
            const double f = kCurveMinHz * std::pow(kCurveMaxHz / kCurveMinHz, i / 240.0);
            const double y = dsp::magnitudeDb(c, f, kEngineSampleRate);
            if (std::abs(y) > 0.5) {
                // A single peak is above 0.5 dB over one interval: no zeros inside it.
                sum += y * y;
                ++n;
                if (from == 0)
                    from = f;
                to = f;
            }
        }
        const EqCurveDistance d = eqCurveDistance(band, peak(1000, 0, 1.41));
        QVERIFY(std::abs(d.rmsDb - std::sqrt(sum / n)) < 1e-9);
        QVERIFY(std::abs(d.fromHz - from) < 1e-6 && std::abs(d.toHz - to) < 1e-6);
        qInfo("+12 dB at 1 kHz, Q 1.41 against flat: %.2f dB RMS over %.0f Hz-%.0f Hz (%d points)", d.rmsDb, from, to, n);

        // The RBJ peak's dB curve is odd in its gain (A -> 1/A swaps numerator and denominator),
        // so a cut against the same boost is exactly twice as far as either is from flat.
        const EqCurveDistance mirror = eqCurveDistance(band, peak(1000, -12, 1.41));
        QVERIFY(std::abs(mirror.rmsDb - 2.0 * d.rmsDb) < 1e-9);

        // Two narrow bands far apart: the span runs from the lower band to the upper one and
        // the RMS holds both (and the zeros between them).
        const EqCurveDistance apart = eqCurveDistance(peak(200, 6, 8), peak(5000, 6, 8));
        QVERIFY(apart.fromHz < 200 && apart.toHz > 5000);
        QVERIFY(apart.rmsDb > 0.5 && apart.rmsDb < 6.0 / std::sqrt(2.0));
    }

    void distanceIsSymmetric()
    {
        const std::vector<std::pair<EqBand, EqBand>> pairs = {
            {peak(1000, 9, 1.41), peak(1200, 7, 1.41)},
            {peak(80, -12, 0.7), peak(4000, 3, 6)},
            {peak(12000, 4, 8), peak(10000, -6, 2)},
        };
        for (const auto& [a, b] : pairs) {
            QCOMPARE(eqCurveDistance(a, b).rmsDb, eqCurveDistance(b, a).rmsDb);
            // Cuts mirror boosts: both gains negated, the same distance.
            const EqBand na = peak(a.frequencyHz, -a.gainDb, a.q), nb = peak(b.frequencyHz, -b.gainDb, b.q);
            QVERIFY(std::abs(eqCurveDistance(na, nb).rmsDb - eqCurveDistance(a, b).rmsDb) < 1e-9);
        }
    }

    void qIsIgnoredWhereTheLevelFixesIt()
    {
        const EqMatchExercise e;
        for (int level : {1, 4}) {
            const Question q = e.ask({level}, 5, {});
            QCOMPARE(q.hidden["q_fixed"].toBool(), eqMatchLevels()[std::size_t(level - 1)].qFixed());
            Answer a;
            a.band = peak(q.hidden["frequency_hz"].toDouble() * 1.2, q.hidden["gain_db"].toDouble(), q.hidden["q"].toDouble());
            const Grade same = e.grade(q, a);
            a.band.q = 8.0;
            const Grade other = e.grade(q, a);
            QCOMPARE(other.answer["q"].toDouble(), 8.0); // stored as dialled
            if (level == 1) {
                QCOMPARE(other.answer["distance_db"].toDouble(), same.answer["distance_db"].toDouble());
                QCOMPARE(other.answer["q_graded"].toDouble(), q.hidden["q"].toDouble());
                QCOMPARE(other.answerTreatment->eq.front().q, q.hidden["q"].toDouble());
                QVERIFY(q.prompt.contains("fixed at 1.41"));
            } else {
                QVERIFY(other.answer["distance_db"].toDouble() > same.answer["distance_db"].toDouble() + 0.5);
            }
        }
    }

    void gradeExplainsWithTheNumbers()
    {
        const EqMatchExercise e;
        const Question q = e.ask({1}, 3, {});
        const double f = q.hidden["frequency_hz"].toDouble(), gain = q.hidden["gain_db"].toDouble();
        Answer a;
        a.band = peak(f * std::exp2(0.25), gain - 2.0, 1.41);
        const Grade g = e.grade(q, a);
        const double d = eqCurveDistance(peak(f, gain, 1.41), a.band).rmsDb;
        QCOMPARE(g.answer["distance_db"].toDouble(), d);
        QVERIFY(std::abs(g.score - std::max(0.0, 1.0 - d / 5.0)) < 1e-12);
        QCOMPARE(g.correct, d <= 1.5);
        QVERIFY2(g.explanation.startsWith(QString("Your curve is %1 dB RMS from the target over ").arg(d, 0, 'f', 1)),
                 qPrintable(g.explanation));
        QVERIFY2(g.explanation.contains(QString("gain +%1 vs +%2 dB").arg(gain - 2.0).arg(gain)), qPrintable(g.explanation));
        QCOMPARE(g.plot.kind, RevealKind::EqCurves);
        QCOMPARE(g.plot.truth, eqCurve({peak(f, gain, 1.41)}));
        QCOMPARE(g.plot.answer, eqCurve({a.band}));
        QVERIFY(g.answerTreatment.has_value());
        QCOMPARE(g.answerTreatment->eq.size(), std::size_t(1));
        qInfo("%s", qPrintable(g.explanation));

        // A broken answer (NaN) is graded as the start band's values, never NaN.
        Answer broken;
        broken.band = peak(std::nan(""), std::nan(""), std::nan(""));
        const Grade b = e.grade(q, broken);
        QVERIFY(std::isfinite(b.score) && std::isfinite(b.answer["distance_db"].toDouble()));
    }

    void questionsFollowTheContract()
    {
        const EqMatchExercise e;
        for (const EqMatchLevel& level : eqMatchLevels())
            for (std::uint64_t seed = 0; seed < 200; ++seed) {
                const Question q = e.ask({level.number}, seed, {});
                QCOMPARE(q.answerKind, AnswerKind::EqMatch);
                QVERIFY(q.loudnessMatched);
                QCOMPARE(q.variants.size(), std::size_t(2));
                QCOMPARE(q.variants[0].id, QString("flat"));
                QVERIFY(q.variants[0].treatment.isFlat());
                QCOMPARE(q.variants[1].id, QString("target"));
                QCOMPARE(q.hiddenVariant, 1);
                QCOMPARE(q.range.minimum, -15.0);
                QCOMPARE(q.range.maximum, 15.0);
                QCOMPARE(q.range.step, 0.5);
                QCOMPARE(q.range.unit, QString("dB"));
                QCOMPARE(q.hidden["filter"].toString(), QString("peak"));
                const EqBand& h = q.variants[1].treatment.eq.at(0);
                QCOMPARE(h.type, FilterType::Peak);
                QCOMPARE(q.hidden["frequency_hz"].toDouble(), h.frequencyHz);
                QCOMPARE(q.hidden["gain_db"].toDouble(), h.gainDb);
                QCOMPARE(q.hidden["q"].toDouble(), h.q);
                // Within ±1/6 octave of the level's third-octave span, gains on the 0.5 dB grid.
                QVERIFY(h.frequencyHz >= level.minHz * std::exp2(-1.0 / 6) * 0.99);
                QVERIFY(h.frequencyHz <= level.maxHz * std::exp2(1.0 / 6) * 1.01);
                QVERIFY(std::abs(h.gainDb) >= level.minGainDb && std::abs(h.gainDb) <= level.maxGainDb);
                QCOMPARE(std::fmod(std::abs(h.gainDb), 0.5), 0.0);
                QVERIFY(level.cuts || h.gainDb > 0);
                QVERIFY(h.q >= level.minQ - 0.05 && h.q <= level.maxQ + 0.05);
                // Leaving the band flat is never right and scores little.
                Answer flat;
                flat.band = kEqMatchStartBand;
                const Grade g = e.grade(q, flat);
                QVERIFY(!g.correct);
                QVERIFY2(g.score < 0.35, qPrintable(g.explanation));
            }
    }

    void sameSeedSameQuestion()
    {
        const EqMatchExercise e;
        std::vector<double> frequencies;
        bool cut = false, boost = false;
        for (std::uint64_t seed = 0; seed < 50; ++seed) {
            const Question a = e.ask({5}, seed, {}), b = e.ask({5}, seed, {});
            QCOMPARE(a.hidden, b.hidden);
            QCOMPARE(a.prompt, b.prompt);
            frequencies.push_back(a.hidden["frequency_hz"].toDouble());
            (a.hidden["gain_db"].toDouble() < 0 ? cut : boost) = true;
        }
        std::sort(frequencies.begin(), frequencies.end());
        // Continuous centres: many different ones, not only the ISO labels.
        QVERIFY(std::unique(frequencies.begin(), frequencies.end()) - frequencies.begin() > 40);
        QVERIFY(cut && boost);
    }

    void hiddenBandsSitWhereTheLoopHasEnergy()
    {
        // Pink noise through four 1 kHz low passes: the bands above about 5 kHz are more than
        // 30 dB below the loudest and must never carry the target.
        Treatment dark;
        for (int i = 0; i < 4; ++i)
            dark.eq.push_back({FilterType::LowPass, 1000.0, 0.0, 0.7071});
        const PreparedLoop loop = preparedFrom(renderTreatment(dsp::makePinkNoise(2.0, 48000.0, -20.0, 9), dark));
        const MaterialFacts facts = factsOf(loop);
        const auto audible = audibleBands(thirdOctaveCentresHz(), facts.thirdLevelsDb);
        QVERIFY(audible.back() < 8000 && audible.back() >= 1000);
        const EqMatchExercise e;
        for (int level : {2, 6}) {
            bool noted = false;
            for (std::uint64_t seed = 0; seed < 100; ++seed) {
                const Question q = e.ask({level}, seed, facts);
                const double f = q.hidden["frequency_hz"].toDouble();
                QVERIFY2(f <= audible.back() * std::exp2(1.0 / 6) * 1.01, qPrintable(QString::number(f)));
                noted = noted || q.notes.join(" ").contains("only where this material has energy");
            }
            QVERIFY(noted);
        }
        // Unknown levels (no loop): the whole span of the level.
        QCOMPARE(EqMatchExercise::hiddenCentresHz(eqMatchLevels()[5], {}).size(), std::size_t(26));
    }

    void nothingAboveMinusOneDbfsAtTheMostExtremeSetting()
    {
        // The largest boost and cut (±12 dB) at the widest Q any level draws (0.7), across the
        // octaves, on each built-in loop and on pink noise, loudness-matched as the app plays them,
        // through the master section (renderMastered: the engine's limiter included).
        std::vector<AudioBuffer> materials;
        materials.push_back(dsp::makePinkNoise(4.0, 48000.0, -20.0, 3));
        for (const char* id : {"pop-rock", "electronic", "acoustic-jazz"}) {
            materials.push_back(builtinSlice(id, 4.0, 6.0));
            QVERIFY2(materials.back().frames() > 0, id);
        }
        double worstBeforeLimiter = -100, worst = -100;
        for (const AudioBuffer& m : materials) {
            const PreparedLoop loop = preparedFrom(m);
            for (double f : {63.0, 250.0, 1000.0, 4000.0, 16000.0})
                for (double gain : {12.0, -12.0}) {
                    Treatment t;
                    t.eq.push_back(peak(f, gain, 0.7));
                    const Treatment matched = matchedTreatment(loop, t, true);
                    worstBeforeLimiter = std::max(worstBeforeLimiter, peakDbfs(renderTreatment(*loop.audio, matched)));
                    const double p = peakDbfs(renderMastered(*loop.audio, matched));
                    worst = std::max(worst, p);
                    QVERIFY2(p <= -1.0 + 1e-3, qPrintable(QString("%1 Hz %2 dB: %3 dBFS").arg(f).arg(gain).arg(p)));
                }
        }
        qInfo("most extreme setting: peak %.2f dBFS as played (before the safety limiter %.2f dBFS)", worst,
              worstBeforeLimiter);
        // Loudness matching alone keeps it there on this material: the limiter never acts.
        QVERIFY(worstBeforeLimiter <= -1.0);
    }

    void aListenerMatchesFromTheRenders()
    {
        // Level 1-2 on pink noise, the music levels on 1 s of each built-in loop in turn.
        const PreparedLoop noise = preparedFrom(dsp::makePinkNoise(0.5, 48000.0, -20.0, 2024));
        std::vector<PreparedLoop> music;
        for (const char* id : {"pop-rock", "electronic", "acoustic-jazz"})
            music.push_back(preparedFrom(builtinSlice(id, 8.0, 0.6)));

        const EqMatchExercise e;
        std::vector<double> accuracy;
        for (const EqMatchLevel& level : eqMatchLevels()) {
            const int seeds = level.number == 1 ? 30 : 10;
            int correct = 0, evaluations = 0;
            double sumDistance = 0;
            for (int i = 0; i < seeds; ++i) {
                const std::uint64_t seed = std::uint64_t(level.number) * 1009 + std::uint64_t(i);
                const PreparedLoop& loop =
                    level.material == MaterialNeed::PinkNoise ? noise : music[std::size_t(i) % music.size()];
                const Question q = e.ask({level.number}, seed, factsOf(loop));
                const Treatment& target = q.variants[std::size_t(q.hiddenVariant)].treatment;
                MatchingListener listener(loop, target, seed);
                if (i == 0) { // filter-first levels are the render's levels
                    const auto shortcut = listener.levels(target);
                    for (std::size_t b = 0; b < shortcut.size(); ++b)
                        QVERIFY2(std::abs(shortcut[b] - listener.target()[b]) < 0.01,
                                 qPrintable(QString("band %1: %2 vs %3").arg(b).arg(shortcut[b]).arg(listener.target()[b])));
                }
                Answer a;
                a.band = listener.match(std::any_cast<const EqMatchQuestion&>(q.detail).qFixed);
                const Grade g = e.grade(q, a);
                correct += g.correct ? 1 : 0;
                sumDistance += g.answer["distance_db"].toDouble();
                evaluations += listener.evaluations();
            }
            accuracy.push_back(double(correct) / seeds);
            qInfo("level %d (%s): %.0f %% within %.1f dB over %d seeds, mean distance %.2f dB, %d renders per question",
                  level.number, level.description, 100.0 * accuracy.back(), level.toleranceDb, seeds,
                  sumDistance / seeds, evaluations / seeds);
        }
        QVERIFY2(accuracy.front() >= 0.9, "level 1 must be matchable");
        QVERIFY(accuracy.back() < accuracy.front() - 0.2);
    }
};

QTEST_APPLESS_MAIN(TestEqMatchExercise)
#include "test_eq_match_exercise.moc"
