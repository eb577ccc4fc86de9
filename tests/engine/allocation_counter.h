#pragma once
// Counts heap allocations made inside the audio callback. The engine calls the realtime
// probe on entry and exit; the probe marks the thread, and the replaced operator new and
// malloc (allocation_counter.cpp, linked into this test only; AddressSanitizer's allocation
// hook in the sanitizer build) count while it is marked.

#include <cstdint>

namespace earlab::test {

void installAllocationCounter();
void removeAllocationCounter();
std::uint64_t callbackAllocations();
std::uint64_t callbacksObserved();

} // namespace earlab::test
