#include "whole_file.h"

#include "audio/audio_error.h"
#include "file_replacement.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace earlab {

void writeWholeFile(const std::string& path, std::string_view bytes)
{
    FileReplacement file(path);
    for (std::size_t done = 0; done < bytes.size();) {
        const ssize_t n = ::write(file.fd(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            throw AudioError(AudioErrorKind::WriteFailed, path,
                             "cannot write the file: " + std::string(std::strerror(err)) + "; " + file.untouchedNote());
        }
        done += std::size_t(n);
    }
    file.commit();
}

std::string readWholeFile(const std::string& path, std::size_t maxBytes)
{
    // Open first, then ask the opened descriptor: a stat of the path could describe another
    // file than the one read if the path is replaced in between. O_NONBLOCK keeps a FIFO from
    // blocking the open; it is then refused as not a regular file.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int err = errno;
        throw AudioError(err == ENOENT ? AudioErrorKind::FileNotFound : AudioErrorKind::Unreadable, path,
                         err == ENOENT ? std::string("no such file") : "cannot be opened: " + std::string(std::strerror(err)));
    }
    struct stat st {};
    std::string refused;
    AudioErrorKind kind = AudioErrorKind::Unreadable;
    if (::fstat(fd, &st) != 0) {
        refused = "cannot be read: " + std::string(std::strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        kind = AudioErrorKind::NotRegularFile;
        refused = S_ISDIR(st.st_mode) ? "is a folder, not a file" : "is not a regular file";
    } else if (std::size_t(st.st_size) > maxBytes) {
        refused = "is " + std::to_string(st.st_size) + " bytes, more than the " + std::to_string(maxBytes) + " expected";
    }
    if (!refused.empty()) {
        ::close(fd);
        throw AudioError(kind, path, refused);
    }
    std::string bytes;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || bytes.size() + std::size_t(std::max<ssize_t>(n, 0)) > maxBytes) {
            const std::string cause = n < 0 ? "reading failed: " + std::string(std::strerror(errno))
                                            : "grew past " + std::to_string(maxBytes) + " bytes while being read";
            ::close(fd);
            throw AudioError(AudioErrorKind::Unreadable, path, cause);
        }
        if (n == 0)
            break;
        bytes.append(buffer, std::size_t(n));
    }
    ::close(fd);
    return bytes;
}

} // namespace earlab
