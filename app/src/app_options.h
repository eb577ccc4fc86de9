#pragma once
// What the command line (or a test's main) decides before the QML engine starts: the App
// singleton is created by the QML engine, so it reads these instead of constructor arguments.

#include <QString>

namespace earlab::app {

struct AppOptions {
    QString databasePath;        // ProgressStore path; "" = in memory
    bool databasePathSet = false; // false: ProgressStore::defaultPath()
    QString settingsFile;        // INI file for QSettings; empty = the platform default
    int questionsPerSession = 0; // > 0: --questions, overriding the Settings page
    bool autoOpenAudio = true;   // open the output device when the App is created
};

AppOptions& appOptions();

} // namespace earlab::app
