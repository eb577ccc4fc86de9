#pragma once
// What EarLab decides about a progress database path before SQLite sees it. SQLite opens
// anything it is given and creates "<path>-journal" beside it (a device, a named pipe), and
// it opens a file it cannot write read-only without a word, failing only at the first write.

#include <QString>

#include <optional>

namespace earlab::store {

// Throws StoreError naming `path` when it exists but is not a regular file (or a link to
// one): a folder, a device such as /dev/null, a named pipe, a socket. Nothing is created.
void requireRegularFile(const QString& path);

// Why EarLab cannot write the database at `path`, as the end of a sentence ("the file is
// read-only", "the folder /x is read-only"), or nothing if it can: the file (if it exists)
// and its folder (SQLite creates -journal, -wal and -shm there) must both be writable.
std::optional<QString> whyReadOnly(const QString& path);

} // namespace earlab::store
