#pragma once
// The temporary files this process is writing right now (see file_replacement.h), kept in a
// table allocated once, so that a signal handler can remove them: removeTemporaryFilesNow()
// makes only async-signal-safe calls (atomic loads and unlink(2)), nothing that allocates or
// locks. The table is the only state; installing the handler is the program's job
// (earlab-cli does it in app/cli/main.cpp).

#include <cstddef>
#include <string>

namespace earlab {

inline constexpr std::size_t kMaxTemporaryFiles = 64;   // files being written at once
inline constexpr std::size_t kMaxTemporaryPath = 4096;  // bytes, with the terminating NUL (PATH_MAX)

// Enters `absolutePath` in the table before the file is created (so a signal between
// creating and entering cannot leave it behind). Returns the slot, or -1 when the table is
// full or the path too long (the caller refuses to write then).
int registerTemporaryFile(const std::string& absolutePath) noexcept;

// Takes the slot out of the table (after the file was renamed or removed).
void unregisterTemporaryFile(int slot) noexcept;

// Unlinks every file in the table. Async-signal-safe; also safe to call from any thread.
void removeTemporaryFilesNow() noexcept;

// How many files the table holds (for tests).
std::size_t liveTemporaryFileCount() noexcept;

} // namespace earlab
