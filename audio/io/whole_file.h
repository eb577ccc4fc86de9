#pragma once
// A small file read or written whole (a JSON answer key, a blind test log). Writing goes
// through the one writer, FileReplacement: the old file stays as it was until the new one is
// complete on disk.

#include <cstddef>
#include <string>
#include <string_view>

namespace earlab {

// Writes `bytes` to `path` (created, or replaced whole). Throws AudioError(WriteFailed) naming
// `path` and the OS cause; `path` is then as it was.
void writeWholeFile(const std::string& path, std::string_view bytes);

// The bytes of the regular file at `path`, at most `maxBytes` of them (a bigger file is
// refused: it is not what the caller reads). Throws AudioError naming `path`: FileNotFound,
// NotRegularFile (a folder, a FIFO: refused before opening, which could block), Unreadable
// (permissions, I/O error, too big) with the cause.
std::string readWholeFile(const std::string& path, std::size_t maxBytes);

} // namespace earlab
