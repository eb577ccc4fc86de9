#include "exercises/store_working_copy.h"

#include "exercises/store_error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace earlab::store {

WorkingCopy::WorkingCopy(const QString& path)
    : m_folder(QDir::tempPath() + QStringLiteral("/earlab-readonly-XXXXXX")), m_source(path)
{
    if (!m_folder.isValid()) {
        throw StoreError(path, QStringLiteral("Could not make a working copy of the read-only progress database %1: "
                                              "%2.").arg(path, m_folder.errorString()));
    }
    m_path = m_folder.filePath(QFileInfo(path).fileName());
    // -shm is left behind on purpose: it is only an index that SQLite rebuilds from the -wal.
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")}) {
        QFile from(path + suffix);
        if (!from.exists())
            continue;
        if (!from.copy(m_path + suffix)) {
            throw StoreError(path, QStringLiteral("Could not read the progress database %1: %2.")
                                       .arg(from.fileName(), from.errorString()));
        }
        // QFile::copy keeps the permissions: the copy must be writable, it is ours.
        QFile::setPermissions(m_path + suffix, QFile::ReadOwner | QFile::WriteOwner);
    }
}

} // namespace earlab::store
