#pragma once
// Internal to audio/io: decoded interleaved frames into planar channels, and the storage
// advice for the long buffers they fill.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace earlab::detail {

// Appends `frames` interleaved frames to the planar channels (planar.size() of them).
void deinterleaveAppend(const float* interleaved, std::size_t frames, std::vector<std::vector<float>>& planar);

// Makes each planar[c] exactly `frames` long holding channel c of `interleaved`. Returns
// false if any sample is a NaN or infinity.
bool deinterleaveInto(const float* interleaved, std::size_t frames, std::vector<std::vector<float>>& planar);

// False for a NaN or infinity; by the exponent bits, so a loop over a block vectorises.
inline bool isFiniteBits(float v)
{
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return (bits & 0x7f800000u) != 0x7f800000u;
}

// Asks the kernel for transparent huge pages on the storage behind `data` (already
// reserved): a 10-minute song's output otherwise costs ~60 000 page faults. Only advice;
// ignored where unsupported.
void adviseHugePages(const float* data, std::size_t count);

} // namespace earlab::detail
