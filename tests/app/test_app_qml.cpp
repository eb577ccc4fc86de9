// Qt Quick Test runner for the app's QML: a QApplication (QtCharts needs one), the EarLab
// module linked in, and every App on an on-disk database and settings file in a fresh
// temporary folder (optionally with a saved level, see below).
#include "app/src/app_options.h"
#include "app/src/sample_history.h"

#include "audio/dsp/pink_noise.h"
#include "audio/io/audio_file.h"
#include "exercises/progress_store.h"

#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QUrl>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(EarLabPlugin)

// fileDrop.drop(item, paths) in QML: files dropped from outside the app (a file manager) at
// the centre of `item`, as the window system delivers them: drag enter, move and drop events
// with the files' URLs, sent to the item's window, so whichever DropArea is there takes them
// (QML's own Drag attached type cannot carry URLs into a DropArea). True when the drop was
// accepted.
class FileDrop : public QObject {
    Q_OBJECT
public:
    Q_INVOKABLE bool drop(QQuickItem* item, const QStringList& paths)
    {
        if (!item || !item->window())
            return false;
        QList<QUrl> urls;
        for (const QString& path : paths)
            urls << QUrl::fromLocalFile(path);
        QMimeData mime;
        mime.setUrls(urls);
        const QPoint at = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(item->window(), &enter);
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(item->window(), &move);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(item->window(), &drop);
        return drop.isAccepted();
    }
};

class Setup : public QObject {
    Q_OBJECT
public:
    QStringList compareFiles;
    FileDrop fileDrop;
public slots:
    // The module lives in the resources at qrc:/EarLab (as the app loads it).
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->rootContext()->setContextProperty("compareTestFiles", compareFiles);
        engine->rootContext()->setContextProperty("fileDrop", &fileDrop);
    }
};

// EARLAB_TEST_COMPARE_FILES=1: two files for the Compare page (compareTestFiles in QML): 6 s
// of pink noise, and the same 3 dB quieter.
QStringList writeCompareFiles(const QString& dir)
{
    using namespace earlab;
    AudioBuffer noise = dsp::makePinkNoise(6.0, 48000, -20.0, 5, 2, false);
    const QString a = dir + "/take-1.wav", b = dir + "/take-2.wav";
    writeAudioFile(a.toStdString(), noise);
    for (auto& channel : noise.channels)
        for (float& v : channel)
            v *= 0.7079458f;
    writeAudioFile(b.toStdString(), noise);
    return {a, b};
}

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
    // EARLAB_TEST_WORKOUT_HISTORY=1: an hour-old eq-band history with one weak band, 1 kHz
    // answered right 2 times of 10 (the last two), 250 Hz and 4 kHz 10 of 10.
    if (qEnvironmentVariableIntValue("EARLAB_TEST_WORKOUT_HISTORY")) {
        earlab::ProgressStore store;
        store.open(options.databasePath);
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600);
        int n = 0;
        for (const double hz : {1000.0, 250.0, 4000.0})
            for (int i = 0; i < 10; ++i) {
                earlab::Attempt a;
                a.exercise = QStringLiteral("eq-band");
                a.hidden = {{"frequency_hz", hz}, {"flat", false}};
                a.correct = hz != 1000.0 || i >= 8;
                a.score = a.correct ? 1 : 0;
                a.responseMs = 5000;
                a.material = QStringLiteral("noise");
                a.answeredAt = start.addSecs(60 * n++);
                store.recordAttempt(a);
            }
    }
    // EARLAB_TEST_SAMPLE_HISTORY=1: the database starts with a month of training
    // (sample_history.h), for the Statistics page.
    if (qEnvironmentVariableIntValue("EARLAB_TEST_SAMPLE_HISTORY")) {
        earlab::ProgressStore store;
        store.open(options.databasePath);
        earlab::app::writeSampleHistory(store);
    }
    QQuickStyle::setStyle("Basic");
    Setup setup;
    if (qEnvironmentVariableIntValue("EARLAB_TEST_COMPARE_FILES"))
        setup.compareFiles = writeCompareFiles(dir.path());
    return quick_test_main_with_setup(argc, argv, "app_qml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "test_app_qml.moc"
