#include "audio/io/flac_tail.h"

#include "audio/io/planar_samples.h"

#include <memory>

namespace earlab::detail {

FlacTail::FlacTail(const std::string& path, std::size_t channels, double rate, const ReadHandle& h)
    : channels_(channels), rate_(rate)
{
    const int major = h.info.format & SF_FORMAT_TYPEMASK;
    const std::int64_t frames = h.info.frames;
    constexpr std::int64_t kMinFrames = 16 * kChunkFrames;
    if (major != SF_FORMAT_FLAC || frames < kMinFrames || !h.info.seekable)
        return;
    split_ = (frames / 2 / kChunkFrames) * kChunkFrames;
    promised_ = frames;
    try {
        thread_ = std::thread([this, path] { run(path); });
    } catch (...) {
        split_ = -1;
    }
}

void FlacTail::run(const std::string& path)
{
    try {
        ReadHandle h;
        openForReading(path, h);
        if (std::size_t(h.info.channels) != channels_ || h.info.frames != promised_ ||
            sf_seek(h.file, split_, SEEK_SET) != split_)
            return;
        // One uninitialised buffer per channel for the whole half (no zero-filling, huge
        // pages); the blocks point into it.
        const auto capacity = std::size_t(promised_ - split_);
        auto storage = std::make_shared<std::vector<std::unique_ptr<float[]>>>();
        for (std::size_t c = 0; c < channels_; ++c) {
            storage->emplace_back(new float[capacity]);
            adviseHugePages(storage->back().get(), capacity);
        }
        std::vector<float> chunk(std::size_t(kChunkFrames) * channels_);
        std::int64_t total = 0;
        for (;;) {
            if (stop_)
                return;
            const sf_count_t got = sf_readf_float(h.file, chunk.data(), kChunkFrames);
            if (got <= 0)
                break;
            if (std::size_t(total) + std::size_t(got) > capacity)
                return; // longer than promised: let the main pass see it
            Block block;
            block.owner = storage;
            block.frames = std::size_t(got);
            bool finite = true;
            for (std::size_t c = 0; c < channels_; ++c) {
                float* dst = (*storage)[c].get() + total;
                const float* src = chunk.data() + c;
                for (std::size_t i = 0; i < std::size_t(got); ++i) {
                    const float v = src[i * channels_];
                    finite &= isFiniteBits(v);
                    dst[i] = v;
                }
                block.channels.push_back(dst);
            }
            if (!finite)
                return;
            blocks_.push_back(std::move(block));
            total += got;
        }
        if (sf_error(h.file) != SF_ERR_NO_ERROR || split_ + total != promised_ || total == 0)
            return;
        frames_ = total;
        ok_ = true;
    } catch (...) {
        blocks_.clear();
    }
}

} // namespace earlab::detail
