#include "comparison_items.h"

#include "audio/audio_error.h"
#include "audio/compare/null_difference.h"
#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"
#include "audio/io/resampler.h"
#include "blind_hashes.h"
#include "question_material.h"

#include <algorithm>
#include <filesystem>
#include <memory>
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

// What tells a file that was saved again from the one read: its size and modification time.
struct FileIdentity {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type modified{};
    bool operator==(const FileIdentity&) const = default;
};

FileIdentity identityOf(const std::string& path)
{
    std::error_code e1, e2;
    FileIdentity id{std::filesystem::file_size(path, e1), std::filesystem::last_write_time(path, e2)};
    if (e1 || e2)
        throw AudioError(AudioErrorKind::Unreadable, path, (e1 ? e1 : e2).message());
    return id;
}

// fileSha256 (blind_hashes.h) with its errors as the comparison's (AudioError naming the file).
std::string hashOf(const std::string& path)
{
    try {
        return fileSha256(QString::fromStdString(path)).toStdString();
    } catch (const std::runtime_error& e) {
        throw AudioError(AudioErrorKind::Unreadable, path, e.what());
    }
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

// Stages 3 and 4 on the items' audio over the common region, `played[i]` carrying `carried[i]`
// dB of gain already (0 when fresh; a retrim starts from the audio as played). Loudness
// matched on what plays (when `match`; a retrim keeps the match it had), the trim added, then
// one common gain for headroom. One meter per item: its gated loudness at any gain comes from
// the blocks it keeps (LoudnessMeter::integratedLufs), so the match and the residual after the
// gain need no second pass over the audio.
void applyLevels(Comparison& result, std::vector<AudioBuffer>& played, const std::vector<double>& carried, bool match,
                 const Steps& steps)
{
    const std::size_t n = result.items.size();
    std::vector<std::unique_ptr<LoudnessMeter>> meters(n);
    double loudestPeak = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
        ComparisonItem& item = result.items[i];
        steps.report(kDecodeShare + kAlignShare + kMatchShare * 0.8 * double(i) / double(n), "matching " + item.file);
        meters[i] = std::make_unique<LoudnessMeter>(played[i].channelCount(), played[i].sampleRate, true, item.file);
        std::vector<const float*> channels;
        for (const auto& ch : played[i].channels)
            channels.push_back(ch.data());
        meters[i]->add(channels.data(), played[i].frames());
        const Loudness here = meters[i]->result();
        if (!std::isfinite(here.integratedLufs))
            throw AudioError(AudioErrorKind::InvalidArgument, item.file,
                             "silent over the region common to all items: it has no loudness to match");
        if (match)
            item.matchGainDb = i == 0 ? 0.0 : loudnessMatchGainDb(*meters[0], *meters[i]);
        item.gainDb = item.matchGainDb + item.trimDb;
        // A gain scales the true peak exactly.
        loudestPeak = std::max(loudestPeak, here.truePeakDbtp - carried[i] + item.gainDb);
    }
    result.headroomGainDb = commonHeadroomGainDb(loudestPeak);
    for (std::size_t i = 0; i < n; ++i) {
        ComparisonItem& item = result.items[i];
        item.gainDb += result.headroomGainDb;
        applyGainDb(played[i], item.gainDb - carried[i]);
        item.audio = std::make_shared<const AudioBuffer>(std::move(played[i]));
    }

    // As played: the residual of the match (the gated loudness at the applied gains), and
    // the nulls.
    const ComparisonItem& first = result.items[0];
    const double playedReferenceLufs = meters[0]->integratedLufs(first.gainDb - carried[0]);
    result.items[0].residualDb = 0;
    result.items[0].nullDepthDb = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 1; i < n; ++i) {
        ComparisonItem& item = result.items[i];
        steps.report(kDecodeShare + kAlignShare + kMatchShare * (0.8 + 0.2 * double(i - 1) / double(n - 1)),
                     "null depth of " + item.file);
        item.residualDb = meters[i]->integratedLufs(item.gainDb - carried[i]) - playedReferenceLufs -
                          (item.trimDb - first.trimDb);
        item.nullDepthDb = nullDepthDb(*first.audio, *item.audio);
    }
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

    // 1. Decoded as the app plays them, at the comparison's rate; measured and hashed at the
    //    file's own rate, before any gain.
    for (std::size_t i = 0; i < n; ++i) {
        ComparisonItem& item = result.items[i];
        item.file = paths[i];
        item.trimDb = options.trimDb.empty() ? 0.0 : options.trimDb[i];
        const double base = kDecodeShare * double(i) / double(n);
        steps.report(base, "decoding " + paths[i]);
        const FileIdentity before = identityOf(paths[i]);
        LoadOptions load;
        load.progress = [&](double f) {
            if (options.progress)
                options.progress(base + kDecodeShare * f / double(n), "decoding " + paths[i]);
        };
        LoadedAudio loaded = loadAudioFile(paths[i], load);
        item.fileSampleRate = loaded.info.sampleRate;
        item.audioSha256 = audioSha256(loaded.audio).toStdString();
        item.fileSha256 = hashOf(paths[i]);
        if (identityOf(paths[i]) != before)
            throw AudioError(AudioErrorKind::Unreadable, paths[i],
                             "changed while EarLab read it (saved again?): prepare the comparison once it is written");
        const Loudness loudness = measureLoudness(loaded.audio);
        if (!std::isfinite(loudness.integratedLufs))
            throw AudioError(AudioErrorKind::InvalidArgument, paths[i],
                             "silent (or shorter than 0.4 s): it has no loudness to match");
        item.loudnessLufs = loudness.integratedLufs;
        item.truePeakDbtp = loudness.truePeakDbtp;
        if (i == 0)
            result.sampleRate = options.sampleRate > 0 ? options.sampleRate : loaded.audio.sampleRate;
        decoded[i] = loaded.audio.sampleRate == result.sampleRate ? std::move(loaded.audio)
                                                                  : resample(loaded.audio, result.sampleRate);
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
        if (item.audioSha256 == result.items[0].audioSha256 && decoded[i].frames() == referenceFrames) {
            // The same audio (a copy, or the file twice): nothing to measure, and a copy
            // plays bit-identically whatever the estimate's error on this music would be.
            item.alignment = result.items[0].alignment;
            timeline[i] = std::move(decoded[i]);
        } else {
            item.alignment = measureAlignment(decoded[0], decoded[i], options.alignment, paths[0], paths[i]);
            AlignedItem aligned = alignToReference(decoded[i], item.alignment, referenceFrames);
            item.driftCorrected = aligned.driftCorrected;
            timeline[i] = std::move(aligned.audio);
        }
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

    // 3. and 4., on the common region.
    steps.report(kDecodeShare + kAlignShare, "matching loudness");
    std::vector<AudioBuffer> played(n);
    for (std::size_t i = 0; i < n; ++i) {
        played[i] = framesOf(timeline[i], result.commonBegin, result.commonEnd);
        timeline[i] = {};
    }
    applyLevels(result, played, std::vector<double>(n, 0.0), true, steps);
    steps.report(1.0, "ready");
    return result;
}

Comparison retrimComparison(const Comparison& prepared, const std::vector<double>& trimDb)
{
    std::vector<std::string> paths;
    for (const ComparisonItem& item : prepared.items)
        paths.push_back(item.file);
    ComparisonOptions options;
    options.trimDb = trimDb;
    checkArguments(paths, options);
    if (trimDb.empty())
        options.trimDb.assign(paths.size(), 0.0);
    Comparison result = prepared;
    std::vector<AudioBuffer> played(paths.size());
    std::vector<double> carried(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) {
        ComparisonItem& item = result.items[i];
        if (!item.audio)
            throw std::invalid_argument("comparison item " + std::to_string(i + 1) + " has no audio to retrim");
        played[i] = *item.audio; // a copy: `prepared` still plays its own
        carried[i] = item.gainDb;
        item.trimDb = options.trimDb[i];
    }
    applyLevels(result, played, carried, false, Steps(options));
    return result;
}

} // namespace earlab
