#include "cli_support.h"

#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <cstdio>

namespace earlab::cli {

namespace {
QString dbText(double v) { return std::isfinite(v) ? QString::number(v, 'f', 2) : QString("-inf"); }

} // namespace

int runInfo(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Describe an audio file: format, length, integrated loudness (LUFS) "
                                     "and true peak (dBTP), measured as EarLab plays it (mono on both channels).");
    parser.addPositionalArgument("FILE", "The audio file.");
    parser.addOption({"json", "Print a JSON object."});
    if (!parseOrHelp(parser, args, 1, 1))
        return kExitOk;

    const std::string path = toStd(parser.positionalArguments().front());
    // Streamed: a file of any length is described in constant memory.
    const FileLoudness described = measureFileLoudness(path);
    const Loudness& loudness = described.loudness;
    const AudioFileInfo& info = described.info;
    for (const std::string& warning : info.warnings) // stderr, so --json stays one object
        std::fprintf(stderr, "warning: %s\n", warning.c_str());

    if (parser.isSet("json")) {
        const QJsonObject o{{"path", QString::fromStdString(readable(info.path))},
                            {"format", QString::fromStdString(info.format)},
                            {"encoding", QString::fromStdString(info.encoding)},
                            {"channels", info.channels},
                            {"sample_rate", info.sampleRate},
                            {"frames", qint64(info.frames)},
                            {"duration_s", finiteOrNull(info.durationSeconds, 6)},
                            {"loudness_lufs", finiteOrNull(loudness.integratedLufs, 2)},
                            {"true_peak_dbtp", finiteOrNull(loudness.truePeakDbtp, 2)}};
        printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)).trimmed());
        return kExitOk;
    }
    printOut(QString("%1\n  format       %2, %3\n  channels     %4\n  sample rate  %5 Hz\n"
                     "  frames       %6\n  duration     %7 s\n  loudness     %8 LUFS\n  true peak    %9 dBTP")
                 .arg(QString::fromStdString(readable(info.path)), QString::fromStdString(info.format),
                      QString::fromStdString(info.encoding))
                 .arg(info.channels)
                 .arg(info.sampleRate)
                 .arg(qint64(info.frames))
                 .arg(info.durationSeconds, 0, 'f', 3)
                 .arg(dbText(loudness.integratedLufs), dbText(loudness.truePeakDbtp)));
    return kExitOk;
}

} // namespace earlab::cli
