#include "support/test_signals.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <numbers>
#include <vector>

namespace earlab::test {

AudioBuffer sine(double frequencyHz, double peakDbfs, double sampleRate, std::size_t frames,
                 std::size_t channelCount)
{
    AudioBuffer b = AudioBuffer::silence(channelCount, frames, sampleRate);
    const double amplitude = std::pow(10.0, peakDbfs / 20.0);
    const double w = 2.0 * std::numbers::pi * frequencyHz / sampleRate;
    for (std::size_t i = 0; i < frames; ++i) {
        const float v = float(amplitude * std::sin(w * double(i)));
        for (auto& ch : b.channels)
            ch[i] = v;
    }
    return b;
}

double rmsDb(std::span<const float> samples)
{
    if (samples.empty())
        return -std::numeric_limits<double>::infinity();
    double sum = 0.0;
    for (float s : samples)
        sum += double(s) * double(s);
    const double rms = std::sqrt(sum / double(samples.size()));
    return rms > 0.0 ? 20.0 * std::log10(rms) : -std::numeric_limits<double>::infinity();
}

double peakDb(std::span<const float> samples)
{
    float peak = 0.0f;
    for (float s : samples)
        peak = std::max(peak, std::abs(s));
    return peak > 0.0f ? 20.0 * std::log10(double(peak)) : -std::numeric_limits<double>::infinity();
}

double peakDb(const AudioBuffer& buffer)
{
    double peak = -std::numeric_limits<double>::infinity();
    for (const auto& c : buffer.channels)
        peak = std::max(peak, peakDb(c));
    return peak;
}

double maxAbsDifference(std::span<const float> a, std::span<const float> b)
{
    const std::size_t n = std::min(a.size(), b.size());
    double worst = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        worst = std::max(worst, std::abs(double(a[i]) - double(b[i])));
    return worst;
}

namespace {
struct ScratchRegistry {
    std::vector<std::filesystem::path> paths;
    ~ScratchRegistry()
    {
        std::error_code ec;
        for (const auto& p : paths)
            std::filesystem::remove_all(p, ec);
    }
};
ScratchRegistry& registry()
{
    static ScratchRegistry r;
    return r;
}
} // namespace

std::string scratchDirectory(const std::string& tag)
{
    namespace fs = std::filesystem;
    std::string pattern = (fs::temp_directory_path() / ("earlab-" + tag + "-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const char* made = ::mkdtemp(buf.data());
    if (!made)
        return {};
    registry().paths.emplace_back(made);
    return made;
}

} // namespace earlab::test
