#pragma once
// Moving a corrupt progress database aside. The user's history is never deleted or
// overwritten: the damaged file keeps its bytes under a new name, next to the original,
// where a person (or sqlite3's .recover) can still get at it.

#include <QDateTime>
#include <QString>

#include <optional>

namespace earlab::store {

// Looks at the file at `path`: the header through plain file reads, then PRAGMA
// user_version and PRAGMA quick_check on a read-only connection (which never checkpoints or
// truncates a -wal, so a damaged file and its companions are moved aside exactly as found).
// Only when SQLite's own recovery must write first (a hot -journal left by a crash) does it
// let SQLite do so, through a read-write connection, and then look again: the caller must
// be allowed to write `path`. Returns why the file is damaged, or nothing if it is usable
// (or does not exist yet). Throws StoreError, leaving the file untouched, when the file is
// healthy but not ours to open: written by a newer EarLab, or another program's database.
std::optional<QString> findDamage(const QString& path);

// "<path>.corrupt-<yyyyMMdd-hhmmss>" in `when`'s local time, or with "-2", "-3", ...
// appended if that name (or its -wal/-shm/-journal companion) already exists.
QString asidePath(const QString& path, const QDateTime& when);

// Renames `path` and its -wal, -shm and -journal companions to asidePath(path, when)
// (+ the same suffixes, so SQLite still pairs them). Returns the new main file name.
// Throws StoreError naming both paths if a rename fails.
QString moveAside(const QString& path, const QDateTime& when);

} // namespace earlab::store
