// earlab-cli compare: 2 to 8 files prepared for a comparison (exercises/comparison_items.h)
// and what the preparation measured, as a table or as JSON.

#include "cli_support.h"
#include "comparison_progress.h"

#include "audio/io/audio_file.h"
#include "exercises/comparison_items.h"
#include "exercises/comparison_scene.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <utility>

namespace earlab::cli {

namespace {

QString number(double v, int decimals, bool sign = false)
{
    if (std::isnan(v))
        return "-";
    if (std::isinf(v))
        return v < 0 ? "-inf" : "inf";
    const QString text = QString::number(v, 'f', decimals);
    return sign && v >= 0 ? "+" + text : text;
}

// --trim FILE=DB, each FILE one of the positional arguments as typed.
std::vector<double> trimsOf(const QCommandLineParser& parser, const QStringList& files)
{
    const QStringList specs = parser.values("trim");
    if (specs.isEmpty())
        return {};
    std::vector<double> trims(std::size_t(files.size()), 0.0);
    for (const QString& spec : specs) {
        const qsizetype eq = spec.lastIndexOf('=');
        if (eq <= 0)
            throw UsageError(toStd("--trim " + spec + ": must be FILE=DB"));
        const QString file = spec.left(eq);
        if (!files.contains(file))
            throw UsageError(toStd("--trim " + spec + ": " + file + " is not one of the files compared"));
        const double db = parseNumber("--trim " + spec, spec.mid(eq + 1), {-60.0, 24.0, "dB"});
        for (qsizetype i = 0; i < files.size(); ++i)
            if (files[i] == file)
                trims[std::size_t(i)] = db;
    }
    return trims;
}

QJsonArray jsonOf(const Comparison& c)
{
    QJsonArray items;
    for (std::size_t i = 0; i < c.items.size(); ++i) {
        const ComparisonItem& item = c.items[i];
        QJsonObject o{{"file", QString::fromStdString(readable(item.file))},
                      {"sample_rate", item.fileSampleRate},
                      {"loudness_lufs", finiteOrNull(item.loudnessLufs, 3)},
                      {"true_peak_dbtp", finiteOrNull(item.truePeakDbtp, 3)},
                      {"gain_db", finiteOrNull(item.gainDb, 4)},
                      {"trim_db", finiteOrNull(item.trimDb, 4)},
                      {"offset_samples", finiteOrNull(item.alignment.offsetSamples, 5)},
                      {"polarity_inverted", item.alignment.polarityInverted},
                      {"drift_ppm", finiteOrNull(item.alignment.driftPpm, 4)},
                      {"drift_corrected", item.driftCorrected},
                      {"correlation", finiteOrNull(item.alignment.correlation, 5)},
                      {"residual_db", finiteOrNull(item.residualDb, 4)}};
        if (i > 0)
            o.insert("null_depth_db", finiteOrNull(item.nullDepthDb, 2));
        items.append(o);
    }
    return items;
}

void printTable(const Comparison& c)
{
    QString out = QString("%1 items at %2 Hz, common region %3 s (from %4 s of item 1); common headroom gain %5 dB\n")
                      .arg(c.items.size())
                      .arg(c.sampleRate, 0, 'f', 0)
                      .arg(double(c.commonEnd - c.commonBegin) / c.sampleRate, 0, 'f', 3)
                      .arg(double(c.commonBegin) / c.sampleRate, 0, 'f', 3)
                      .arg(number(c.headroomGainDb, 2));
    out += QString("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
               .arg("#", -2)
               .arg("loudness LUFS", 13)
               .arg("peak dBTP", 9)
               .arg("gain dB", 8)
               .arg("offset samples", 15)
               .arg("polarity", 8)
               .arg("drift ppm", 10)
               .arg("null dB", 8)
               .arg("residual dB", 11);
    for (std::size_t i = 0; i < c.items.size(); ++i) {
        const ComparisonItem& item = c.items[i];
        out += QString("%1 %2 %3 %4 %5 %6 %7 %8 %9  %10\n")
                   .arg(QString::number(i + 1), -2)
                   .arg(number(item.loudnessLufs, 2), 13)
                   .arg(number(item.truePeakDbtp, 2), 9)
                   .arg(number(item.gainDb, 2, true), 8)
                   .arg(number(item.alignment.offsetSamples, 3, true), 15)
                   .arg(item.alignment.polarityInverted ? "inverted" : "normal", 8)
                   .arg(number(item.alignment.driftPpm, 1, true) + (item.driftCorrected ? "*" : " "), 10)
                   .arg(i == 0 ? QString("-") : number(item.nullDepthDb, 1), 8)
                   .arg(i == 0 ? QString("-") : number(item.residualDb, 3, true), 11)
                   .arg(fromStd(item.file));
    }
    out += "offset: positive when the item's content comes later than item 1's; drift: * corrected";
    printOut(out);
}

// On stderr, so that --json's stdout stays one JSON document.
void writeDifference(const Comparison& c, int item, const QString& out)
{
    const auto difference = comparisonDifference(c, item, 0);
    const WriteSummary written = writeAudioFile(toStd(out), *difference);
    QString line = QString("difference of item %1 and item 1 written to %2: null %3 dB, peak %4 dBFS")
                       .arg(item + 1)
                       .arg(out)
                       .arg(number(c.items[std::size_t(item)].nullDepthDb, 1))
                       .arg(number(written.peak > 0 ? 20.0 * std::log10(double(written.peak)) : -INFINITY, 1));
    if (written.clippedSamples > 0)
        line += QString(" (%1 samples clipped: write .wav to keep them)").arg(written.clippedSamples);
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
}

} // namespace

int runCompare(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Prepare 2 to 8 files for a comparison as EarLab plays them: each decoded at the first file's rate, "
        "aligned to the first (offset, polarity, drift), loudness-matched to it (BS.1770), all lowered together "
        "so none passes -1.1 dBTP; print loudness, true peak, gain, alignment and the null depth against the first.");
    parser.addPositionalArgument("FILES", "2 to 8 audio files; the first is the reference.", "A B [more...]");
    parser.addOption({"json", "Print a JSON array, one object per file."});
    parser.addOption({"trim", "A gain of DB (-60 to 24) for FILE on top of its loudness match; may be repeated.",
                      "FILE=DB"});
    parser.addOption({"difference", "Write the difference of item N and item 1, as played (aligned and matched), to "
                                    "OUT (.wav is float and holds any level): what actually changed, to listen to.",
                      "OUT"});
    parser.addOption({"difference-of", "The item --difference subtracts item 1 from (default 2).", "N", "2"});
    // The count is checked by prepareComparison, whose message names the files.
    if (!parseOrHelp(parser, args, 1, 64))
        return kExitOk;

    const QStringList files = parser.positionalArguments();
    const int differenceOf =
        int(parseInteger("--difference-of", parser.value("difference-of"), 2, std::max<qsizetype>(files.size(), 2)));
    if (parser.isSet("difference-of") && !parser.isSet("difference"))
        throw UsageError("--difference-of needs --difference OUT");
    ComparisonOptions options;
    options.trimDb = trimsOf(parser, files);
    const Comparison comparison = prepareComparisonShowingProgress(files, std::move(options));
    if (parser.isSet("difference"))
        writeDifference(comparison, differenceOf - 1, parser.value("difference"));

    if (parser.isSet("json"))
        printOut(QString::fromUtf8(QJsonDocument(jsonOf(comparison)).toJson(QJsonDocument::Indented)).trimmed());
    else
        printTable(comparison);
    return kExitOk;
}

} // namespace earlab::cli
