// earlab-cli: devices, file info, offline render, playback, a demo, exercise questions, the
// check of a blind test log, the preparation of a comparison, and an ABX test.
// Exit status: 0 success, 2 bad usage or bad input, 3 no usable audio device; on failure one
// line on stderr naming the cause.

#include "audio/audio_error.h"
#include "audio/io/temporary_files.h"
#include "cli_support.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <exception>

#include <signal.h>

namespace {

struct Command {
    const char* name;
    const char* summary;
    earlab::cli::CommandFunction run;
};

constexpr Command kCommands[] = {
    {"devices", "list audio output devices", earlab::cli::runDevices},
    {"info", "describe an audio file: format, length, loudness, true peak", earlab::cli::runInfo},
    {"render", "apply EQ, compression, gain and pan to a file, offline", earlab::cli::runRender},
    {"play", "play a file, treated, optionally switching flat/treated", earlab::cli::runPlay},
    {"demo", "pink noise with a hidden EQ boost: listen, then see which band", earlab::cli::runDemo},
    {"exercises", "list the exercises (ids for question), their levels and difficulty kind", earlab::cli::runExercises},
    {"question", "write one exercise question: a WAV per variant and question.json (the answer key)",
     earlab::cli::runQuestion},
    {"verify-log", "check a blind test log: every X recomputed from the seed, the log's hash", earlab::cli::runVerifyLog},
    {"compare", "prepare 2 to 8 files for a comparison: alignment, loudness match, null depth", earlab::cli::runCompare},
    {"abx", "a blind ABX test of two files in the terminal: a, b, x to listen, A or B to answer", earlab::cli::runAbx},
    {"stats", "progress statistics of a progress database: accuracy, bands, confusions, days (read-only)", earlab::cli::runStats},
    {"export", "export answers (CSV or JSON) or blind-test logs from a progress database", earlab::cli::runExport},
    {"import", "import an export into a progress database, merging without duplicates", earlab::cli::runImport},
};

void printUsage(std::FILE* to)
{
    std::fputs("Usage: earlab-cli COMMAND [options]   (earlab-cli COMMAND --help for details)\n\nCommands:\n", to);
    for (const auto& c : kCommands)
        std::fprintf(to, "  %-10s %s\n", c.name, c.summary);
}

// SIGINT, SIGTERM, SIGHUP: remove the temporary files of the renders in progress (their
// targets stay as they were, see file_replacement.h), then die of the same signal, so the
// exit status still says "killed by signal". Only async-signal-safe calls here.
extern "C" void removeTemporaryFilesAndDie(int signal)
{
    earlab::removeTemporaryFilesNow();
    struct sigaction byDefault {};
    byDefault.sa_handler = SIG_DFL;
    sigemptyset(&byDefault.sa_mask);
    sigaction(signal, &byDefault, nullptr);
    raise(signal); // delivered as soon as the handler returns and unblocks it
}

void installSignalHandlers()
{
    for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction previous {};
        // A signal the caller chose to ignore (nohup, a background job) stays ignored.
        if (sigaction(signal, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN)
            continue;
        struct sigaction cleanup {};
        cleanup.sa_handler = removeTemporaryFilesAndDie;
        sigemptyset(&cleanup.sa_mask);
        sigaddset(&cleanup.sa_mask, SIGINT);
        sigaddset(&cleanup.sa_mask, SIGTERM);
        sigaddset(&cleanup.sa_mask, SIGHUP);
        sigaction(signal, &cleanup, nullptr);
    }
    // Past a file size limit (ulimit -f) write(2) then fails with EFBIG, which the writer
    // reports and cleans up after, instead of the process being killed mid-write by SIGXFSZ.
    std::signal(SIGXFSZ, SIG_IGN);
}

void fail(const QString& command, const char* message)
{
    std::fprintf(stderr, "earlab-cli %s: %s\n", earlab::cli::readable(command).toUtf8().constData(),
                 earlab::cli::readable(std::string_view(message)).c_str()); // a file name's invalid bytes as \xe9
}

} // namespace

int main(int argc, char** argv)
{
    installSignalHandlers();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("earlab-cli");
    QCoreApplication::setApplicationVersion(EARLAB_VERSION);
    const QStringList args = earlab::cli::argumentsFromArgv(argc, argv); // file names keep every byte

    if (args.size() < 2) {
        printUsage(stderr);
        return earlab::cli::kExitBadInput;
    }
    const QString name = args.at(1);
    if (name == "--help" || name == "-h" || name == "help") {
        printUsage(stdout);
        return earlab::cli::kExitOk;
    }
    if (name == "--version") {
        std::printf("earlab-cli %s\n", EARLAB_VERSION);
        return earlab::cli::kExitOk;
    }
    for (const auto& c : kCommands) {
        if (name != QLatin1String(c.name))
            continue;
        try {
            return c.run(args.mid(1));
        } catch (const earlab::cli::UsageError& e) {
            fail(name, e.what());
            return earlab::cli::kExitBadInput;
        } catch (const earlab::AudioError& e) {
            fail(name, e.what());
            const bool device = e.kind() == earlab::AudioErrorKind::NoDevice ||
                                e.kind() == earlab::AudioErrorKind::DeviceFailed;
            return device ? earlab::cli::kExitNoDevice : earlab::cli::kExitBadInput;
        } catch (const std::exception& e) {
            fail(name, e.what());
            return earlab::cli::kExitBadInput;
        }
    }
    std::fprintf(stderr, "earlab-cli: unknown command \"%s\"\n", earlab::cli::readable(name).toUtf8().constData());
    printUsage(stderr);
    return earlab::cli::kExitBadInput;
}
