#include "playback_run.h"

#include "audio/audio_error.h"
#include "audio/engine/engine.h"
#include "cli_support.h"

#include <chrono>
#include <cmath>
#include <thread>

namespace earlab::cli {

void addOutputOptions(QCommandLineParser& parser)
{
    parser.addOption({"device", "Output device name (see `earlab-cli devices`). Default: the default output.", "NAME"});
    parser.addOption({"buffer", "Buffer size in frames [16 to 8192].", "FRAMES", "256"});
}

OutputChoice readOutputOptions(const QCommandLineParser& parser)
{
    return {toStd(parser.value("device")), int(parseInteger("--buffer", parser.value("buffer"), 16, 8192))};
}

void addPlaybackOptions(QCommandLineParser& parser, const QString& secondsHelp, const QString& defaultSeconds)
{
    parser.addOption({"seconds", secondsHelp, "S", defaultSeconds});
    addOutputOptions(parser);
}

void readPlaybackOptions(const QCommandLineParser& parser, PlaybackRun& run)
{
    constexpr NumberRange kSeconds{0.0, kMaxPlaybackSeconds, "s", /*minExcluded=*/true};
    if (const QStringList seconds = parser.values("seconds"); !seconds.isEmpty()) // given, or a default
        run.seconds = parseNumber("--seconds", seconds.front(), kSeconds);
    const OutputChoice output = readOutputOptions(parser);
    run.device = output.device;
    run.framesPerBuffer = output.framesPerBuffer;
}

PlaybackResult playToEnd(const PlaybackRun& run)
{
    Engine engine;
    const double rate = engine.sampleRate();
    engine.open(run.device, run.framesPerBuffer);
    engine.load(run.scene);

    // Time is counted in frames the engine rendered, not on the wall clock: a device plays
    // them in real time, the test capture device as fast as it can.
    const auto length = run.seconds > 0.0 ? std::int64_t(std::llround(run.seconds * rate)) : run.scene.lengthFrames();
    const auto period = std::int64_t(std::llround(run.switchEverySeconds * rate));
    std::int64_t nextSwitch = period > 0 ? period : -1;
    int nextVariant = 1;
    // Switches and the stop are scheduled at exact transport frames, so they land
    // sample-accurately however late this thread wakes up; a few at a time, because the
    // player's schedule is a fixed-size array (and an unclocked test device races ahead).
    constexpr int kScheduleAhead = 16;
    int scheduled = 0;

    // The whole first part of the schedule goes in before play(), so nothing can race it.
    const auto scheduleMore = [&](std::int64_t now) {
        while (nextSwitch >= 0 && nextSwitch < length &&
               scheduled - int(now / std::max<std::int64_t>(period, 1)) < kScheduleAhead) {
            engine.select(nextVariant, nextSwitch);
            if (run.onSwitch)
                run.onSwitch(nextVariant, double(nextSwitch) / rate);
            nextVariant = 1 - nextVariant;
            nextSwitch += period;
            ++scheduled;
        }
    };
    engine.stopAt(length);
    scheduleMore(0);
    engine.play();
    for (;;) {
        if (engine.streamFailed())
            throw AudioError(AudioErrorKind::DeviceFailed, engine.device().name, "the audio stream stopped (device removed?)");
        const std::int64_t now = engine.transportFrame();
        if ((now >= length && !engine.isPlaying()) || (engine.isAtEnd() && !run.scene.looping))
            break;
        scheduleMore(now);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    engine.stop(true);
    PlaybackResult result{engine.device().name, engine.transportFrame(), engine.underruns(),
                          engine.takeWorstCallbackMicros()};
    const Engine::CallbackCpuTime cpu = engine.takeCallbackCpuTime();
    result.worstCallbackCpuMicros = cpu.worstMicros;
    result.meanCallbackCpuMicros = cpu.meanMicros;
    engine.close();
    return result;
}

} // namespace earlab::cli
