#include "app/src/library.h"

#include "app/src/database_writer.h"
#include "app/src/preferences.h"

#include "exercises/eq_bands.h"
#include "exercises/progress_store.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <limits>

namespace earlab::app {

namespace {

QString fileId(const QString& path) { return QStringLiteral("file:") + path; }

// The spectrum bars span this range below the file's loudest octave band.
constexpr double kSpectrumRangeDb = 48.0;

QString rateText(int hz)
{
    return hz % 1000 == 0 ? QString::number(hz / 1000) : QString::number(hz / 1000.0, 'f', 1);
}

// What a stored item's row says when no scan of it is under way.
QString storedStatus(const LibraryItem& item)
{
    if (!item.scanned())
        return QStringLiteral("unscanned");
    return item.scan.ok ? QStringLiteral("ready") : QStringLiteral("broken");
}

QString missingText()
{
    return Library::tr("The file is no longer there (moved or deleted).");
}

bool inScan(const QString& status)
{
    return status == QLatin1String("waiting") || status == QLatin1String("scanning");
}

} // namespace

QString clockText(double seconds)
{
    const int s = std::isfinite(seconds) ? int(std::lround(std::max(0.0, seconds))) : 0;
    return QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

Library::Library(ProgressStore* store, DatabaseWriter* writer, Preferences* preferences, QObject* parent)
    : QAbstractListModel(parent), m_library(*store), m_writer(writer), m_preferences(preferences)
{
    Q_ASSERT(m_writer);
    connect(&m_scanner, &LibraryScanner::progress, this, &Library::onProgress);
    connect(&m_scanner, &LibraryScanner::fileScanned, this, &Library::onScanned);
    connect(&m_scanner, &LibraryScanner::finished, this, &Library::onFinished);
    connect(m_writer, &DatabaseWriter::jobDone, this, [this](quint64 ticket, QThread*) { onWritten(ticket, {}); });
    connect(m_writer, &DatabaseWriter::failed, this, &Library::onWritten);
    m_entries.append({MaterialRef::pinkNoise(),
                      tr("Built-in · equal energy per octave, the clearest material for learning bands"), "ready", {}, {}});
    for (const auto& [material, detail] : builtinMaterials())
        m_entries.append({material, detail, "ready", {}, {}});
    // Writes already submitted (by a library before this one) are read back, not missed.
    m_writer->flush();
    load();
}

Library::~Library()
{
    // What this library wrote is in the database when it is gone (a library made next reads
    // it); the scanner, a member, stops after this, leaving unscanned files queued there.
    if (m_writer)
        m_writer->flush();
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
    for (const LibraryItem& item : items) {
        appendFile(item, item.queued ? QStringLiteral("waiting") : QString());
        if (item.queued)
            waiting << item.scan.path;
    }
    // Files whose scan a quit interrupted.
    if (!waiting.isEmpty())
        startScan(waiting);
}

void Library::appendFile(const LibraryItem& item, const QString& status)
{
    Entry e;
    e.material.kind = MaterialRef::Kind::UserFile;
    e.material.id = fileId(item.scan.path);
    e.material.path = item.scan.path;
    e.material.title = QFileInfo(item.scan.path).completeBaseName();
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(e);
    setEntry(row, item, status);
    endInsertRows();
}

int Library::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant Library::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_entries[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return e.material.title;
    case MaterialIdRole: return e.material.id;
    case KindRole: return e.material.kind == MaterialRef::Kind::UserFile ? "file" : "builtin";
    case StatusRole: return e.status;
    case SelectedRole: return e.material.id == selectedId();
    case ErrorRole:
        if (!e.unusable.isEmpty())
            return e.unusable;
        break;
    case PathRole: return e.material.path;
    case FileNameRole: return e.material.path.isEmpty() ? QString() : QFileInfo(e.material.path).fileName();
    default: break;
    }
    if (e.material.kind != MaterialRef::Kind::UserFile) {
        switch (role) {
        case DetailRole: return e.detail;
        case ErrorRole:
        case DurationTextRole:
        case FormatRole:
        case LoudnessTextRole:
        case RegionTextRole: return QString();
        case DurationRole:
        case RegionStartRole:
        case RegionLengthRole: return 0.0;
        case LoudnessRole: return std::numeric_limits<double>::quiet_NaN();
        case SpectrumRole:
        case SpectrumDbRole: return QVariantList();
        case PinnedRole: return false;
        case OverviewRole: return QByteArray();
        default: return {};
        }
    }
    return fileData(e, role);
}

QVariant Library::fileData(const Entry& e, int role) const
{
    const ScanResult* scan = e.item ? &e.item->scan : nullptr;
    const bool ok = scan && scan->ok;
    switch (role) {
    case ErrorRole: return scan && !scan->ok ? scan->error : QString();
    case DurationRole: return ok ? scan->durationSeconds : 0.0;
    case DurationTextRole: return ok ? clockText(scan->durationSeconds) : QString();
    case FormatRole:
        return ok ? tr("%1 · %2 kHz · %3 ch").arg(scan->format, rateText(scan->sampleRate)).arg(scan->channels)
                  : QString();
    case LoudnessRole:
        return ok && std::isfinite(scan->loudnessLufs) ? scan->loudnessLufs : std::numeric_limits<double>::quiet_NaN();
    case LoudnessTextRole:
        if (!ok)
            return QString();
        return std::isfinite(scan->loudnessLufs) ? tr("%1 LUFS").arg(scan->loudnessLufs, 0, 'f', 1) : tr("silent");
    case DetailRole: {
        if (e.status == "waiting")
            return tr("Waiting to be scanned…");
        if (e.status == "scanning")
            return tr("Scanning…");
        if (e.status == "unscanned")
            return tr("Not scanned yet — Rescan to scan it");
        if (!ok || e.status == "missing" || e.status == "broken")
            return tr("Cannot be used");
        QStringList parts{clockText(scan->durationSeconds), fileData(e, FormatRole).toString(),
                          fileData(e, LoudnessTextRole).toString()};
        // The decoder's warnings name the file, which the row already shows.
        const QString prefix = scan->path + QStringLiteral(": ");
        for (const QString& warning : scan->warnings)
            parts << (warning.startsWith(prefix) ? warning.mid(prefix.size()) : warning);
        return parts.join(QStringLiteral(" · "));
    }
    case SpectrumRole:
    case SpectrumDbRole: {
        QVariantList out;
        if (!ok)
            return out;
        double loudest = -std::numeric_limits<double>::infinity();
        for (double level : scan->octaveLevelsDb)
            loudest = std::max(loudest, level);
        for (double level : scan->octaveLevelsDb) {
            if (role == SpectrumDbRole)
                out.append(std::isfinite(level) ? level : -1000.0);
            else
                out.append(std::isfinite(level) && std::isfinite(loudest)
                               ? std::clamp(1.0 - (loudest - level) / kSpectrumRangeDb, 0.0, 1.0)
                               : 0.0);
        }
        return out;
    }
    case RegionStartRole: return ok ? scan->region.startSeconds : 0.0;
    case RegionLengthRole: return ok ? scan->region.lengthSeconds : 0.0;
    case RegionTextRole: {
        if (!ok || scan->region.lengthSeconds <= 0)
            return QString();
        const double start = scan->region.startSeconds;
        const QString range = tr("%1–%2").arg(clockText(start), clockText(start + scan->region.lengthSeconds));
        return e.item->pinned ? tr("Loop %1 · pinned").arg(range) : tr("Loop %1 · densest part").arg(range);
    }
    case PinnedRole: return e.item && e.item->pinned;
    case OverviewRole: return ok ? scan->overview.toBytes() : QByteArray();
    default: return {};
    }
}

QHash<int, QByteArray> Library::roleNames() const
{
    return {{MaterialIdRole, "materialId"},   {TitleRole, "title"},
            {DetailRole, "detail"},           {KindRole, "kind"},
            {StatusRole, "status"},           {ErrorRole, "error"},
            {SelectedRole, "selected"},       {PathRole, "path"},
            {FileNameRole, "fileName"},       {DurationRole, "duration"},
            {DurationTextRole, "durationText"}, {FormatRole, "format"},
            {LoudnessRole, "loudness"},       {LoudnessTextRole, "loudnessText"},
            {SpectrumRole, "spectrum"},       {SpectrumDbRole, "spectrumDb"},
            {RegionStartRole, "regionStart"}, {RegionLengthRole, "regionLength"},
            {RegionTextRole, "regionText"},   {PinnedRole, "pinned"},
            {OverviewRole, "overview"}};
}

QStringList Library::spectrumBands() const
{
    QStringList out;
    for (double hz : octaveCentresHz())
        out << (hz >= 1000 ? QString("%1k").arg(hz / 1000) : QString::number(hz));
    return out;
}

double Library::scanProgress() const
{
    if (m_scanTotal <= 0)
        return 1.0;
    const double within = m_scanDone < m_scanTotal ? m_scanFileProgress : 0.0;
    return std::clamp((m_scanDone + within) / m_scanTotal, 0.0, 1.0);
}

QString Library::scanText() const
{
    if (!scanning())
        return {};
    if (m_scanDone >= m_scanTotal)
        return tr("Scanned %1 of %2 files").arg(m_scanDone).arg(m_scanTotal);
    return tr("Scanning file %1 of %2: %3").arg(m_scanDone + 1).arg(m_scanTotal).arg(m_scanFile);
}

int Library::brokenCount() const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(), [](const Entry& e) { return e.status == "broken"; }));
}

int Library::userCount() const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(),
                             [](const Entry& e) { return e.material.kind == MaterialRef::Kind::UserFile; }));
}

bool Library::hasBuiltinMusic() const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [](const Entry& e) { return e.material.kind == MaterialRef::Kind::Builtin; });
}

QString Library::selectedId() const
{
    const QString id = m_preferences->materialId();
    const int i = indexOf(id);
    return i >= 0 && m_entries[i].status == "ready" ? id : musicMaterial().id;
}

QString Library::selectedTitle() const
{
    const int i = indexOf(selectedId());
    return i >= 0 ? m_entries[i].material.title : QString();
}

int Library::indexOf(const QString& id) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].material.id == id)
            return i;
    return -1;
}

std::optional<MaterialRef> Library::material(const QString& materialId) const
{
    const int i = indexOf(materialId);
    if (i < 0 || m_entries[i].status != "ready")
        return std::nullopt;
    return m_entries[i].material;
}

MaterialRef Library::musicMaterial() const
{
    const int chosen = indexOf(m_preferences->materialId());
    if (chosen >= 0 && m_entries[chosen].status == "ready" && m_entries[chosen].material.isMusic())
        return m_entries[chosen].material;
    for (auto kind : {MaterialRef::Kind::Builtin, MaterialRef::Kind::UserFile})
        for (const auto& e : m_entries)
            if (e.material.kind == kind && e.status == "ready")
                return e.material;
    return MaterialRef::pinkNoise();
}

void Library::setEntry(int row, const LibraryItem& item, const QString& status)
{
    Entry& e = m_entries[row];
    e.item = item;
    e.status = status.isEmpty() ? storedStatus(item) : status;
    e.unusable.clear();
    if (e.status == "ready" && !QFileInfo::exists(e.material.path)) {
        e.status = QStringLiteral("missing"); // moved or deleted since it was scanned
        e.unusable = missingText();
    }
    e.material.region = item.scan.ok ? item.scan.region : TimeRegion{};
    e.material.regionPinned = item.scan.ok && item.pinned;
}

void Library::setStatus(int row, const QString& status)
{
    if (m_entries[row].status == status)
        return;
    m_entries[row].status = status;
    emit dataChanged(index(row), index(row));
}

void Library::changed(int row)
{
    emit dataChanged(index(row), index(row));
    emit countsChanged();
    emit selectedChanged();
}

void Library::dropRow(int row)
{
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    emit countsChanged();
    emit selectedChanged();
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
        const int i = indexOf(fileId(path));
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

void Library::queueForScan(const QStringList& paths)
{
    for (const QString& path : paths)
        if (const int i = indexOf(fileId(path)); i >= 0 && m_entries[i].item)
            m_entries[i].item->queued = true;
    write(paths, [paths](LibraryStore& library) { library.queue(paths); });
    startScan(paths);
}

void Library::startScan(const QStringList& paths)
{
    m_scanQueue += paths;
    if (m_cancelling)
        m_afterCancel += paths;
    m_scanEnding = false; // the scanner's next finished() ends the scan
    // Scanning from now on (the scanner's first progress report comes a moment later); its
    // reports then replace these counts with the batch's own.
    m_scanTotal += int(paths.size());
    emit scanChanged();
    m_scanner.scan(paths);
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
    write({path}, [path](LibraryStore& library) { library.remove(path); });
}

void Library::markUnusable(const QString& materialId, const QString& reason)
{
    const int i = indexOf(materialId);
    if (i < 0 || m_entries[i].status != "ready" || !m_entries[i].material.isMusic())
        return;
    Entry& e = m_entries[i];
    const bool gone = !QFileInfo::exists(e.material.path);
    e.status = gone ? QStringLiteral("missing") : QStringLiteral("broken");
    e.unusable = gone ? missingText() : reason;
    changed(i);
}

void Library::select(const QString& materialId)
{
    const int i = indexOf(materialId);
    if (i < 0 || m_entries[i].status != "ready")
        return;
    m_preferences->setMaterialId(materialId);
    emit dataChanged(index(0), index(int(m_entries.size()) - 1), {SelectedRole});
    emit selectedChanged();
}

void Library::rescan()
{
    QStringList paths;
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].material.kind == MaterialRef::Kind::UserFile && !inScan(m_entries[i].status)) {
            setStatus(i, "waiting");
            paths << m_entries[i].material.path;
        }
    if (!paths.isEmpty())
        queueForScan(paths);
}

void Library::cancelScan()
{
    if (m_scanner.isRunning())
        m_cancelling = true;
    m_scanner.cancel();
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
    write({path}, [path, region](LibraryStore& library) { library.pinRegion(path, region); });
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
    setEntry(i, item, inScan(status) ? status : QStringLiteral("waiting"));
    write({path}, [path](LibraryStore& library) { library.unpinRegion(path); });
    setProblem({});
    changed(i);
    if (!inScan(status))
        startScan({path});
    return true;
}

void Library::onProgress(int done, int total, const QString& path, double fraction)
{
    m_scanDone = done;
    m_scanTotal = total;
    m_scanFile = QFileInfo(path).fileName();
    m_scanFileProgress = fraction;
    if (done < total) {
        const int i = indexOf(fileId(path));
        if (i >= 0 && m_entries[i].status == "waiting")
            setStatus(i, "scanning");
    }
    emit scanChanged();
}

void Library::onScanned(const ScanResult& result)
{
    m_scanQueue.removeOne(result.path);
    const int i = indexOf(fileId(result.path));
    if (i < 0)
        return; // removed while it was being scanned
    // Shown as it will be stored (a pinned region kept or not); read back once written.
    setEntry(i, itemAfterScan(m_entries[i].item, result, QDateTime::currentDateTimeUtc()));
    write({result.path}, [result](LibraryStore& library) { library.upsert(result); });
    changed(i);
}

void Library::onFinished()
{
    // Files a cancelled batch never reached stay in the library, no longer waiting (the
    // ones queued after the cancel are the scanner's next batch).
    QStringList dropped;
    if (m_scanner.wasCancelled()) {
        dropped = m_scanQueue;
        for (const QString& path : std::as_const(m_afterCancel))
            dropped.removeAll(path); // a file removed and added again may be listed twice
        m_scanQueue = m_afterCancel;
    }
    m_cancelling = false;
    m_afterCancel.clear();
    dropped.removeDuplicates();
    for (const QString& path : std::as_const(dropped)) {
        const int i = indexOf(fileId(path));
        if (i < 0 || !m_entries[i].item)
            continue;
        m_entries[i].item->queued = false;
        setEntry(i, *m_entries[i].item); // its last scan, or "not scanned yet"
        emit dataChanged(index(i), index(i));
    }
    if (!dropped.isEmpty())
        write(dropped, [dropped](LibraryStore& library) { library.unqueue(dropped); });
    m_scanFile.clear();
    m_scanFileProgress = 0;
    if (m_scanner.isRunning()) { // files added after a cancel: their batch has begun
        m_scanDone = 0;
        emit scanChanged();
        return;
    }
    m_scanEnding = true;
    if (!m_writes.isEmpty())
        emit scanChanged(); // no file is being scanned; the end waits for the writes
    endScanWhenSaved();
}

void Library::endScanWhenSaved()
{
    // The scan ends once its results are in the database, so whoever reads the database
    // after scanFinished() finds them there.
    if (!m_scanEnding || !m_writes.isEmpty())
        return;
    m_scanEnding = false;
    m_scanDone = 0;
    m_scanTotal = 0;
    emit scanChanged();
    emit countsChanged();
    emit scanFinished();
}

void Library::write(const QStringList& paths, const std::function<void(LibraryStore&)>& change)
{
    // `change` runs on the writer thread: it captures values only, never this model.
    const quint64 ticket = m_writer->submit(tr("Could not save the music library"), [change](ProgressStore& store) {
        LibraryStore library(store);
        change(library);
    });
    m_writes.insert(ticket, paths);
    for (const QString& path : paths)
        ++m_unsettled[path];
}

void Library::onWritten(quint64 ticket, const QString& error)
{
    const auto it = m_writes.constFind(ticket);
    if (it == m_writes.cend())
        return; // an answer, or another library's write
    const QStringList paths = *it;
    m_writes.erase(it);
    if (!error.isEmpty())
        setProblem(error);
    for (const QString& path : paths) {
        if (--m_unsettled[path] > 0)
            continue; // a later write of it is on its way
        m_unsettled.remove(path);
        showStored(path);
    }
    endScanWhenSaved();
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
    const int i = indexOf(fileId(path));
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
    setEntry(i, *stored, inScan(status) ? status : QString());
    changed(i);
}

} // namespace earlab::app
