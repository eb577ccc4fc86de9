// earlab: the Qt Quick app.
#include "app/src/app.h"
#include "app/src/app_options.h"
#include "app/src/screenshot_runner.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <cstring>

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

    QCommandLineParser parser;
    parser.setApplicationDescription("EarLab: ear training for mixing and mastering.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({"db", "Progress database file (default: in the user's data folder).", "PATH"});
    parser.addOption({"settings", "Settings file (INI) instead of the user's settings.", "FILE"});
    parser.addOption({"questions", "Questions per session, overriding the setting (default: the setting, 10).", "N"});
    parser.addOption({"screenshot-dir", "Render every page to PNG files in DIR, then exit.", "DIR"});
    parser.addOption({"screenshot-size", "Window size for --screenshot-dir (default 1280x800; the smallest supported is 1024x640).",
                      "WxH", "1280x800"});
    parser.process(application);

    auto& options = earlab::app::appOptions();
    if (parser.isSet("questions"))
        options.questionsPerSession = std::max(1, parser.value("questions").toInt());
    if (parser.isSet("db")) {
        options.databasePath = parser.value("db");
        options.databasePathSet = true;
    }
    options.settingsFile = parser.value("settings");

    const bool screenshots = parser.isSet("screenshot-dir");
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
        if (!QDir().mkpath(parser.value("screenshot-dir"))) {
            std::fprintf(stderr, "earlab: cannot create %s\n", qPrintable(parser.value("screenshot-dir")));
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
    const QStringList size = parser.value("screenshot-size").split('x');
    const int width = size.size() == 2 ? size[0].toInt() : 0;
    const int height = size.size() == 2 ? size[1].toInt() : 0;
    if (width < 320 || height < 240) {
        std::fprintf(stderr, "earlab: --screenshot-size %s: expected WIDTHxHEIGHT, e.g. 1024x640\n",
                     qPrintable(parser.value("screenshot-size")));
        return 2;
    }
    window->resize(width, height);
    earlab::app::ScreenshotRunner runner(window, app, parser.value("screenshot-dir"));
    int exitCode = 0;
    QObject::connect(&runner, &earlab::app::ScreenshotRunner::finished, &application, [&](int code) {
        exitCode = code;
        application.quit();
    });
    runner.start();
    application.exec();
    return exitCode;
}
