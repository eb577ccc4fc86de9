#include "app/src/library.h"

#include "app/src/preferences.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file.h"

#include <QDir>
#include <QDirIterator>
#include <QFileDialog>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>

namespace earlab::app {

namespace {

const QStringList kAudioPatterns = {"*.wav", "*.wave", "*.aif", "*.aiff", "*.flac", "*.ogg", "*.oga", "*.opus", "*.mp3"};

QString fileId(const QString& path) { return QStringLiteral("file:") + path; }

QString duration(double seconds)
{
    const int s = int(seconds + 0.5);
    return QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

Library::Library(Preferences* preferences, QObject* parent) : QAbstractListModel(parent), m_preferences(preferences)
{
    connect(&m_scan, &QFutureWatcher<void>::finished, this, &Library::startScan);
    m_entries.append({MaterialRef::pinkNoise(), tr("Built-in · equal energy per octave, the clearest material for learning bands"),
                      "ready", {}});
    for (const auto& [material, detail] : builtinMaterials())
        m_entries.append({material, detail, "ready", {}});
    const QStringList files = preferences->userFiles();
    if (!files.isEmpty())
        addPaths(files);
}

Library::~Library()
{
    m_stopping = true;
    m_queue.clear();
    m_scan.waitForFinished();
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
    case DetailRole: return e.detail;
    case KindRole:
        return e.material.kind == MaterialRef::Kind::UserFile ? "file" : "builtin";
    case StatusRole: return e.status;
    case ErrorRole: return e.error;
    case SelectedRole: return e.material.id == selectedId();
    case PathRole: return e.material.path;
    default: return {};
    }
}

QHash<int, QByteArray> Library::roleNames() const
{
    return {{MaterialIdRole, "materialId"}, {TitleRole, "title"},   {DetailRole, "detail"},
            {KindRole, "kind"},             {StatusRole, "status"}, {ErrorRole, "error"},
            {SelectedRole, "selected"},     {PathRole, "path"}};
}

QString Library::scanText() const
{
    return scanning() ? tr("Scanning %1 of %2 files…").arg(std::min(m_scanDone + 1, m_scanTotal)).arg(m_scanTotal)
                      : QString();
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
        const QFileInfo info(p);
        if (info.isDir()) {
            QDirIterator it(info.absoluteFilePath(), kAudioPatterns, QDir::Files | QDir::Readable,
                            QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
            QStringList found;
            while (it.hasNext())
                found << it.next();
            found.sort();
            files << found;
        } else {
            files << info.absoluteFilePath();
        }
    }
    if (files.isEmpty())
        return;
    for (const auto& path : files) {
        if (indexOf(fileId(path)) >= 0)
            continue;
        MaterialRef m{MaterialRef::Kind::UserFile, fileId(path), QFileInfo(path).completeBaseName(), path};
        beginInsertRows({}, int(m_entries.size()), int(m_entries.size()));
        m_entries.append({m, tr("Waiting to be scanned…"), "scanning", {}});
        endInsertRows();
        m_queue << path;
        ++m_scanTotal;
    }
    persist();
    emit countsChanged();
    emit scanChanged();
    startScan();
}

void Library::addFilesWithDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        nullptr, tr("Add music"), QDir::homePath(), tr("Audio files (%1);;All files (*)").arg(kAudioPatterns.join(' ')));
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
    beginRemoveRows({}, i, i);
    m_scanTotal -= int(m_queue.removeAll(m_entries[i].material.path));
    if (m_scanTotal <= m_scanDone)
        m_scanDone = m_scanTotal = 0;
    m_entries.removeAt(i);
    endRemoveRows();
    persist();
    emit countsChanged();
    emit scanChanged();
    emit selectedChanged();
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
    for (auto& e : m_entries)
        if (e.material.kind == MaterialRef::Kind::UserFile && !m_queue.contains(e.material.path)) {
            e.status = "scanning";
            paths << e.material.path;
        }
    m_queue << paths;
    m_scanTotal += int(paths.size());
    emit dataChanged(index(0), index(int(m_entries.size()) - 1));
    emit scanChanged();
    startScan();
}

void Library::persist()
{
    QStringList files;
    for (const auto& e : m_entries)
        if (e.material.kind == MaterialRef::Kind::UserFile)
            files << e.material.path;
    m_preferences->setUserFiles(files);
}

void Library::startScan()
{
    if (m_scan.isRunning() || m_queue.isEmpty())
        return;
    const QString path = m_queue.takeFirst();
    QPointer<Library> self(this);
    // One file per job: the UI thread decides what comes next, so removals and new drops
    // apply at once, and a broken file only ever fails its own probe.
    m_scan.setFuture(QtConcurrent::run([self, path] {
        Probe probe{path, {}, {}};
        try {
            const AudioFileInfo info = probeAudioFile(path.toStdString());
            probe.detail = QObject::tr("%1 · %2 · %3 kHz · %4 ch · %5")
                               .arg(duration(info.durationSeconds), QString::fromStdString(info.format),
                                    QString::number(info.sampleRate / 1000.0), QString::number(info.channels),
                                    QString::fromStdString(info.encoding));
            if (info.durationSeconds < 1.0)
                probe.error = QObject::tr("Shorter than one second: too short to loop.");
        } catch (const AudioError& e) {
            probe.error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            probe.error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(self, [self, probe] {
            if (self)
                self->onProbed(probe);
        }, Qt::QueuedConnection);
    }));
}

void Library::onProbed(const Probe& probe)
{
    if (m_stopping)
        return;
    const int i = indexOf(fileId(probe.path));
    if (i >= 0) {
        Entry& e = m_entries[i];
        e.status = probe.error.isEmpty() ? "ready" : "broken";
        e.error = probe.error;
        e.detail = probe.error.isEmpty() ? probe.detail : tr("Cannot be used");
        emit dataChanged(index(i), index(i));
    }
    ++m_scanDone;
    if (m_queue.isEmpty() && m_scanDone >= m_scanTotal) {
        m_scanDone = m_scanTotal = 0;
        emit scanFinished();
    }
    emit scanChanged();
    emit countsChanged();
    emit selectedChanged();
}

} // namespace earlab::app
