#include "cli_support.h"
#include "treatment_options.h"

#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"

namespace earlab::cli {

int runRender(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Apply a treatment to an audio file offline and write the result at the input's rate.\n"
        "The output format follows OUT's extension: .wav float 32-bit, .flac 24-bit "
        "(also .aiff, .ogg, .opus, .mp3).");
    parser.addPositionalArgument("IN", "The input audio file.");
    parser.addOption({{"o", "output"}, "The output file.", "OUT"});
    addTreatmentOptions(parser);
    parser.addOption({"master", "Add the master section exactly as playback applies it: start and end fades, "
                                "safety limiter at -1 dBFS."});
    if (!parseOrHelp(parser, args, 1, 1))
        return kExitOk;
    if (!parser.isSet("output"))
        throw UsageError("missing -o OUT");

    const TreatmentOptions options = readTreatmentOptions(parser);
    const std::string inPath = toStd(parser.positionalArguments().front());
    const std::string outPath = toStd(parser.value("output"));
    // The plain treatment streams from file to file (two threads, no whole-file buffers).
    // Loudness matching measures the whole rendered output before the gain is known, and the
    // master section is rendered through ScenePlayer; those keep the whole-buffer path, as
    // does an output that cannot be replaced by a renamed file (see AudioFileWriter), whose
    // error or special file writeAudioFile handles as before.
    if (!options.matchLoudness && !parser.isSet("master") && AudioFileWriter::canReplace(outPath, inPath)) {
        renderTreatmentFile(inPath, outPath, options.treatment);
        return kExitOk;
    }
    const LoadedAudio in = loadAudioFile(inPath);
    const Treatment treatment = treatmentFor(options, in.audio, inPath);
    const AudioBuffer out =
        parser.isSet("master") ? renderMastered(in.audio, treatment) : renderTreatment(in.audio, treatment);
    writeAudioFile(outPath, out);
    return kExitOk;
}

} // namespace earlab::cli
