#pragma once
// Internal to audio/io: the second half of a long FLAC file decoded ahead, for the parallel
// load (parallel_load.h).

#include "audio/io/block_queue.h"
#include "audio/io/sndfile_reader.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace earlab::detail {

// The second half of a long FLAC file, decoded ahead on its own thread through a second
// handle (FLAC frames decode independently, so seeking there and decoding gives the very
// samples a single pass gives). The loader's own pass stops at the midpoint and takes these
// blocks, but only if this half decoded cleanly to exactly the promised length: on any
// anomaly (no second handle, failed seek, a read error, a NaN, a different length) the loader
// simply decodes on past the midpoint itself, so every error is the single pass's.
class FlacTail {
public:
    // Starts decoding the second half, if the file is a long seekable FLAC.
    FlacTail(const std::string& path, std::size_t channels, double rate, const ReadHandle& h);
    ~FlacTail()
    {
        stop_ = true;
        if (thread_.joinable())
            thread_.join();
    }
    FlacTail(const FlacTail&) = delete;
    FlacTail& operator=(const FlacTail&) = delete;

    std::int64_t splitAt() const { return split_; }

    // The frames after the split as blocks, or -1 (decode them in the main pass).
    std::int64_t take(std::vector<Block>& blocks)
    {
        if (thread_.joinable())
            thread_.join();
        if (!ok_)
            return -1;
        blocks = std::move(blocks_);
        return frames_;
    }

private:
    void run(const std::string& path);

    std::size_t channels_;
    double rate_;
    std::int64_t split_ = -1;
    std::int64_t promised_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    std::vector<Block> blocks_;
    std::int64_t frames_ = 0;
    bool ok_ = false;
};

} // namespace earlab::detail
