// "Add a folder of stems…" on the real backend: the real LibraryScanner on WAV/FLAC files
// written in scratch folders, the real SQLite file written by the database writer thread,
// and the real engine (capture ALSA config) for the stem question that plays the folder.
// A folder of stems is ONE entry; refused folders add nothing and say why, naming the file.
#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/library.h"
#include "app/src/loop_preview.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/library_store.h"
#include "exercises/progress_store.h"

#include "library_backend.h"
#include "support/scratch_files.h"
#include "support/stem_folder_files.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace earlab;
using namespace earlab::app;
using namespace earlab::test;

namespace {

using Backend = LibraryBackend;

int rowOf(const Library& library, const QString& id)
{
    for (int r = 0; r < library.rowCount(); ++r)
        if (library.data(library.index(r), Library::MaterialIdRole).toString() == id)
            return r;
    return -1;
}

QVariant role(const Library& library, const QString& id, int role)
{
    return library.data(library.index(rowOf(library, id)), role);
}

// A folder "<name>" of three stems of 20 s (bass, drums tagged "Funk", keys at 44.1 kHz).
QString makeSong(const char* tag, const QString& name = "My Song")
{
    const QString dir = scratch(tag) + "/" + name;
    QDir().mkpath(dir);
    writeStem(dir + "/Bass.wav", stemSignal(80, 20, 48000));
    if (!writeTagged(dir + "/drums.flac", stemSignal(3000, 20, 48000), "Funk"))
        return {};
    writeStem(dir + "/keys.wav", stemSignal(440, 20, 44100));
    return dir;
}

} // namespace

class TestAppStemFolder : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(!qEnvironmentVariableIsEmpty("ALSA_CONFIG_PATH")); }

    void aFolderOfStemsIsOneEntryThatSurvivesARestart()
    {
        const QString song = makeSong("app-stems-song");
        QVERIFY(!song.isEmpty());
        const QString id = "file:" + song;
        Backend backend;
        {
            Library library(&backend.store, &backend.writer, &backend.preferences);
            QAbstractItemModelTester tester(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
            const int before = library.rowCount();
            QVERIFY(library.addStemFolder(song));
            QCOMPARE(library.rowCount(), before + 1); // one entry, waiting
            QCOMPARE(role(library, id, Library::StatusRole).toString(), QString("waiting"));
            QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
            QCOMPARE(library.rowCount(), before + 1);
            QCOMPARE(library.userCount(), 1);
            QCOMPARE(role(library, id, Library::StatusRole).toString(), QString("ready"));
            QCOMPARE(role(library, id, Library::TitleRole).toString(), QString("My Song"));
            QCOMPARE(role(library, id, Library::KindRole).toString(), QString("file"));
            QVERIFY(role(library, id, Library::StemFolderRole).toBool());
            QCOMPARE(role(library, id, Library::GenreRole).toString(), QString("Funk"));
            const QString detail = role(library, id, Library::DetailRole).toString();
            QVERIFY2(detail.startsWith("Your stems · 3 stems · Bass, drums, keys · 0:20 · WAV + FLAC · 48 kHz · 2 ch"),
                     qPrintable(detail));
            QCOMPARE(role(library, id, Library::RegionLengthRole).toDouble(), 15.0);
            QVERIFY(library.problem().isEmpty());

            // Choosing it makes it the multitrack the stem levels play.
            library.select(id);
            QCOMPARE(library.selectedId(), id);
            const MaterialRef multitrack = library.multitrackMaterial();
            QCOMPARE(multitrack.id, id);
            QVERIFY(multitrack.mixOfStems);
            QCOMPARE(multitrack.stemNames, (QStringList{"Bass", "drums", "keys"}));
            QCOMPARE(multitrack.genre, QString("Funk"));
            QVERIFY(library.pinRegion(id, 4.0, 10.0));
        }
        // In the database, as one row.
        LibraryStore stored(backend.store);
        QCOMPARE(stored.count(), 1);
        QVERIFY(stored.item(song)->scan.stemFolder);
        QVERIFY(stored.item(song)->pinned);
        QCOMPARE(stored.item(song)->scan.stems.size(), 3);

        // A library made next (the app restarted) has it, ready, with its stems and pin.
        Library again(&backend.store, &backend.writer, &backend.preferences);
        QVERIFY(!again.scanning());
        QCOMPARE(role(again, id, Library::StatusRole).toString(), QString("ready"));
        QVERIFY(role(again, id, Library::PinnedRole).toBool());
        QCOMPARE(again.multitrackMaterial().stemPaths.size(), 3);
        QCOMPARE(again.multitrackMaterial().region, (TimeRegion{4.0, 10.0}));

        // Removed: out of the model at once, out of the database once written.
        again.remove(id);
        QCOMPARE(rowOf(again, id), -1);
        QVERIFY(QTest::qWaitFor([&] { return stored.count() == 0; }, 30000));
    }

    void theStemExercisePlaysTheChosenFolder()
    {
        const QString song = makeSong("app-stems-session");
        const QString id = "file:" + song;
        Backend backend;
        AudioOutput audio(&backend.preferences);
        audio.retry();
        QVERIFY2(audio.available(), qPrintable(audio.statusMessage()));
        Library library(&backend.store, &backend.writer, &backend.preferences);
        QVERIFY(library.addStemFolder(song));
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
        library.select(id);
        const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
        Session session(&catalogue, &backend.store, &backend.writer, &audio, &backend.preferences,
                        [&] { return library.musicMaterial(); });
        session.setMultitrackProvider([&] { return library.multitrackMaterial(); });
        // The loop editor's "Listen" plays the folder's mix.
        LoopPreview preview(&audio);
        preview.play(song, 2.0, 8.0);
        QVERIFY(QTest::qWaitFor([&] { return !preview.loading(); }, 30000));
        QVERIFY2(preview.error().isEmpty(), qPrintable(preview.error()));
        QVERIFY(preview.active());
        QVERIFY(std::abs(audio.lengthSeconds() - 8.0) < 0.001);
        preview.stop();
        preview.release();

        session.start("stems", 1);
        QVERIFY(QTest::qWaitFor([&] { return session.phase() == Session::Question; }, 60000));
        const auto loop = session.currentLoop();
        QCOMPARE(loop->material.id, id);
        QVERIFY(loop->stems);
        QCOMPARE(loop->stems->names, (std::vector<std::string>{"Bass", "drums", "keys"}));
        const QString stem = session.currentQuestion().hidden.value("stem").toString();
        QVERIFY2((QStringList{"Bass", "drums", "keys"}).contains(stem), qPrintable(stem));
        session.quit();
    }

    void refusedFoldersAddNothingAndSayWhy()
    {
        Backend backend;
        Library library(&backend.store, &backend.writer, &backend.preferences);
        const int before = library.rowCount();

        // Fewer than two audio files: refused at once.
        const QString one = scratch("app-stems-one");
        writeStem(one + "/only.wav", stemSignal(200, 8, 48000));
        QVERIFY(!library.addStemFolder(one));
        QVERIFY2(library.problem().contains(one + ": a folder of stems needs at least 2 audio files"),
                 qPrintable(library.problem()));
        QCOMPARE(library.rowCount(), before);
        QVERIFY(!library.scanning());

        // Stems of different lengths: refused by the scan, naming the file.
        const QString lengths = scratch("app-stems-lengths");
        writeStem(lengths + "/a.wav", stemSignal(200, 20, 48000));
        writeStem(lengths + "/b.wav", stemSignal(300, 20.4, 48000));
        writeStem(lengths + "/c.wav", stemSignal(400, 20, 48000));
        library.clearProblem();
        QVERIFY(library.addStemFolder(lengths));
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
        QCOMPARE(library.rowCount(), before);
        QVERIFY2(library.problem().contains(lengths + "/b.wav is 0:20.4 long, the others 0:20.0"),
                 qPrintable(library.problem()));

        // An unreadable stem: the scanner's diagnosis of that file.
        const QString broken = scratch("app-stems-broken");
        writeStem(broken + "/a.wav", stemSignal(200, 8, 48000));
        QVERIFY(writeBytes(broken + "/b broken.wav", "RIFF\x10\0\0\0WAVEfmt this is not audio"));
        library.clearProblem();
        QVERIFY(library.addStemFolder(broken));
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
        QCOMPARE(library.rowCount(), before);
        QVERIFY2(library.problem().contains(broken + "/b broken.wav"), qPrintable(library.problem()));

        // Nothing of them in the database.
        QCOMPARE(LibraryStore(backend.store).count(), 0);
    }

    void aStemThatIsGoneMakesTheEntryMissingNamingIt()
    {
        const QString song = makeSong("app-stems-missing", "Four Stems");
        writeStem(song + "/vox.wav", stemSignal(900, 20, 48000));
        const QString id = "file:" + song;
        Backend backend;
        {
            Library library(&backend.store, &backend.writer, &backend.preferences);
            QVERIFY(library.addStemFolder(song));
            QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
            QCOMPARE(role(library, id, Library::StatusRole).toString(), QString("ready"));
        }
        QVERIFY(QFile::remove(song + "/vox.wav"));
        Library library(&backend.store, &backend.writer, &backend.preferences);
        QCOMPARE(role(library, id, Library::StatusRole).toString(), QString("missing"));
        const QString error = role(library, id, Library::ErrorRole).toString();
        QVERIFY2(error.contains(song + "/vox.wav"), qPrintable(error));
        QVERIFY(library.multitrackMaterial().id != id);

        // A rescan takes the folder as it is now: three stems.
        library.rescan();
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
        QCOMPARE(role(library, id, Library::StatusRole).toString(), QString("ready"));
        QVERIFY(role(library, id, Library::DetailRole).toString().startsWith("Your stems · 3 stems · Bass, drums, keys"));
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("EarLabTest");
    QApplication::setApplicationName("EarLabTest");
    TestAppStemFolder test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_stem_folder.moc"
