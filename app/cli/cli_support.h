#pragma once
// What every earlab-cli subcommand shares: exit statuses, the usage error, argument parsing
// that reports instead of exiting, and output helpers.

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <stdexcept>
#include <string>

namespace earlab::cli {

enum ExitStatus : int {
    kExitOk = 0,
    kExitBadInput = 2, // bad usage, a bad file, a parameter out of range
    kExitNoDevice = 3, // no audio device can be used
};

// Bad usage: reported on one line, exit status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses `args` (args[0] is the subcommand's name). Returns false when --help was given
// (the help text is already printed). Throws UsageError for unknown options or a wrong
// number of positional arguments.
bool parseOrHelp(QCommandLineParser& parser, const QStringList& args, int minPositional, int maxPositional);

double parseNumber(const QString& text, const QString& what);
std::string toStd(const QString& s);
void printOut(const QString& text); // stdout, with a newline

using CommandFunction = int (*)(const QStringList& args);
int runDevices(const QStringList& args);
int runInfo(const QStringList& args);
int runRender(const QStringList& args);
int runPlay(const QStringList& args);
int runDemo(const QStringList& args);

} // namespace earlab::cli
