#include "exercises/question_material.h"

#include "audio/audio_error.h"
#include "audio/dsp/gain_pan.h"
#include "audio/dsp/pink_noise.h"
#include "audio/engine/player_config.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"
#include "exercises/band_energy.h"
#include "exercises/eq_bands.h"
#include "exercises/library_scan_stems.h"
#include "exercises/loop_region.h"

#include "audio/io/loudness.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <string>

namespace earlab {

MaterialRef MaterialRef::pinkNoise()
{
    MaterialRef m;
    m.kind = Kind::PinkNoise;
    m.id = QStringLiteral("pink-noise");
    m.title = QStringLiteral("Pink noise");
    return m;
}

QString MaterialRef::missingFile() const
{
    if (!isMusic())
        return {};
    if (!QFileInfo::exists(path))
        return path;
    for (const QString& stem : stemPaths)
        if (!QFileInfo::exists(stem))
            return stem;
    return {};
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

QString seconds(std::size_t frames, double rate) { return QString::number(double(frames) / rate, 'f', 1); }

// The same region of every stem as of the mix: the stems must be the mix's length (they are
// its parts), else the loop would cut them at different music. Each file is one load step.
// mixFrames 0: there is no mix (a folder of stems): each stem is cut as far as it reaches, and
// all to the shortest cut.
std::shared_ptr<const Multitrack> loadStems(const MaterialRef& material, const LoadOptions& base,
                                            std::size_t mixFrames, std::size_t startFrame, std::size_t frames,
                                            const std::function<void(int, double)>& progress)
{
    if (material.stemPaths.size() != material.stemNames.size())
        throw AudioError(AudioErrorKind::InvalidArgument, material.path.toStdString(),
                         "the multitrack names " + std::to_string(material.stemNames.size()) + " stems for " +
                             std::to_string(material.stemPaths.size()) + " files");
    if (material.stemPaths.size() > qsizetype(kMaxStems))
        throw AudioError(AudioErrorKind::InvalidArgument, material.path.toStdString(),
                         "more than " + std::to_string(kMaxStems) + " stems");
    auto multitrack = std::make_shared<Multitrack>();
    std::vector<AudioBuffer> cuts;
    for (qsizetype k = 0; k < material.stemPaths.size(); ++k) {
        const std::string path = material.stemPaths[k].toStdString();
        LoadOptions options = base;
        options.progress = [&](double f) { progress(int(k) + 1, f); };
        const auto loaded = loadAudioFile(path, options);
        // A folder's mix is as long as its shortest stem (library_scan_stems.h).
        if (mixFrames > 0 && loaded.audio.frames() != mixFrames &&
            !(material.mixOfStems && loaded.audio.frames() > mixFrames))
            throw AudioError(AudioErrorKind::InvalidArgument, path,
                             QString("stem %1 is %2 s, the mix %3 s: a multitrack's stems must all be the mix's "
                                     "length")
                                 .arg(material.stemNames[k], seconds(loaded.audio.frames(), loaded.audio.sampleRate),
                                      seconds(mixFrames, loaded.audio.sampleRate))
                                 .toStdString());
        const std::size_t from = std::min(startFrame, loaded.audio.frames());
        cuts.push_back(slice(loaded.audio, from, std::min(frames, loaded.audio.frames() - from)));
        multitrack->names.push_back(material.stemNames[k].toStdString());
    }
    std::size_t shortest = frames;
    for (const AudioBuffer& cut : cuts)
        shortest = std::min(shortest, cut.frames());
    for (AudioBuffer& cut : cuts) {
        for (std::vector<float>& channel : cut.channels)
            channel.resize(shortest);
        multitrack->stems.push_back(std::make_shared<const AudioBuffer>(std::move(cut)));
    }
    return multitrack;
}

// The true peak of each channel of `audio`, measured on `of`.
ChannelPeaks channelPeaks(const AudioBuffer& audio, std::shared_ptr<const void> of)
{
    ChannelPeaks p;
    const auto peak = [&](std::size_t c) {
        LoudnessMeter meter(1, audio.sampleRate, true, "loop");
        const float* channel[1] = {audio.channels[std::min(c, audio.channelCount() - 1)].data()};
        meter.add(channel, audio.frames());
        return meter.result().truePeakDbtp;
    };
    p.leftDbtp = peak(0);
    p.rightDbtp = peak(1);
    p.of = std::move(of);
    return p;
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
        // Loading is 0.7 of the work, shared evenly by the mix and its stems.
        const double files = double(1 + material.stemPaths.size());
        const auto loadProgress = [&](int file, double f) { report(0.7 * (file + f) / files); };
        options.progress = [&](double f) { loadProgress(0, f); };
        if (material.mixOfStems && material.region.lengthSeconds > 0) {
            // A folder of stems whose region the library knows: each stem decoded once and cut to
            // it; the mix is their sum (library_scan_stems.h).
            const auto startFrame =
                std::size_t(std::llround(std::max(0.0, material.region.startSeconds) * kEngineSampleRate));
            const auto frames = std::size_t(std::llround(material.region.lengthSeconds * kEngineSampleRate));
            loop->stems = loadStems(material, options, 0, startFrame, frames, loadProgress);
            for (const auto& stem : loop->stems->stems)
                addStem(audio, AudioBuffer(*stem));
            loop->startSeconds = double(startFrame) / kEngineSampleRate;
        } else {
            // A folder of stems without a region has no mix file to pick it on: its mix is their sum,
            // decoded as the first load's one step; its stems are then loaded again, cut to the region.
            const auto stemCount = double(material.stemPaths.size());
            const AudioBuffer whole =
                material.mixOfStems
                    ? loadStemMix(material.stemPaths, options,
                                  [&](int k, double f) { loadProgress(0, (double(k) + f) / stemCount); })
                    : loadAudioFile(material.path.toStdString(), options).audio;
            const TimeRegion region = loopRegion(material, whole);
            const std::size_t startFrame = std::min<std::size_t>(
                std::size_t(std::llround(region.startSeconds * whole.sampleRate)), whole.frames());
            const std::size_t frames = std::min<std::size_t>(
                std::size_t(std::llround(region.lengthSeconds * whole.sampleRate)), whole.frames() - startFrame);
            audio = slice(whole, startFrame, frames);
            loop->startSeconds = double(startFrame) / whole.sampleRate;
            if (!material.stemPaths.isEmpty())
                loop->stems = loadStems(material, options, whole.frames(), startFrame, frames, loadProgress);
        }
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
    loop->audioPeaks = channelPeaks(*loop->audio, loop->audio);
    if (loop->stems) {
        try {
            loop->stemPeaks = channelPeaks(mixStems(*loop->stems, Treatment{}), loop->stems);
        } catch (const AudioError&) {
            // Unplayable stems are the player's to report; matchVariants() renders instead.
        }
    }
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

namespace {

bool measuredOn(const ChannelPeaks& p, const std::shared_ptr<const void>& buffer)
{
    return buffer && !std::isnan(p.leftDbtp) && !p.of.owner_before(buffer) && !buffer.owner_before(p.of);
}

// The true peak `treatment` renders to on `loop`, dBTP, as the player plays it (the stems
// mixed for a stem question). A treatment that only scales the two channels (the gain/pan
// stage, the chain's last: no EQ, compressor, width or stem change) scales their true peaks
// exactly, so the flat rendering's measured ones serve; anything else is rendered.
double truePeakOf(const PreparedLoop& loop, const Treatment& t, bool stems)
{
    stems = stems && loop.stems;
    const bool scalesChannels = t.eq.empty() && !t.compress && t.widthPercent == 100.0 && t.stemsFlat();
    const ChannelPeaks& flat = stems ? loop.stemPeaks : loop.audioPeaks;
    if (scalesChannels && measuredOn(flat, stems ? std::shared_ptr<const void>(loop.stems) : loop.audio)) {
        const dsp::GainPanParams g = dsp::makeGainPanParams(t.gainDb, t.pan);
        const auto scaled = [](double peakDbtp, float gain) {
            return gain > 0.0f ? peakDbtp + 20.0 * std::log10(double(gain)) : -INFINITY;
        };
        return std::max(scaled(flat.leftDbtp, g.left), scaled(flat.rightDbtp, g.right));
    }
    return measureLoudness(stems ? renderTreatment(*loop.stems, t) : renderTreatment(*loop.audio, t)).truePeakDbtp;
}

} // namespace

double commonHeadroomGainDb(double loudestTruePeakDbtp)
{
    const double ceiling = kQuestionCeilingDbtp - kQuestionHeadroomMarginDb;
    return std::isfinite(loudestTruePeakDbtp) && loudestTruePeakDbtp > ceiling ? ceiling - loudestTruePeakDbtp : 0.0;
}

QuestionLevels matchVariants(Question& question, const PreparedLoop& loop, bool matchLoudness)
{
    QuestionLevels levels;
    if (!loop.audio || loop.audio->frames() == 0)
        return levels;
    for (HeardVariant& v : question.variants) {
        if (question.loudnessMatched)
            v.treatment = matchedTreatment(loop, v.treatment, matchLoudness);
        try {
            const double peak = truePeakOf(loop, v.treatment, question.usesStems);
            if (std::isfinite(peak))
                levels.loudestTruePeakDbtp = std::max(levels.loudestTruePeakDbtp, peak);
        } catch (const AudioError&) {
            // Silent or unplayable: nothing to keep under the ceiling (the player reports it).
        }
    }
    levels.gainDb = commonHeadroomGainDb(levels.loudestTruePeakDbtp);
    // The gain/pan stage is the chain's last: a gain there scales the render exactly.
    for (HeardVariant& v : question.variants)
        v.treatment.gainDb += levels.gainDb;
    return levels;
}

MatchedAnswer matchAnswer(const PreparedLoop& loop, const Question& question, const Treatment& answer,
                          bool matchLoudness, double questionGainDb)
{
    MatchedAnswer out;
    out.treatment = question.loudnessMatched ? matchedTreatment(loop, answer, matchLoudness) : answer;
    out.treatment.gainDb += questionGainDb;
    if (!loop.audio || loop.audio->frames() == 0)
        return out;
    try {
        out.revealGainDb = commonHeadroomGainDb(truePeakOf(loop, out.treatment, question.usesStems));
        out.treatment.gainDb += out.revealGainDb;
    } catch (const AudioError&) {
        // Silent or unplayable: nothing to keep under the ceiling.
    }
    return out;
}

} // namespace earlab
