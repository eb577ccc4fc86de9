// The background scanner on a real event loop: every file reported once, in order, on the
// owner's thread; progress that only goes forward; broken files never stop it; cancel,
// appending to a running scan, and destruction mid-scan.

#include "exercises/library_scanner.h"
#include "support/process_runner.h"
#include "support/scratch_files.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace earlab;
using namespace earlab::test;

namespace {

struct ProgressEvent {
    int done;
    int total;
    QString path;
    double fraction;
};

QList<ProgressEvent> progressEvents(const QSignalSpy& spy)
{
    QList<ProgressEvent> events;
    for (const QList<QVariant>& args : spy)
        events.append({args.at(0).toInt(), args.at(1).toInt(), args.at(2).toString(), args.at(3).toDouble()});
    return events;
}

ScanResult resultAt(const QSignalSpy& spy, qsizetype i)
{
    return spy.at(i).at(0).value<ScanResult>();
}

// Delivers every call the scanner's worker will ever post for the batch that just finished.
// The worker clears isRunning() under the scanner's lock in the same step in which it posts
// finished(), its last call; so once isRunning() is false (read under that lock) nothing more
// can be posted, and what was posted is in this thread's queue: delivering that queue now
// delivers everything. No wait on the clock.
bool deliverEverythingPosted(const LibraryScanner& scanner)
{
    if (scanner.isRunning())
        return false;
    QCoreApplication::sendPostedEvents();
    return true;
}

} // namespace

class TestLibraryScanner : public QObject {
    Q_OBJECT

private:
    QString m_dir;
    QStringList m_good; // 5 short files in different formats
    QString m_longFile; // 60 s, for cancellation

private slots:
    void initTestCase()
    {
        m_dir = scratch("scanner");
        const QStringList extensions = {"wav", "flac", "mp3", "ogg", "aiff"};
        for (int i = 0; i < extensions.size(); ++i) {
            const QString path = m_dir + QStringLiteral("/good-%1.%2").arg(i).arg(extensions[i]);
            QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", path, "synth", "6", "pinknoise", "gain", "-20"}), QString()); // a loop needs 5 s
            m_good << path;
        }
        m_longFile = m_dir + "/long.flac";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", m_longFile, "synth", "60", "pinknoise", "gain", "-20"}), QString());
    }

    void scansEveryFileDespiteBrokenOnes()
    {
        const QString text = m_dir + "/readme.wav";
        {
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not audio at all");
        }
        const QString missing = m_dir + "/deleted-yesterday.flac";
        const QStringList paths = {m_good[0], text, m_good[1], m_good[2], missing, m_good[3], m_good[4]};

        LibraryScanner scanner;
        QSignalSpy progress(&scanner, &LibraryScanner::progress);
        QSignalSpy scanned(&scanner, &LibraryScanner::fileScanned);
        QSignalSpy finished(&scanner, &LibraryScanner::finished);
        QList<QThread*> deliveredOn;
        connect(&scanner, &LibraryScanner::fileScanned, this, [&] { deliveredOn << QThread::currentThread(); });

        scanner.scan(paths);
        QVERIFY(scanner.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QVERIFY(!scanner.isRunning());
        QVERIFY(!scanner.wasCancelled());

        QCOMPARE(scanned.size(), 7);
        int okCount = 0;
        for (int i = 0; i < 7; ++i) {
            const ScanResult result = resultAt(scanned, i);
            QCOMPARE(result.path, paths[i]);
            const bool broken = paths[i] == text || paths[i] == missing;
            QCOMPARE(result.ok, !broken);
            if (broken)
                QVERIFY2(result.error.contains(paths[i]), qPrintable(result.error));
            else
                QVERIFY(std::abs(result.durationSeconds - 6.0) < 0.06);
            okCount += result.ok ? 1 : 0;
        }
        QCOMPARE(okCount, 5);
        for (QThread* thread : deliveredOn)
            QCOMPARE(thread, QThread::currentThread());

        const QList<ProgressEvent> events = progressEvents(progress);
        QVERIFY(events.size() >= 14); // at least a start and an end per file
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(events[i].total, 7);
            QVERIFY(events[i].fraction >= 0.0 && events[i].fraction <= 1.0);
            if (i > 0) {
                QVERIFY2(events[i].done >= events[i - 1].done, "done went backwards");
                if (events[i].path == events[i - 1].path && events[i].done == events[i - 1].done)
                    QVERIFY2(events[i].fraction >= events[i - 1].fraction, "fraction went backwards");
            }
        }
        QCOMPARE(events.front().done, 0);
        QCOMPARE(events.front().fraction, 0.0);
        QCOMPARE(events.back().done, 7);
        QCOMPARE(events.back().total, 7);
        QCOMPARE(events.back().fraction, 1.0);

        // Nothing arrives after finished().
        QVERIFY(deliverEverythingPosted(scanner));
        QCOMPARE(scanned.size(), 7);
        QCOMPARE(finished.size(), 1);
    }

    void cancelStopsEarly()
    {
        QStringList paths;
        for (int i = 0; i < 10; ++i)
            paths << m_longFile;
        LibraryScanner scanner;
        QSignalSpy scanned(&scanner, &LibraryScanner::fileScanned);
        QSignalSpy finished(&scanner, &LibraryScanner::finished);
        QSignalSpy progress(&scanner, &LibraryScanner::progress);
        // Cancel once the second file is being decoded. The report that says so is a queued
        // call: on a loaded machine the worker may be further on when it arrives, so the file
        // the cancel abandons is whichever the worker is in by then, not necessarily the second.
        connect(&scanner, &LibraryScanner::progress, &scanner,
                [&](int done, int, const QString&, double fraction) {
                    if (done == 1 && fraction > 0.0 && fraction < 1.0)
                        scanner.cancel();
                });
        QElapsedTimer timer;
        timer.start();
        scanner.scan(paths);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
        const QList<ProgressEvent> events = progressEvents(progress);
        qInfo() << "cancelled after" << scanned.size() << "of 10 files," << timer.elapsed() << "ms;"
                << "the last report was file" << events.back().done + 1 << "at" << events.back().fraction;
        QVERIFY(scanner.wasCancelled());
        QVERIFY(!scanner.isRunning());
        // It stopped early. The file it was in when the cancel landed is not reported: a scan
        // abandoned part way comes back not ok ("was cancelled"), and every result here is a
        // whole file; the last progress counts exactly the files reported.
        QVERIFY2(scanned.size() >= 1 && scanned.size() < 10, qPrintable(QString::number(scanned.size())));
        for (qsizetype i = 0; i < scanned.size(); ++i) {
            QVERIFY2(resultAt(scanned, i).ok, qPrintable(resultAt(scanned, i).error));
            QVERIFY(std::abs(resultAt(scanned, i).durationSeconds - 60.0) < 0.06);
        }
        QCOMPARE(events.back().done, int(scanned.size()));
        // Nothing comes after finished().
        const qsizetype scannedBefore = scanned.size();
        QVERIFY(deliverEverythingPosted(scanner));
        QCOMPARE(scanned.size(), scannedBefore);
        QCOMPARE(progress.size(), events.size());
        QCOMPARE(finished.size(), 1);

        // The scanner is reusable, and cancel() while idle does nothing.
        scanner.cancel();
        scanner.scan({m_good[0]});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
        QCOMPARE(scanned.size(), scannedBefore + 1);
        QCOMPARE(resultAt(scanned, scannedBefore).path, m_good[0]);
        QVERIFY(!scanner.wasCancelled());
    }

    void scanAfterCancelStartsANewBatch()
    {
        LibraryScanner scanner;
        QSignalSpy scanned(&scanner, &LibraryScanner::fileScanned);
        QSignalSpy finished(&scanner, &LibraryScanner::finished);
        QSignalSpy progress(&scanner, &LibraryScanner::progress);
        scanner.scan({m_longFile, m_longFile, m_longFile});
        scanner.cancel();
        scanner.scan({m_good[1], m_good[2]});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        QCOMPARE(scanned.size(), 2);
        QCOMPARE(resultAt(scanned, 0).path, m_good[1]);
        QCOMPARE(resultAt(scanned, 1).path, m_good[2]);
        const ProgressEvent last = progressEvents(progress).back();
        QCOMPARE(last.done, 2);
        QCOMPARE(last.total, 2);
    }

    void filesAddedWhileRunningJoinTheBatch()
    {
        LibraryScanner scanner;
        QSignalSpy scanned(&scanner, &LibraryScanner::fileScanned);
        QSignalSpy finished(&scanner, &LibraryScanner::finished);
        QSignalSpy progress(&scanner, &LibraryScanner::progress);
        scanner.scan({m_longFile, m_good[0]});
        scanner.scan({m_good[1], m_good[2]});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(scanned.size(), 4);
        QCOMPARE(resultAt(scanned, 3).path, m_good[2]);
        const ProgressEvent last = progressEvents(progress).back();
        QCOMPARE(last.done, 4);
        QCOMPARE(last.total, 4);
    }

    void emptyScanStillFinishes()
    {
        LibraryScanner scanner;
        QSignalSpy finished(&scanner, &LibraryScanner::finished);
        QSignalSpy scanned(&scanner, &LibraryScanner::fileScanned);
        scanner.scan({});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(scanned.size(), 0);
    }

    void destroyedMidScan()
    {
        auto scanner = std::make_unique<LibraryScanner>();
        int delivered = 0;
        connect(scanner.get(), &LibraryScanner::fileScanned, this, [&] { ++delivered; });
        QSignalSpy progress(scanner.get(), &LibraryScanner::progress);
        scanner->scan({m_longFile, m_longFile, m_longFile, m_longFile});
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 10000);
        QElapsedTimer timer;
        timer.start();
        const int deliveredBefore = delivered;
        scanner.reset(); // cancels and waits for the worker (QThreadPool::waitForDone)
        qInfo() << "destructor waited" << timer.elapsed() << "ms";
        // The worker is gone, so nothing more can be posted; what it had posted and was not
        // delivered yet must have died with the scanner: delivering this thread's queue now
        // delivers none of it.
        QCoreApplication::sendPostedEvents();
        QCOMPARE(delivered, deliveredBefore);
    }
};

QTEST_GUILESS_MAIN(TestLibraryScanner)
#include "test_library_scanner.moc"
