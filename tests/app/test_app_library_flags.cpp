// Files the scan flags as unusable (digital silence, shorter than one loop) on the Library
// page's model with the real backend: shown with the reason, never offered as material, and
// a question asked while one is selected plays something else. A damaged MP3 stays usable
// and its row says what the decoder skipped.
#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/library.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/library_store.h"
#include "exercises/progress_store.h"

#include "support/process_runner.h"
#include "support/scratch_files.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace earlab;
using namespace earlab::app;
using earlab::test::sox;

class TestAppLibraryFlags : public QObject {
    Q_OBJECT

    QString m_music, m_silent, m_short, m_good, m_damaged;

    static QString id(const QString& path) { return QStringLiteral("file:") + path; }

    static int rowOf(const Library& library, const QString& materialId)
    {
        for (int r = 0; r < library.rowCount(); ++r)
            if (library.data(library.index(r), Library::MaterialIdRole).toString() == materialId)
                return r;
        return -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariableIsEmpty("ALSA_CONFIG_PATH"));
        m_music = test::scratch("app-library-flags");
        m_silent = m_music + "/silent.wav";
        m_short = m_music + "/short.wav";
        m_good = m_music + "/good.wav";
        m_damaged = m_music + "/damaged.mp3";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", "-b", "16", m_silent, "trim", "0", "20"}), QString());
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", m_short, "synth", "2", "pinknoise", "gain", "-20"}), QString());
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", m_good, "synth", "20", "pinknoise", "gain", "-20"}), QString());
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", m_damaged, "synth", "20", "pinknoise", "gain", "-20"}), QString());
        QByteArray bytes = test::readBytes(m_damaged);
        for (qsizetype i = 1024; i < bytes.size(); i += 200) // past the information frame
            bytes[i] = char(~bytes[i]);
        QVERIFY(test::writeBytes(m_damaged, bytes));
    }

    void flaggedFilesAreShownAndNeverAsked()
    {
        QTemporaryDir dir;
        ProgressStore store;
        store.open(dir.filePath("progress.sqlite"));
        DatabaseWriter writer;
        writer.open(store.path());
        Preferences preferences{dir.filePath("settings.ini")};
        store.saveLevel("eq-band", 4); // music
        AudioOutput audio(&preferences);
        audio.retry();
        QVERIFY2(audio.available(), qPrintable(audio.statusMessage()));
        Library library(&store, &writer, &preferences);
        library.addPaths({m_silent, m_short, m_good, m_damaged});
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));

        const auto data = [&](const QString& path, int role) {
            return library.data(library.index(rowOf(library, id(path))), role);
        };
        QCOMPARE(data(m_silent, Library::StatusRole).toString(), QString("broken"));
        QCOMPARE(data(m_silent, Library::ErrorRole).toString(), m_silent + ": digital silence: nothing to train on");
        QCOMPARE(data(m_short, Library::StatusRole).toString(), QString("broken"));
        QCOMPARE(data(m_short, Library::ErrorRole).toString(),
                 m_short + ": shorter than one loop (2.0 s; a loop needs 5 s)");
        QCOMPARE(data(m_good, Library::StatusRole).toString(), QString("ready"));
        QCOMPARE(data(m_damaged, Library::StatusRole).toString(), QString("ready"));
        const QString detail = data(m_damaged, Library::DetailRole).toString();
        QVERIFY2(detail.contains("damaged MPEG frames were skipped") && !detail.contains(m_damaged), qPrintable(detail));

        // As stored: the warning is read back from the database (the error column), and the
        // flagged files' reasons too.
        LibraryStore stored(store);
        QVERIFY(QTest::qWaitFor([&] {
            const auto item = stored.item(m_damaged);
            return item && item->scanned() && stored.item(m_short) && stored.item(m_short)->scanned();
        }, 60000));
        QCOMPARE(stored.item(m_damaged)->scan.warnings.size(), 1);
        QVERIFY(stored.item(m_damaged)->scan.warnings.front().startsWith(m_damaged + ": "));
        QVERIFY(stored.item(m_damaged)->scan.error.isEmpty());
        QCOMPARE(stored.item(m_short)->scan.error, m_short + ": shorter than one loop (2.0 s; a loop needs 5 s)");

        QVERIFY(!library.material(id(m_silent)).has_value());
        QVERIFY(!library.material(id(m_short)).has_value());
        QVERIFY(library.material(id(m_good)).has_value());

        // Selected anyway (say, before a rescan flagged it): the question plays other music.
        const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
        Session session(&catalogue, &store, &writer, &audio, &preferences, [&] { return library.musicMaterial(); });
        for (const QString& flagged : {m_silent, m_short}) {
            library.select(id(flagged));
            QVERIFY(library.musicMaterial().id != id(flagged));
            session.start("eq-band", 1);
            QVERIFY(QTest::qWaitFor([&] { return session.phase() == Session::Question; }, 60000));
            QVERIFY(session.currentLoop()->material.id != id(flagged));
            session.quit();
        }
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("EarLabTest");
    QApplication::setApplicationName("EarLabTest");
    TestAppLibraryFlags test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_library_flags.moc"
