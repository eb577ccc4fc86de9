#include "cli_support.h"
#include "playback_run.h"
#include "treatment_options.h"

#include "audio/engine/player_config.h"
#include "audio/io/audio_file.h"

#include <cstdio>
#include <memory>

namespace earlab::cli {

int runPlay(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Play an audio file through PortAudio with a treatment applied live.\n"
                                     "With --switch-every, alternate flat and treated at that period (flat first).");
    parser.addPositionalArgument("IN", "The audio file.");
    addTreatmentOptions(parser);
    addPlaybackOptions(parser, "Stop after S seconds (loops the file when it is shorter). Default: the whole file.");
    parser.addOption({"switch-every", "Alternate flat and treated every S seconds.", "S"});
    if (!parseOrHelp(parser, args, 1, 1))
        return kExitOk;

    const TreatmentOptions options = readTreatmentOptions(parser);
    PlaybackRun run;
    readPlaybackOptions(parser, run);
    if (parser.isSet("switch-every"))
        run.switchEverySeconds = parseNumber("--switch-every", parser.value("switch-every"), {0.05, kMaxPlaybackSeconds, "s"});

    LoadOptions load;
    load.targetSampleRate = kEngineSampleRate;
    const std::string path = toStd(parser.positionalArguments().front());
    auto source = std::make_shared<AudioBuffer>(loadAudioFile(path, load).audio);
    const Treatment treatment = treatmentFor(options, *source, path);

    run.scene.variants = {{source, Treatment{}, "flat"}, {source, treatment, "treated"}};
    run.scene.initialVariant = run.switchEverySeconds > 0 ? 0 : 1;
    run.scene.looping = run.seconds > source->durationSeconds();
    run.onSwitch = [](int variant, double at) {
        std::printf("%8.3f s  %s\n", at, variant == 0 ? "flat" : "treated");
        std::fflush(stdout);
    };
    const PlaybackResult result = playToEnd(run);
    std::printf("played %.3f s on \"%s\", %llu underruns, longest callback %.0f us (CPU time %.0f us at worst, "
                "%.1f us on average)\n",
                double(result.frames) / kEngineSampleRate, result.device.c_str(),
                static_cast<unsigned long long>(result.underruns), result.longestCallbackMicros,
                result.worstCallbackCpuMicros, result.meanCallbackCpuMicros);
    return kExitOk;
}

} // namespace earlab::cli
