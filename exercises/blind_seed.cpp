#include "blind_seed.h"

#include <QRandomGenerator>

namespace earlab {

BlindSeed BlindSeed::generate()
{
    // Qt's documentation: system() "may be used to access the system's cryptographically-safe
    // random generator. On Unix systems, it's equivalent to reading from /dev/urandom or the
    // getrandom() or getentropy() system calls" (on Linux, getrandom()). A listener who could
    // predict the seeded generators (global(), a SeededRandom) could predict every X; 32 bytes
    // is also far below the volume the documentation warns system() is slow for.
    std::array<quint32, kBytes / 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    BlindSeed seed;
    for (std::size_t w = 0; w < words.size(); ++w)
        for (std::size_t b = 0; b < 4; ++b)
            seed.bytes[w * 4 + b] = std::uint8_t(words[w] >> (8 * b));
    return seed;
}

std::optional<BlindSeed> BlindSeed::fromHex(const QString& hex)
{
    if (hex.size() != 2 * kBytes)
        return std::nullopt;
    for (const QChar c : hex) {
        const char16_t u = c.unicode();
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F')))
            return std::nullopt; // QByteArray::fromHex would skip such a character silently
    }
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    if (raw.size() != kBytes)
        return std::nullopt;
    BlindSeed seed;
    for (int i = 0; i < kBytes; ++i)
        seed.bytes[std::size_t(i)] = std::uint8_t(raw[i]);
    return seed;
}

QByteArray BlindSeed::raw() const
{
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), kBytes);
}

QString BlindSeed::hex() const { return QString::fromLatin1(raw().toHex()); }

QString BlindSeed::commitment() const { return sha256Hex(raw()); }

} // namespace earlab
