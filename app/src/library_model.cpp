// The Library's rows: what each shows in every role, and the changes to them that the model's
// views hear of.
#include "app/src/library.h"

#include "app/src/preferences.h"
#include "app/src/training_music.h"

#include "exercises/eq_bands.h"
#include "exercises/library_scan_stems.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <limits>

namespace earlab::app {

namespace {

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

// Why an entry whose `file` is gone cannot be played: for a folder of stems, which of its files.
QString missingText(const MaterialRef& material, const QString& file)
{
    if (!material.mixOfStems)
        return Library::tr("The file is no longer there (moved or deleted).");
    if (file == material.path)
        return Library::tr("The folder of stems is no longer there (moved or deleted).");
    return Library::tr("The stem %1 is no longer there (moved or deleted): Rescan to use the files the folder "
                       "holds now.")
        .arg(file);
}

} // namespace

QString clockText(double seconds)
{
    const int s = std::isfinite(seconds) ? int(std::lround(std::max(0.0, seconds))) : 0;
    return QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

void Library::appendFile(const LibraryItem& item, const QString& status)
{
    Entry e;
    e.material.kind = MaterialRef::Kind::UserFile;
    e.material.id = libraryFileId(item.scan.path);
    e.material.path = item.scan.path;
    e.material.mixOfStems = item.scan.stemFolder;
    // A folder's name has no extension to drop ("Song v2.1" stays whole).
    e.material.title = item.scan.stemFolder ? QFileInfo(item.scan.path).fileName()
                                            : QFileInfo(item.scan.path).completeBaseName();
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
    case GenreRole: return e.material.genre;
    case StemFolderRole: return e.material.mixOfStems;
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
        if (e.material.mixOfStems)
            parts = QStringList{tr("Your stems"), tr("%n stems", nullptr, int(e.material.stemNames.size())),
                                e.material.stemNames.join(QStringLiteral(", "))}
                    + parts;
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
            {OverviewRole, "overview"},       {GenreRole, "genre"},
            {StemFolderRole, "stemFolder"}};
}

QStringList Library::spectrumBands() const
{
    QStringList out;
    for (double hz : octaveCentresHz())
        out << (hz >= 1000 ? QString("%1k").arg(hz / 1000) : QString::number(hz));
    return out;
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
    const QList<MaterialRef> usable = usableMusic();
    return usable.isEmpty() ? MaterialRef::pinkNoise() : usable.front();
}

QList<MaterialRef> Library::usableMusic() const
{
    QList<MaterialRef> out;
    for (auto kind : {MaterialRef::Kind::Builtin, MaterialRef::Kind::UserFile})
        for (const auto& e : m_entries)
            if (e.material.kind == kind && e.status == "ready")
                out << e.material;
    return out;
}

QStringList Library::genres() const
{
    QStringList out;
    for (const MaterialRef& m : usableMusic())
        if (const QString g = genreOf(m); !out.contains(g))
            out << g;
    out.sort(Qt::CaseInsensitive);
    return out;
}

QString Library::trainingText() const
{
    return earlab::app::trainingText(m_preferences->trainingMusic(), usableMusic());
}

MaterialRef Library::multitrackMaterial() const
{
    const int chosen = indexOf(m_preferences->materialId());
    if (chosen >= 0 && m_entries[chosen].status == "ready" && !m_entries[chosen].material.stemPaths.isEmpty())
        return m_entries[chosen].material;
    for (const auto& e : m_entries)
        if (e.status == "ready" && !e.material.stemPaths.isEmpty())
            return e.material;
    return MaterialRef::pinkNoise();
}

void Library::setEntry(int row, const LibraryItem& item, const QString& status)
{
    Entry& e = m_entries[row];
    e.item = item;
    e.status = status.isEmpty() ? storedStatus(item) : status;
    e.unusable.clear();
    e.material.region = item.scan.ok ? item.scan.region : TimeRegion{};
    e.material.regionPinned = item.scan.ok && item.pinned;
    e.material.genre = item.scan.ok ? item.scan.genre : QString();
    e.material.stemPaths = item.scan.ok ? item.scan.stems : QStringList();
    e.material.stemNames = stemNames(e.material.stemPaths);
    if (e.status == "ready") {
        if (const QString gone = e.material.missingFile(); !gone.isEmpty()) {
            e.status = QStringLiteral("missing"); // moved or deleted since it was scanned
            e.unusable = missingText(e.material, gone);
        }
    }
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
    emit trainingChanged();
}

void Library::dropRow(int row)
{
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    emit countsChanged();
    emit selectedChanged();
    emit trainingChanged();
}

void Library::markUnusable(const QString& materialId, const QString& reason)
{
    const int i = indexOf(materialId);
    if (i < 0 || m_entries[i].status != "ready" || !m_entries[i].material.isMusic())
        return;
    Entry& e = m_entries[i];
    const QString gone = e.material.missingFile();
    e.status = !gone.isEmpty() ? QStringLiteral("missing") : QStringLiteral("broken");
    e.unusable = !gone.isEmpty() ? missingText(e.material, gone) : reason;
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

} // namespace earlab::app
