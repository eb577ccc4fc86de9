#include "audio/engine/realtime_probe.h"

#include <atomic>

namespace earlab {

namespace {
std::atomic<RealtimeProbe> g_probe{nullptr};
}

void setRealtimeProbe(RealtimeProbe probe) noexcept
{
    g_probe.store(probe, std::memory_order_release);
}

RealtimeProbeScope::RealtimeProbeScope() noexcept : probe_(g_probe.load(std::memory_order_acquire))
{
    if (probe_)
        probe_(true);
}

RealtimeProbeScope::~RealtimeProbeScope()
{
    if (probe_)
        probe_(false);
}

} // namespace earlab
