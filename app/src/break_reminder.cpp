#include "app/src/break_reminder.h"

#include <algorithm>

namespace earlab::app {

void BreakReminder::setListening(bool listening, std::int64_t nowMs)
{
    if (listening == m_listening)
        return;
    if (m_listening)
        m_listened += std::max<std::int64_t>(0, nowMs - m_since);
    else if (nowMs - m_since >= kNaturalBreakMs)
        m_listened = 0; // the pause that ends now was a break
    m_listening = listening;
    m_since = nowMs;
}

std::int64_t BreakReminder::listenedMs(std::int64_t nowMs) const
{
    if (m_listening)
        return m_listened + std::max<std::int64_t>(0, nowMs - m_since);
    return nowMs - m_since >= kNaturalBreakMs ? 0 : m_listened;
}

void BreakReminder::tookBreak(std::int64_t nowMs)
{
    m_listened = 0;
    m_since = nowMs;
}

} // namespace earlab::app
