#pragma once
// The capture "device": tests/alsa/capture.conf makes ALSA's default PCM write every sample
// PortAudio delivers to $EARLAB_CAPTURE. This points that variable at a fresh file (read by
// ALSA when the stream opens) and reads the file back as planar stereo.

#include "audio/audio_buffer.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace earlab::test {

class CaptureFile {
public:
    explicit CaptureFile(const std::string& path) : path_(path)
    {
        std::remove(path_.c_str());
        ::setenv("EARLAB_CAPTURE", path_.c_str(), 1);
    }

    // Float32 little-endian interleaved stereo, as PortAudio delivered it.
    AudioBuffer read() const
    {
        std::ifstream in(path_, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::size_t frames = bytes.size() / (2 * sizeof(float));
        AudioBuffer b = AudioBuffer::silence(2, frames, 48000.0);
        const auto* samples = reinterpret_cast<const float*>(bytes.data());
        for (std::size_t i = 0; i < frames; ++i) {
            b.channels[0][i] = samples[2 * i];
            b.channels[1][i] = samples[2 * i + 1];
        }
        return b;
    }

    const std::string& path() const { return path_; }

private:
    std::string path_;
};

} // namespace earlab::test
