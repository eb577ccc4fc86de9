// A simulated listener proves the EQ questions are answerable and that the ladder gets
// harder: it hears only the spectral difference between the flat and the treated,
// loudness-matched renders, through band filters as wide as the level's bands, blurred by a
// 1 dB just-noticeable-difference noise; it names the band that changed most and which way.

#include "exercises/band_energy.h"
#include "exercises/eq_levels.h"
#include "exercises/eq_question.h"
#include "exercises/seeded_random.h"

#include "assets/builtin_material.h"
#include "audio/dsp/pink_noise.h"
#include "audio/io/audio_file.h"
#include "audio/engine/treatment_render.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

using namespace earlab;

namespace {

constexpr double kJndDb = 1.0;       // standard deviation of the listener's level judgement
constexpr double kFlatBelowDb = 1.5; // a largest change smaller than this is called "flat"

double gaussian(SeededRandom& rng)
{
    const double u1 = std::max(rng.unit(), 1e-12), u2 = rng.unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

EqAnswer listen(const EqQuestion& q, const EqLevel& level, const AudioBuffer& source,
                const std::vector<double>& flatLevels, SeededRandom& ear)
{
    const double bandwidth = level.bandsHz.size() > 9 ? 1.0 / 3.0 : 1.0;
    const Treatment matched = loudnessMatched(source, source, q.treatment());
    const auto treatedLevels = bandLevelsDb(renderTreatment(source, matched), q.bandOptionsHz, bandwidth);
    std::vector<double> diff(treatedLevels.size());
    for (std::size_t i = 0; i < diff.size(); ++i)
        diff[i] = treatedLevels[i] - flatLevels[i] + kJndDb * gaussian(ear);
    // Loudness matching shifts every band: judge each band against the typical one.
    std::vector<double> sorted = diff;
    std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
    const double median = sorted[sorted.size() / 2];
    std::size_t best = 0;
    for (std::size_t i = 0; i < diff.size(); ++i)
        if (std::abs(diff[i] - median) > std::abs(diff[best] - median))
            best = i;
    const double change = diff[best] - median;
    if (level.catchRate > 0 && std::abs(change) < kFlatBelowDb)
        return {true, 0, 0};
    return {false, q.bandOptionsHz[best], change > 0 ? 1.0 : -1.0};
}

} // namespace

class TestSimulatedListener : public QObject {
    Q_OBJECT

private slots:
    void accuracyFallsAsLevelsRise()
    {
        // Each level is heard on its own material: pink noise, or 1 s of the pop-rock loop
        // (in bar 5, where every instrument plays) for the music levels.
        const AudioBuffer noise = dsp::makePinkNoise(0.5, 48000.0, -20.0, 2024);
        const BuiltinLoop* loop = findBuiltinLoop("pop-rock");
        QVERIFY(loop);
        AudioBuffer music = loadAudioFile(materialPath(loop->mixFile)).audio;
        for (auto& channel : music.channels)
            channel = std::vector<float>(channel.begin() + 8 * 48000, channel.begin() + 9 * 48000);

        std::vector<double> accuracy;
        SeededRandom ear(77);
        for (const EqLevel& level : eqBandLevels()) {
            const AudioBuffer& source = level.material == Material::Music ? music : noise;
            const double bandwidth = level.bandsHz.size() > 9 ? 1.0 / 3.0 : 1.0;
            const auto flatLevels = bandLevelsDb(source, level.bandsHz, bandwidth);
            // As the app does: never ask about bands the material has no energy in.
            const auto audible = audibleBands(level.bandsHz, flatLevels);
            const int questions = level.number == 1 ? 200 : 100;
            int correct = 0;
            for (int i = 0; i < questions; ++i) {
                const EqQuestion q = makeEqQuestion(EqExerciseKind::BandIdentification, level,
                                                    std::uint64_t(level.number) * 100003 + i, audible);
                std::vector<double> optionLevels;
                for (double band : q.bandOptionsHz)
                    optionLevels.push_back(flatLevels[std::size_t(
                        std::find(level.bandsHz.begin(), level.bandsHz.end(), band) - level.bandsHz.begin())]);
                correct += gradeEqAnswer(q, listen(q, level, source, optionLevels, ear)).correct ? 1 : 0;
            }
            accuracy.push_back(double(correct) / questions);
            qInfo("level %d (%s): %.0f %% correct over %d questions", level.number, level.description.c_str(),
                  100.0 * accuracy.back(), questions);
        }
        QVERIFY2(accuracy.front() >= 0.9, "level 1 must be answerable");
        // Harder levels are harder: the third-octave levels fall well below the octave ones,
        // and the top level is the hardest.
        QVERIFY(accuracy.back() < accuracy.front() - 0.2);
        QVERIFY(accuracy.back() <= *std::min_element(accuracy.begin(), accuracy.end()) + 0.05);
        const double octaveMean = (accuracy[0] + accuracy[1] + accuracy[2] + accuracy[3] + accuracy[4]) / 5;
        const double thirdMean = (accuracy[5] + accuracy[6] + accuracy[7]) / 3;
        QVERIFY(thirdMean < octaveMean);
    }
};

QTEST_APPLESS_MAIN(TestSimulatedListener)
#include "test_simulated_listener.moc"
