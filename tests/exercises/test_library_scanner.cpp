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
        QTest::qWait(100);
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
        // Cancel while the second file is being decoded.
        connect(&scanner, &LibraryScanner::progress, &scanner,
                [&](int done, int, const QString&, double fraction) {
                    if (done == 1 && fraction > 0.0 && fraction < 1.0)
                        scanner.cancel();
                });
        QElapsedTimer timer;
        timer.start();
        scanner.scan(paths);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
        qInfo() << "cancelled after" << scanned.size() << "of 10 files," << timer.elapsed() << "ms";
        QCOMPARE(scanned.size(), 1); // the abandoned second file is not reported
        QVERIFY(resultAt(scanned, 0).ok);
        QVERIFY(scanner.wasCancelled());
        QVERIFY(!scanner.isRunning());
        QVERIFY(progressEvents(progress).back().done < 10);
        QTest::qWait(200);
        QCOMPARE(scanned.size(), 1);
        QCOMPARE(finished.size(), 1);

        // The scanner is reusable, and cancel() while idle does nothing.
        scanner.cancel();
        scanner.scan({m_good[0]});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
        QCOMPARE(scanned.size(), 2);
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
        scanner.reset(); // cancels and waits for the worker
        qInfo() << "destructor waited" << timer.elapsed() << "ms";
        QVERIFY(timer.elapsed() < 10000);
        QTest::qWait(100); // any call the worker posted must have died with the scanner
        QVERIFY(delivered <= 1);
    }
};

QTEST_GUILESS_MAIN(TestLibraryScanner)
#include "test_library_scanner.moc"
