// Qt Quick Test runner for the app's QML: a QApplication (QtCharts needs one), the EarLab
// module linked in, and every App on an on-disk database and settings file in a fresh
// temporary folder (optionally with a saved level, see below).
#include "app/src/app_options.h"

#include "exercises/progress_store.h"

#include <QApplication>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(EarLabPlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    // The module lives in the resources at qrc:/EarLab (as the app loads it).
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral("qrc:/")); }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("EarLabTest");
    QApplication::setApplicationName("EarLabTest");
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    auto& options = earlab::app::appOptions();
    // EARLAB_TEST_DB_IS_FOLDER=1: the database path is a folder, which EarLab refuses; it
    // trains in memory and the banner says nothing is saved (App::openStore).
    options.databasePath = qEnvironmentVariableIntValue("EARLAB_TEST_DB_IS_FOLDER") ? dir.path()
                                                                                    : dir.filePath("progress.sqlite");
    options.databasePathSet = true;
    options.settingsFile = dir.filePath("settings.ini");
    // EARLAB_TEST_EQ_BAND_LEVEL=N: the database starts with eq-band at level N.
    if (const int level = qEnvironmentVariableIntValue("EARLAB_TEST_EQ_BAND_LEVEL"); level > 0) {
        earlab::ProgressStore store;
        store.open(options.databasePath);
        store.saveLevel(QStringLiteral("eq-band"), level);
    }
    QQuickStyle::setStyle("Basic");
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "app_qml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "test_app_qml.moc"
