#pragma once
// The secret behind a blind test's trial schedule: 32 random bytes. The log commits to it at
// the start (seed_sha256, the SHA-256 of the 32 bytes, in hex) and reveals it at the end
// (seed, in hex), so anyone can recompute every X (blind_schedule.h) and check that the
// schedule was fixed before the first answer and not chosen afterwards.

#include "blind_hashes.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace earlab {

struct BlindSeed {
    static constexpr int kBytes = 32;
    std::array<std::uint8_t, kBytes> bytes{};

    // A new seed from the operating system's cryptographic random source
    // (QRandomGenerator::system(), see the .cpp for why it is one).
    static BlindSeed generate();
    // The seed written as 64 hex digits (either case); nothing for any other text.
    static std::optional<BlindSeed> fromHex(const QString& hex);

    QByteArray raw() const;     // the 32 bytes
    QString hex() const;        // 64 lowercase hex digits
    QString commitment() const; // sha256Hex(raw()): the log's seed_sha256

    bool operator==(const BlindSeed&) const = default;
};

} // namespace earlab
