#pragma once
// Planar float audio held in memory: the unit every layer passes around.

#include <cstddef>
#include <vector>

namespace earlab {

struct AudioBuffer {
    double sampleRate = 0.0;                  // Hz, > 0 for any real buffer
    std::vector<std::vector<float>> channels; // planar: channels[c][frame], all the same length

    std::size_t channelCount() const { return channels.size(); }
    std::size_t frames() const { return channels.empty() ? 0 : channels.front().size(); }
    double durationSeconds() const { return sampleRate > 0.0 ? double(frames()) / sampleRate : 0.0; }

    static AudioBuffer silence(std::size_t channelCount, std::size_t frameCount, double rate)
    {
        AudioBuffer b;
        b.sampleRate = rate;
        b.channels.assign(channelCount, std::vector<float>(frameCount, 0.0f));
        return b;
    }
};

} // namespace earlab
