#pragma once
// The storage a treatment change travels in to the audio thread: a fixed set of
// VariantParams, allocated once and owned by the control thread. A SetParams command carries
// a pointer to one slot; the slot is written only while it is free, and becomes free again
// only when the audio thread has handed the pointer back (Engine: the queue that also returns
// retired players), so the callback never reads a slot that is being rewritten.
//
// Control thread only: the audio thread reads the slot's contents, never this object.

#include "audio/engine/variant_params.h"

#include <cstddef>
#include <vector>

namespace earlab {

class ParamsSlots {
public:
    explicit ParamsSlots(std::size_t count) : slots_(count)
    {
        free_.reserve(count);
        for (std::size_t i = count; i-- > 0;)
            free_.push_back(i);
    }

    // A slot to fill and send, or nullptr when every slot is in flight.
    VariantParams* acquire() noexcept
    {
        if (free_.empty())
            return nullptr;
        VariantParams* p = &slots_[free_.back()];
        free_.pop_back();
        return p;
    }

    // `p` came back (or was never sent): it may be written again. Unknown pointers are ignored.
    void release(const VariantParams* p) noexcept
    {
        for (std::size_t i = 0; i < slots_.size(); ++i)
            if (&slots_[i] == p && free_.size() < slots_.size()) {
                free_.push_back(i); // never reallocates: reserved for every slot
                return;
            }
    }

    std::size_t available() const noexcept { return free_.size(); }
    std::size_t capacity() const noexcept { return slots_.size(); }

private:
    std::vector<VariantParams> slots_;
    std::vector<std::size_t> free_;
};

} // namespace earlab
