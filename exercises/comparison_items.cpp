#include "comparison_items.h"

#include "audio/audio_error.h"
#include "audio/compare/null_difference.h"
#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"
#include "blind_hashes.h"
#include "question_material.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace earlab {

namespace {

constexpr double kMinTrimDb = -60.0, kMaxTrimDb = 24.0;

// Fractions of the whole each step takes, by what it costs on long files: decoding and
// alignment dominate, matching is a few loudness passes.
constexpr double kDecodeShare = 0.35, kAlignShare = 0.45, kMatchShare = 0.2;

class Steps {
public:
    explicit Steps(const ComparisonOptions& o) : options_(o) {}
    void report(double fraction, const std::string& stage) const
    {
        if (options_.cancelled && options_.cancelled())
            throw ComparisonCancelled();
        if (options_.progress)
            options_.progress(std::clamp(fraction, 0.0, 1.0), stage);
    }

private:
    const ComparisonOptions& options_;
};

AudioBuffer framesOf(const AudioBuffer& audio, std::size_t begin, std::size_t end)
{
    AudioBuffer out;
    out.sampleRate = audio.sampleRate;
    for (const auto& ch : audio.channels)
        out.channels.emplace_back(ch.begin() + std::ptrdiff_t(begin), ch.begin() + std::ptrdiff_t(end));
    return out;
}

void checkArguments(const std::vector<std::string>& paths, const ComparisonOptions& options)
{
    if (paths.size() < kMinComparisonItems || paths.size() > kMaxComparisonItems)
        throw AudioError(AudioErrorKind::InvalidArgument, paths.empty() ? std::string() : paths.front(),
                         "a comparison needs 2 to 8 files, " + std::to_string(paths.size()) + " given");
    if (!options.trimDb.empty() && options.trimDb.size() != paths.size())
        throw AudioError(AudioErrorKind::InvalidArgument, "", "one trim per file is needed, " +
                         std::to_string(options.trimDb.size()) + " given for " + std::to_string(paths.size()) + " files");
    for (std::size_t i = 0; i < options.trimDb.size(); ++i)
        if (!(options.trimDb[i] >= kMinTrimDb && options.trimDb[i] <= kMaxTrimDb))
            throw AudioError(AudioErrorKind::InvalidArgument, paths[i], "the trim must be between -60 and 24 dB");
}

} // namespace

Comparison prepareComparison(const std::vector<std::string>& paths, const ComparisonOptions& options)
{
    checkArguments(paths, options);
    const Steps steps(options);
    const std::size_t n = paths.size();
    Comparison result;
    result.items.resize(n);
    std::vector<AudioBuffer> decoded(n);

    // 1. Decoded as the app plays them, at item 1's rate; measured before any gain.
    for (std::size_t i = 0; i < n; ++i) {
        ComparisonItem& item = result.items[i];
        item.file = paths[i];
        item.trimDb = options.trimDb.empty() ? 0.0 : options.trimDb[i];
        const double base = kDecodeShare * double(i) / double(n);
        steps.report(base, "decoding " + paths[i]);
        LoadOptions load;
        load.targetSampleRate = options.sampleRate > 0 ? options.sampleRate : i == 0 ? 0.0 : result.sampleRate;
        load.progress = [&](double f) {
            if (options.progress)
                options.progress(base + kDecodeShare * f / double(n), "decoding " + paths[i]);
        };
        LoadedAudio loaded = loadAudioFile(paths[i], load);
        item.fileSampleRate = loaded.info.sampleRate;
        decoded[i] = std::move(loaded.audio);
        if (i == 0)
            result.sampleRate = decoded[0].sampleRate;
        const Loudness loudness = measureLoudness(decoded[i]);
        if (!std::isfinite(loudness.integratedLufs))
            throw AudioError(AudioErrorKind::InvalidArgument, paths[i],
                             "silent (or shorter than 0.4 s): it has no loudness to match");
        item.loudnessLufs = loudness.integratedLufs;
        item.truePeakDbtp = loudness.truePeakDbtp;
        item.fileSha256 = fileSha256(QString::fromStdString(paths[i])).toStdString();
        item.audioSha256 = audioSha256(decoded[i]).toStdString();
    }

    // 2. Onto item 1's timeline; the region every item covers.
    std::vector<AudioBuffer> timeline(n);
    const std::size_t referenceFrames = decoded[0].frames();
    result.commonBegin = 0;
    result.commonEnd = referenceFrames;
    result.items[0].alignment.correlation = 1.0;
    result.items[0].alignment.commonEnd = referenceFrames;
    for (std::size_t i = 1; i < n; ++i) {
        steps.report(kDecodeShare + kAlignShare * double(i - 1) / double(n - 1), "aligning " + paths[i]);
        ComparisonItem& item = result.items[i];
        item.alignment = measureAlignment(decoded[0], decoded[i], options.alignment, paths[0], paths[i]);
        AlignedItem aligned = alignToReference(decoded[i], item.alignment, referenceFrames);
        item.driftCorrected = aligned.driftCorrected;
        timeline[i] = std::move(aligned.audio);
        decoded[i] = {}; // long files: keep one copy of each item, not two
        result.commonBegin = std::max(result.commonBegin, item.alignment.commonBegin);
        result.commonEnd = std::min(result.commonEnd, item.alignment.commonEnd);
    }
    timeline[0] = std::move(decoded[0]);
    const auto minimumFrames = std::size_t(std::ceil(result.sampleRate)); // alignment's own 1 s
    if (result.commonEnd < result.commonBegin + minimumFrames) {
        std::string names;
        for (const std::string& p : paths)
            names += (names.empty() ? "" : ", ") + p;
        throw AudioError(AudioErrorKind::InvalidArgument, paths[0],
                         "no region of at least 1 s is common to all of " + names);
    }

    // 3. Loudness matched on what plays, the trim added, then one common gain for headroom.
    steps.report(kDecodeShare + kAlignShare, "matching loudness");
    std::vector<AudioBuffer> played(n);
    for (std::size_t i = 0; i < n; ++i)
        played[i] = framesOf(timeline[i], result.commonBegin, result.commonEnd);
    timeline.clear();
    const double referenceLufs = integratedLoudnessLufs(played[0]);
    double loudestPeak = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
        ComparisonItem& item = result.items[i];
        steps.report(kDecodeShare + kAlignShare + kMatchShare * 0.8 * double(i) / double(n), "matching " + paths[i]);
        const Loudness here = measureLoudness(played[i]);
        if (!std::isfinite(here.integratedLufs))
            throw AudioError(AudioErrorKind::InvalidArgument, paths[i],
                             "silent over the region common to all items: it has no loudness to match");
        item.matchGainDb = i == 0 ? 0.0 : referenceLufs - here.integratedLufs;
        item.gainDb = item.matchGainDb + item.trimDb;
        loudestPeak = std::max(loudestPeak, here.truePeakDbtp + item.gainDb); // a gain scales the true peak exactly
    }
    result.headroomGainDb = commonHeadroomGainDb(loudestPeak);
    for (std::size_t i = 0; i < n; ++i) {
        ComparisonItem& item = result.items[i];
        item.gainDb += result.headroomGainDb;
        applyGainDb(played[i], item.gainDb);
        item.audio = std::make_shared<const AudioBuffer>(std::move(played[i]));
    }

    // 4. Re-measured as played: the residual of the match, and the nulls.
    const ComparisonItem& first = result.items[0];
    const double playedReferenceLufs = integratedLoudnessLufs(*first.audio);
    result.items[0].nullDepthDb = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 1; i < n; ++i) {
        ComparisonItem& item = result.items[i];
        steps.report(kDecodeShare + kAlignShare + kMatchShare * (0.8 + 0.2 * double(i - 1) / double(n - 1)),
                     "null depth of " + paths[i]);
        item.residualDb = integratedLoudnessLufs(*item.audio) - playedReferenceLufs - (item.trimDb - first.trimDb);
        item.nullDepthDb = nullDepthDb(*first.audio, *item.audio);
    }
    steps.report(1.0, "ready");
    return result;
}

} // namespace earlab
