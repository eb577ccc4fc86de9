#pragma once
// What the command line (or a test's main) decides before the QML engine starts: the App
// singleton is created by the QML engine, so it reads these instead of constructor arguments.

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace earlab::app {

struct AppOptions {
    QString databasePath;        // ProgressStore path; "" = in memory
    bool databasePathSet = false; // false: ProgressStore::defaultPath()
    QString settingsFile;        // INI file for QSettings; empty = the platform default
    int questionsPerSession = 0; // > 0: --questions, overriding the Settings page
    bool autoOpenAudio = true;   // open the output device when the App is created
    QString screenshotDir;       // not empty: render every page to PNG files here, then exit
    QSize screenshotSize{1280, 800};
};

AppOptions& appOptions();

// Reads the app's command line: args as cli::argumentsFromArgv gives them, args[0] the program.
// Returns nullopt when --help or --version was given (already printed on stdout). Throws
// cli::UsageError naming the option and the value as typed: a number that is not finite and
// whole or is out of range (--questions [1 to 100], --screenshot-size [320x240 to 16384x16384]),
// an option given twice, an unexpected argument, or a path whose name is not valid UTF-8
// (Qt's file and SQL classes would open a different name: see parseAppOptions in the .cpp).
std::optional<AppOptions> parseAppOptions(const QStringList& args);

} // namespace earlab::app
