#include "blind_schedule.h"

#include <QCryptographicHash>

#include <utility>

namespace earlab {

namespace {

void addUint32Be(QCryptographicHash& hash, std::uint32_t v)
{
    const char be[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    hash.addData(QByteArrayView(be, 4));
}

AbItem lowBit(const QByteArray& hash) { return (std::uint8_t(hash[0]) & 1u) == 0 ? AbItem::A : AbItem::B; }

// The MUSHRA word stream: 8 big-endian words per hash block, blocks numbered from 0.
class WordStream {
public:
    WordStream(const BlindSeed& seed, std::uint32_t page) : seed_(seed), page_(page) {}

    std::uint32_t next()
    {
        if (used_ == 8) {
            block_ = blindScheduleHash(seed_, "earlab-mushra", page_, blockIndex_++);
            used_ = 0;
        }
        const auto* p = reinterpret_cast<const std::uint8_t*>(block_.constData()) + 4 * used_++;
        return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
    }

private:
    const BlindSeed& seed_;
    std::uint32_t page_;
    std::uint32_t blockIndex_ = 0;
    QByteArray block_;
    int used_ = 8;
};

// Uniform in [0, bound): words at or above the largest multiple of bound below 2^32 are drawn
// again, so each value has exactly the same number of words mapping to it.
std::uint32_t uniformBelow(WordStream& words, std::uint32_t bound)
{
    const std::uint64_t range = std::uint64_t(1) << 32;
    const std::uint64_t limit = range - range % bound;
    for (;;) {
        const std::uint32_t w = words.next();
        if (w < limit)
            return w % bound;
    }
}

} // namespace

QString blindModeId(BlindMode mode)
{
    switch (mode) {
    case BlindMode::Abx: return QStringLiteral("abx");
    case BlindMode::Preference: return QStringLiteral("preference");
    case BlindMode::Mushra: return QStringLiteral("mushra");
    }
    return {};
}

std::optional<BlindMode> blindModeFromId(const QString& id)
{
    for (const BlindMode m : {BlindMode::Abx, BlindMode::Preference, BlindMode::Mushra})
        if (blindModeId(m) == id)
            return m;
    return std::nullopt;
}

QString abItemName(AbItem item) { return item == AbItem::A ? QStringLiteral("A") : QStringLiteral("B"); }

std::optional<AbItem> abItemFromName(const QString& name)
{
    if (name == QLatin1String("A"))
        return AbItem::A;
    if (name == QLatin1String("B"))
        return AbItem::B;
    return std::nullopt;
}

QByteArray blindScheduleHash(const BlindSeed& seed, const char* domain, std::uint32_t index,
                             std::optional<std::uint32_t> block)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(seed.raw());
    hash.addData(QByteArrayView(domain));
    addUint32Be(hash, index);
    if (block)
        addUint32Be(hash, *block);
    return hash.result();
}

AbItem abxX(const BlindSeed& seed, std::uint32_t trial) { return lowBit(blindScheduleHash(seed, "earlab-abx", trial)); }

AbItem preferenceFirst(const BlindSeed& seed, std::uint32_t trial)
{
    return lowBit(blindScheduleHash(seed, "earlab-preference", trial));
}

std::vector<int> mushraOrder(const BlindSeed& seed, std::uint32_t page, int itemCount)
{
    std::vector<int> order;
    for (int i = 0; i < itemCount; ++i)
        order.push_back(i);
    WordStream words(seed, page);
    for (int k = itemCount - 1; k >= 1; --k)
        std::swap(order[std::size_t(k)], order[uniformBelow(words, std::uint32_t(k + 1))]);
    return order;
}

} // namespace earlab
