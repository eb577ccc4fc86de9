#include "audio/dsp/pink_noise.h"

#include "audio/dsp/dsp_validation.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace earlab::dsp {

namespace {

// splitmix64 (Steele, Lea, Flood 2014): spreads any seed, including 0, over the 64-bit
// state, which xorshift64* needs to be non-zero.
std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

constexpr int kWarmUpSamples = 8192; // > 9 time constants of the slowest pole (0.99886)

} // namespace

PinkNoise::PinkNoise(std::uint64_t seed) : state_(splitmix64(seed))
{
    if (state_ == 0)
        state_ = 0x9E3779B97F4A7C15ull;
}

double PinkNoise::white() noexcept
{
    // xorshift64* (Vigna 2016); the top 53 bits make a uniform double in [0, 1).
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    const std::uint64_t r = state_ * 0x2545F4914F6CDD1Dull;
    return double(r >> 11) * 0x1.0p-53 * 2.0 - 1.0;
}

float PinkNoise::next() noexcept
{
    const double w = white();
    b0_ = 0.99886 * b0_ + w * 0.0555179;
    b1_ = 0.99332 * b1_ + w * 0.0750759;
    b2_ = 0.96900 * b2_ + w * 0.1538520;
    b3_ = 0.86650 * b3_ + w * 0.3104856;
    b4_ = 0.55000 * b4_ + w * 0.5329522;
    b5_ = -0.7616 * b5_ - w * 0.0168980;
    const double pink = b0_ + b1_ + b2_ + b3_ + b4_ + b5_ + b6_ + w * 0.5362;
    b6_ = w * 0.115926;
    return static_cast<float>(pink * 0.11); // keeps peaks under 1 before any scaling
}

AudioBuffer makePinkNoise(double seconds, double sampleRate, double rmsDbfs, std::uint64_t seed,
                          std::size_t channelCount, bool correlated)
{
    const char* subject = "pink noise";
    requireInRange(subject, "seconds", seconds, 0.0, 3600.0, "s");
    requirePositive(subject, "seconds", seconds, "s");
    requirePositive(subject, "sampleRate", sampleRate, "Hz");
    requireInRange(subject, "rmsDbfs", rmsDbfs, -120.0, 0.0, "dBFS");
    requireInRange(subject, "channelCount", double(channelCount), 1.0, 32.0, "");

    const std::size_t frames = std::max<std::size_t>(1, std::size_t(std::llround(seconds * sampleRate)));
    AudioBuffer out = AudioBuffer::silence(channelCount, frames, sampleRate);
    const double target = std::pow(10.0, rmsDbfs / 20.0);

    std::vector<double> samples(frames);
    for (std::size_t ch = 0; ch < channelCount; ++ch) {
        if (correlated && ch > 0) {
            out.channels[ch] = out.channels[0];
            continue;
        }
        // Channel seeds far apart in splitmix64's sequence give independent streams.
        PinkNoise noise(seed + 0x632BE59BD9B4E019ull * ch);
        for (int i = 0; i < kWarmUpSamples; ++i)
            noise.next();
        double sum = 0.0;
        for (std::size_t i = 0; i < frames; ++i) {
            samples[i] = noise.next();
            sum += samples[i] * samples[i];
        }
        const double rms = std::sqrt(sum / double(frames));
        const double scale = rms > 0.0 ? target / rms : 0.0;
        for (std::size_t i = 0; i < frames; ++i)
            out.channels[ch][i] = static_cast<float>(samples[i] * scale);
    }
    return out;
}

} // namespace earlab::dsp
