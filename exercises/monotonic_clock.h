#pragma once
// Milliseconds of a monotonic clock (std::chrono::steady_clock), for the response times the
// blind runs record; they take it as a std::function so that tests can pass their own clock.

#include <chrono>
#include <cstdint>

namespace earlab {

inline std::int64_t monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace earlab
