// A simulated listener proves "which of A/B is compressed" is answerable and that the
// staircase gets harder as the gain reduction falls: it hears only the renders (each variant
// through the treatment chain, loudness-matched as the app plays it) and judges their
// envelopes: the spread of short-term level (the standard deviation of 50 ms block levels in
// dB, over the blocks within 40 dB of the loudest). Compression narrows that spread, so it
// names the variant with the smaller spread, each judgement blurred by a Gaussian noise of
// kSpreadJndDb. Neither the hidden parameters nor the exercise's own model are used.

#include "compression_loops.h"

#include "audio/engine/treatment_render.h"
#include "exercises/compression_exercise.h"
#include "exercises/seeded_random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace earlab;

namespace {

constexpr double kSpreadJndDb = 0.3;     // standard deviation of the listener's spread judgement
constexpr double kListenSeconds = 6.0;   // of the loop, to keep the run short
constexpr double kBlockSeconds = 0.05;
constexpr double kGateBelowLoudestDb = 40.0;

double gaussian(SeededRandom& rng)
{
    const double u1 = std::max(rng.unit(), 1e-12), u2 = rng.unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double envelopeSpreadDb(const AudioBuffer& b)
{
    const std::size_t block = std::size_t(kBlockSeconds * b.sampleRate);
    std::vector<double> levels;
    for (std::size_t at = 0; at + block <= b.frames(); at += block) {
        double e = 0;
        for (const auto& c : b.channels)
            for (std::size_t i = at; i < at + block; ++i)
                e += double(c[i]) * c[i];
        levels.push_back(10.0 * std::log10(std::max(e / double(block), 1e-20)));
    }
    const double loudest = *std::max_element(levels.begin(), levels.end());
    double sum = 0, sum2 = 0;
    int n = 0;
    for (double l : levels)
        if (l >= loudest - kGateBelowLoudestDb)
            sum += l, sum2 += l * l, ++n;
    const double mean = sum / n;
    return std::sqrt(std::max(sum2 / n - mean * mean, 0.0));
}

} // namespace

class TestCompressionListener : public QObject {
    Q_OBJECT

private slots:
    void accuracyFallsWithGainReduction()
    {
        // The pop-rock drums as the app prepares a loop, their first kListenSeconds: material
        // with transients, as the exercise asks (in the balanced mix the drums sit lower, and
        // the envelope statistic this listener uses sees less of them).
        std::string drums;
        for (const auto& [name, file] : findBuiltinLoop("pop-rock")->stems)
            if (name == "drums")
                drums = file;
        QVERIFY(!drums.empty());
        auto full = earlab::test::prepareBuiltinFile("pop-rock", drums);
        auto loop = std::make_shared<PreparedLoop>(*full);
        AudioBuffer audio = *full->audio;
        for (auto& c : audio.channels)
            c.resize(std::size_t(kListenSeconds * audio.sampleRate));
        loop->audio = std::make_shared<const AudioBuffer>(std::move(audio));
        const MaterialFacts facts = factsOf(*loop);

        const CompressionExercise exercise(CompressionExerciseKind::Detection);
        SeededRandom ear(2024);
        std::vector<double> accuracy;
        QStringList table{"| rung | gain reduction | correct | mean spread difference |", "|---|---|---|---|"};
        for (const LevelInfo& level : exercise.levels()) {
            const int questions = level.number == 1 ? 60 : 30;
            int correct = 0;
            double difference = 0;
            for (int i = 0; i < questions; ++i) {
                const Question q = exercise.ask({level.number}, std::uint64_t(level.number) * 1009 + std::uint64_t(i), facts);
                double spread[2];
                for (int v = 0; v < 2; ++v) {
                    const Treatment& t = q.variants[std::size_t(v)].treatment;
                    spread[v] = envelopeSpreadDb(renderTreatment(*loop->audio, matchedTreatment(*loop, t, q.loudnessMatched)));
                }
                difference += std::abs(spread[0] - spread[1]);
                const bool aHeardCompressed = spread[0] + kSpreadJndDb * gaussian(ear) < spread[1] + kSpreadJndDb * gaussian(ear);
                Answer a;
                a.option = aHeardCompressed ? QStringLiteral("a") : QStringLiteral("b");
                correct += exercise.grade(q, a).correct ? 1 : 0;
            }
            accuracy.push_back(double(correct) / questions);
            table << QString("| %1 | %2 dB | %3 % (%4/%5) | %6 dB |")
                         .arg(level.number)
                         .arg(level.value)
                         .arg(100.0 * accuracy.back(), 0, 'f', 0)
                         .arg(correct)
                         .arg(questions)
                         .arg(difference / questions, 0, 'f', 2);
        }
        for (const QString& row : table)
            qInfo("%s", qPrintable(row));
        QVERIFY2(accuracy.front() >= 0.9, "the easiest rung must be answerable");
        QVERIFY(accuracy.back() < accuracy.front() - 0.2);
        // Falling with the gain reduction: the lower half of the rungs does worse than the upper.
        const double upper = (accuracy[0] + accuracy[1] + accuracy[2] + accuracy[3]) / 4;
        const double lower = (accuracy[4] + accuracy[5] + accuracy[6] + accuracy[7]) / 4;
        QVERIFY(lower < upper);
    }
};

QTEST_APPLESS_MAIN(TestCompressionListener)
#include "test_compression_listener.moc"
