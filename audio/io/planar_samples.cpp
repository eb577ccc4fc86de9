#include "audio/io/planar_samples.h"

#include <sys/mman.h>

namespace earlab::detail {

void deinterleaveAppend(const float* interleaved, std::size_t frames, std::vector<std::vector<float>>& planar)
{
    const std::size_t channels = planar.size();
    if (channels == 2) {
        auto& l = planar[0];
        auto& r = planar[1];
        const std::size_t base = l.size();
        l.resize(base + frames);
        r.resize(base + frames);
        for (std::size_t i = 0; i < frames; ++i) {
            l[base + i] = interleaved[2 * i];
            r[base + i] = interleaved[2 * i + 1];
        }
        return;
    }
    for (std::size_t c = 0; c < channels; ++c) {
        auto& dst = planar[c];
        const std::size_t base = dst.size();
        dst.resize(base + frames);
        for (std::size_t i = 0; i < frames; ++i)
            dst[base + i] = interleaved[i * channels + c];
    }
}

bool deinterleaveInto(const float* interleaved, std::size_t frames, std::vector<std::vector<float>>& planar)
{
    const std::size_t channels = planar.size();
    bool finite = true;
    if (channels == 2) {
        planar[0].resize(frames);
        planar[1].resize(frames);
        float* l = planar[0].data();
        float* r = planar[1].data();
        for (std::size_t i = 0; i < frames; ++i) {
            const float a = interleaved[2 * i];
            const float b = interleaved[2 * i + 1];
            finite &= isFiniteBits(a) & isFiniteBits(b);
            l[i] = a;
            r[i] = b;
        }
        return finite;
    }
    for (std::size_t c = 0; c < channels; ++c) {
        planar[c].resize(frames);
        float* dst = planar[c].data();
        for (std::size_t i = 0; i < frames; ++i) {
            const float v = interleaved[i * channels + c];
            finite &= isFiniteBits(v);
            dst[i] = v;
        }
    }
    return finite;
}

void adviseHugePages(const float* data, std::size_t count)
{
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const auto end = begin + count * sizeof(float);
    const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t last = end & ~(kHuge - 1);
    if (last > first)
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)data;
    (void)count;
#endif
}

} // namespace earlab::detail
