#pragma once
// Music for the comparison tests (alignment, comparison, earlab-cli compare): a built-in loop
// decoded once, excerpts cut from it at any sample position, and a plain gain. The delays the
// tests make with these are whole excerpts cut elsewhere, independent of the corrector.

#include "assets/builtin_material.h"
#include "audio/audio_buffer.h"
#include "audio/io/audio_file.h"

#include <cstdint>
#include <map>
#include <string>

namespace earlab::test {

// The built-in loop `name` ("pop-rock", "jazz", ...) as the app decodes it, once per test.
inline const AudioBuffer& builtinLoopAudio(const std::string& name)
{
    static std::map<std::string, AudioBuffer> decoded;
    auto it = decoded.find(name);
    if (it == decoded.end())
        it = decoded.emplace(name, loadAudioFile(materialPath(findBuiltinLoop(name)->mixFile)).audio).first;
    return it->second;
}

// frames [start, start + length) of a loop, wrapping around (the loops are seamless).
inline AudioBuffer cut(const AudioBuffer& src, std::int64_t start, std::size_t length)
{
    AudioBuffer out = AudioBuffer::silence(src.channelCount(), length, src.sampleRate);
    const auto n = std::int64_t(src.frames());
    for (std::size_t c = 0; c < src.channelCount(); ++c)
        for (std::size_t i = 0; i < length; ++i)
            out.channels[c][i] = src.channels[c][std::size_t((((start + std::int64_t(i)) % n) + n) % n)];
    return out;
}

inline void scale(AudioBuffer& b, double factor)
{
    for (auto& ch : b.channels)
        for (float& v : ch)
            v = float(v * factor);
}

} // namespace earlab::test
