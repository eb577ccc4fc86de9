#include "cli_support.h"
#include "treatment_options.h"

#include "audio/engine/treatment_render.h"

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
                 readable(outPath).c_str(), static_cast<unsigned long long>(written.clippedSamples),
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
                                "safety limiter at -1 dBTP (a lossy file is decoded, measured and rendered "
                                "again with a lower ceiling if its codec added peaks)."});
    if (!parseOrHelp(parser, args, 1, 1))
        return kExitOk;
    if (!parser.isSet("output"))
        throw UsageError("missing -o OUT");

    const TreatmentOptions options = readTreatmentOptions(parser);
    const std::string inPath = toStd(parser.positionalArguments().front());
    const std::string outPath = toStd(parser.value("output"));
    // Every render streams from file to file in constant memory, and writes through
    // FileReplacement (see AudioFileWriter), so outPath may be inPath. Loudness matching and
    // the master's end fade need to know the whole input first: a first pass measures it
    // (planRender), the second renders.
    const bool master = parser.isSet("master");
    if (!options.matchLoudness && !master) {
        warnIfClipped(outPath, renderTreatmentFile(inPath, outPath, options.treatment));
        return kExitOk;
    }
    RenderPlan plan;
    try {
        plan = planRender(inPath, options.treatment, options.matchLoudness);
    } catch (const AudioError& e) {
        rethrowNamingTheFile(e, inPath);
    }
    if (!master) {
        warnIfClipped(outPath, renderTreatmentFile(inPath, outPath, plan.treatment));
        return kExitOk;
    }
    // The promise is -1 dBTP in the file as it will be heard: a lossy file is decoded and
    // measured, and rendered again with a lower ceiling if its codec put peaks above it.
    const MasteredFile m = renderMasteredFile(inPath, outPath, plan);
    const double ceiling = PlayerConfig{}.limiterCeilingDb;
    if (isLossyFormat(outPath)) {
        const bool above = m.truePeakDbtp > ceiling;
        const QString suffix =
            above ? QString("; above %1 dBTP: the ceiling is lowered by at most %2 dB, so the master keeps its level")
                        .arg(ceiling, 0, 'f', 1)
                        .arg(kMasterMaxCorrectionDb, 0, 'f', 1)
                  : QString();
        printOut(QString("%1: true peak %2 dBTP as decoded (limiter ceiling %3 dBFS, %4 render%5)%6")
                     .arg(QString::fromStdString(readable(outPath)))
                     .arg(m.truePeakDbtp, 0, 'f', 2)
                     .arg(m.ceilingDb, 0, 'f', 2)
                     .arg(m.renders)
                     .arg(m.renders == 1 ? "" : "s")
                     .arg(suffix));
        // The file is written and kept (exit status 0), but the promise is not met: said on
        // stderr too, where a script looks for trouble.
        if (above)
            std::fprintf(stderr,
                         "earlab-cli render: warning: %s: the decoded true peak is %+.2f dBTP, above the %.1f dBTP "
                         "--master promises; the codec adds peaks that a limiter ceiling lowered by up to %.1f dB "
                         "did not remove (the file kept: ceiling %.2f dBFS). Write .wav or .flac for -1 dBTP exactly.\n",
                         readable(outPath).c_str(), m.truePeakDbtp, ceiling, kMasterMaxCorrectionDb, m.ceilingDb);
    }
    return kExitOk;
}

} // namespace earlab::cli
