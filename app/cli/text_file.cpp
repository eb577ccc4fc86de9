#include "text_file.h"

#include "audio/audio_error.h"
#include "audio/io/file_replacement.h"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace earlab::cli {

void writeTextFile(const std::string& path, const QByteArray& bytes)
{
    FileReplacement file(path);
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(file.fd(), bytes.constData() + done, std::size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            throw AudioError(AudioErrorKind::WriteFailed, path,
                             "cannot write the file: " + std::string(std::strerror(err)) + "; " + file.untouchedNote());
        }
        done += n;
    }
    file.commit();
}

} // namespace earlab::cli
