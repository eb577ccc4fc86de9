// The Library page's model on the real backend: the real LibraryScanner on files sox makes in
// a scratch folder, the real SQLite file (LibraryStore in the progress database) written by
// the database writer thread, and the real engine (capture ALSA config) for the question
// that plays a pinned region.
#include "app/src/app.h"
#include "app/src/app_options.h"
#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/library.h"
#include "app/src/loop_overview_item.h"
#include "app/src/loop_preview.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/library_store.h"
#include "exercises/progress_store.h"

#include "library_backend.h"
#include "support/process_runner.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/test_signals.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSemaphore>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace earlab;
using namespace earlab::app;
using earlab::test::sox;

namespace {

// The user-file rows of the model, by file name.
QMap<QString, int> fileRows(const Library& library)
{
    QMap<QString, int> rows;
    for (int r = 0; r < library.rowCount(); ++r) {
        const QModelIndex i = library.index(r);
        if (library.data(i, Library::KindRole).toString() == "file")
            rows[library.data(i, Library::FileNameRole).toString()] = r;
    }
    return rows;
}

QVariant role(const Library& library, int row, int role)
{
    return library.data(library.index(row), role);
}

using Backend = test::LibraryBackend;

// An App made next keeps its database and settings in `dir` and opens no audio device.
AppOptions& appOptionsIn(const QTemporaryDir& dir)
{
    auto& options = appOptions();
    options.databasePath = dir.filePath("progress.sqlite");
    options.databasePathSet = true;
    options.settingsFile = dir.filePath("settings.ini");
    options.autoOpenAudio = false;
    return options;
}

} // namespace

class TestAppLibrary : public QObject {
    Q_OBJECT

private:
    QString m_music; // three good files (one in a subfolder), one broken, one text file

private slots:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariableIsEmpty("ALSA_CONFIG_PATH"));
        m_music = test::scratch("app-library-music");
        QVERIFY(QDir().mkpath(m_music + "/album"));
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", "-b", "16", m_music + "/a pink.wav", "synth", "20", "pinknoise",
                      "gain", "-20"}),
                 QString());
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "1", m_music + "/album/b tone.flac", "synth", "12", "sine", "1000",
                      "gain", "-12"}),
                 QString());
        // 0-12 s: a quiet low tone; 12-40 s: loud noise. The densest 15 s lie in the noise.
        const QString quiet = m_music + "/quiet.wav";
        const QString loud = m_music + "/loud.wav";
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "2", quiet, "synth", "12", "sine", "200", "gain", "-40"}), QString());
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "2", loud, "synth", "28", "pinknoise", "gain", "-14"}), QString());
        QCOMPARE(sox({quiet, loud, m_music + "/c intro then noise.wav"}), QString());
        QVERIFY(QFile::remove(quiet));
        QVERIFY(QFile::remove(loud));
        QVERIFY(test::writeBytes(m_music + "/d broken.wav", "RIFF\x10\0\0\0WAVEfmt this is not audio"));
        QVERIFY(test::writeBytes(m_music + "/notes.txt", "not audio, and not listed"));
    }

    void aFolderScansInTheBackgroundWithProgressAndErrors()
    {
        Backend backend;
        ProgressStore& store = backend.store;
        Library library(&store, &backend.writer, &backend.preferences);
        QAbstractItemModelTester tester(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int builtin = library.rowCount();

        QList<QPair<int, int>> steps; // (done, total) each time the scan moves
        QStringList names;
        connect(&library, &Library::scanChanged, this, [&] {
            if (library.scanning() && (steps.isEmpty() || steps.last() != qMakePair(library.scanDone(), library.scanTotal())))
                steps << qMakePair(library.scanDone(), library.scanTotal());
            if (library.scanning() && !library.scanFile().isEmpty() && !names.contains(library.scanFile()))
                names << library.scanFile();
            QVERIFY(library.scanProgress() >= 0.0 && library.scanProgress() <= 1.0);
        });

        library.addUrls({QUrl::fromLocalFile(m_music)}); // as a drop would
        QCOMPARE(library.rowCount(), builtin + 4);       // listed at once, waiting
        QVERIFY(library.scanning());
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));

        // Every file's progress, in order, ending at 4 of 4.
        QVERIFY2(steps.contains(qMakePair(3, 4)), qPrintable(QString::number(steps.size())));
        QCOMPARE(steps.last(), qMakePair(4, 4));
        QVERIFY(steps.indexOf(qMakePair(3, 4)) < steps.indexOf(qMakePair(4, 4)));
        for (int i = 1; i < steps.size(); ++i)
            QVERIFY(steps[i].first >= steps[i - 1].first);
        QCOMPARE(names, (QStringList{"a pink.wav", "b tone.flac", "c intro then noise.wav", "d broken.wav"}));
        QCOMPARE(library.scanDone(), 0); // idle again
        QCOMPARE(library.scanProgress(), 1.0);

        QCOMPARE(library.userCount(), 4);
        QCOMPARE(library.brokenCount(), 1);
        const auto rows = fileRows(library);
        for (const QString name : {"a pink.wav", "b tone.flac", "c intro then noise.wav"}) {
            const int r = rows.value(name, -1);
            QVERIFY2(r >= 0, qPrintable(name));
            QCOMPARE(role(library, r, Library::StatusRole).toString(), QString("ready"));
            QVERIFY(role(library, r, Library::ErrorRole).toString().isEmpty());
            QCOMPARE(role(library, r, Library::SpectrumRole).toList().size(), 9);
            QVERIFY(role(library, r, Library::LoudnessTextRole).toString().endsWith("LUFS"));
            QVERIFY(!role(library, r, Library::RegionTextRole).toString().isEmpty());
            QVERIFY(!role(library, r, Library::PinnedRole).toBool());
        }
        const int pink = rows["a pink.wav"];
        QCOMPARE(role(library, pink, Library::DurationRole).toDouble(), 20.0);
        QCOMPARE(role(library, pink, Library::DurationTextRole).toString(), QString("0:20"));
        QCOMPARE(role(library, pink, Library::FormatRole).toString(), QString("WAV · 44.1 kHz · 2 ch"));
        const double lufs = role(library, pink, Library::LoudnessRole).toDouble();
        QVERIFY2(lufs > -40.0 && lufs < -10.0, qPrintable(QString::number(lufs)));
        QCOMPARE(role(library, pink, Library::LoudnessTextRole).toString(), QString("%1 LUFS").arg(lufs, 0, 'f', 1));
        QCOMPARE(role(library, pink, Library::RegionLengthRole).toDouble(), 15.0);
        // A 1 kHz tone: its spectrum peaks in the 1 kHz bar (index 4) and is low at 63 Hz.
        const QVariantList tone = role(library, rows["b tone.flac"], Library::SpectrumRole).toList();
        QCOMPARE(tone[4].toDouble(), 1.0);
        QVERIFY(tone[0].toDouble() < 0.2);
        QCOMPARE(role(library, rows["b tone.flac"], Library::FormatRole).toString(), QString("FLAC · 48 kHz · 1 ch"));
        // The densest part of the third file is the noise after 12 s.
        QVERIFY(role(library, rows["c intro then noise.wav"], Library::RegionStartRole).toDouble() >= 11.9);

        const int broken = rows["d broken.wav"];
        QCOMPARE(role(library, broken, Library::StatusRole).toString(), QString("broken"));
        QVERIFY(role(library, broken, Library::ErrorRole).toString().contains("d broken.wav"));
        QVERIFY(role(library, broken, Library::SpectrumRole).toList().isEmpty());

        // All four are in the database, the broken one with its error.
        LibraryStore stored(store);
        QCOMPARE(stored.count(), 4);
        QVERIFY(!stored.item(m_music + "/d broken.wav")->scan.ok);
        QVERIFY(!stored.item(m_music + "/d broken.wav")->scan.error.isEmpty());

        // Adding the same folder again scans only the broken file again.
        steps.clear();
        library.addPaths({m_music});
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 60000));
        QCOMPARE(steps.last(), qMakePair(1, 1));
        QCOMPARE(library.userCount(), 4);

        // Removing takes it out of the model at once, and out of the database when the
        // writer gets to it.
        const QString id = role(library, broken, Library::MaterialIdRole).toString();
        library.remove(id);
        QCOMPARE(library.userCount(), 3);
        QCOMPARE(library.brokenCount(), 0);
        QVERIFY(QTest::qWaitFor([&] { return stored.count() == 3; }, 10000));
        QVERIFY(library.problem().isEmpty());
    }

    void libraryWritesRunOnTheWriterThread()
    {
        Backend backend;
        ProgressStore& store = backend.store;
        DatabaseWriter& writer = backend.writer;
        Library library(&store, &writer, &backend.preferences);
        QAbstractItemModelTester tester(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(writer.writerThread() != QThread::currentThread());
        QList<QThread*> writtenOn;
        connect(&writer, &DatabaseWriter::jobDone, this, [&](quint64, QThread* thread) { writtenOn << thread; });
        QStringList failures;
        connect(&writer, &DatabaseWriter::failed, this, [&](quint64, const QString& message) { failures << message; });

        library.addPaths({m_music + "/a pink.wav", m_music + "/album/b tone.flac"}); // 1 write: both queued
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 60000));         // 2: their scans
        // The scan ends only once its results are stored.
        QCOMPARE(writtenOn.size(), 3);
        LibraryStore stored(store);
        QVERIFY(stored.item(m_music + "/a pink.wav")->scan.ok);
        const auto rows = fileRows(library);
        const QString pink = role(library, rows["a pink.wav"], Library::MaterialIdRole).toString();
        QVERIFY(library.pinRegion(pink, 4.0, 5.0));                                              // 4
        library.remove(role(library, rows["b tone.flac"], Library::MaterialIdRole).toString()); // 5
        QVERIFY(QTest::qWaitFor([&] { return writtenOn.size() == 5; }, 10000));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join('\n')));
        for (QThread* thread : writtenOn) {
            QVERIFY(thread != QThread::currentThread());
            QCOMPARE(thread, writer.writerThread());
        }
        QCOMPARE(stored.count(), 1);
        QCOMPARE(stored.item(m_music + "/a pink.wav")->scan.region, (TimeRegion{4.0, 5.0}));

        // What cannot be pinned is refused at once, and nothing is sent to the writer.
        QVERIFY(!library.pinRegion(pink, 18.0, 6.0));
        QVERIFY2(library.problem().contains("not inside") && library.problem().contains("a pink.wav"),
                 qPrintable(library.problem()));
        QVERIFY(!library.pinRegion("file:/nowhere.wav", 0.0, 1.0));
        writer.flush();
        QCoreApplication::processEvents(); // any acknowledgement would be delivered now
        QCOMPARE(writtenOn.size(), 5);
        QVERIFY(failures.isEmpty());
        QCOMPARE(role(library, fileRows(library)["a pink.wav"], Library::RegionStartRole).toDouble(), 4.0);
    }

    void aFailedWriteIsTheProblemAndTheRowShowsWhatIsStored()
    {
        Backend backend;
        ProgressStore& store = backend.store;
        const QString db = store.path();
        Library library(&store, &backend.writer, &backend.preferences);
        QAbstractItemModelTester tester(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        library.addPaths({m_music + "/a pink.wav"});
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 60000));
        const QString id = role(library, fileRows(library)["a pink.wav"], Library::MaterialIdRole).toString();
        const double picked = role(library, fileRows(library)["a pink.wav"], Library::RegionStartRole).toDouble();
        QVERIFY(library.problem().isEmpty());

        // Another program holds the write lock longer than the writer's busy timeout (5 s);
        // reading goes on (WAL). The pin is accepted (it fits) and shown, then the failure
        // arrives: the problem names the database and the cause, and the row shows the
        // loop that is stored, not pinned.
        auto raw = std::make_unique<test::RawDatabase>(db);
        QCOMPARE(raw->run("BEGIN IMMEDIATE"), QString());
        QVERIFY(library.pinRegion(id, 2.0, 5.0));
        QVERIFY(role(library, fileRows(library)["a pink.wav"], Library::PinnedRole).toBool());
        QVERIFY(QTest::qWaitFor([&] { return !library.problem().isEmpty(); }, 20000));
        QVERIFY2(library.problem().contains(db), qPrintable(library.problem()));
        QVERIFY2(library.problem().contains("locked"), qPrintable(library.problem()));
        QVERIFY(!role(library, fileRows(library)["a pink.wav"], Library::PinnedRole).toBool());
        QCOMPARE(role(library, fileRows(library)["a pink.wav"], Library::RegionStartRole).toDouble(), picked);
        QCOMPARE(raw->run("ROLLBACK"), QString());

        // From now on the database refuses every change to the library.
        for (const char* change : {"INSERT", "UPDATE", "DELETE"})
            QCOMPARE(raw->run(QString("CREATE TRIGGER refuse_%1 BEFORE %1 ON library_items"
                                      " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
                                  .arg(change)),
                     QString());
        raw.reset();

        // A removal that cannot be saved: the row comes back.
        library.clearProblem();
        library.remove(id);
        QVERIFY(!fileRows(library).contains("a pink.wav"));
        QVERIFY(QTest::qWaitFor([&] { return fileRows(library).contains("a pink.wav"); }, 10000));
        QVERIFY2(library.problem().contains(db) && library.problem().contains("refused by the test"),
                 qPrintable(library.problem()));
        QCOMPARE(role(library, fileRows(library)["a pink.wav"], Library::StatusRole).toString(), QString("ready"));

        // A file whose addition cannot be saved is not in the library: it goes again.
        library.clearProblem();
        library.addPaths({m_music + "/album/b tone.flac"});
        QVERIFY(fileRows(library).contains("b tone.flac"));
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 60000));
        QVERIFY(!fileRows(library).contains("b tone.flac"));
        QVERIFY2(library.problem().contains(db) && library.problem().contains("refused by the test"),
                 qPrintable(library.problem()));
        QCOMPARE(library.userCount(), 1);
        QCOMPARE(LibraryStore(store).count(), 1);
    }

    void filesWaitingForAScanAreScannedWhenTheAppOpensAgain()
    {
        QTemporaryDir dir;
        auto& options = appOptionsIn(dir);
        {
            App app;
            app.library()->addPaths({m_music + "/a pink.wav"});
            QVERIFY(QTest::qWaitFor([&] { return !app.library()->scanning(); }, 60000));
            app.library()->addPaths({m_music}); // the other three, then quit before they are scanned
            QCOMPARE(app.library()->userCount(), 4);
            QVERIFY(app.library()->scanning());
        }
        {
            ProgressStore store; // the file as the next start finds it
            store.open(options.databasePath);
            const QList<LibraryItem> items = LibraryStore(store).items();
            QCOMPARE(items.size(), 4);
            QCOMPARE(std::count_if(items.begin(), items.end(), [](const LibraryItem& i) { return i.queued; }), 3);
        }
        App app;
        Library& library = *app.library();
        QAbstractItemModelTester tester(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(library.userCount(), 4);
        QVERIFY(library.scanning()); // by itself
        auto rows = fileRows(library);
        QCOMPARE(role(library, rows["a pink.wav"], Library::StatusRole).toString(), QString("ready"));
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
        rows = fileRows(library);
        for (const QString name : {"a pink.wav", "b tone.flac", "c intro then noise.wav"})
            QCOMPARE(role(library, rows[name], Library::StatusRole).toString(), QString("ready"));
        QCOMPARE(role(library, rows["d broken.wav"], Library::StatusRole).toString(), QString("broken"));
        for (const LibraryItem& item : LibraryStore(*app.store()).items())
            QVERIFY(!item.queued && item.scanned());
        options = AppOptions{};
    }

    void aCancelledScanKeepsTheFilesNotScannedYet()
    {
        Backend backend;
        ProgressStore& store = backend.store;
        QStringList unscanned;
        {
            Library library(&store, &backend.writer, &backend.preferences);
            QAbstractItemModelTester tester(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
            // Hold the worker before its second file until cancelScan() has been called, so
            // the cancel lands after exactly one file whatever the scheduler does.
            QSemaphore reachedSecond;
            QSemaphore go;
            library.scannerForTests().setBeforeFileHook([&](int done) {
                if (done != 1)
                    return;
                reachedSecond.release();
                // Bounded: a failed test must not hang the worker (and the destructor); the
                // checks on the UI thread report it.
                go.tryAcquire(1, 60000);
            });
            library.addPaths({m_music});
            QVERIFY(QTest::qWaitFor([&] { return reachedSecond.tryAcquire(); }, 60000));
            library.cancelScan();
            go.release();
            QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 60000));
            QCOMPARE(library.userCount(), 4);
            QCOMPARE(library.brokenCount(), 0);
            QStringList ready;
            for (const auto& [name, row] : fileRows(library).asKeyValueRange()) {
                const QString status = role(library, row, Library::StatusRole).toString();
                if (status == "ready") {
                    ready << name;
                    continue;
                }
                QCOMPARE(status, QString("unscanned"));
                unscanned << name;
                QCOMPARE(role(library, row, Library::DetailRole).toString(), QString("Not scanned yet — Rescan to scan it"));
                QVERIFY(role(library, row, Library::ErrorRole).toString().isEmpty());
                QVERIFY(!library.material(role(library, row, Library::MaterialIdRole).toString()));
            }
            // The one file scanned before the cancel; the three after it were never reached.
            QCOMPARE(ready.size(), 1);
            QCOMPARE(unscanned.size(), 3);
        }
        // Kept so, and not scanned by itself at the next start: the user cancelled.
        Library library(&store, &backend.writer, &backend.preferences);
        QVERIFY(!library.scanning());
        auto rows = fileRows(library);
        for (const QString& name : unscanned)
            QCOMPARE(role(library, rows[name], Library::StatusRole).toString(), QString("unscanned"));
        for (const LibraryItem& item : LibraryStore(store).items())
            QVERIFY(!item.queued);
        // Rescan scans them.
        library.rescan();
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
        rows = fileRows(library);
        QCOMPARE(library.brokenCount(), 1);
        for (const QString name : {"a pink.wav", "b tone.flac", "c intro then noise.wav"})
            QCOMPARE(role(library, rows[name], Library::StatusRole).toString(), QString("ready"));
    }

    void aLibraryInMemoryWritesThroughTheSameStore()
    {
        // The fallback when no database file can be opened: one connection, on this thread.
        QTemporaryDir dir;
        ProgressStore store;
        store.open(QString());
        DatabaseWriter writer;
        writer.openFor(&store);
        QCOMPARE(writer.writerThread(), QThread::currentThread());
        Preferences preferences(dir.filePath("settings.ini"));
        Library library(&store, &writer, &preferences);
        library.addPaths({m_music + "/a pink.wav"});
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 60000));
        const QString id = role(library, fileRows(library)["a pink.wav"], Library::MaterialIdRole).toString();
        QVERIFY(library.pinRegion(id, 1.0, 2.0));
        LibraryStore stored(store);
        QVERIFY(QTest::qWaitFor([&] { return stored.item(m_music + "/a pink.wav")->pinned; }, 10000));
        QVERIFY(library.problem().isEmpty());
    }

    void theLibraryIsStillThereWhenTheAppOpensAgain()
    {
        QTemporaryDir dir;
        auto& options = appOptionsIn(dir);
        QString pinnedId;
        {
            App app;
            app.library()->addPaths({m_music});
            QVERIFY(QTest::qWaitFor([&] { return !app.library()->scanning(); }, 120000));
            QCOMPARE(app.library()->userCount(), 4);
            const int row = fileRows(*app.library())["a pink.wav"];
            pinnedId = role(*app.library(), row, Library::MaterialIdRole).toString();
            QVERIFY(app.library()->pinRegion(pinnedId, 3.0, 6.0));
            QVERIFY(!app.library()->pinRegion(pinnedId, 18.0, 6.0)); // past the end
            QVERIFY(!app.library()->problem().isEmpty());
        }
        {
            App app; // a new process would see the same: the same database file
            Library& library = *app.library();
            QCOMPARE(library.userCount(), 4);
            QCOMPARE(library.brokenCount(), 1);
            const auto rows = fileRows(library);
            QCOMPARE(rows.size(), 4);
            const int pink = rows["a pink.wav"];
            QVERIFY(role(library, pink, Library::PinnedRole).toBool());
            QCOMPARE(role(library, pink, Library::RegionStartRole).toDouble(), 3.0);
            QCOMPARE(role(library, pink, Library::RegionLengthRole).toDouble(), 6.0);
            QVERIFY(role(library, pink, Library::RegionTextRole).toString().contains("pinned"));
            QVERIFY(!role(library, rows["d broken.wav"], Library::ErrorRole).toString().isEmpty());
            QCOMPARE(role(library, pink, Library::SpectrumRole).toList().size(), 9);

            // A rescan keeps the pinned region.
            library.rescan();
            QVERIFY(library.scanning());
            QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 120000));
            QVERIFY(role(library, pink, Library::PinnedRole).toBool());
            QCOMPARE(role(library, pink, Library::RegionStartRole).toDouble(), 3.0);
            QCOMPARE(library.material(pinnedId)->region, (TimeRegion{3.0, 6.0}));
        }
        options = AppOptions{};
    }

    void theOverviewRoleDrawsTheWholeFile()
    {
        Backend backend;
        Library library(&backend.store, &backend.writer, &backend.preferences);
        library.addPaths({m_music + "/c intro then noise.wav", m_music + "/d broken.wav"});
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 60000));
        const auto rows = fileRows(library);

        // 400 peaks then 400 RMS values: the quiet intro (a -40 dB tone, 12 of 40 s) low, the
        // noise after it high.
        const QByteArray bytes = role(library, rows["c intro then noise.wav"], Library::OverviewRole).toByteArray();
        QCOMPARE(bytes.size(), 2 * kOverviewBins);
        const LevelOverview overview = LevelOverview::fromBytes(bytes);
        for (int bin = 0; bin < 115; ++bin) // 0 .. 11.5 s
            QVERIFY2(std::abs(overview.peakAt(bin) - 0.01) < 0.002, qPrintable(QString::number(overview.peakAt(bin))));
        for (int bin = 125; bin < kOverviewBins; ++bin)
            QVERIFY(overview.rmsAt(bin) > 0.025 && overview.peakAt(bin) > 2 * overview.rmsAt(bin)); // -27 dB RMS noise
        QVERIFY(role(library, rows["d broken.wav"], Library::OverviewRole).toByteArray().isEmpty());
        QVERIFY(role(library, 0, Library::OverviewRole).toByteArray().isEmpty()); // pink noise
        QCOMPARE(library.roleNames().value(Library::OverviewRole), QByteArray("overview"));

        // The picture maps time to x across its width and keeps the region inside the file.
        LoopOverviewItem picture;
        picture.setWidth(402);
        picture.setHeight(150);
        picture.setOverview(bytes);
        QVERIFY(picture.hasOverview());
        picture.setDuration(40.0);
        QCOMPARE(picture.secondsAt(picture.xAt(12.5)), 12.5);
        QCOMPARE(picture.secondsAt(-50), 0.0);
        QCOMPARE(picture.secondsAt(1000), 40.0);
        picture.setRegion(30.0, 15.0); // past the end: moved back inside
        QCOMPARE(picture.regionStart(), 25.0);
        QCOMPARE(picture.regionLength(), 15.0);
        picture.setRegion(1.0, 2.0); // a short pinned region stays as it is
        QCOMPARE(picture.regionLength(), 2.0);
        picture.setRegionLength(2.0); // typed: 5 s at least
        QCOMPARE(picture.regionLength(), 5.0);
        picture.setRegionLength(90.0); // 30 s at most
        QCOMPARE(picture.regionLength(), 30.0);
        QCOMPARE(picture.regionStart(), 1.0);
        picture.setRegionStart(39.0);
        QCOMPARE(picture.regionStart(), 10.0);
        picture.setRegionStart(-3.0);
        QCOMPARE(picture.regionStart(), 0.0);
        picture.setDuration(4.0); // a file shorter than the shortest loop: all of it
        QCOMPARE(picture.maxLength(), 4.0);
        QCOMPARE(picture.regionLength(), 4.0);
        QCOMPARE(picture.regionStart(), 0.0);
        picture.setOverview({});
        QVERIFY(!picture.hasOverview());
    }

    void thePreviewPlaysTheRegionItShows()
    {
        Backend backend;
        AudioOutput audio(&backend.preferences);
        audio.retry();
        QVERIFY2(audio.available(), qPrintable(audio.statusMessage()));
        LoopPreview preview(&audio);
        const QString file = m_music + "/c intro then noise.wav"; // 12 s of a -40 dB tone, then loud noise

        // The quiet part: decoded first (loading), then exactly that region plays, looping.
        preview.play(file, 2.0, 8.0);
        QVERIFY(preview.loading());
        QVERIFY(QTest::qWaitFor([&] { return !preview.loading() && audio.playing(); }, 30000));
        QVERIFY2(preview.error().isEmpty(), qPrintable(preview.error()));
        QVERIFY(preview.active());
        QVERIFY(std::abs(audio.lengthSeconds() - 8.0) < 0.001);
        QVERIFY(QTest::qWaitFor([&] { return audio.peakDb() > -120.0; }, 5000));
        // Every meter reading while it plays stays quiet: a few readings, each the peak of the
        // block the engine had just rendered, taken wherever the playhead was (the capture
        // device is not clocked, so they fall all over the region).
        double loudest = -200.0;
        int readings = 0;
        const auto meter = connect(&audio, &AudioOutput::positionChanged, this, [&] {
            if (audio.peakDb() > -120.0) {
                loudest = std::max(loudest, audio.peakDb());
                ++readings;
            }
        });
        QVERIFY(QTest::qWaitFor([&] { return readings >= 5; }, 10000));
        disconnect(meter);
        QVERIFY2(loudest < -35.0, qPrintable(QString::number(loudest)));

        // Another region of the same file plays at once (no second decode), and it is the noise.
        preview.play(file, 20.0, 10.0);
        QVERIFY(!preview.loading());
        QVERIFY(std::abs(audio.lengthSeconds() - 10.0) < 0.001);
        QVERIFY2(QTest::qWaitFor([&] { return audio.peakDb() > -30.0; }, 5000), qPrintable(QString::number(audio.peakDb())));

        preview.stop();
        QVERIFY(!preview.active());
        QVERIFY(!audio.hasScene());
        QCOMPARE(preview.path(), file); // kept for the next region
        preview.release();
        QVERIFY(preview.path().isEmpty()); // let go: the next play decodes again
        preview.play(file, 2.0, 8.0);
        QVERIFY(preview.loading());
        QVERIFY(QTest::qWaitFor([&] { return !preview.loading(); }, 30000));
        preview.stop();

        // A file that cannot be decoded says which and why, and nothing plays.
        preview.play(m_music + "/d broken.wav", 0.0, 5.0);
        QVERIFY(QTest::qWaitFor([&] { return !preview.loading(); }, 30000));
        QVERIFY2(preview.error().contains("d broken.wav"), qPrintable(preview.error()));
        QVERIFY(!preview.active());
        QVERIFY(!audio.hasScene());
        // A region outside the file is refused with the file named.
        preview.play(file, 100.0, 5.0);
        QVERIFY(QTest::qWaitFor([&] { return !preview.loading(); }, 30000));
        QVERIFY2(preview.error().contains("outside the file"), qPrintable(preview.error()));
    }

    void theNextQuestionPlaysThePinnedRegion()
    {
        Backend backend;
        ProgressStore& store = backend.store;
        DatabaseWriter& writer = backend.writer;
        Preferences& preferences = backend.preferences;
        store.saveLevel("eq-band", 4); // nine octave bands on music
        AudioOutput audio(&preferences);
        audio.retry();
        QVERIFY2(audio.available(), qPrintable(audio.statusMessage()));
        Library library(&store, &writer, &preferences);
        library.addPaths({m_music + "/c intro then noise.wav"});
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 60000));
        const QString id = QStringLiteral("file:") + m_music + "/c intro then noise.wav";
        library.select(id);
        QCOMPARE(library.selectedId(), id);
        const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
        Session session(&catalogue, &store, &writer, &audio, &preferences, [&] { return library.musicMaterial(); });

        // Unpinned: the densest 15 s, in the noise.
        session.start("eq-band", 1);
        QVERIFY(QTest::qWaitFor([&] { return session.phase() == Session::Question; }, 60000));
        auto loop = session.currentLoop();
        QCOMPARE(loop->material.id, id);
        QVERIFY(!loop->material.regionPinned);
        QVERIFY(loop->startSeconds >= 11.9);
        QVERIFY(std::abs(audio.lengthSeconds() - 15.0) < 0.001);
        QVERIFY(test::rmsDb(loop->audio->channels[0]) > -30.0);
        session.quit();

        // Pinned: 2 s to 10 s of the quiet tone, and nothing else.
        QVERIFY(library.pinRegion(id, 2.0, 8.0));
        session.start("eq-band", 1);
        QVERIFY(QTest::qWaitFor([&] { return session.phase() == Session::Question; }, 60000));
        loop = session.currentLoop();
        QVERIFY(loop->material.regionPinned);
        QCOMPARE(loop->startSeconds, 2.0);
        QCOMPARE(loop->audio->frames(), std::size_t(8 * 48000));
        QVERIFY(std::abs(audio.lengthSeconds() - 8.0) < 0.001); // the scene the engine plays
        const double level = test::rmsDb(loop->audio->channels[0]);
        QVERIFY2(std::abs(level - (-43.0)) < 1.0, qPrintable(QString::number(level))); // -40 dB peak sine
        QCOMPARE(session.loopStartSeconds(), 2.0);
        QCOMPARE(session.loopLengthSeconds(), 8.0);
        QVERIFY(session.loopText().contains("pinned"));
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("EarLabTest");
    QApplication::setApplicationName("EarLabTest");
    TestAppLibrary test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_library.moc"
