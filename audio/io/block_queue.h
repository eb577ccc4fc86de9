#pragma once
// Internal to audio/io: decoded blocks handed from the decoding thread to the resampling
// lanes of the parallel load (parallel_load.h).

#include "audio/audio_buffer.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

namespace earlab::detail {

// A decoded block: planar channel pointers kept alive by `owner`.
struct Block {
    std::shared_ptr<const void> owner;
    std::vector<const float*> channels;
    std::size_t frames = 0;

    Block() = default;
    Block(std::shared_ptr<const AudioBuffer> buffer) // NOLINT: implicit on purpose
    {
        for (const auto& ch : buffer->channels)
            channels.push_back(ch.data());
        frames = buffer->frames();
        owner = std::move(buffer);
    }
    void reset() { *this = Block(); }
};

// Decoded blocks travel from the decoding thread to one resampling lane, at most kDepth at a time.
class BlockQueue {
public:
    static constexpr std::size_t kDepth = 8;

    // False once the consumers have gone (the producer should stop).
    bool push(Block block)
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return blocks_.size() < kDepth || cancelled_; });
        if (cancelled_)
            return false;
        blocks_.push_back(std::move(block));
        changed_.notify_all();
        return true;
    }
    void finish(std::exception_ptr error)
    {
        std::lock_guard lock(mutex_);
        done_ = true;
        error_ = std::move(error);
        changed_.notify_all();
    }
    void cancel()
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        done_ = true;
        changed_.notify_all();
    }
    // False at the end of the stream (or when cancelled); rethrows the producer's exception.
    bool pop(Block& block)
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !blocks_.empty() || done_; });
        if (!blocks_.empty() && !cancelled_) {
            block = std::move(blocks_.front());
            blocks_.pop_front();
            changed_.notify_all();
            return true;
        }
        if (error_)
            std::rethrow_exception(error_);
        return false;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Block> blocks_;
    bool done_ = false;
    bool cancelled_ = false;
    std::exception_ptr error_;
};

} // namespace earlab::detail
