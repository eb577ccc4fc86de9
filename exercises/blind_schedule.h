#pragma once
// A blind test's trial schedule, recomputable by anyone from the seed alone (blind_seed.h).
// Every random choice is read from a hash of the seed, so the formula is the whole algorithm:
//
//   H(domain, i)       = SHA-256(seed ‖ domain ‖ uint32_be(i))      (seed: its 32 bytes;
//                                                                   domain: ASCII, no terminator)
//   ABX, trial i:        X = A when (H("earlab-abx", i)[0] & 1) == 0, else B.
//   Preference, trial i: the item shown under label "A" (the first label, "1") is item A when
//                        (H("earlab-preference", i)[0] & 1) == 0, else item B.
//   MUSHRA, page p with n items: the stream of 32-bit big-endian words w0, w1, ... taken in
//                        order from the blocks H("earlab-mushra", p ‖ uint32_be(b)) for
//                        b = 0, 1, 2, ... (8 words per block) drives a Fisher–Yates shuffle
//                        of [0, 1, ..., n-1]: for k = n-1 down to 1, take the next word w,
//                        reject it while w >= 2^32 - (2^32 mod (k+1)) (so every j is equally
//                        likely: no modulo bias), j = w mod (k+1), swap positions k and j.
//                        The page's order is the result: order[position] = item index.
//
// Trials and pages count from 0. The domain strings keep the three streams independent.

#include "blind_seed.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace earlab {

// The kinds of blind test. The ids ("abx", "preference", "mushra") are interfaces: the log's
// "mode", the CLI.
enum class BlindMode { Abx, Preference, Mushra };
QString blindModeId(BlindMode mode);
std::optional<BlindMode> blindModeFromId(const QString& id);

// One of the two known items of an ABX or preference test. Written "A" or "B".
enum class AbItem { A, B };
QString abItemName(AbItem item);
std::optional<AbItem> abItemFromName(const QString& name);

// SHA-256(seed ‖ domain ‖ uint32_be(index) ‖ uint32_be(extra)...), the formula's H.
QByteArray blindScheduleHash(const BlindSeed& seed, const char* domain, std::uint32_t index,
                             std::optional<std::uint32_t> block = std::nullopt);

AbItem abxX(const BlindSeed& seed, std::uint32_t trial);
// The item behind label "A" ("1") on preference trial `trial`; the other is behind "B" ("2").
AbItem preferenceFirst(const BlindSeed& seed, std::uint32_t trial);
// The order of MUSHRA page `page`'s `itemCount` items on screen: element = item index.
std::vector<int> mushraOrder(const BlindSeed& seed, std::uint32_t page, int itemCount);

} // namespace earlab
