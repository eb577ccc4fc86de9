#pragma once
// A hook called when the audio callback starts and ends, so a test can count what happens on
// the real-time thread (heap allocations, for instance). Calling a function pointer read from
// an atomic is itself real-time safe; with no probe installed it costs one atomic load.

namespace earlab {

using RealtimeProbe = void (*)(bool entering) noexcept;

void setRealtimeProbe(RealtimeProbe probe) noexcept;

// Used by the engine's callback.
class RealtimeProbeScope {
public:
    RealtimeProbeScope() noexcept;
    ~RealtimeProbeScope();
    RealtimeProbeScope(const RealtimeProbeScope&) = delete;
    RealtimeProbeScope& operator=(const RealtimeProbeScope&) = delete;

private:
    RealtimeProbe probe_;
};

} // namespace earlab
