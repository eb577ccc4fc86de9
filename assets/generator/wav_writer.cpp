#include "assets/generator/wav_writer.h"

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace earlab::gen {
namespace {

void put32(std::vector<char>& b, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b.push_back(char((v >> (8 * i)) & 0xFF));
}
void put16(std::vector<char>& b, std::uint16_t v)
{
    b.push_back(char(v & 0xFF));
    b.push_back(char(v >> 8));
}
void tag(std::vector<char>& b, const char* t) { b.insert(b.end(), t, t + 4); }

} // namespace

void writeFloatWav(const std::string& path, const AudioBuffer& audio)
{
    const std::uint32_t channels = std::uint32_t(audio.channelCount());
    const std::uint32_t frames = std::uint32_t(audio.frames());
    const std::uint32_t rate = std::uint32_t(audio.sampleRate);
    const std::uint32_t dataBytes = frames * channels * 4;

    std::vector<char> b;
    b.reserve(58 + dataBytes);
    tag(b, "RIFF");
    put32(b, 4 + (8 + 18) + (8 + 4) + (8 + dataBytes));
    tag(b, "WAVE");
    tag(b, "fmt ");
    put32(b, 18);
    put16(b, 3); // WAVE_FORMAT_IEEE_FLOAT
    put16(b, std::uint16_t(channels));
    put32(b, rate);
    put32(b, rate * channels * 4);
    put16(b, std::uint16_t(channels * 4));
    put16(b, 32);
    put16(b, 0); // cbSize
    tag(b, "fact");
    put32(b, 4);
    put32(b, frames);
    tag(b, "data");
    put32(b, dataBytes);
    for (std::uint32_t i = 0; i < frames; ++i)
        for (std::uint32_t c = 0; c < channels; ++c)
            put32(b, std::bit_cast<std::uint32_t>(audio.channels[c][i]));

    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f.write(b.data(), std::streamsize(b.size()));
        if (!f)
            throw std::runtime_error("cannot write " + tmp);
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec)
        throw std::runtime_error("cannot rename " + tmp + " to " + path + ": " + ec.message());
}

} // namespace earlab::gen
