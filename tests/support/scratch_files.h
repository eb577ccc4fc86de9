#pragma once
// Files in scratch directories, with Qt types.

#include <QByteArray>
#include <QString>

namespace earlab::test {

// scratchDirectory (test_signals.h) as a QString: a fresh empty directory, removed at exit.
QString scratch(const char* tag);

// The whole file, or an empty array if it cannot be read.
QByteArray readBytes(const QString& path);

// Replaces the file with `bytes` (making its folder if needed); true if all was written.
bool writeBytes(const QString& path, const QByteArray& bytes);

} // namespace earlab::test
