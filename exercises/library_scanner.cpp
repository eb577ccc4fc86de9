#include "exercises/library_scanner.h"

#include "exercises/library_scan_stems.h"

#include <QMetaObject>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace earlab {

namespace {
// A progress bar needs no more than ~50 updates per file; more only floods the event loop.
constexpr double kProgressStep = 0.02;
} // namespace

LibraryScanner::LibraryScanner(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<earlab::ScanResult>();
    m_pool.setMaxThreadCount(1);
}

LibraryScanner::~LibraryScanner()
{
    {
        QMutexLocker lock(&m_mutex);
        m_queue.clear();
        m_next.clear();
        m_cancel = true;
    }
    m_pool.waitForDone();
    // Calls the worker posted and that were not delivered yet die with this QObject.
}

bool LibraryScanner::isRunning() const
{
    QMutexLocker lock(&m_mutex);
    return m_running;
}

void LibraryScanner::scan(const QStringList& paths)
{
    QMutexLocker lock(&m_mutex);
    if (m_running) {
        if (m_cancel) {
            m_next += paths;
        } else {
            m_queue += paths;
            m_total += int(paths.size());
        }
        return;
    }
    m_queue = paths;
    m_next.clear();
    m_done = 0;
    m_total = int(paths.size());
    m_cancel = false;
    m_running = true;
    m_worker = QtConcurrent::run(&m_pool, [this] { run(); });
}

void LibraryScanner::markStemFolders(const QStringList& folders)
{
    QMutexLocker lock(&m_mutex);
    for (const QString& folder : folders)
        m_stemFolders.insert(folder);
}

void LibraryScanner::cancel()
{
    QMutexLocker lock(&m_mutex);
    if (!m_running)
        return;
    m_queue.clear();
    m_next.clear();
    m_cancel = true;
}

void LibraryScanner::post(std::function<void()> call)
{
    // `this` as context: delivered on the scanner's thread, dropped if it is gone.
    QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection);
}

void LibraryScanner::run()
{
    for (;;) {
        QString path;
        bool stemFolder = false;
        int done = 0;
        int total = 0;
        if (m_beforeFile) {
            int doneSoFar;
            {
                QMutexLocker lock(&m_mutex);
                doneSoFar = m_done;
            }
            m_beforeFile(doneSoFar);
        }
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.isEmpty() || m_cancel) {
                const bool cancelled = m_cancel;
                post([this, cancelled] {
                    m_lastCancelled = cancelled;
                    emit finished();
                });
                if (m_next.isEmpty()) {
                    m_running = false;
                    return;
                }
                // scan() was called after cancel(): its files are the next batch.
                m_queue = std::exchange(m_next, {});
                m_done = 0;
                m_total = int(m_queue.size());
                m_cancel = false;
                continue;
            }
            path = m_queue.takeFirst();
            stemFolder = m_stemFolders.contains(path);
            done = m_done;
            total = m_total;
        }

        post([this, done, total, path] { emit progress(done, total, path, 0.0); });
        double posted = 0.0;
        const auto onProgress = [&](double fraction) {
            if (fraction < posted + kProgressStep || fraction >= 1.0)
                return; // 1.0 is reported with the finished count below
            posted = fraction;
            int totalNow;
            {
                QMutexLocker lock(&m_mutex);
                totalNow = m_total;
            }
            post([this, done, totalNow, path, fraction] { emit progress(done, totalNow, path, fraction); });
        };
        ScanResult result = stemFolder ? scanStemFolder(path, onProgress, &m_cancel) : scanFile(path, onProgress, &m_cancel);

        {
            QMutexLocker lock(&m_mutex);
            if (m_cancel && !result.ok)
                continue; // abandoned part way: not a result; the loop top ends the batch
            done = ++m_done;
            total = m_total;
        }
        post([this, result = std::move(result)] { emit fileScanned(result); });
        post([this, done, total, path] { emit progress(done, total, path, 1.0); });
    }
}

} // namespace earlab
