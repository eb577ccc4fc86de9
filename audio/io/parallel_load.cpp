#include "audio/io/parallel_load.h"

#include "audio/io/block_queue.h"
#include "audio/io/downmix.h"
#include "audio/io/flac_tail.h"
#include "audio/io/planar_samples.h"
#include "audio/io/resampler.h"
#include "audio/io/sndfile_reader.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace earlab::detail {

std::int64_t decodeResampling(const std::string& path, ReadHandle& h, const LoadOptions& options, AudioBuffer& audio)
{
    struct Stop {};
    const std::size_t fileChannels = std::size_t(h.info.channels);
    const std::size_t outChannels = options.stereo ? 2 : fileChannels;
    const std::size_t laneCount = std::min<std::size_t>(outChannels, 2);
    const double rate = h.info.samplerate;
    const double target = options.targetSampleRate;
    const double expected = expectedFrames(h);
    const auto reserve =
        std::size_t(std::min(double(h.info.frames) * target / rate + 1024.0, double(std::int64_t(1) << 27)));

    struct Lane {
        std::vector<std::size_t> channels; // indices into the (stereo-converted) block
        std::unique_ptr<StreamResampler> resampler;
        AudioBuffer out;
        BlockQueue queue;
        std::exception_ptr error;
    };
    // Declared before the lanes: blocks left in their queues go back here.
    // Blocks whose channels need no conversion are recycled: a fresh 512 KB per block costs
    // page faults and zero-filling.
    struct Pool {
        std::mutex mutex;
        std::vector<AudioBuffer*> free;
        ~Pool()
        {
            for (AudioBuffer* b : free)
                delete b;
        }
    } pool;
    pool.free.reserve(4 * BlockQueue::kDepth);
    auto pooledBlock = [&]() -> std::shared_ptr<AudioBuffer> {
        AudioBuffer* raw = nullptr;
        {
            std::lock_guard lock(pool.mutex);
            if (!pool.free.empty()) {
                raw = pool.free.back();
                pool.free.pop_back();
            }
        }
        if (!raw) {
            raw = new AudioBuffer;
            raw->sampleRate = rate;
            raw->channels.assign(fileChannels, {});
        }
        Pool* p = &pool;
        try {
            return std::shared_ptr<AudioBuffer>(raw, [p](AudioBuffer* b) {
                try {
                    std::lock_guard lock(p->mutex);
                    p->free.push_back(b);
                } catch (...) {
                    delete b;
                }
            });
        } catch (...) {
            delete raw;
            throw;
        }
    };
    std::vector<std::unique_ptr<Lane>> lanes;
    for (std::size_t l = 0; l < laneCount; ++l) {
        auto lane = std::make_unique<Lane>();
        for (std::size_t c = l; c < outChannels; c += laneCount)
            lane->channels.push_back(c);
        lane->resampler = std::make_unique<StreamResampler>(lane->channels.size(), rate, target);
        lane->out.sampleRate = target;
        lane->out.channels.assign(lane->channels.size(), {});
        for (auto& ch : lane->out.channels) {
            ch.reserve(reserve);
            adviseHugePages(ch.data(), ch.capacity());
        }
        lanes.push_back(std::move(lane));
    }
    auto cancelAll = [&] {
        for (auto& lane : lanes)
            lane->queue.cancel();
    };

    const bool recycle = !options.stereo || fileChannels == 2;

    std::atomic<double> decodedSoFar{0.0};
    std::int64_t decoded = 0;
    auto produce = [&] {
        std::exception_ptr error;
        try {
            if (recycle) {
                FlacTail tail(path, fileChannels, rate, h);
                decoded = decode(path, h, {}, [&](const float* x, std::size_t n) {
                    auto block = pooledBlock();
                    if (!deinterleaveInto(x, n, block->channels))
                        return false;
                    const Block shared(std::shared_ptr<const AudioBuffer>(std::move(block)));
                    for (auto& lane : lanes)
                        if (!lane->queue.push(shared))
                            throw Stop{};
                    decodedSoFar.store(decodedSoFar.load() + double(n));
                    return true;
                }, tail.splitAt(), [&]() -> std::int64_t {
                    std::vector<Block> blocks;
                    const std::int64_t n = tail.take(blocks);
                    if (n < 0)
                        return -1;
                    for (auto& b : blocks) {
                        const Block shared = std::move(b);
                        for (auto& lane : lanes)
                            if (!lane->queue.push(shared))
                                throw Stop{};
                        decodedSoFar.store(decodedSoFar.load() + double(shared.frames));
                    }
                    return n;
                });
            } else decoded = decode(path, h, [&](const float* x, std::size_t n) {
                auto block = std::make_shared<AudioBuffer>();
                block->sampleRate = rate;
                block->channels.assign(fileChannels, {});
                deinterleaveAppend(x, n, block->channels);
                if (options.stereo)
                    *block = toStereo(std::move(*block));
                const Block shared(std::shared_ptr<const AudioBuffer>(std::move(block)));
                for (auto& lane : lanes)
                    if (!lane->queue.push(shared))
                        throw Stop{};
                decodedSoFar.store(decodedSoFar.load() + double(n));
            });
        } catch (const Stop&) {
        } catch (...) {
            error = std::current_exception();
        }
        for (auto& lane : lanes)
            lane->queue.finish(error);
    };
    auto consume = [&](Lane& lane, bool reportProgress) {
        try {
            std::vector<const float*> ptrs(lane.channels.size());
            Block block;
            while (lane.queue.pop(block)) {
                for (std::size_t i = 0; i < ptrs.size(); ++i)
                    ptrs[i] = block.channels[lane.channels[i]];
                lane.resampler->process(ptrs, block.frames, lane.out);
                block.reset();
                if (reportProgress && options.progress)
                    options.progress(0.99 * std::min(1.0, decodedSoFar.load() / expected));
            }
            lane.resampler->finish(lane.out);
        } catch (...) {
            lane.error = std::current_exception();
            cancelAll();
        }
    };

    {
        std::thread producer(produce);
        std::optional<std::thread> helper;
        try {
            if (laneCount > 1)
                helper.emplace(consume, std::ref(*lanes[1]), false);
        } catch (...) {
            cancelAll();
            producer.join();
            throw;
        }
        consume(*lanes[0], true);
        if (helper)
            helper->join();
        producer.join();
    }
    for (auto& lane : lanes)
        if (lane->error)
            std::rethrow_exception(lane->error);

    audio.sampleRate = target;
    audio.channels.assign(outChannels, {});
    for (auto& lane : lanes)
        for (std::size_t i = 0; i < lane->channels.size(); ++i)
            audio.channels[lane->channels[i]] = std::move(lane->out.channels[i]);
    return decoded;
}

} // namespace earlab::detail
