#include "cli_support.h"
#include "treatment_options.h"

#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"

#include <cmath>
#include <cstdio>

namespace earlab::cli {

namespace {

// Integer formats (FLAC, AIFF) cannot hold samples beyond full scale: the writer clips them
// and counts them; the user hears about it but still gets the file (exit status 0).
void warnIfClipped(const std::string& outPath, const WriteSummary& written)
{
    if (written.clippedSamples == 0)
        return;
    std::fprintf(stderr,
                 "earlab-cli render: warning: %s: %llu samples above full scale were clipped (peak %+.1f dBFS); "
                 "write .wav (32-bit float) to keep them, or use --master to limit the peak to -1 dBFS\n",
                 outPath.c_str(), static_cast<unsigned long long>(written.clippedSamples),
                 20.0 * std::log10(double(written.peak)));
}

} // namespace

int runRender(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Apply a treatment to an audio file offline and write the result at the input's rate.\n"
        "The output format follows OUT's extension: .wav float 32-bit, .flac 24-bit "
        "(also .aiff, .ogg, .opus, .mp3; .opus is written at 48 kHz, other rates resampled with libsoxr).\n"
        "OUT is replaced only once the new file is complete (OUT may be IN); on any error it is left as it was.");
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
    // master section is rendered through ScenePlayer; those keep the whole-buffer path. Both
    // write through FileReplacement (see AudioFileWriter).
    if (!options.matchLoudness && !parser.isSet("master")) {
        warnIfClipped(outPath, renderTreatmentFile(inPath, outPath, options.treatment));
        return kExitOk;
    }
    const LoadedAudio in = loadAudioFile(inPath);
    const Treatment treatment = treatmentFor(options, in.audio, inPath);
    const AudioBuffer out =
        parser.isSet("master") ? renderMastered(in.audio, treatment) : renderTreatment(in.audio, treatment);
    warnIfClipped(outPath, writeAudioFile(outPath, out));
    return kExitOk;
}

} // namespace earlab::cli
