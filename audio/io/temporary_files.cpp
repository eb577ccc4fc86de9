#include "audio/io/temporary_files.h"

#include <unistd.h>

#include <atomic>
#include <cstring>

namespace earlab {

namespace {

enum SlotState : int { kFree = 0, kFilling = 1, kLive = 2 };

struct Slot {
    std::atomic<int> state{kFree};
    char path[kMaxTemporaryPath];
};

// Lock-free atomics are what makes the handler's loads async-signal-safe.
static_assert(std::atomic<int>::is_always_lock_free);

Slot g_slots[kMaxTemporaryFiles];

} // namespace

int registerTemporaryFile(const std::string& absolutePath) noexcept
{
    if (absolutePath.empty() || absolutePath.size() >= kMaxTemporaryPath)
        return -1;
    for (std::size_t i = 0; i < kMaxTemporaryFiles; ++i) {
        int expected = kFree;
        // kFilling keeps the handler away while the path is copied in.
        if (!g_slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acquire))
            continue;
        std::memcpy(g_slots[i].path, absolutePath.c_str(), absolutePath.size() + 1);
        g_slots[i].state.store(kLive, std::memory_order_release);
        return int(i);
    }
    return -1;
}

void unregisterTemporaryFile(int slot) noexcept
{
    if (slot >= 0 && std::size_t(slot) < kMaxTemporaryFiles)
        g_slots[slot].state.store(kFree, std::memory_order_release);
}

void removeTemporaryFilesNow() noexcept
{
    for (auto& slot : g_slots)
        if (slot.state.load(std::memory_order_acquire) == kLive)
            ::unlink(slot.path); // ENOENT (not created yet, or already renamed) is fine
}

std::size_t liveTemporaryFileCount() noexcept
{
    std::size_t n = 0;
    for (const auto& slot : g_slots)
        n += slot.state.load(std::memory_order_acquire) == kLive;
    return n;
}

} // namespace earlab
