#pragma once
// The Library's scan queue: the files handed to the scanner (LibraryScanner, one after
// another on a worker thread), what the progress bar shows of them, and when a scan ends. A
// scan ends (ended()) once the scanner is done and every write of its results is
// acknowledged, so whoever reads the database after it finds them there. A cancelled batch
// reports the files it never reached (unreached()); files queued after the cancel are the
// scanner's next batch.

#include "exercises/library_scanner.h"

#include <QObject>
#include <QStringList>

namespace earlab::app {

class LibraryWrites;

class LibraryScanQueue : public QObject {
    Q_OBJECT

public:
    // `writes` are the Library's: the end of a scan waits for them.
    explicit LibraryScanQueue(const LibraryWrites& writes, QObject* parent = nullptr);

    // Scans `paths` after what is queued already (a file may repeat).
    void scan(const QStringList& paths);
    void cancel();
    // A write was acknowledged: ends the scan if the scanner is done and no write is pending.
    void endWhenSaved();

    // True from scan() until ended().
    bool scanning() const { return m_total > 0; }
    int done() const { return m_done; }    // files finished in this batch
    int total() const { return m_total; }  // files in this batch
    QString file() const { return m_file; } // file name being scanned
    double fileProgress() const { return m_fileProgress; }
    double progress() const; // whole batch, 0..1
    LibraryScanner& scanner() { return m_scanner; }

signals:
    void changed();                         // any of the figures above
    void fileStarted(const QString& path);  // the scanner began on `path`
    void fileScanned(const earlab::ScanResult& result);
    void unreached(const QStringList& paths); // a cancelled batch never scanned these
    void ended();

private:
    void onProgress(int done, int total, const QString& path, double fraction);
    void onScanned(const ScanResult& result);
    void onFinished();

    const LibraryWrites& m_writes;
    LibraryScanner m_scanner;
    QStringList m_queue;       // handed to the scanner, not reported yet (a file may repeat)
    bool m_cancelling = false; // cancel() until the scanner's finished()
    QStringList m_afterCancel; // queued after cancel(): the scanner's next batch
    bool m_ending = false;     // the scanner is done; the end waits for the writes
    int m_done = 0;
    int m_total = 0;
    QString m_file;
    double m_fileProgress = 0;
};

} // namespace earlab::app
