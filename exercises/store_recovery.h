#pragma once
// Moving a corrupt progress database aside. The user's history is never deleted or
// overwritten: the damaged file keeps its bytes under a new name, next to the original,
// where a person (or sqlite3's .recover) can still get at it.

#include <QDateTime>
#include <QString>

namespace earlab::store {

// "<path>.corrupt-<yyyyMMdd-hhmmss>" in `when`'s local time, or with "-2", "-3", ...
// appended if that name (or its -wal/-shm/-journal companion) already exists.
QString asidePath(const QString& path, const QDateTime& when);

// Renames `path` and its -wal, -shm and -journal companions to asidePath(path, when)
// (+ the same suffixes, so SQLite still pairs them). Returns the new main file name.
// Throws StoreError naming both paths if a rename fails.
QString moveAside(const QString& path, const QDateTime& when);

} // namespace earlab::store
