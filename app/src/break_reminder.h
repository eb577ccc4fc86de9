#pragma once
// When to suggest a break (hearing care): listening time is counted while audio plays or a
// training session runs; after kBreakAfterMs of it since EarLab started or since the last
// break, a break is due. A break is either the user's word ("I took a break", or dismissing
// the suggestion) or kNaturalBreakMs without listening: ears recover from a pause, whoever
// took it. Plain C++ on a millisecond clock the caller gives, so tests run hours in no time.

#include <cstdint>

namespace earlab::app {

inline constexpr std::int64_t kBreakAfterMs = 45 * 60 * 1000;
inline constexpr std::int64_t kNaturalBreakMs = 10 * 60 * 1000;

class BreakReminder {
public:
    explicit BreakReminder(std::int64_t nowMs = 0) : m_since(nowMs) {}

    // Listening started or stopped at `nowMs` (repeating the same state changes nothing).
    void setListening(bool listening, std::int64_t nowMs);
    bool listening() const { return m_listening; }
    // Listening time since the last break, ms.
    std::int64_t listenedMs(std::int64_t nowMs) const;
    bool breakDue(std::int64_t nowMs) const { return listenedMs(nowMs) >= kBreakAfterMs; }
    // A break was taken (or the suggestion dismissed): the count starts again at `nowMs`.
    void tookBreak(std::int64_t nowMs);

private:
    bool m_listening = false;
    std::int64_t m_since;         // start of the current listening stretch, or of the pause
    std::int64_t m_listened = 0;  // before the current stretch, since the last break
};

} // namespace earlab::app
