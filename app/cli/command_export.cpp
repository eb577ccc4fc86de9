#include "cli_support.h"
#include "transfer_data.h"


#include <QFile>

#include <cstdio>

namespace earlab::cli {

namespace {

TransferFormat chosenFormat(const QCommandLineParser& parser, const TransferKind& kind)
{
    if (parser.isSet("format")) {
        const QString name = parser.value("format");
        if (name == QLatin1String("csv") && kind.csv)
            return TransferFormat::Csv;
        if (name == QLatin1String("json"))
            return TransferFormat::Json;
        throw UsageError(toStd(QStringLiteral("--format %1: must be %2 for --data %3")
                                   .arg(name, kind.csv ? QStringLiteral("csv or json") : QStringLiteral("json"), kind.name)));
    }
    if (parser.isSet("o"))
        if (const std::optional<TransferFormat> named = transferFormatOfName(parser.value("o"));
            named && (kind.csv || *named == TransferFormat::Json))
            return *named;
    return kind.byDefault;
}

} // namespace

int runExport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export the history in a progress database. Answers: one row per answer with the columns id, answered_at, "
        "exercise, level, session, material, correct, score, response_ms, hidden, answer, then seed, source, value, "
        "format, heard (CSV, RFC 4180, UTF-8; or JSON: {format, version, answers, difficulties, resets}). "
        "Blind-test logs: a JSON array of the stored logs as saved, each verifiable by earlab-cli verify-log. "
        "Without -o the export goes to stdout. See docs/data_transfer.md."));
    parser.addOption({"db", "The progress database (it must exist).", "PATH"});
    parser.addOption({"format", "csv or json (blind-logs: json). Default: from -o's extension, else csv for answers.",
                      "FORMAT"});
    parser.addOption({"o", "Write to FILE (replaced whole only once the export is complete).", "FILE"});
    parser.addOption({"data", QStringLiteral("What to export: %1 (default answers).").arg(transferKindNames()), "KIND"});
    if (!parseOrHelp(parser, args, 0, 0))
        return kExitOk;

    const TransferKind& kind = transferKind(parser.isSet("data") ? parser.value("data") : QStringLiteral("answers"));
    const TransferFormat format = chosenFormat(parser, kind);
    ProgressStore store;
    openTransferStore(store, parser.value("db"), false);

    if (!parser.isSet("o")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered))
            throw std::runtime_error("could not write to stdout");
        kind.exportTo(store, out, QStringLiteral("stdout"), format);
        return kExitOk;
    }
    const QString file = parser.value("o");
    const qint64 count = exportReplacing(file, [&](QIODevice& out) { return kind.exportTo(store, out, file, format); });
    printOut(QStringLiteral("Exported %1 %2 to %3.").arg(count).arg(kind.things, file));
    return kExitOk;
}

} // namespace earlab::cli
