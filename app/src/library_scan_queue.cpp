#include "app/src/library_scan_queue.h"

#include "app/src/library_writes.h"

#include <QFileInfo>

#include <algorithm>

namespace earlab::app {

LibraryScanQueue::LibraryScanQueue(const LibraryWrites& writes, QObject* parent) : QObject(parent), m_writes(writes)
{
    connect(&m_scanner, &LibraryScanner::progress, this, &LibraryScanQueue::onProgress);
    connect(&m_scanner, &LibraryScanner::fileScanned, this, &LibraryScanQueue::onScanned);
    connect(&m_scanner, &LibraryScanner::finished, this, &LibraryScanQueue::onFinished);
}

void LibraryScanQueue::scan(const QStringList& paths)
{
    m_queue += paths;
    if (m_cancelling)
        m_afterCancel += paths;
    m_ending = false; // the scanner's next finished() ends the scan
    // Scanning from now on (the scanner's first progress report comes a moment later); its
    // reports then replace these counts with the batch's own.
    m_total += int(paths.size());
    emit changed();
    m_scanner.scan(paths);
}

void LibraryScanQueue::cancel()
{
    if (m_scanner.isRunning())
        m_cancelling = true;
    m_scanner.cancel();
}

double LibraryScanQueue::progress() const
{
    if (m_total <= 0)
        return 1.0;
    const double within = m_done < m_total ? m_fileProgress : 0.0;
    return std::clamp((m_done + within) / m_total, 0.0, 1.0);
}

void LibraryScanQueue::onProgress(int done, int total, const QString& path, double fraction)
{
    m_done = done;
    m_total = total;
    m_file = QFileInfo(path).fileName();
    m_fileProgress = fraction;
    if (done < total)
        emit fileStarted(path);
    emit changed();
}

void LibraryScanQueue::onScanned(const ScanResult& result)
{
    m_queue.removeOne(result.path);
    emit fileScanned(result);
}

void LibraryScanQueue::onFinished()
{
    // Files a cancelled batch never reached (the ones queued after the cancel are the
    // scanner's next batch).
    QStringList dropped;
    if (m_scanner.wasCancelled()) {
        dropped = m_queue;
        for (const QString& path : std::as_const(m_afterCancel))
            dropped.removeAll(path); // a file removed and added again may be listed twice
        m_queue = m_afterCancel;
    }
    m_cancelling = false;
    m_afterCancel.clear();
    dropped.removeDuplicates();
    if (!dropped.isEmpty())
        emit unreached(dropped);
    m_file.clear();
    m_fileProgress = 0;
    if (m_scanner.isRunning()) { // files added after a cancel: their batch has begun
        m_done = 0;
        emit changed();
        return;
    }
    m_ending = true;
    if (m_writes.pending())
        emit changed(); // no file is being scanned; the end waits for the writes
    endWhenSaved();
}

void LibraryScanQueue::endWhenSaved()
{
    if (!m_ending || m_writes.pending())
        return;
    m_ending = false;
    m_done = 0;
    m_total = 0;
    emit changed();
    emit ended();
}

} // namespace earlab::app
