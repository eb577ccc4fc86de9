#include "blind_hashes.h"

#include <QCryptographicHash>
#include <QFile>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace earlab {

namespace {

template <typename T>
void addLittleEndian(QCryptographicHash& hash, T value)
{
    static_assert(std::endian::native == std::endian::little || std::endian::native == std::endian::big);
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    if constexpr (std::endian::native == std::endian::big)
        std::reverse(bytes, bytes + sizeof(T));
    hash.addData(QByteArrayView(bytes, sizeof(T)));
}

} // namespace

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString()).toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file) || file.error() != QFileDevice::NoError)
        throw std::runtime_error(QStringLiteral("%1: reading failed: %2").arg(path, file.errorString()).toStdString());
    return QString::fromLatin1(hash.result().toHex());
}

QString audioSha256(const AudioBuffer& audio)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addLittleEndian(hash, std::uint32_t(audio.channelCount()));
    addLittleEndian(hash, audio.sampleRate);
    addLittleEndian(hash, std::uint64_t(audio.frames()));
    for (const auto& channel : audio.channels) {
        if constexpr (std::endian::native == std::endian::little) {
            hash.addData(QByteArrayView(reinterpret_cast<const char*>(channel.data()),
                                        qsizetype(channel.size() * sizeof(float))));
        } else {
            for (const float s : channel)
                addLittleEndian(hash, s);
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace earlab
