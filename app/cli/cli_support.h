#pragma once
// What every earlab-cli subcommand (and the app's own command line) shares: exit statuses,
// the usage error, argument parsing that reports instead of exiting, numbers checked for
// range with the text as typed, and arguments that keep every byte the user gave.

#include <QCommandLineParser>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

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

// --- Arguments that keep every byte ---------------------------------------------------------
// A file name on Linux is bytes, not necessarily UTF-8 ($'caf\xe9.wav' from a Latin-1 system).
// QCoreApplication::arguments() turns such bytes into U+FFFD, so the name can no longer be
// opened (or a file is written under another name). Instead each byte that is not part of
// valid UTF-8 becomes the lone surrogate U+DC80 + byte (Python's "surrogateescape", PEP 383):
// QCommandLineParser handles such strings like any other, and toStd() gives the bytes back.

// argv as QStrings, byte-faithful (the surrogate escapes above). Read argv after the
// Q*Application is constructed: it removes the arguments it handled itself.
QStringList argumentsFromArgv(int argc, char** argv);
QString fromStd(std::string_view bytes); // bytes -> QString, invalid UTF-8 escaped as above
std::string toStd(const QString& s);     // the exact bytes again (UTF-8 for everything else)
// For messages: the invalid bytes as the text \xe9, so that a name prints readably.
QString readable(const QString& s);
std::string readable(std::string_view bytes);

// --- Parsing ----------------------------------------------------------------------------------
// Parses `args` (args[0] is the subcommand's or program's name). Returns false when --help was
// given (the help text is already printed). Throws UsageError for unknown options, a
// single-value option given more than once (only the options in kRepeatableOptions may be
// repeated), or a wrong number of positional arguments.
bool parseOrHelp(QCommandLineParser& parser, const QStringList& args, int minPositional, int maxPositional);

// The value-taking options that may be given more than once; every other one must appear at
// most once, because the parser would silently keep only the last.
inline const QStringList kRepeatableOptions = {QStringLiteral("eq"), QStringLiteral("trim")};

// --- Numbers, checked with the text as typed --------------------------------------------------
// An allowed range, inclusive unless minExcluded. unit is shown after the range ("s", "dB").
struct NumberRange {
    double min;
    double max;
    const char* unit = "";
    bool minExcluded = false;
};

// Parses `text` (the value typed for `what`, e.g. "--pan") as a finite number in `range`.
// Throws UsageError "--pan 1.0000001: must be a number between -1 and 1": the text is quoted
// as the user typed it, never as the value it was rounded or overflowed to.
double parseNumber(const QString& what, const QString& text, const NumberRange& range);
// The same for whole numbers (no fraction, no exponent) in [min, max].
std::int64_t parseInteger(const QString& what, const QString& text, std::int64_t min, std::int64_t max);
// Any 64-bit unsigned whole number (a seed): 0 to 18446744073709551615, no sign, fraction or exponent.
std::uint64_t parseUnsigned64(const QString& what, const QString& text);

void printOut(const QString& text); // stdout, with a newline, invalid bytes shown readably

// A number for JSON, rounded to `decimals`; null when not finite (JSON has no infinity or NaN:
// silence has no loudness, an item identical to the reference has a null depth of -inf).
QJsonValue finiteOrNull(double v, int decimals);

using CommandFunction = int (*)(const QStringList& args);
int runDevices(const QStringList& args);
int runInfo(const QStringList& args);
int runRender(const QStringList& args);
int runPlay(const QStringList& args);
int runDemo(const QStringList& args);
int runExercises(const QStringList& args);
int runQuestion(const QStringList& args);
int runVerifyLog(const QStringList& args);
int runCompare(const QStringList& args);
int runAbx(const QStringList& args);
int runStats(const QStringList& args);
int runExport(const QStringList& args);
int runImport(const QStringList& args);

} // namespace earlab::cli
