#include "cli_support.h"

#include "audio/io/whole_file.h"
#include "exercises/blind_log_check.h"

#include <cstdio>
#include <stdexcept>

namespace earlab::cli {

namespace {
// A blind log of 10,000 trials is about 1.5 MB; anything far beyond that is not one.
constexpr std::size_t kMaxLogBytes = 64u << 20;
} // namespace

int runVerifyLog(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Check a blind test log (JSON, as EarLab exports it): recompute every trial's truth from the revealed seed, "
        "check the seed against its commitment seed_sha256, the correct flags, the trials against planned_trials, n, "
        "k, ties, the p value and d' against the trials, and log_sha256 against the log's contents. Exit status 0 when the log is intact, 2 when anything is altered "
        "(each alteration named) or the file cannot be read as a log.");
    parser.addPositionalArgument("FILE", "The log (.json).");
    if (!parseOrHelp(parser, args, 1, 1))
        return kExitOk;

    const QString file = parser.positionalArguments().front();
    const std::string bytes = readWholeFile(toStd(file), kMaxLogBytes); // AudioError names the file
    const BlindLogCheck check = verifyBlindLog(QByteArray::fromStdString(bytes), file);
    if (!check.unreadable.isEmpty())
        throw std::runtime_error(toStd(check.unreadable));
    if (!check.intact()) {
        QStringList lines{QStringLiteral("%1: altered").arg(file)};
        for (const QString& what : check.altered)
            lines << QStringLiteral("  - ") + what;
        printOut(lines.join(QLatin1Char('\n')));
        std::fprintf(stderr, "earlab-cli verify-log: %s: altered (%d finding%s)\n", readable(toStd(file)).c_str(),
                     int(check.altered.size()), check.altered.size() == 1 ? "" : "s");
        return kExitBadInput;
    }
    // What "intact" proves, said where it is read (docs/blind_tests.md "What the log proves").
    printOut(QStringLiteral("%1: intact (%2, %3 trials, %4 correct, n %5, p %6; every truth recomputed from the seed, "
                            "the seed matches its commitment, the statistics and log_sha256 match). This catches "
                            "accidental or naive edits; it is not a signature: anyone can recompute the hash. The seed "
                            "commitment proves X was fixed before the answers only if it was seen (shown or exported) "
                            "before the run.")
                 .arg(file, check.mode, QString::number(check.trials), QString::number(check.correct),
                      QString::number(check.n),
                      check.pValue ? QString::number(*check.pValue, 'g', 6) : QStringLiteral("not computed")));
    return kExitOk;
}

} // namespace earlab::cli
