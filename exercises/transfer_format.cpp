#include "exercises/transfer_format.h"

#include "exercises/json_duplicate_keys.h"

#include "audio/io/file_replacement.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>

namespace earlab {

std::optional<TransferFormat> transferFormatOfName(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return TransferFormat::Csv;
    if (suffix == QLatin1String("json"))
        return TransferFormat::Json;
    return std::nullopt;
}

TransferFormat transferFormatOfContent(const QByteArray& start)
{
    const QByteArray text = start.startsWith("\xEF\xBB\xBF") ? start.mid(3) : start;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[' ? TransferFormat::Json : TransferFormat::Csv;
    }
    return TransferFormat::Csv;
}

std::optional<QDateTime> parseTransferTime(const QString& text)
{
    static const QRegularExpression form(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})$"));
    if (!form.match(text).hasMatch())
        return std::nullopt;
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toUTC();
}

QByteArray jsonString(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out.append('"');
    for (const char c : utf8) {
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
                out.append(escaped);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
    return out;
}

QByteArray readRest(QIODevice& in, const QString& source)
{
    QByteArray all;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 got = in.read(chunk.data(), chunk.size());
        if (got < 0)
            throw TransferError(QStringLiteral("Could not read %1: %2.").arg(source, in.errorString()));
        if (got == 0)
            return all;
        all.append(chunk.constData(), got);
    }
}

QJsonDocument parseTransferJson(const QByteArray& bytes, const QString& source)
{
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        throw TransferError(QStringLiteral("%1: not JSON: %2 at byte %3; nothing was imported.")
                                .arg(source, error.errorString()).arg(error.offset));
    if (const std::optional<QString> twice = firstDuplicateJsonKey(bytes))
        throw TransferError(QStringLiteral("%1: the key %2 appears twice; nothing was imported.").arg(source, *twice));
    return document;
}

void writeAll(QIODevice& out, const QByteArray& bytes, const QString& destination)
{
    qint64 done = 0;
    while (done < bytes.size()) {
        const qint64 wrote = out.write(bytes.constData() + done, bytes.size() - done);
        if (wrote <= 0)
            throw TransferError(QStringLiteral("Could not write %1: %2.").arg(destination, out.errorString()));
        done += wrote;
    }
}

qint64 exportReplacing(const QString& path, const std::function<qint64(QIODevice&)>& write)
{
    FileReplacement replacement(QFile::encodeName(path).toStdString()); // AudioError naming the file
    QFile out;
    if (!out.open(replacement.fd(), QIODevice::WriteOnly, QFileDevice::DontCloseHandle))
        throw TransferError(QStringLiteral("Could not write %1: %2").arg(path, out.errorString()));
    const qint64 count = write(out);
    if (!out.flush())
        throw TransferError(QStringLiteral("Could not write %1: %2; %3")
                                .arg(path, out.errorString(), QString::fromStdString(replacement.untouchedNote())));
    out.close();
    replacement.commit();
    return count;
}

} // namespace earlab
