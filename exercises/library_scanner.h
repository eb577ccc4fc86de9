#pragma once
// Scans the files (and folders of stems) the user adds to the library, one after another on a worker thread, and
// reports on the thread the scanner lives in (the UI thread): a progress bar, each file's
// result as it comes, and the end. A broken file is reported (ScanResult::ok = false) and
// the scan goes on; nothing here throws.
//
// Order of signals for a batch of N files, all delivered by queued calls on the owner's
// thread (so a slot may call scan() or cancel(); to delete the scanner from a slot, use deleteLater()):
//   for each file i (0-based): progress(i, N, path, 0.0), progress(i, N, path, f)…,
//                              fileScanned(result), progress(i + 1, N, path, 1.0)
//   then finished() once.
// `done` never decreases within a batch and ends at `total` unless cancelled.

#include "exercises/library_scan.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <utility>

namespace earlab {

class LibraryScanner : public QObject {
    Q_OBJECT

public:
    explicit LibraryScanner(QObject* parent = nullptr);
    // Cancels and waits for the file being scanned to stop (usually milliseconds; at most
    // its loudness measurement, see scanFile()); no signal is delivered afterwards.
    ~LibraryScanner() override;

    bool isRunning() const;

    // Test-only: called on the worker thread before each file is taken from the queue, with
    // the number of files finished in the batch so far and no lock held. A test blocks in it
    // to hold the scan at a known point (e.g. cancel() after exactly one file), which the
    // scheduler otherwise decides. Set it while idle; the app never sets it.
    using BeforeFileHook = std::function<void(int done)>;
    void setBeforeFileHook(BeforeFileHook hook) { m_beforeFile = std::move(hook); }
    // Whether the last finished() ended a batch that cancel() stopped.
    bool wasCancelled() const { return m_lastCancelled; }
    // From now on these paths are scanned as folders of stems (scanStemFolder), not files;
    // a scan already under way takes it into account for the paths it has not begun.
    void markStemFolders(const QStringList& folders);

public slots:
    // Queues `paths` (scanned in the given order; duplicates are scanned twice). While a
    // batch is running they join it and `total` grows; otherwise a new batch starts.
    // Called with an empty list while idle, it still ends with finished().
    // After cancel() and before that batch's finished(), they start a new batch once the
    // cancelled one has finished.
    void scan(const QStringList& paths);
    // Stops the batch: the queued files are dropped and the file being decoded is abandoned
    // (no fileScanned for it); finished() follows. Does nothing while idle.
    void cancel();

signals:
    // done: files finished in this batch; total: files in it so far; currentPath: the file
    // being scanned (or just finished); fraction: that file's progress 0..1.
    void progress(int done, int total, const QString& currentPath, double fraction);
    void fileScanned(const earlab::ScanResult& result);
    void finished();

private:
    void run(); // the worker loop
    void post(std::function<void()> call);

    QThreadPool m_pool; // one thread: files are scanned one at a time (memory: one decoded file)
    QFuture<void> m_worker;
    mutable QMutex m_mutex;
    QStringList m_queue; // guarded by m_mutex, as are the next five
    QStringList m_next;  // queued by scan() after cancel(), for the next batch
    QSet<QString> m_stemFolders; // markStemFolders()
    int m_done = 0;
    int m_total = 0;
    bool m_running = false;
    BeforeFileHook m_beforeFile;       // test-only, see setBeforeFileHook()
    std::atomic<bool> m_cancel{false}; // polled by scanFile without the lock
    bool m_lastCancelled = false;      // owner thread only
};

} // namespace earlab
