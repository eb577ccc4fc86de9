#include "cli_support.h"
#include "playback_run.h"

#include "audio/dsp/pink_noise.h"
#include "audio/engine/player_config.h"
#include "audio/engine/treatment_render.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>

namespace earlab::cli {

namespace {
constexpr std::array<double, 9> kOctaveCentresHz = {63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000};

QString bandName(double hz) { return hz >= 1000 ? QString("%1 kHz").arg(hz / 1000.0) : QString("%1 Hz").arg(hz); }
} // namespace

int runDemo(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Pink noise, flat and with a hidden +9 dB boost on one octave band, "
                                     "alternating every 2 seconds. Listen, guess, then read the answer.");
    parser.addOption({"seed", "Random seed (default: from the clock).", "N"});
    addPlaybackOptions(parser, "Length of the demo.", "8");
    if (!parseOrHelp(parser, args, 0, 0))
        return kExitOk;

    // The clock's count is what an unseeded demo prints, so every printed seed can be typed back.
    const auto seed = parser.isSet("seed")
                          ? std::uint64_t(parseInteger("--seed", parser.value("seed"), 0, INT64_MAX))
                          : std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
    PlaybackRun run;
    readPlaybackOptions(parser, run); // all options are checked before any work
    std::mt19937_64 rng(seed);
    const double centre = kOctaveCentresHz[std::uniform_int_distribution<std::size_t>(0, kOctaveCentresHz.size() - 1)(rng)];

    auto noise = std::make_shared<AudioBuffer>(dsp::makePinkNoise(10.0, kEngineSampleRate, -20.0, seed));
    Treatment boost;
    boost.eq.push_back({FilterType::Peak, centre, 9.0, 1.41});
    // Louder always sounds "better": the boosted version is matched in loudness, so only
    // the tone colour gives it away.
    boost = loudnessMatched(*noise, *noise, boost);

    run.scene.variants = {{noise, Treatment{}, "flat"}, {noise, boost, "boosted"}};
    run.scene.looping = true;
    run.switchEverySeconds = 2.0;
    run.onSwitch = [](int variant, double at) {
        std::printf("%6.1f s  %s\n", at, variant == 0 ? "flat" : "boosted");
        std::fflush(stdout);
    };
    printOut("Pink noise: flat, then with a hidden +9 dB boost on one octave band (63 Hz to 16 kHz), "
             "loudness-matched.\n   0.0 s  flat");
    playToEnd(run);
    printOut(QString("The hidden boost was +9 dB at %1 (seed %2).").arg(bandName(centre)).arg(seed));
    return kExitOk;
}

} // namespace earlab::cli
