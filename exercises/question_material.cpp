#include "exercises/question_material.h"

#include "audio/audio_error.h"
#include "audio/dsp/pink_noise.h"
#include "audio/engine/player_config.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"
#include "exercises/band_energy.h"
#include "exercises/eq_bands.h"
#include "exercises/loop_region.h"

#include <algorithm>
#include <cmath>

namespace earlab {

MaterialRef MaterialRef::pinkNoise()
{
    MaterialRef m;
    m.kind = Kind::PinkNoise;
    m.id = QStringLiteral("pink-noise");
    m.title = QStringLiteral("Pink noise");
    return m;
}

namespace {

AudioBuffer slice(const AudioBuffer& audio, std::size_t start, std::size_t frames)
{
    AudioBuffer out;
    out.sampleRate = audio.sampleRate;
    for (const auto& c : audio.channels)
        out.channels.emplace_back(c.begin() + std::ptrdiff_t(start), c.begin() + std::ptrdiff_t(start + frames));
    return out;
}

AudioBuffer mono(const AudioBuffer& audio)
{
    AudioBuffer out = AudioBuffer::silence(1, audio.frames(), audio.sampleRate);
    const float scale = 1.0f / float(std::max<std::size_t>(audio.channelCount(), 1));
    for (const auto& c : audio.channels)
        for (std::size_t i = 0; i < c.size(); ++i)
            out.channels[0][i] += c[i] * scale;
    return out;
}

// The region to loop, in seconds inside the file: the material's own (pinned or picked by
// the library scan) when it fits, else the densest kLoopSeconds, else the whole file.
TimeRegion loopRegion(const MaterialRef& material, const AudioBuffer& audio)
{
    const double duration = audio.durationSeconds();
    const TimeRegion& given = material.region;
    if (given.lengthSeconds > 0 && given.startSeconds >= 0 && given.startSeconds < duration)
        return {given.startSeconds, std::min(given.lengthSeconds, duration - given.startSeconds)};
    const TimeRegion picked = pickDenseRegion(audio, kLoopSeconds);
    if (picked.lengthSeconds > 0)
        return picked;
    return {0.0, std::min(kLoopSeconds, duration)};
}

} // namespace

std::shared_ptr<const PreparedLoop> prepareLoop(const MaterialRef& material, const std::function<void(double)>& progress)
{
    auto loop = std::make_shared<PreparedLoop>();
    loop->material = material;
    const auto report = [&](double f) {
        if (progress)
            progress(f);
    };
    AudioBuffer audio;
    if (material.kind == MaterialRef::Kind::PinkNoise) {
        audio = dsp::makePinkNoise(kLoopSeconds, kEngineSampleRate, -20.0, 0x5eed, 2, false);
        report(0.5);
    } else {
        LoadOptions options;
        options.targetSampleRate = kEngineSampleRate;
        options.stereo = true;
        options.progress = [&](double f) { report(0.6 * f); };
        auto loaded = loadAudioFile(material.path.toStdString(), options);
        const TimeRegion region = loopRegion(material, loaded.audio);
        const std::size_t startFrame = std::min<std::size_t>(
            std::size_t(std::llround(region.startSeconds * loaded.audio.sampleRate)), loaded.audio.frames());
        const std::size_t frames = std::min<std::size_t>(
            std::size_t(std::llround(region.lengthSeconds * loaded.audio.sampleRate)), loaded.audio.frames() - startFrame);
        audio = slice(loaded.audio, startFrame, frames);
        loop->startSeconds = double(startFrame) / loaded.audio.sampleRate;
        report(0.7);
    }
    if (audio.frames() < std::size_t(kEngineSampleRate))
        throw AudioError(AudioErrorKind::InvalidArgument, material.path.toStdString(),
                         "the material is shorter than one second");
    const AudioBuffer m = mono(audio);
    const auto octaves = octaveCentresHz();
    const auto thirds = thirdOctaveCentresHz();
    loop->octaveLevelsDb = bandLevelsDb(m, octaves, 1.0);
    report(0.8);
    loop->thirdLevelsDb = bandLevelsDb(m, thirds, 1.0 / 3.0);
    report(1.0);
    loop->audio = std::make_shared<const AudioBuffer>(std::move(audio));
    return loop;
}

MaterialFacts factsOf(const PreparedLoop& loop)
{
    MaterialFacts f;
    f.music = loop.material.isMusic();
    switch (loop.material.kind) {
    case MaterialRef::Kind::PinkNoise: f.category = QStringLiteral("noise"); break;
    case MaterialRef::Kind::Builtin: f.category = QStringLiteral("builtin"); break;
    case MaterialRef::Kind::UserFile: f.category = QStringLiteral("music"); break;
    }
    f.loop = loop.audio;
    f.octaveLevelsDb = loop.octaveLevelsDb;
    f.thirdLevelsDb = loop.thirdLevelsDb;
    f.stems = loop.stems;
    return f;
}

Treatment matchedTreatment(const PreparedLoop& loop, Treatment treatment, bool matchLoudness)
{
    if (!matchLoudness || treatment.isFlat() || !loop.audio)
        return treatment;
    try {
        // A stem change is heard through the stems: match what they mix to.
        if (loop.stems && !treatment.stems.empty())
            return loudnessMatched(*loop.audio, *loop.stems, treatment);
        return loudnessMatched(*loop.audio, *loop.audio, treatment);
    } catch (const AudioError&) {
        return treatment; // silent material: nothing to match
    }
}

} // namespace earlab
