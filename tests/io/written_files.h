#pragma once
// What the io tests that write files share: writing through AudioFileWriter in blocks, a
// file's bytes, and the EarLab temporary files left in a folder.

#include "audio/audio_buffer.h"
#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace earlab::test {

// Gives `a` to an AudioFileWriter in blocks of `block` frames.
inline WriteSummary writeInBlocks(const std::string& path, const AudioBuffer& a, std::size_t block)
{
    AudioFileWriter w(path, a.sampleRate, int(a.channelCount()));
    for (std::size_t at = 0; at < a.frames(); at += block) {
        std::vector<const float*> ptrs;
        for (const auto& ch : a.channels)
            ptrs.push_back(ch.data() + at);
        w.write(ptrs.data(), std::min(block, a.frames() - at));
    }
    return w.finish();
}

// The whole file ("" if it cannot be read).
inline std::string bytesOf(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

// Names in `dir` that are EarLab temporary files (".NAME.earlab-PID-N.tmp").
inline std::vector<std::string> temporariesIn(const std::string& dir)
{
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename().string().find(".earlab-") != std::string::npos)
            names.push_back(e.path().filename().string());
    return names;
}

} // namespace earlab::test
