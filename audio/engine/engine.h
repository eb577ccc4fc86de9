#pragma once
// The playback engine: one PortAudio output stream (callback API, float32, stereo) playing
// a Scene through a ScenePlayer.
//
// Threading: every method except the status getters belongs to one control thread (the
// UI thread in the app). Commands reach the audio callback through a preallocated
// single-producer single-consumer queue (readerwriterqueue, try_enqueue/try_dequeue only);
// players the callback lets go travel back through a second queue and are deleted here, never
// on the audio thread. A treatment change travels in one of a fixed set of preallocated slots
// (the command carries its address); the same return queue hands the slot back once the
// callback has applied it, and only then is it written again. Status getters read atomics and are safe from any thread.
//
// When no stream is running (no device, closed, or not yet opened) the engine still accepts a
// scene and commands: they apply directly, so the app keeps working without sound.

#include "audio/engine/callback_cpu_histogram.h"
#include "audio/engine/devices.h"
#include "audio/engine/player_config.h"
#include "audio/engine/scene.h"
#include "audio/engine/scene_player.h"

#include <cstdint>
#include <memory>
#include <string>

namespace earlab {

class Engine {
public:
    explicit Engine(const PlayerConfig& config = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Opens and starts the output stream. deviceName: see findOutputDevice (empty = default).
    // framesPerBuffer: [16 to 8192], 0 lets the host choose. Throws AudioError: NoDevice when
    // nothing matches or the machine has no output, DeviceFailed when the device refuses.
    void open(const std::string& deviceName = {}, int framesPerBuffer = 256);
    void close();
    // Closes and opens the same device again, e.g. after streamFailed(). The scene survives.
    void reopen();
    bool isOpen() const;
    const OutputDevice& device() const;
    int framesPerBuffer() const;
    double sampleRate() const;

    // Builds the player for `scene` on this thread (throws AudioError(InvalidArgument)), fades
    // out what is playing, and swaps it in, stopped at frame 0.
    void load(const Scene& scene);

    // Each returns false when the command could not be queued (no scene, or the queue is full;
    // for setTreatment also when all 64 params slots are still on their way back from the
    // callback, i.e. 64 changes sent since it last ran).
    bool play();
    bool stop(bool waitForFade = true);
    bool stopAt(std::int64_t atTransportFrame); // fade out from that exact frame
    bool select(int variant, std::int64_t atTransportFrame = -1);
    bool seek(std::int64_t frame);
    bool setLoop(bool enabled, std::int64_t startFrame = 0, std::int64_t endFrame = 0);
    // Glides the variant to `treatment` over PlayerConfig::parameterRampMs: its chain (EQ,
    // compressor, width, gain/pan) and, for a multitrack source, every stem's gain and pan.
    // Throws AudioError(InvalidArgument) on bad ranges, before anything is queued.
    bool setTreatment(int variant, const Treatment& treatment, std::int64_t atTransportFrame = -1);
    bool setCrossfadeMs(double ms);                             // [0 to 50]
    bool setOutputLevelDb(double db);                           // [-60 to 0]

    // Status, from any thread (except streamFailed).
    std::int64_t playheadFrame() const;
    std::int64_t transportFrame() const; // frames since the last play()
    bool isPlaying() const;              // playing or fading out
    bool isAtEnd() const;                // not looping and past the end of the material
    int selectedVariant() const;
    MeterReading meters() const;
    std::uint64_t underruns() const;     // callbacks PortAudio flagged with an output underflow
    std::uint64_t framesRendered() const;
    // The longest time one callback spent rendering since the last call, in microseconds:
    // the engine's own share of the period. An underrun with a small figure here was the
    // host's scheduling, not the DSP.
    double takeWorstCallbackMicros();
    // CPU time the callback thread spent rendering (its own CPU clock, CLOCK_THREAD_CPUTIME_ID),
    // since the last call: unlike the wall-clock figure above it does not grow when the thread
    // is preempted or waits, so it is the engine's own cost, whatever the machine's load.
    struct CallbackCpuTime {
        double worstMicros = 0.0; // the most one callback used
        double meanMicros = 0.0;  // per callback
        std::uint64_t callbacks = 0;
        CallbackCpuHistogram histogram; // the same callbacks, by CPU time
    };
    // Control thread only (it keeps the previous totals). A callback that runs during the
    // call may be counted in this window or the next: a diagnostic, not an account.
    CallbackCpuTime takeCallbackCpuTime();
    // The stream stopped without being asked (device gone). Control thread only: it asks
    // PortAudio as well as reading the flag the finished callback sets.
    bool streamFailed() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace earlab
