#include "audio/io/file_replacement.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file_shared.h"
#include "audio/io/temporary_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace earlab {

namespace {

using detail::fail;
using detail::osError;

constexpr int kMaxLinkHops = 40; // the kernel's own limit (MAXSYMLINKS) before ELOOP
// A file name may have 255 bytes; the temporary adds a dot and ".earlab-PID-N.tmp".
constexpr std::size_t kMaxNameInTemporary = 200;
constexpr char kOwnerTag[] = ".earlab-";
constexpr char kSuffix[] = ".tmp";

std::string folderOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string baseNameOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string readLink(const std::string& path)
{
    std::vector<char> buf(256);
    for (;;) {
        const ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
        if (n < 0)
            return {};
        if (std::size_t(n) < buf.size())
            return std::string(buf.data(), std::size_t(n));
        buf.resize(buf.size() * 2);
    }
}

// What a file that is not a regular one is, for the refusal.
const char* specialKind(mode_t mode)
{
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

// "<pid>-<n>.tmp" after the owner tag: the pid, or -1 if the rest is not of that form.
pid_t ownerOf(const char* rest)
{
    char* end = nullptr;
    errno = 0;
    const long pid = std::strtol(rest, &end, 10);
    if (errno != 0 || end == rest || *end != '-' || pid <= 0 || pid > INT_MAX)
        return -1;
    const char* n = end + 1;
    char* nEnd = nullptr;
    std::strtoul(n, &nEnd, 10);
    if (nEnd == n || std::strcmp(nEnd, kSuffix) != 0)
        return -1;
    return pid_t(pid);
}

} // namespace

std::string FileReplacement::temporaryName(const std::string& name, pid_t pid, unsigned n)
{
    return "." + name.substr(0, kMaxNameInTemporary) + kOwnerTag + std::to_string(pid) + "-" + std::to_string(n) +
           kSuffix;
}

FileReplacement::FileReplacement(const std::string& path) : path_(path)
{
    if (path.empty())
        fail(AudioErrorKind::WriteFailed, path, "the output file name is empty");

    // Follow links one by one to the name that is finally written: the link stays a link.
    std::string current = path;
    struct stat st {};
    for (int hops = 0;; ++hops) {
        if (::lstat(current.c_str(), &st) != 0) {
            const int err = errno;
            if (err != ENOENT)
                fail(AudioErrorKind::WriteFailed, path, "cannot create the file: " + osError(err));
            break; // a new file; its folder is checked when the temporary is created
        }
        if (!S_ISLNK(st.st_mode)) {
            existed_ = true;
            break;
        }
        if (hops == kMaxLinkHops)
            fail(AudioErrorKind::WriteFailed, path, "cannot create the file: " + osError(ELOOP));
        const std::string link = readLink(current);
        if (link.empty())
            fail(AudioErrorKind::WriteFailed, path, "cannot read the symbolic link: " + osError(errno));
        current = link.front() == '/' ? link : folderOf(current) + "/" + link;
    }
    const std::string via = current == path ? "" : "is a symbolic link to " + current + ", which ";

    if (existed_) {
        if (!S_ISREG(st.st_mode))
            fail(AudioErrorKind::WriteFailed, path,
                 via + "is " + specialKind(st.st_mode) + (S_ISDIR(st.st_mode) ? " (" + osError(EISDIR) + ")" : "") +
                     ", not a file EarLab can write; it is left as it is" +
                     (S_ISDIR(st.st_mode) ? ": give a file name" : ""));
        if (st.st_nlink > 1)
            fail(AudioErrorKind::WriteFailed, path,
                 via + "has " + std::to_string(st.st_nlink) +
                     " names (hard links): replacing it would leave the other names with the old audio, and writing "
                     "into it in place could leave a half-written file; it is left as it is. Write to a new name, "
                     "or remove the other links first");
        if (::access(current.c_str(), W_OK) != 0)
            fail(AudioErrorKind::WriteFailed, path,
                 via + "cannot be replaced: " + osError(errno) + " (the file is write-protected); it is left as it is");
    }

    // The absolute folder: the signal handler must find the temporary whatever the current
    // folder is by then, and the rename stays inside one folder.
    const std::string folder = folderOf(current);
    std::unique_ptr<char, decltype(&std::free)> real(::realpath(folder.c_str(), nullptr), &std::free);
    if (!real)
        fail(AudioErrorKind::WriteFailed, path, "cannot create the file: " + osError(errno));
    folder_ = real.get();
    name_ = baseNameOf(current);
    target_ = (folder_ == "/" ? "" : folder_) + "/" + name_;

    removeStaleTemporaries();

    static std::atomic<unsigned> counter{0};
    temp_ = (folder_ == "/" ? "" : folder_) + "/" + temporaryName(name_, ::getpid(), counter.fetch_add(1));
    // In the table before the file exists: a signal in between must not leave it behind.
    slot_ = registerTemporaryFile(temp_);
    if (slot_ < 0)
        fail(AudioErrorKind::WriteFailed, path,
             temp_.size() >= kMaxTemporaryPath ? "cannot create the file: " + osError(ENAMETOOLONG)
                                               : "cannot create the file: too many files are being written at once");
    // Read-write: a format may have to read back what it wrote before the commit (the Opus
    // end trim, opus_end.h), on this descriptor rather than by reopening the path.
    fd_ = ::open(temp_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        const int err = errno;
        unregisterTemporaryFile(slot_);
        slot_ = -1;
        std::string cause = "cannot create the file: " + osError(err);
        if (err == EACCES || err == EROFS)
            cause += " (in the folder " + folder_ + ")";
        fail(AudioErrorKind::WriteFailed, path, cause);
    }
    if (existed_) {
        ::fchmod(fd_, st.st_mode & 07777);
        if (st.st_uid != ::geteuid() || st.st_gid != ::getegid())
            (void)!::fchown(fd_, st.st_uid, st.st_gid); // only root may; otherwise the file becomes ours
    }
}

FileReplacement::~FileReplacement()
{
    abandon();
}

void FileReplacement::abandon() noexcept
{
    if (finished_)
        return;
    finished_ = true;
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    ::unlink(temp_.c_str());
    unregisterTemporaryFile(slot_);
    slot_ = -1;
}

void FileReplacement::commit()
{
    if (finished_)
        fail(AudioErrorKind::WriteFailed, path_, "the file is already finished or abandoned");
    // fsync first: renaming a file whose data is still only in memory could, after a crash,
    // leave an empty file where the old one was (ext4 and XFS do not order the two).
    if (::fsync(fd_) != 0) {
        const int err = errno;
        abandon();
        fail(AudioErrorKind::WriteFailed, path_, "cannot save the file: " + osError(err) + "; " + untouchedNote());
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
        const int err = errno;
        abandon();
        fail(AudioErrorKind::WriteFailed, path_, "cannot save the file: " + osError(err) + "; " + untouchedNote());
    }
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        const int err = errno;
        abandon();
        fail(AudioErrorKind::WriteFailed, path_, "cannot replace the file: " + osError(err) + "; " + untouchedNote());
    }
    finished_ = true;
    unregisterTemporaryFile(slot_);
    slot_ = -1;
    // The rename itself is durable once the folder is flushed. The new file is complete and in
    // place either way, so a folder that cannot be flushed (some file systems refuse) is no
    // failure to report.
    const int dir = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

std::string FileReplacement::untouchedNote() const
{
    return existed_ ? "the existing file is unchanged" : "no file was created";
}

void FileReplacement::removeStaleTemporaries() const noexcept
{
    DIR* dir = ::opendir(folder_.c_str());
    if (!dir)
        return;
    const std::string prefix = "." + name_.substr(0, kMaxNameInTemporary) + kOwnerTag;
    const pid_t self = ::getpid();
    while (const dirent* e = ::readdir(dir)) {
        if (std::strncmp(e->d_name, prefix.c_str(), prefix.size()) != 0)
            continue;
        const pid_t owner = ownerOf(e->d_name + prefix.size());
        // Only a process that no longer exists: another EarLab may be writing this target now.
        // (A reused PID keeps a stale file until that process is gone too.)
        if (owner <= 0 || owner == self || ::kill(owner, 0) == 0 || errno != ESRCH)
            continue;
        ::unlinkat(::dirfd(dir), e->d_name, 0);
    }
    ::closedir(dir);
}

} // namespace earlab
