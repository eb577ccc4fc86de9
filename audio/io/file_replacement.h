#pragma once
// The one way EarLab writes a file (renders now; exports and logs later): the new content goes
// to a temporary file in the target's folder, which commit() flushes to disk (fsync) and
// renames over the target, then flushes the folder. Until the rename the target is exactly as
// it was; on any failure, or when the object goes without commit(), the temporary file is
// removed. A program that installs a handler calling removeTemporaryFilesNow()
// (temporary_files.h) on SIGINT/SIGTERM/SIGHUP keeps that promise under those signals too.
//
// What the target may be:
//   absent                -> created (in an existing folder)
//   a regular file        -> replaced; the new file takes its permission bits (and owner,
//                            where allowed). A file that is not writable for us is refused
//                            (its protection is respected, though renaming could bypass it).
//   a symbolic link       -> written through: the file it finally names (followed link by
//                            link) is replaced or created, the link itself is kept.
//   several hard links    -> refused: renaming would leave the other names with the old
//                            content, and writing in place could leave a half-written file.
//   folder, FIFO, device, socket -> refused, left as they are (nothing is opened: a FIFO
//                            would block, a device would take a half-written stream).
// Every refusal and failure is an AudioError(WriteFailed) naming the path as given.
//
// The temporary file is ".NAME.earlab-PID-N.tmp" beside the target's final name. SIGKILL
// (or a power cut) cannot be handled and leaves it behind, so the name says who owns it:
// each new FileReplacement for the same target first removes the ones whose process no
// longer exists.

#include <string>
#include <sys/types.h>

namespace earlab {

class FileReplacement {
public:
    // Resolves links, refuses what cannot be replaced safely, removes stale temporaries of
    // this target and creates the temporary file (read-write, close-on-exec).
    explicit FileReplacement(const std::string& path);
    ~FileReplacement(); // without commit(): abandon()
    FileReplacement(const FileReplacement&) = delete;
    FileReplacement& operator=(const FileReplacement&) = delete;

    int fd() const noexcept { return fd_; }
    const std::string& path() const noexcept { return path_; }         // as given
    const std::string& targetPath() const noexcept { return target_; } // after links, absolute folder
    const std::string& temporaryPath() const noexcept { return temp_; }

    // fsync and close the temporary file, rename it over the target, fsync the folder.
    // Throws AudioError(WriteFailed) with the OS cause if any step before the rename fails
    // (the temporary is then removed, the target untouched).
    void commit();

    // Closes and removes the temporary file; the target stays as it was. Idempotent.
    void abandon() noexcept;

    // What a failure means for the user's file, to end a message: "the existing file is
    // unchanged" or "no file was created".
    std::string untouchedNote() const;

    // The temporary file name (no folder) for a target named `name`, owned by process `pid`,
    // the owner's n-th replacement.
    static std::string temporaryName(const std::string& name, pid_t pid, unsigned n);

private:
    void removeStaleTemporaries() const noexcept;

    std::string path_, target_, folder_, name_, temp_;
    bool existed_ = false;
    int fd_ = -1;
    int slot_ = -1;
    bool finished_ = false;
};

} // namespace earlab
