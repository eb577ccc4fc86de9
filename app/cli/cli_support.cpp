#include "cli_support.h"

#include <cstdio>

namespace earlab::cli {

bool parseOrHelp(QCommandLineParser& parser, const QStringList& args, int minPositional, int maxPositional)
{
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(args))
        throw UsageError(toStd(parser.errorText()));
    if (parser.isSet(help)) {
        printOut(parser.helpText());
        return false;
    }
    const auto n = parser.positionalArguments().size();
    if (n < minPositional)
        throw UsageError("missing argument (see --help)");
    if (n > maxPositional)
        throw UsageError("unexpected argument \"" + toStd(parser.positionalArguments().at(maxPositional)) +
                         "\" (see --help)");
    return true;
}

double parseNumber(const QString& text, const QString& what)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok)
        throw UsageError(toStd(what) + ": \"" + toStd(text) + "\" is not a number");
    return v;
}

std::string toStd(const QString& s) { return s.toStdString(); }

void printOut(const QString& text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace earlab::cli
