#pragma once
// A private copy of a progress database EarLab may read but not write (a read-only file,
// folder or file system). Training then works as usual on the copy, and the user's file
// is never written: not even by SQLite's recovery, which needs to write to roll back a hot
// journal or replay a -wal. Taking the companions along lets SQLite do that recovery on
// the copy, so the copy holds exactly the committed data of the user's file.

#include <QString>
#include <QTemporaryDir>

namespace earlab::store {

class WorkingCopy {
public:
    // Copies `path` (if it exists) and its -wal and -journal companions into a new private
    // folder in the system's temporary folder, removed with this object. Throws StoreError
    // naming `path` if they cannot be read or copied.
    explicit WorkingCopy(const QString& path);
    WorkingCopy(const WorkingCopy&) = delete;
    WorkingCopy& operator=(const WorkingCopy&) = delete;

    QString path() const { return m_path; } // the copy's main file
    QString sourcePath() const { return m_source; }

private:
    QTemporaryDir m_folder;
    QString m_source;
    QString m_path;
};

} // namespace earlab::store
