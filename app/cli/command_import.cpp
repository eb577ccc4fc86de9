#include "cli_support.h"
#include "transfer_data.h"

#include <QFile>
#include <QLocale>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace earlab::cli {

namespace {

// `file` open for reading (every byte of its name kept, see cli_support.h), or the error.
void openInput(QFile& in, const QString& file)
{
    const int fd = ::open(toStd(file).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error(toStd(QStringLiteral("cannot open %1: %2").arg(file, QString::fromLocal8Bit(std::strerror(errno)))));
    struct stat info {};
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw std::runtime_error(toStd(QStringLiteral("%1 is not a file").arg(file)));
    }
    if (!in.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        throw std::runtime_error(toStd(QStringLiteral("cannot read %1: %2").arg(file, in.errorString())));
    }
}

} // namespace

int runImport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import a file earlab-cli export (or EarLab's Settings) wrote into a progress database, merging: an entry "
        "stored already (same id; for blind-test logs the same log_sha256) is skipped, one with the same id and "
        "other content refuses the file. Every row is checked first; a file with any bad row imports nothing and "
        "the message names the file, the row and the cause. The format (CSV or JSON) is read from the content. "
        "A database EarLab cannot write is refused: nothing would reach it. See docs/data_transfer.md."));
    parser.addPositionalArgument("FILE", "The export to import.");
    parser.addOption({"db", "The progress database (created if there is none).", "PATH"});
    parser.addOption({"data", QStringLiteral("What the file holds: %1 (default answers).").arg(transferKindNames()),
                      "KIND"});
    if (!parseOrHelp(parser, args, 1, 1))
        return kExitOk;

    const TransferKind& kind = transferKind(parser.isSet("data") ? parser.value("data") : QStringLiteral("answers"));
    const QString file = parser.positionalArguments().front();
    QFile in;
    openInput(in, file);
    const TransferFormat format = transferFormatOfContent(in.peek(4096));
    ProgressStore store;
    openTransferStore(store, parser.value("db"), true, file);
    const TransferCounts counts = kind.importFrom(store, in, file, format);
    const QLocale english(QLocale::English);
    printOut(QStringLiteral("Imported %1 %2 (%3 already here) into %4.")
                 .arg(english.toString(counts.added), kind.things, english.toString(counts.alreadyPresent),
                      store.sourcePath()));
    return kExitOk;
}

} // namespace earlab::cli
