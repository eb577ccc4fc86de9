#include "audio/engine/playable_source.h"

#include "audio/audio_error.h"

#include <cmath>

namespace earlab {

namespace {

void requireRate(double sourceRate, double playerRate, const std::string& subject)
{
    if (std::abs(sourceRate - playerRate) > 1e-6)
        throw AudioError(AudioErrorKind::InvalidArgument, subject,
                         "the source is at " + std::to_string(sourceRate) + " Hz but the player runs at " +
                             std::to_string(playerRate) + " Hz; resample it first");
}

bool isMonoOrStereo(const std::shared_ptr<const AudioBuffer>& b)
{
    return b && b->channelCount() >= 1 && b->channelCount() <= 2;
}

} // namespace

void requirePlayableMultitrack(const Multitrack& m, const std::string& subject, double sampleRate)
{
    if (m.stems.empty() || m.stems.size() > std::size_t(kMaxStems))
        throw AudioError(AudioErrorKind::InvalidArgument, subject,
                         "a multitrack source holds 1 to " + std::to_string(kMaxStems) + " stems, not " +
                             std::to_string(m.stems.size()));
    for (std::size_t s = 0; s < m.stems.size(); ++s) {
        const std::string stem = subject + ", stem " + std::to_string(s) +
                                 (s < m.names.size() && !m.names[s].empty() ? " (" + m.names[s] + ")" : "");
        if (!isMonoOrStereo(m.stems[s]))
            throw AudioError(AudioErrorKind::InvalidArgument, stem, "the stem must be mono or stereo audio");
        if (std::int64_t(m.stems[s]->frames()) != m.frames())
            throw AudioError(AudioErrorKind::InvalidArgument, stem,
                             "the stem is " + std::to_string(m.stems[s]->frames()) + " frames long, the first " +
                                 std::to_string(m.frames()) + "; the stems of one source must be of one length");
        requireRate(m.stems[s]->sampleRate, sampleRate, stem);
    }
}

void requirePlayableSource(const Variant& v, const std::string& subject, double sampleRate)
{
    if (v.stems) {
        requirePlayableMultitrack(*v.stems, subject, sampleRate);
        return;
    }
    if (v.streamed ? v.streamed->left.size() != v.streamed->right.size() : !isMonoOrStereo(v.source))
        throw AudioError(AudioErrorKind::InvalidArgument, subject, "the source must be mono or stereo audio");
    requireRate(v.streamed ? v.streamed->sampleRate : v.source->sampleRate, sampleRate, subject);
}

} // namespace earlab
