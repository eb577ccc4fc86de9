// earlab: the Qt Quick app.
#include "app/cli/cli_support.h"
#include "app/src/app.h"
#include "app/src/app_options.h"
#include "app/src/screenshot_runner.h"

#include <QApplication>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>

Q_IMPORT_QML_PLUGIN(EarLabPlugin)

int main(int argc, char* argv[])
{
    // Screenshots need no display: choose the offscreen platform before Qt looks for one.
    for (int i = 1; i < argc; ++i)
        if (std::strncmp(argv[i], "--screenshot-dir", 16) == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication application(argc, argv); // QtCharts (later pages) needs a QApplication
    QApplication::setOrganizationName("EarLab");
    QApplication::setApplicationName("EarLab");
    QApplication::setApplicationVersion(EARLAB_VERSION);
    QApplication::setDesktopFileName("earlab");

    // Numbers are checked with the text as typed, and file names keep every byte (app_options.h).
    std::optional<earlab::app::AppOptions> parsed;
    try {
        parsed = earlab::app::parseAppOptions(earlab::cli::argumentsFromArgv(argc, argv));
    } catch (const earlab::cli::UsageError& e) {
        std::fprintf(stderr, "earlab: %s\n", earlab::cli::readable(std::string_view(e.what())).c_str());
        return earlab::cli::kExitBadInput;
    }
    if (!parsed)
        return earlab::cli::kExitOk; // --help or --version
    auto& options = earlab::app::appOptions();
    options = *parsed;

    const bool screenshots = !options.screenshotDir.isEmpty();
    QTemporaryDir scratch;
    if (screenshots) {
        // Screenshots never touch the user's progress or settings. A scratch file (not memory)
        // so the answers take the real path through the database writer thread.
        if (!options.databasePathSet) {
            options.databasePath = scratch.filePath("progress.sqlite");
            options.databasePathSet = true;
        }
        if (options.settingsFile.isEmpty())
            options.settingsFile = scratch.filePath("settings.ini");
        if (!QDir().mkpath(options.screenshotDir)) {
            std::fprintf(stderr, "earlab: cannot create %s\n", qPrintable(options.screenshotDir));
            return 2;
        }
    }

    QQuickStyle::setStyle("Basic");
    QQmlApplicationEngine engine;
    engine.load(QUrl(QStringLiteral("qrc:/EarLab/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    if (!screenshots)
        return application.exec();

    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    auto* app = earlab::app::App::instance();
    if (!window || !app)
        return 1;
    window->resize(options.screenshotSize);
    earlab::app::ScreenshotRunner runner(window, app, options.screenshotDir);
    int exitCode = 0;
    QObject::connect(&runner, &earlab::app::ScreenshotRunner::finished, &application, [&](int code) {
        exitCode = code;
        application.quit();
    });
    runner.start();
    application.exec();
    return exitCode;
}
