#include "app/src/app_options.h"

#include "app/cli/cli_support.h"
#include "app/src/preferences.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace earlab::app {

namespace {

using cli::UsageError;

// Qt's QFile, QDir, QSettings and the SQLite driver take names as QString and encode them as
// UTF-8, so the bytes of a name that is not UTF-8 cannot reach the file system: EarLab would
// read or create a file under another name. Refused with a readable name until the store opens
// files by their bytes.
QString utf8Path(const char* option, const QString& value)
{
    if (cli::toStd(value) != value.toStdString())
        throw UsageError(cli::toStd(QStringLiteral("%1 %2: EarLab cannot yet use a file whose name is not valid UTF-8 "
                                              "(it would open a file of another name); rename it")
                                   .arg(QLatin1String(option), value)));
    return value;
}

QSize parseSize(const QString& text)
{
    const QString what = QStringLiteral("--screenshot-size ") + text + QStringLiteral(":");
    const QStringList parts = text.split(QLatin1Char('x'));
    if (parts.size() != 2)
        throw UsageError(cli::toStd(what + QStringLiteral(" expected WIDTHxHEIGHT, e.g. 1024x640")));
    return QSize(int(cli::parseInteger(what + QStringLiteral(" width"), parts[0], 320, 16384)),
                 int(cli::parseInteger(what + QStringLiteral(" height"), parts[1], 240, 16384)));
}

} // namespace

AppOptions& appOptions()
{
    static AppOptions options;
    return options;
}

std::optional<AppOptions> parseAppOptions(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("EarLab: ear training for mixing and mastering.");
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOption({"db", "Progress database file (default: in the user's data folder).", "PATH"});
    parser.addOption({"settings", "Settings file (INI) instead of the user's settings.", "FILE"});
    parser.addOption({"questions", "Questions per session [1 to 100], overriding the setting (default: the setting, 10).",
                      "N"});
    parser.addOption({"screenshot-dir", "Render every page to PNG files in DIR, then exit.", "DIR"});
    parser.addOption({"screenshot-size", "Window size for --screenshot-dir (default 1280x800; the smallest supported is 1024x640).",
                      "WxH", "1280x800"});
    if (!cli::parseOrHelp(parser, args, 0, 0))
        return std::nullopt;
    if (parser.isSet(version)) {
        cli::printOut(QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion());
        return std::nullopt;
    }

    AppOptions options;
    if (parser.isSet("questions"))
        options.questionsPerSession = int(cli::parseInteger("--questions", parser.value("questions"),
                                                            Preferences::kMinQuestions, Preferences::kMaxQuestions));
    if (parser.isSet("db")) {
        options.databasePath = utf8Path("--db", parser.value("db"));
        options.databasePathSet = true;
    }
    options.settingsFile = utf8Path("--settings", parser.value("settings"));
    options.screenshotDir = utf8Path("--screenshot-dir", parser.value("screenshot-dir"));
    if (parser.isSet("screenshot-dir") && options.screenshotDir.isEmpty())
        throw UsageError("--screenshot-dir: expected a folder name");
    options.screenshotSize = parseSize(parser.value("screenshot-size"));
    return options;
}

} // namespace earlab::app
