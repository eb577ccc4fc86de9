#include "blind_log_file.h"

#include "audio/io/whole_file.h"

#include <QJsonDocument>

namespace earlab {

void saveBlindLog(const std::string& path, const BlindLog& log, BlindLogFileFormat format)
{
    // Indented for people reading it; the hash is over the canonical form, not these bytes.
    const QByteArray bytes = format == BlindLogFileFormat::Json ? QJsonDocument(log.toJson()).toJson(QJsonDocument::Indented)
                                                                : log.toText().toUtf8();
    writeWholeFile(path, std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

} // namespace earlab
