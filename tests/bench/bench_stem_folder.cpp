// A folder of the user's stems against the same music as one file: four stems of 3 minutes,
// 44.1 kHz stereo float WAV as EarLab writes it (the mix file is their sum). What the Library's scan of each
// costs (decode, loudness, octave bands, the densest 15 s) and what the first question on
// it waits for (prepareLoop: decode at 48 kHz, cut the loop; a folder decodes its stems twice:
// once summed into the mix, once cut to the region). Files made once in the temp dir.
#include "exercises/library_scan.h"
#include "exercises/library_scan_stems.h"
#include "exercises/question_material.h"

#include "audio/io/audio_file.h"

#include <benchmark/benchmark.h>

#include <QString>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

constexpr double kRate = 44100.0;
constexpr std::size_t kFrames = std::size_t(kRate) * 180;
const char* const kStems[] = {"bass", "drums", "keys", "vox"};

// Stem k: a sine (55, 110, 220, 440 Hz) under noise bursts of its own seed, peak about 0.2.
earlab::AudioBuffer stem(int k)
{
    earlab::AudioBuffer b = earlab::AudioBuffer::silence(2, kFrames, kRate);
    std::uint32_t seed = 77u + 13u * std::uint32_t(k);
    for (std::size_t i = 0; i < kFrames; ++i) {
        seed = seed * 1664525u + 1013904223u;
        const double noise = (double(seed) / 4294967296.0 * 2.0 - 1.0) * ((i / 11025) % 4 == std::size_t(k) ? 0.1 : 0.01);
        const double tone = 0.1 * std::sin(2.0 * 3.14159265358979 * 55.0 * (1 << k) * double(i) / kRate);
        b.channels[0][i] = float(tone + noise);
        b.channels[1][i] = float(0.9 * tone + noise);
    }
    return b;
}

struct Files {
    std::string folder;
    std::string mix;
};

const Files& files()
{
    static const Files made = [] {
        const fs::path dir = fs::temp_directory_path() / "earlab-bench-stem-folder";
        const fs::path folder = dir / "song";
        Files f{folder.string(), (dir / "mix.wav").string()};
        if (!fs::exists(f.mix)) {
            fs::create_directories(folder);
            earlab::AudioBuffer mix;
            for (int k = 0; k < 4; ++k) {
                earlab::AudioBuffer s = stem(k);
                earlab::writeAudioFile((folder / (std::string(kStems[k]) + ".wav")).string(), s);
                earlab::addStem(mix, std::move(s));
            }
            const std::string partial = f.mix + ".part.wav";
            earlab::writeAudioFile(partial, mix);
            fs::rename(partial, f.mix);
        }
        return f;
    }();
    return made;
}

void BM_ScanStemFolder(benchmark::State& state)
{
    const QString folder = QString::fromStdString(files().folder);
    for (auto _ : state) {
        const earlab::ScanResult r = earlab::scanStemFolder(folder);
        if (!r.ok)
            state.SkipWithError(r.error.toStdString().c_str());
        benchmark::DoNotOptimize(r.loudnessLufs);
    }
}

void BM_ScanMixFile(benchmark::State& state)
{
    const QString mix = QString::fromStdString(files().mix);
    for (auto _ : state) {
        const earlab::ScanResult r = earlab::scanFile(mix);
        if (!r.ok)
            state.SkipWithError(r.error.toStdString().c_str());
        benchmark::DoNotOptimize(r.loudnessLufs);
    }
}

void BM_PrepareLoopStemFolder(benchmark::State& state)
{
    const earlab::ScanResult scan = earlab::scanStemFolder(QString::fromStdString(files().folder));
    const earlab::MaterialRef material = earlab::stemFolderMaterial(scan); // with the scan's region, as the app
    for (auto _ : state)
        benchmark::DoNotOptimize(earlab::prepareLoop(material));
}

void BM_PrepareLoopMixFile(benchmark::State& state)
{
    const earlab::ScanResult scan = earlab::scanFile(QString::fromStdString(files().mix));
    earlab::MaterialRef material;
    material.kind = earlab::MaterialRef::Kind::UserFile;
    material.path = scan.path;
    material.id = "file:" + scan.path;
    material.region = scan.region;
    for (auto _ : state)
        benchmark::DoNotOptimize(earlab::prepareLoop(material));
}

} // namespace

BENCHMARK(BM_ScanStemFolder)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ScanMixFile)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PrepareLoopStemFolder)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PrepareLoopMixFile)->Unit(benchmark::kMillisecond)->Iterations(3);
