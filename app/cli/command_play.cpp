#include "cli_support.h"
#include "playback_run.h"
#include "treatment_options.h"

#include "audio/engine/treatment_render.h"
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
    parser.addOption({"seconds", "Stop after S seconds (loops the file when it is shorter). Default: the whole file.", "S"});
    parser.addOption({"device", "Output device name (see `earlab-cli devices`). Default: the default output.", "NAME"});
    parser.addOption({"buffer", "Buffer size in frames [16 to 8192].", "FRAMES", "256"});
    parser.addOption({"switch-every", "Alternate flat and treated every S seconds.", "S"});
    if (!parseOrHelp(parser, args, 1, 1))
        return kExitOk;

    const TreatmentOptions options = readTreatmentOptions(parser);
    PlaybackRun run;
    run.device = toStd(parser.value("device"));
    run.framesPerBuffer = int(parseNumber(parser.value("buffer"), "--buffer"));
    if (parser.isSet("seconds")) {
        run.seconds = parseNumber(parser.value("seconds"), "--seconds");
        if (!(run.seconds > 0.0))
            throw UsageError("--seconds must be more than 0");
    }
    if (parser.isSet("switch-every")) {
        run.switchEverySeconds = parseNumber(parser.value("switch-every"), "--switch-every");
        if (!(run.switchEverySeconds >= 0.05))
            throw UsageError("--switch-every must be at least 0.05 s");
    }

    LoadOptions load;
    load.targetSampleRate = kEngineSampleRate;
    auto source = std::make_shared<AudioBuffer>(loadAudioFile(toStd(parser.positionalArguments().front()), load).audio);
    const Treatment treatment =
        options.matchLoudness ? loudnessMatched(*source, *source, options.treatment) : options.treatment;

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
