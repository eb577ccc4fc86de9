#pragma once
// Scenes the engine tests share: real signals (pink noise, sines) with real treatments.

#include "audio/dsp/pink_noise.h"
#include "audio/engine/player_command.h"
#include "audio/engine/scene.h"
#include "audio/engine/variant_params.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

namespace earlab::test {

inline std::shared_ptr<AudioBuffer> pinkSource(double seconds, std::uint64_t seed = 7, double rmsDbfs = -18.0)
{
    return std::make_shared<AudioBuffer>(dsp::makePinkNoise(seconds, 48000.0, rmsDbfs, seed));
}

// A treatment that exercises the whole chain: two EQ bands, a compressor, gain and pan.
inline Treatment busyTreatment()
{
    Treatment t;
    t.eq = {{FilterType::Peak, 1000.0, 9.0, 1.4}, {FilterType::HighShelf, 6000.0, -4.0, 0.7}};
    t.compress = true;
    t.compressor.thresholdDb = -24.0;
    t.compressor.ratio = 4.0;
    t.compressor.attackMs = 5.0;
    t.compressor.releaseMs = 80.0;
    t.gainDb = -2.0;
    t.pan = 0.2;
    return t;
}

inline Scene twoVariantScene(std::shared_ptr<AudioBuffer> source, const Treatment& second)
{
    Scene s;
    s.variants = {{source, Treatment{}, "flat"}, {source, second, "treated"}};
    return s;
}

// Variant 0 silent, variant 1 a constant 0.25: the first non-zero output sample shows exactly
// when a switch to variant 1 took effect.
inline Scene silenceThenDcScene(std::size_t frames)
{
    auto silence = std::make_shared<AudioBuffer>(AudioBuffer::silence(2, frames, 48000.0));
    auto dc = std::make_shared<AudioBuffer>(AudioBuffer::silence(2, frames, 48000.0));
    for (auto& ch : dc->channels)
        std::fill(ch.begin(), ch.end(), 0.25f);
    Scene s;
    s.variants = {{silence, {}, "silence"}, {dc, {}, "dc"}};
    return s;
}

// Largest |x[n] - x[n-1]| over both channels.
inline double maxStep(const AudioBuffer& b, std::size_t begin = 1, std::size_t end = SIZE_MAX)
{
    double worst = 0.0;
    end = std::min(end, b.frames());
    for (const auto& ch : b.channels)
        for (std::size_t i = std::max<std::size_t>(begin, 1); i < end; ++i)
            worst = std::max(worst, double(std::abs(ch[i] - ch[i - 1])));
    return worst;
}

// Index of the first frame with a non-zero sample in either channel, or frames().
inline std::size_t firstSound(const AudioBuffer& b)
{
    for (std::size_t i = 0; i < b.frames(); ++i)
        for (const auto& ch : b.channels)
            if (ch[i] != 0.0f)
                return i;
    return b.frames();
}

inline std::vector<PlayerCommand> alternatingSelects(std::int64_t first, std::int64_t period, int count)
{
    std::vector<PlayerCommand> out;
    for (int k = 0; k < count; ++k)
        out.push_back(PlayerCommand::select((k + 1) % 2, first + k * period));
    return out;
}

// Four stems of one length, each clearly its own: stereo pink noise, a mono 110 Hz sine, a
// mono 1 kHz sine and another stereo noise, quiet enough that their sum never meets the limiter.
inline std::shared_ptr<const Multitrack> fourStems(double seconds)
{
    const auto frames = std::size_t(seconds * 48000.0);
    auto m = std::make_shared<Multitrack>();
    auto monoSine = [&](double hz, double peak) {
        auto b = std::make_shared<AudioBuffer>(AudioBuffer::silence(1, frames, 48000.0));
        for (std::size_t i = 0; i < frames; ++i)
            b->channels[0][i] = float(peak * std::sin(2.0 * 3.14159265358979323846 * hz * double(i) / 48000.0));
        return b;
    };
    m->stems = {pinkSource(seconds, 11, -26.0), monoSine(110.0, 0.12), monoSine(1000.0, 0.06),
                pinkSource(seconds, 12, -28.0)};
    m->names = {"drums", "bass", "lead", "pad"};
    return m;
}

inline Variant multitrackVariant(std::shared_ptr<const Multitrack> stems, const Treatment& t, const std::string& label)
{
    Variant v;
    v.stems = std::move(stems);
    v.treatment = t;
    v.label = label;
    return v;
}

// A treatment change at a transport frame, as the app sends it (Engine::setTreatment) and as
// the offline render takes it (a SetParams command over params the caller keeps).
struct TreatmentAt {
    std::int64_t atFrame;
    int variant;
    Treatment treatment;
};

// Commands for renderScene(); `storage` keeps their params and must outlive the render.
inline std::vector<PlayerCommand> treatmentCommands(const std::vector<TreatmentAt>& changes,
                                                    std::vector<VariantParams>& storage)
{
    storage.clear();
    storage.reserve(changes.size()); // the commands point into it: it must not reallocate
    std::vector<PlayerCommand> out;
    for (const auto& c : changes) {
        storage.push_back(makeVariantParams(c.treatment, 48000.0));
        out.push_back(PlayerCommand::setParams(c.variant, &storage.back(), c.atFrame));
    }
    return out;
}

} // namespace earlab::test
