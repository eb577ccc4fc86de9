#include "text_file.h"

#include "audio/io/whole_file.h"

namespace earlab::cli {

void writeTextFile(const std::string& path, const QByteArray& bytes)
{
    writeWholeFile(path, std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

} // namespace earlab::cli
