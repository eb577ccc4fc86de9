#include "audio/io/downmix.h"

#include "audio/audio_error.h"

#include <cstddef>
#include <string>
#include <utility>

namespace earlab {

AudioBuffer toStereo(AudioBuffer in)
{
    const std::size_t n = in.channelCount();
    if (n == 0)
        throw AudioError(AudioErrorKind::InvalidArgument, "stereo downmix", "the buffer has no channels");
    if (n == 2)
        return in;

    const std::size_t frames = in.frames();
    for (const auto& ch : in.channels)
        if (ch.size() != frames)
            throw AudioError(AudioErrorKind::InvalidArgument, "stereo downmix",
                             "channels of different lengths");

    AudioBuffer out;
    out.sampleRate = in.sampleRate;
    if (n == 1) {
        out.channels.push_back(in.channels[0]);
        out.channels.push_back(std::move(in.channels[0]));
        return out;
    }

    out.channels.assign(2, std::vector<float>(frames, 0.0f));
    float* left = out.channels[0].data();
    float* right = out.channels[1].data();

    if (n == 6) {
        const float* l = in.channels[0].data();
        const float* r = in.channels[1].data();
        const float* c = in.channels[2].data();
        // channels[3] is the LFE: dropped.
        const float* ls = in.channels[4].data();
        const float* rs = in.channels[5].data();
        for (std::size_t i = 0; i < frames; ++i) {
            const float centre = kBs775SideGain * c[i];
            left[i] = l[i] + centre + kBs775SideGain * ls[i];
            right[i] = r[i] + centre + kBs775SideGain * rs[i];
        }
        return out;
    }

    std::size_t leftCount = 0, rightCount = 0;
    for (std::size_t c = 0; c < n; ++c) {
        float* dst = (c % 2 == 0) ? left : right;
        ++((c % 2 == 0) ? leftCount : rightCount);
        const float* src = in.channels[c].data();
        for (std::size_t i = 0; i < frames; ++i)
            dst[i] += src[i];
    }
    const float leftScale = 1.0f / float(leftCount);
    const float rightScale = 1.0f / float(rightCount);
    for (std::size_t i = 0; i < frames; ++i) {
        left[i] *= leftScale;
        right[i] *= rightScale;
    }
    return out;
}

} // namespace earlab
