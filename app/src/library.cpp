// The Library: adding, removing and pinning files (and folders of stems), and what their scans and writes bring back.
#include "app/src/library.h"

#include "app/src/preferences.h"

#include "exercises/library_scan_stems.h"
#include "exercises/progress_store.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

namespace earlab::app {

Library::Library(ProgressStore* store, DatabaseWriter* writer, Preferences* preferences, QObject* parent)
    : QAbstractListModel(parent), m_library(*store), m_writes(writer), m_preferences(preferences), m_scanQueue(m_writes)
{
    connect(&m_scanQueue, &LibraryScanQueue::changed, this, &Library::scanChanged);
    connect(&m_scanQueue, &LibraryScanQueue::fileStarted, this, &Library::onFileStarted);
    connect(&m_scanQueue, &LibraryScanQueue::fileScanned, this, &Library::onScanned);
    connect(&m_scanQueue, &LibraryScanQueue::unreached, this, &Library::onUnreached);
    connect(&m_scanQueue, &LibraryScanQueue::ended, this, &Library::onScanEnded);
    connect(&m_writes, &LibraryWrites::failed, this, &Library::setProblem);
    connect(&m_writes, &LibraryWrites::settled, this, &Library::showStored);
    connect(&m_writes, &LibraryWrites::acknowledged, &m_scanQueue, &LibraryScanQueue::endWhenSaved);
    m_entries.append({MaterialRef::pinkNoise(),
                      tr("Built-in · equal energy per octave, the clearest material for learning bands"), "ready", {}, {}});
    for (const auto& [material, detail] : builtinMaterials())
        m_entries.append({material, detail, "ready", {}, {}});
    // Writes already submitted (by a library before this one) are read back, not missed.
    m_writes.flush();
    load();
}

Library::~Library()
{
    // What this library wrote is in the database when it is gone (a library made next reads
    // it); the scan queue, a member, stops its scanner after this, leaving unscanned files
    // queued there.
    m_writes.flush();
}

void Library::load()
{
    QList<LibraryItem> items;
    try {
        items = m_library.items();
    } catch (const StoreError& e) {
        setProblem(e.message());
        return;
    }
    QStringList waiting;
    QStringList stemFolders;
    for (const LibraryItem& item : items) {
        appendFile(item, item.queued ? QStringLiteral("waiting") : QString());
        if (item.queued)
            waiting << item.scan.path;
        if (item.scan.stemFolder)
            stemFolders << item.scan.path;
    }
    m_scanQueue.scanner().markStemFolders(stemFolders);
    // Files whose scan a quit interrupted.
    if (!waiting.isEmpty())
        m_scanQueue.scan(waiting);
}

QString Library::scanText() const
{
    if (!scanning())
        return {};
    if (scanDone() >= scanTotal())
        return tr("Scanned %1 of %2 files").arg(scanDone()).arg(scanTotal());
    return tr("Scanning file %1 of %2: %3").arg(scanDone() + 1).arg(scanTotal()).arg(scanFile());
}

void Library::setProblem(const QString& problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    emit problemChanged();
}

void Library::clearProblem()
{
    setProblem({});
}

void Library::addUrls(const QList<QUrl>& urls)
{
    QStringList paths;
    for (const auto& url : urls)
        if (url.isLocalFile())
            paths << url.toLocalFile();
    addPaths(paths);
}

void Library::addPaths(const QStringList& paths)
{
    QStringList files;
    for (const auto& p : paths) {
        if (p.isEmpty())
            continue;
        if (QFileInfo(p).isDir())
            files << audioFilesIn(p);
        else
            files << libraryKey(p);
    }
    QStringList queued;
    for (const auto& path : files) {
        if (queued.contains(path))
            continue;
        const int i = indexOf(libraryFileId(path));
        if (i >= 0) {
            if (m_entries[i].status != "broken" && m_entries[i].status != "unscanned" && m_entries[i].status != "missing")
                continue; // already there (or on its way); the others get another chance
            setStatus(i, "waiting");
        } else {
            LibraryItem item; // as queue() stores it
            item.scan.path = path;
            item.queued = true;
            item.addedAt = QDateTime::currentDateTimeUtc();
            appendFile(item, QStringLiteral("waiting"));
        }
        queued << path;
    }
    if (queued.isEmpty())
        return;
    emit countsChanged();
    queueForScan(queued);
}

bool Library::isStemFolder(const QString& path) const
{
    const int i = indexOf(libraryFileId(path));
    return i >= 0 && m_entries[i].item && m_entries[i].item->scan.stemFolder;
}

void Library::queueForScan(const QStringList& paths)
{
    QStringList files, folders;
    for (const QString& path : paths) {
        if (const int i = indexOf(libraryFileId(path)); i >= 0 && m_entries[i].item)
            m_entries[i].item->queued = true;
        (isStemFolder(path) ? folders : files) << path;
    }
    m_scanQueue.scanner().markStemFolders(folders);
    m_writes.submit(paths, [files, folders](LibraryStore& library) {
        if (!files.isEmpty())
            library.queue(files);
        if (!folders.isEmpty())
            library.queue(folders, /*stemFolders=*/true);
    });
    m_scanQueue.scan(paths);
}

bool Library::addStemFolder(const QString& path)
{
    const QString folder = libraryKey(path);
    if (const QString refusal = stemFolderRefusal(folder); !refusal.isEmpty()) {
        setProblem(tr("Not added as a folder of stems: %1").arg(refusal));
        return false;
    }
    const int i = indexOf(libraryFileId(folder));
    if (i >= 0) {
        if (!isStemFolder(folder) || isInScanQueue(m_entries[i].status))
            return true; // on its way already
        setStatus(i, "waiting");
    } else {
        LibraryItem item; // as queue() stores it
        item.scan.path = folder;
        item.scan.stemFolder = true;
        item.queued = true;
        item.addedAt = QDateTime::currentDateTimeUtc();
        appendFile(item, QStringLiteral("waiting"));
        emit countsChanged();
    }
    queueForScan({folder});
    return true;
}

void Library::addStemFolderWithDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(nullptr, tr("Add a folder of stems"), QDir::homePath());
    if (!dir.isEmpty())
        addStemFolder(dir);
}

void Library::addFilesWithDialog()
{
    QStringList patterns;
    for (const auto& ext : audioFileExtensions())
        patterns << QStringLiteral("*.") + ext;
    const QStringList files = QFileDialog::getOpenFileNames(
        nullptr, tr("Add music"), QDir::homePath(), tr("Audio files (%1);;All files (*)").arg(patterns.join(' ')));
    addPaths(files);
}

void Library::addFolderWithDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(nullptr, tr("Add a folder of music"), QDir::homePath());
    if (!dir.isEmpty())
        addPaths({dir});
}

void Library::remove(const QString& materialId)
{
    const int i = indexOf(materialId);
    if (i < 0 || m_entries[i].material.kind != MaterialRef::Kind::UserFile)
        return;
    const QString path = m_entries[i].material.path;
    // A scan of it still under way is dropped when it arrives (onScanned finds no row). If
    // the removal cannot be saved, the row comes back when the failure is reported.
    dropRow(i);
    m_writes.submit({path}, [path](LibraryStore& library) { library.remove(path); });
}

void Library::rescan()
{
    QStringList paths;
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].material.kind == MaterialRef::Kind::UserFile && !isInScanQueue(m_entries[i].status)) {
            setStatus(i, "waiting");
            paths << m_entries[i].material.path;
        }
    if (!paths.isEmpty())
        queueForScan(paths);
}

void Library::cancelScan()
{
    m_scanQueue.cancel();
}

bool Library::pinRegion(const QString& materialId, double startSeconds, double lengthSeconds)
{
    const int i = indexOf(materialId);
    if (i < 0 || !m_entries[i].item || m_entries[i].status != "ready") {
        setProblem(tr("Only a scanned file of yours can have a pinned loop region."));
        return false;
    }
    LibraryItem item = *m_entries[i].item;
    const TimeRegion region{startSeconds, lengthSeconds};
    // What LibraryStore::pinRegion would reject, said now rather than after the write.
    if (!regionFits(region, item.scan.durationSeconds)) {
        setProblem(tr("The loop from %1 s for %2 s is not inside %3, which is %4 s long.")
                       .arg(startSeconds)
                       .arg(lengthSeconds)
                       .arg(QFileInfo(item.scan.path).fileName())
                       .arg(item.scan.durationSeconds, 0, 'f', 2));
        return false;
    }
    item.scan.region = region;
    item.pinned = true;
    setEntry(i, item);
    const QString path = item.scan.path;
    m_writes.submit({path}, [path, region](LibraryStore& library) { library.pinRegion(path, region); });
    setProblem({});
    changed(i);
    return true;
}

bool Library::setGenre(const QString& materialId, const QString& genre)
{
    const int i = indexOf(materialId);
    if (i < 0 || !m_entries[i].item) {
        setProblem(tr("Only a file of yours can have its genre set."));
        return false;
    }
    LibraryItem item = *m_entries[i].item;
    item.scan.genre = genre.trimmed();
    setEntry(i, item, m_entries[i].status);
    const QString path = item.scan.path;
    const QString stored = item.scan.genre;
    m_writes.submit({path}, [path, stored](LibraryStore& library) { library.setGenre(path, stored); });
    setProblem({});
    changed(i);
    return true;
}

bool Library::unpinRegion(const QString& materialId)
{
    const int i = indexOf(materialId);
    if (i < 0 || !m_entries[i].item) {
        setProblem(tr("Only a file of yours has a loop region to unpin."));
        return false;
    }
    LibraryItem item = *m_entries[i].item;
    item.pinned = false;
    item.queued = true;
    const QString path = item.scan.path;
    const QString status = m_entries[i].status;
    // The densest region is the scan's to pick again (unpinRegion() queues it in the
    // database too, in the same statement).
    setEntry(i, item, isInScanQueue(status) ? status : QStringLiteral("waiting"));
    m_writes.submit({path}, [path](LibraryStore& library) { library.unpinRegion(path); });
    setProblem({});
    changed(i);
    if (!isInScanQueue(status))
        m_scanQueue.scan({path});
    return true;
}

void Library::onFileStarted(const QString& path)
{
    const int i = indexOf(libraryFileId(path));
    if (i >= 0 && m_entries[i].status == "waiting")
        setStatus(i, "scanning");
}

void Library::onScanned(const ScanResult& result)
{
    const int i = indexOf(libraryFileId(result.path));
    if (i < 0)
        return; // removed while it was being scanned
    if (result.stemFolder && !result.ok && m_entries[i].item && !m_entries[i].item->scanned()) {
        // A folder of stems that was never one: refused, and nothing of it stays.
        setProblem(tr("Not added as a folder of stems: %1").arg(result.error));
        dropRow(i);
        const QString path = result.path;
        m_writes.submit({path}, [path](LibraryStore& library) { library.remove(path); });
        return;
    }
    // Shown as it will be stored (a pinned region kept or not); read back once written.
    setEntry(i, itemAfterScan(m_entries[i].item, result, QDateTime::currentDateTimeUtc()));
    m_writes.submit({result.path}, [result](LibraryStore& library) { library.upsert(result); });
    changed(i);
}

void Library::onUnreached(const QStringList& paths)
{
    // They stay in the library, no longer waiting.
    for (const QString& path : paths) {
        const int i = indexOf(libraryFileId(path));
        if (i < 0 || !m_entries[i].item)
            continue;
        m_entries[i].item->queued = false;
        setEntry(i, *m_entries[i].item); // its last scan, or "not scanned yet"
        emit dataChanged(index(i), index(i));
    }
    m_writes.submit(paths, [paths](LibraryStore& library) { library.unqueue(paths); });
}

void Library::onScanEnded()
{
    emit countsChanged();
    emit scanFinished();
}

void Library::showStored(const QString& path)
{
    std::optional<LibraryItem> stored;
    try {
        stored = m_library.item(path);
    } catch (const StoreError& e) {
        setProblem(e.message());
        return;
    }
    const int i = indexOf(libraryFileId(path));
    if (!stored) { // its addition failed (or its removal succeeded)
        if (i >= 0)
            dropRow(i);
        return;
    }
    if (i < 0) { // its removal failed
        appendFile(*stored, {});
        emit countsChanged();
        return;
    }
    // A file waiting for (or in) a scan keeps saying so.
    const QString status = m_entries[i].status;
    setEntry(i, *stored, isInScanQueue(status) ? status : QString());
    changed(i);
}

} // namespace earlab::app