#include "audio/engine/engine.h"

#include "audio/audio_error.h"
#include "audio/engine/params_slots.h"
#include "audio/engine/player_command.h"
#include "audio/engine/portaudio_session.h"
#include "audio/engine/realtime_probe.h"

#include <portaudio.h>
#include <readerwriterqueue/readerwriterqueue.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <optional>
#include <thread>

#include <time.h>

namespace earlab {

namespace {
constexpr std::size_t kCommandCapacity = 1024;
// Treatment changes in flight at once: far more than a listener's clicks between two
// callbacks; when all are out, setTreatment() reports the change as not queued.
constexpr std::size_t kParamsSlots = 64;
// Every slot can be in the return queue at once, plus the players: it never refuses a slot.
constexpr std::size_t kReturnCapacity = kParamsSlots + 64;

// What the callback hands back to the control thread: a player it let go, or the params of a
// SetParams command it has applied (or dropped), whose slot may then be reused.
struct Returned {
    ScenePlayer* player = nullptr;
    const VariantParams* params = nullptr;
};

enum PublishedState : int { kSilent = 0, kPlaying = 1, kStopping = 2 };
} // namespace

struct Engine::Impl {
    explicit Impl(const PlayerConfig& c)
        : config(c), commands(kCommandCapacity), returned(kReturnCapacity), slots(kParamsSlots)
    {
    }

    static int callback(const void*, void* output, unsigned long frames, const PaStreamCallbackTimeInfo*,
                        PaStreamCallbackFlags flags, void* user) noexcept;
    static void finished(void* user) noexcept;

    void process(float* out, int frames, PaStreamCallbackFlags flags) noexcept;
    void publish(const ScenePlayer& p) noexcept;
    bool send(const PlayerCommand& c);
    void giveBack(const Returned& r) noexcept;
    void collectRetired();
    void drainCommandsHere();
    void waitUntilSilent();

    PlayerConfig config;
    PortAudioSession session;
    std::optional<OutputDevice> device;
    int framesPerBuffer = 256;
    PaStream* stream = nullptr;
    bool running = false;              // control thread's view: the callback may run
    std::atomic<bool> stopRequested{false};
    std::atomic<bool> failed{false};

    moodycamel::ReaderWriterQueue<PlayerCommand> commands; // control -> callback
    moodycamel::ReaderWriterQueue<Returned> returned;      // callback -> control
    ParamsSlots slots;                                     // control thread
    ScenePlayer* player = nullptr;     // owned; touched by the callback only while running
    bool hasPlayer = false;            // control thread's view of `player != nullptr`

    std::atomic<std::int64_t> playhead{0};
    std::atomic<std::int64_t> transport{0};
    std::atomic<int> state{kSilent};
    std::atomic<bool> atEnd{false};
    std::atomic<int> selected{0};
    std::atomic<float> peak[2] = {0.0f, 0.0f};
    std::atomic<float> rms[2] = {0.0f, 0.0f};
    std::atomic<std::uint64_t> underruns{0};
    std::atomic<std::uint64_t> rendered{0};
    // Raised by the callback, reset to 0 by takeWorstCallbackMicros(): a diagnostic, so a
    // callback spanning the reset may land in either window.
    std::atomic<std::int64_t> worstCallbackNs{0};
    // The callback's CPU time: written only by the callback, read by takeCallbackCpuTime().
    // The totals only grow; the control thread keeps the values it last read.
    std::atomic<std::int64_t> worstCallbackCpuNs{0};
    std::atomic<std::int64_t> callbackCpuNs{0};
    std::array<std::atomic<std::uint64_t>, CallbackCpuHistogram::kBuckets> cpuHistogram{};
    std::int64_t takenCpuNs = 0;      // control thread
    CallbackCpuHistogram takenHistogram; // control thread
    std::atomic<std::uint64_t> leakedPlayers{0};
    std::atomic<std::uint64_t> lostSlots{0};
};

int Engine::Impl::callback(const void*, void* output, unsigned long frames, const PaStreamCallbackTimeInfo*,
                           PaStreamCallbackFlags flags, void* user) noexcept
{
    static_cast<Impl*>(user)->process(static_cast<float*>(output), int(frames), flags);
    return paContinue;
}

void Engine::Impl::finished(void* user) noexcept
{
    auto* self = static_cast<Impl*>(user);
    if (!self->stopRequested.load(std::memory_order_acquire))
        self->failed.store(true, std::memory_order_release);
}

namespace {
// The calling thread's CPU time. Real-time safe: CLOCK_THREAD_CPUTIME_ID is not in the vDSO,
// so this is a system call (1.4 us measured on the 2-core VM; two per callback of a 5333 us
// period), but one that never sleeps, allocates, takes a user-space lock or does I/O: the
// kernel reads the thread's runtime counter. It cannot fail for this clock on Linux; if it
// did, the callback would count 0.
std::int64_t threadCpuNs() noexcept
{
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
        return 0;
    return std::int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void raiseTo(std::atomic<std::int64_t>& worst, std::int64_t value) noexcept
{
    // Only the callback writes (the reader's exchange(0) aside): a load and a store suffice.
    if (value > worst.load(std::memory_order_relaxed))
        worst.store(value, std::memory_order_relaxed);
}
} // namespace

void Engine::Impl::process(float* out, int frames, PaStreamCallbackFlags flags) noexcept
{
    RealtimeProbeScope probe;
    // steady_clock is clock_gettime(CLOCK_MONOTONIC): a vDSO read where the clock source
    // allows, else a non-blocking system call; no lock either way.
    const auto began = std::chrono::steady_clock::now();
    const std::int64_t cpuBegan = threadCpuNs();
    if (flags & paOutputUnderflow)
        underruns.fetch_add(1, std::memory_order_relaxed);

    PlayerCommand c;
    while (commands.try_dequeue(c)) {
        if (c.type == PlayerCommand::Type::SwapPlayer) {
            // The old player is freed on the control thread.
            if (player)
                giveBack({player, nullptr});
            player = c.player;
        } else if (player) {
            player->apply(c);
        }
        // apply() copied what it keeps: the slot may be rewritten from now on.
        if (c.params)
            giveBack({nullptr, c.params});
    }
    if (player) {
        player->render(out, frames);
        publish(*player);
    } else {
        std::fill(out, out + 2 * frames, 0.0f);
    }
    rendered.fetch_add(std::uint64_t(frames), std::memory_order_relaxed);
    const std::int64_t cpu = threadCpuNs() - cpuBegan;
    const std::int64_t took =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - began).count();
    raiseTo(worstCallbackNs, took);
    raiseTo(worstCallbackCpuNs, cpu);
    callbackCpuNs.fetch_add(cpu, std::memory_order_relaxed);
    cpuHistogram[std::size_t(CallbackCpuHistogram::bucketOf(cpu))].fetch_add(1, std::memory_order_relaxed);
}

void Engine::Impl::publish(const ScenePlayer& p) noexcept
{
    playhead.store(p.playhead(), std::memory_order_relaxed);
    transport.store(p.transportFrame(), std::memory_order_relaxed);
    selected.store(p.selectedVariant(), std::memory_order_relaxed);
    atEnd.store(p.isAtEnd(), std::memory_order_relaxed);
    for (int ch = 0; ch < 2; ++ch) {
        peak[ch].store(p.meters().peak[ch], std::memory_order_relaxed);
        rms[ch].store(p.meters().rms[ch], std::memory_order_relaxed);
    }
    const int s = p.isSilent() ? kSilent : p.state() == ScenePlayer::State::Playing ? kPlaying : kStopping;
    state.store(s, std::memory_order_release);
}

bool Engine::Impl::send(const PlayerCommand& c)
{
    collectRetired();
    bool queued = false, done = false;
    if (!hasPlayer && c.type != PlayerCommand::Type::SwapPlayer) {
        // Nothing to command yet: refused.
    } else if (!running) {
        // No callback runs: the control thread owns the player and applies at once.
        if (c.type == PlayerCommand::Type::SwapPlayer) {
            delete player;
            player = c.player;
        } else {
            player->apply(c);
        }
        publish(*player);
        done = true;
    } else {
        queued = done = commands.try_enqueue(c);
    }
    // Applied here, or refused: the callback never sees these params.
    if (!queued && c.params)
        slots.release(c.params);
    return done;
}

void Engine::Impl::giveBack(const Returned& r) noexcept
{
    // Sized for every slot and far more players than are ever in flight; should it be full,
    // a player leaks and a slot is lost rather than anything being freed here.
    if (!returned.try_enqueue(r))
        (r.player ? leakedPlayers : lostSlots).fetch_add(1, std::memory_order_relaxed);
}

void Engine::Impl::collectRetired()
{
    Returned r;
    while (returned.try_dequeue(r)) {
        delete r.player;
        if (r.params)
            slots.release(r.params);
    }
}

void Engine::Impl::drainCommandsHere()
{
    collectRetired();
    PlayerCommand c;
    while (commands.try_dequeue(c)) {
        if (c.type == PlayerCommand::Type::SwapPlayer) {
            delete player;
            player = c.player;
        } else if (player) {
            player->apply(c);
        }
        if (c.params)
            slots.release(c.params);
    }
}

void Engine::Impl::waitUntilSilent()
{
    // The fade is 10 ms and the limiter's delay about 1 ms; a dead or stalled stream must not
    // hang the caller, hence the deadline.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    while (running && !failed.load() && state.load(std::memory_order_acquire) != kSilent &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

Engine::Engine(const PlayerConfig& config) : impl_(std::make_unique<Impl>(config)) {}

Engine::~Engine()
{
    close();
    delete impl_->player;
}

void Engine::open(const std::string& deviceName, int framesPerBuffer)
{
    close();
    if (framesPerBuffer != 0 && (framesPerBuffer < 16 || framesPerBuffer > 8192))
        throw AudioError(AudioErrorKind::InvalidArgument, "buffer size",
                         std::to_string(framesPerBuffer) + " frames is outside 16 to 8192");
    QuietStderr quiet;
    OutputDevice d = findOutputDevice(deviceName);
    const std::string subject = d.name + " (" + d.hostApi + ")";
    if (d.maxOutputChannels < 2)
        throw AudioError(AudioErrorKind::DeviceFailed, subject, "the device has fewer than 2 output channels");

    PaStreamParameters params{};
    params.device = d.index;
    params.channelCount = 2;
    params.sampleFormat = paFloat32;
    params.suggestedLatency = Pa_GetDeviceInfo(d.index)->defaultLowOutputLatency;
    const double rate = impl_->config.sampleRate;
    if (Pa_IsFormatSupported(nullptr, &params, rate) != paFormatIsSupported)
        throw AudioError(AudioErrorKind::DeviceFailed, subject,
                         "the device cannot play stereo float32 at " + std::to_string(int(rate)) + " Hz");

    PaStream* stream = nullptr;
    PaError err = Pa_OpenStream(&stream, nullptr, &params, rate,
                                framesPerBuffer == 0 ? paFramesPerBufferUnspecified : unsigned(framesPerBuffer),
                                paClipOff, &Impl::callback, impl_.get());
    if (err != paNoError)
        throw AudioError(AudioErrorKind::DeviceFailed, subject, std::string("cannot open: ") + Pa_GetErrorText(err));
    Pa_SetStreamFinishedCallback(stream, &Impl::finished);
    impl_->stopRequested = false;
    impl_->failed = false;
    err = Pa_StartStream(stream);
    if (err != paNoError) {
        Pa_CloseStream(stream);
        throw AudioError(AudioErrorKind::DeviceFailed, subject, std::string("cannot start: ") + Pa_GetErrorText(err));
    }
    impl_->stream = stream;
    impl_->device = d;
    impl_->framesPerBuffer = framesPerBuffer;
    impl_->running = true;
}

void Engine::close()
{
    if (!impl_->stream)
        return;
    if (streamFailed()) {
        // PortAudio says the stream is inactive: its callback will not run again. Closing it
        // could block for minutes (see PortAudioSession::abandonDeadStream), so leave it.
        PortAudioSession::abandonDeadStream();
    } else {
        stop(true);
        impl_->stopRequested = true;
        QuietStderr quiet;
        Pa_StopStream(impl_->stream);
        Pa_CloseStream(impl_->stream);
    }
    impl_->stream = nullptr;
    impl_->running = false;
    impl_->drainCommandsHere();
}

void Engine::reopen()
{
    if (!impl_->device)
        throw AudioError(AudioErrorKind::NoDevice, "engine", "no device was opened before, so none can be reopened");
    const std::string name = impl_->device->hostApi + ": " + impl_->device->name;
    const int buffer = impl_->framesPerBuffer;
    close();
    open(name, buffer);
}

bool Engine::isOpen() const { return impl_->stream != nullptr; }

const OutputDevice& Engine::device() const
{
    static const OutputDevice none;
    return impl_->device ? *impl_->device : none;
}

int Engine::framesPerBuffer() const { return impl_->framesPerBuffer; }
double Engine::sampleRate() const { return impl_->config.sampleRate; }

void Engine::load(const Scene& scene)
{
    auto next = std::make_unique<ScenePlayer>(scene, impl_->config);
    if (isPlaying())
        stop(true);
    PlayerCommand c;
    c.type = PlayerCommand::Type::SwapPlayer;
    c.player = next.get();
    if (!impl_->send(c))
        throw AudioError(AudioErrorKind::DeviceFailed, "engine", "the audio thread is not taking commands");
    next.release();
    impl_->hasPlayer = true;
}

bool Engine::play() { return impl_->send(PlayerCommand::play()); }

bool Engine::stop(bool waitForFade)
{
    const bool ok = impl_->send(PlayerCommand::stop());
    if (ok && waitForFade)
        impl_->waitUntilSilent();
    return ok;
}

bool Engine::stopAt(std::int64_t atTransportFrame)
{
    PlayerCommand c = PlayerCommand::stop();
    c.atFrame = atTransportFrame;
    return impl_->send(c);
}

bool Engine::select(int variant, std::int64_t atTransportFrame)
{
    return impl_->send(PlayerCommand::select(variant, atTransportFrame));
}

bool Engine::seek(std::int64_t frame) { return impl_->send(PlayerCommand::seek(frame)); }

bool Engine::setLoop(bool enabled, std::int64_t startFrame, std::int64_t endFrame)
{
    PlayerCommand c;
    c.type = PlayerCommand::Type::SetLoop;
    c.enabled = enabled;
    c.frame = startFrame;
    c.endFrame = endFrame;
    return impl_->send(c);
}

bool Engine::setTreatment(int variant, const Treatment& treatment, std::int64_t atTransportFrame)
{
    const VariantParams params = makeVariantParams(treatment, impl_->config.sampleRate);
    impl_->collectRetired();
    VariantParams* slot = impl_->slots.acquire();
    if (!slot)
        return false;
    *slot = params;
    return impl_->send(PlayerCommand::setParams(variant, slot, atTransportFrame));
}

bool Engine::setCrossfadeMs(double ms)
{
    if (!(ms >= 0.0 && ms <= 50.0))
        throw AudioError(AudioErrorKind::InvalidArgument, "crossfade", std::to_string(ms) + " ms is outside 0 to 50 ms");
    PlayerCommand c;
    c.type = PlayerCommand::Type::SetCrossfade;
    c.frames = msToFrames(ms, impl_->config.sampleRate);
    return impl_->send(c);
}

bool Engine::setOutputLevelDb(double db)
{
    if (!(db >= -60.0 && db <= 0.0))
        throw AudioError(AudioErrorKind::InvalidArgument, "output level", std::to_string(db) + " dB is outside -60 to 0 dB");
    PlayerCommand c;
    c.type = PlayerCommand::Type::SetOutputLevel;
    c.gain = float(std::pow(10.0, db / 20.0));
    return impl_->send(c);
}

std::int64_t Engine::playheadFrame() const { return impl_->playhead.load(std::memory_order_relaxed); }
std::int64_t Engine::transportFrame() const { return impl_->transport.load(std::memory_order_relaxed); }
bool Engine::isPlaying() const { return impl_->state.load(std::memory_order_acquire) != kSilent; }
bool Engine::isAtEnd() const { return impl_->atEnd.load(std::memory_order_relaxed); }
int Engine::selectedVariant() const { return impl_->selected.load(std::memory_order_relaxed); }
std::uint64_t Engine::underruns() const { return impl_->underruns.load(std::memory_order_relaxed); }
std::uint64_t Engine::framesRendered() const { return impl_->rendered.load(std::memory_order_relaxed); }
double Engine::takeWorstCallbackMicros()
{
    return 1e-3 * double(impl_->worstCallbackNs.exchange(0, std::memory_order_relaxed));
}
Engine::CallbackCpuTime Engine::takeCallbackCpuTime()
{
    Impl& d = *impl_;
    CallbackCpuTime t;
    // The callbacks are counted by the histogram alone: with a second counter, a callback
    // running between the two reads would be in one and not the other.
    for (std::size_t i = 0; i < d.cpuHistogram.size(); ++i) {
        const std::uint64_t c = d.cpuHistogram[i].load(std::memory_order_relaxed);
        t.histogram.counts[i] = c - d.takenHistogram.counts[i];
        d.takenHistogram.counts[i] = c;
    }
    const std::int64_t cpuNs = d.callbackCpuNs.load(std::memory_order_relaxed);
    t.worstMicros = 1e-3 * double(d.worstCallbackCpuNs.exchange(0, std::memory_order_relaxed));
    t.callbacks = t.histogram.total();
    t.meanMicros = t.callbacks > 0 ? 1e-3 * double(cpuNs - d.takenCpuNs) / double(t.callbacks) : 0.0;
    d.takenCpuNs = cpuNs;
    return t;
}
bool Engine::streamFailed() const
{
    if (impl_->failed.load(std::memory_order_acquire))
        return true;
    // Some host APIs (JACK when its server dies) deactivate the stream without calling the
    // finished callback; asking PortAudio covers them.
    if (impl_->running && impl_->stream && Pa_IsStreamActive(impl_->stream) != 1) {
        impl_->failed.store(true, std::memory_order_release);
        return true;
    }
    return false;
}

MeterReading Engine::meters() const
{
    MeterReading m;
    for (int ch = 0; ch < 2; ++ch) {
        m.peak[ch] = impl_->peak[ch].load(std::memory_order_relaxed);
        m.rms[ch] = impl_->rms[ch].load(std::memory_order_relaxed);
    }
    return m;
}

} // namespace earlab
