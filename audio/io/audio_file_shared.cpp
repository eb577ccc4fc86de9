#include "audio/io/audio_file_shared.h"

#include <cstring>

namespace earlab::detail {

std::mutex& sfOpenMutex()
{
    static std::mutex m;
    return m;
}

void fail(AudioErrorKind kind, const std::string& path, const std::string& cause)
{
    throw AudioError(kind, path, cause);
}

std::string osError(int err)
{
    return std::strerror(err);
}

} // namespace earlab::detail
