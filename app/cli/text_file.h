#pragma once
// A text file (question.json) written through the project's one writer, FileReplacement: the
// old file stays as it was until the new one is complete on disk.

#include <QByteArray>

#include <string>

namespace earlab::cli {

// Writes `bytes` to `path` (created, or replaced whole). Throws AudioError(WriteFailed) naming
// `path` and the OS cause; `path` is then as it was.
void writeTextFile(const std::string& path, const QByteArray& bytes);

} // namespace earlab::cli
