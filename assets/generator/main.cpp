// earlab-make-assets OUTPUT_DIR [LOOP_ID...]
// Synthesises the built-in loops (see ../README.md) into OUTPUT_DIR: per loop four stems
// and their mix, 48 kHz stereo float WAV. Deterministic: the same build writes the same
// bytes. The loops render in parallel, one thread each.

#include "assets/builtin_material.h"
#include "assets/generator/loop_render.h"
#include "assets/generator/wav_writer.h"
#include "audio/io/loudness.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace earlab;
using namespace earlab::gen;

constexpr double kTargetLufs = -16.0;
constexpr double kPeakCeilingDbfs = -1.2; // a little margin below the promised -1 dBFS

AudioBuffer secondPass(const Stereo& track, std::size_t loopFrames)
{
    AudioBuffer b = AudioBuffer::silence(2, loopFrames, kRate);
    std::copy(track.l.begin() + std::ptrdiff_t(loopFrames), track.l.begin() + std::ptrdiff_t(2 * loopFrames),
              b.channels[0].begin());
    std::copy(track.r.begin() + std::ptrdiff_t(loopFrames), track.r.begin() + std::ptrdiff_t(2 * loopFrames),
              b.channels[1].begin());
    return b;
}

// The mix is the plain sum of the stems, added in catalogue order, so a reader who sums
// the stem files in that order gets exactly the mix file.
AudioBuffer sumOf(const std::vector<AudioBuffer>& stems)
{
    AudioBuffer mix = AudioBuffer::silence(2, stems.front().frames(), kRate);
    for (const AudioBuffer& s : stems)
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < mix.frames(); ++i)
                mix.channels[c][i] += s.channels[c][i];
    return mix;
}

double peakOf(const AudioBuffer& b)
{
    float p = 0.f;
    for (const auto& ch : b.channels)
        for (float v : ch)
            p = std::max(p, std::abs(v));
    return p;
}

// Each stem's integrated loudness relative to the drums', per style (pop-rock, electronic,
// acoustic-jazz), close enough to each other that muting any stem lowers the mix by more
// than 1 LU (the "clearly audible" criterion tests/assets/test_stem_balance.cpp holds every
// song to; before this balance, harmony and melody changed their mixes by only 0.2 to
// 0.85 LU). The styles' own levels shape the sound inside a stem; this sets the stems
// against each other. The jazz drums sit lower: brushes and cymbals, and their peaks would
// otherwise hold the mix under its loudness target.
struct StemBalance {
    const char* style;
    double lu[4]; // drums, bass, harmony, melody
};
constexpr StemBalance kStemBalance[] = {{"pop-rock", {0.0, -1.0, -1.5, -1.5}},
                                        {"electronic", {0.0, -1.0, -1.5, -1.5}},
                                        {"acoustic-jazz", {-1.0, 0.0, 0.0, -0.5}}};

void balanceStems(const std::string& style, std::vector<AudioBuffer>& stems)
{
    for (const StemBalance& b : kStemBalance) {
        if (style != b.style)
            continue;
        const double drumsLufs = integratedLoudnessLufs(stems.front()) - b.lu[0];
        for (std::size_t k = 0; k < stems.size() && k < 4; ++k)
            applyGainDb(stems[k], drumsLufs + b.lu[k] - integratedLoudnessLufs(stems[k]));
    }
}

// The stem balance exercise's most extreme question: one stem raised by
// kStemExerciseMaxDb and the mix brought back to its loudness. The highest peak of those
// mixes (dBFS, before the mix gain) must stay under the ceiling too, for every stem.
constexpr double kStemExerciseMaxDb = 6.0;

double stemExercisePeakDb(const AudioBuffer& mix, const std::vector<AudioBuffer>& stems)
{
    const double mixLufs = integratedLoudnessLufs(mix);
    const float extra = float(std::pow(10.0, kStemExerciseMaxDb / 20.0) - 1.0);
    double worst = -200;
    for (const AudioBuffer& stem : stems) {
        AudioBuffer raised = mix;
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < raised.frames(); ++i)
                raised.channels[c][i] += extra * stem.channels[c][i];
        worst = std::max(worst, 20 * std::log10(peakOf(raised)) + mixLufs - integratedLoudnessLufs(raised));
    }
    return worst;
}

struct Report {
    std::string id;
    double lufs = 0, peakDb = 0, seconds = 0, renderSeconds = 0;
    std::string error;
};

Report makeLoop(const BuiltinLoop& info, const std::string& dir)
{
    Report report;
    report.id = info.id;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        const double swing = info.style == "acoustic-jazz" ? 0.64 : 0.5;
        LoopRender loop(info, swing);
        if (info.style == "pop-rock")
            renderPopRock(loop);
        else if (info.style == "electronic")
            renderElectronic(loop);
        else
            renderAcousticJazz(loop);

        std::vector<AudioBuffer> stems;
        for (const Stereo* t : {&loop.drums, &loop.bass, &loop.harmony, &loop.melody})
            stems.push_back(secondPass(*t, loop.loopFrames()));
        balanceStems(info.style, stems);

        // One gain for every stem: the balance the style chose stays, the mix lands on the
        // target loudness, and the peak stays under the ceiling (loudness gives way if not),
        // also with any one stem raised by the stem exercise's largest change.
        AudioBuffer mix = sumOf(stems);
        double gainDb = kTargetLufs - integratedLoudnessLufs(mix);
        const double peakAfter = std::max(20 * std::log10(peakOf(mix)), stemExercisePeakDb(mix, stems)) + gainDb;
        if (peakAfter > kPeakCeilingDbfs)
            gainDb -= peakAfter - kPeakCeilingDbfs;
        for (AudioBuffer& s : stems)
            applyGainDb(s, gainDb);
        mix = sumOf(stems);

        const std::filesystem::path out(dir);
        for (std::size_t k = 0; k < stems.size(); ++k)
            writeFloatWav((out / info.stems[k].second).string(), stems[k]);
        writeFloatWav((out / info.mixFile).string(), mix);

        report.lufs = integratedLoudnessLufs(mix);
        report.peakDb = 20 * std::log10(peakOf(mix));
        report.seconds = mix.durationSeconds();
    } catch (const std::exception& e) {
        report.error = e.what();
    }
    report.renderSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR [LOOP_ID...]\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::fprintf(stderr, "earlab-make-assets: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
        return 1;
    }

    std::vector<const BuiltinLoop*> todo;
    for (int i = 2; i < argc; ++i) {
        const BuiltinLoop* loop = findBuiltinLoop(argv[i]);
        if (!loop) {
            std::fprintf(stderr, "earlab-make-assets: no loop named %s\n", argv[i]);
            return 2;
        }
        todo.push_back(loop);
    }
    if (todo.empty())
        for (const BuiltinLoop& loop : builtinLoops())
            todo.push_back(&loop);

    std::vector<Report> reports(todo.size());
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < todo.size(); ++k)
        threads.emplace_back([&, k] { reports[k] = makeLoop(*todo[k], dir); });
    for (std::thread& t : threads)
        t.join();

    int failures = 0;
    for (const Report& r : reports) {
        if (!r.error.empty()) {
            std::fprintf(stderr, "earlab-make-assets: %s failed: %s\n", r.id.c_str(), r.error.c_str());
            ++failures;
            continue;
        }
        std::printf("%-14s %6.2f s  %6.2f LUFS  peak %6.2f dBFS  (rendered in %.1f s)\n", r.id.c_str(), r.seconds,
                    r.lufs, r.peakDb, r.renderSeconds);
    }
    return failures ? 1 : 0;
}
