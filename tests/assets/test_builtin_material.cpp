// The built-in loops as the app will find them: files present and loadable, the promised
// format, length, loudness and peak, the mix equal to the sum of its stems, energy in every
// octave the EQ exercises ask about, a seamless loop point, the documented tempo and chord
// progression, and three styles that really differ.

#include "assets/builtin_material.h"
#include "assets/material_analysis.h"
#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>

using namespace earlab;

namespace {

struct Loaded {
    LoadedAudio mix;
    std::map<std::string, LoadedAudio> stems;
};

// Chords as pitch-class sets, one entry per (start beat, pitch classes), as documented in
// assets/README.md. Jazz voicings are rootless, so their sets are the voiced tones.
using Progression = std::vector<std::pair<double, std::set<int>>>;

Progression popRock()
{
    const std::set<int> G{7, 11, 2}, D{2, 6, 9}, Em{4, 7, 11}, C{0, 4, 7};
    Progression p;
    const std::vector<std::set<int>> bars = {G, D, Em, C, G, D, Em, C, Em, C, G, D, Em, C, G, D};
    for (std::size_t b = 0; b < bars.size(); ++b)
        p.emplace_back(b * 4.0, bars[b]);
    return p;
}
Progression electronic()
{
    const std::set<int> Am{9, 0, 4}, F{5, 9, 0}, C{0, 4, 7}, G{7, 11, 2};
    Progression p;
    for (int b = 0; b < 16; ++b)
        p.emplace_back(b * 4.0, std::vector<std::set<int>>{Am, F, C, G}[std::size_t(b % 4)]);
    return p;
}
Progression jazz()
{
    // Rootless A/B voicings: dominant 3 13 b7 9, minor b3 5 b7 9, diminished all four.
    const std::set<int> F7{9, 2, 3, 7}, Bb7{2, 7, 8, 0}, Cm7{3, 7, 10, 2}, Bdim{11, 2, 5, 8}, D7{6, 11, 0, 4},
        Gm7{10, 2, 5, 9}, C7{4, 9, 10, 2};
    return {{0, F7}, {4, Bb7}, {8, F7}, {12, Cm7}, {14, F7}, {16, Bb7}, {20, Bdim}, {24, F7}, {28, D7},
            {32, Gm7}, {36, C7}, {40, F7}, {42, D7}, {44, Gm7}, {46, C7}};
}

} // namespace

class TestBuiltinMaterial : public QObject {
    Q_OBJECT

    std::map<std::string, Loaded> loaded_;

    const Loaded& get(const BuiltinLoop& loop) { return loaded_.at(loop.id); }

private slots:
    void initTestCase()
    {
        // EARLAB_MATERIAL_DIR, if set, points the tests at other material (an installed copy).
        qInfo("material directory: %s", materialDirectory().c_str());
        for (const BuiltinLoop& loop : builtinLoops()) {
            Loaded l;
            l.mix = loadAudioFile(materialPath(loop.mixFile));
            for (const auto& [name, file] : loop.stems)
                l.stems[name] = loadAudioFile(materialPath(file));
            loaded_[loop.id] = std::move(l);
        }
    }

    void catalogue()
    {
        const auto& loops = builtinLoops();
        QCOMPARE(loops.size(), std::size_t(3));
        std::set<std::string> ids, styles;
        for (const BuiltinLoop& loop : loops) {
            ids.insert(loop.id);
            styles.insert(loop.style);
            QVERIFY(!loop.title.empty());
            QVERIFY(loop.bpm >= 60 && loop.bpm <= 180);
            QVERIFY2(loop.seconds >= 20 && loop.seconds <= 40, loop.id.c_str());
            QCOMPARE(loop.stems.size(), std::size_t(4));
            const std::vector<std::string> names = {"drums", "bass", "harmony", "melody"};
            for (std::size_t k = 0; k < names.size(); ++k)
                QCOMPARE(loop.stems[k].first, names[k]);
            QCOMPARE(findBuiltinLoop(loop.id), &loop);
        }
        QCOMPARE(ids.size(), std::size_t(3));
        QCOMPARE(styles, (std::set<std::string>{"pop-rock", "electronic", "acoustic-jazz"}));
        QVERIFY(findBuiltinLoop("pink") == nullptr); // pink noise is made, not stored
    }

    void directoryLookup()
    {
        const QByteArray saved = qgetenv("EARLAB_MATERIAL_DIR");
        qunsetenv("EARLAB_MATERIAL_DIR");
        const std::string found = materialDirectory(); // the build tree: tests run from it
        QVERIFY(std::filesystem::is_directory(found));
        QVERIFY(std::filesystem::exists(std::filesystem::path(found) / builtinLoops().front().mixFile));
        qputenv("EARLAB_MATERIAL_DIR", "/nonexistent/elsewhere");
        QCOMPARE(materialDirectory(), std::string("/nonexistent/elsewhere"));
        QCOMPARE(materialPath("x.wav"), std::string("/nonexistent/elsewhere/x.wav"));
        qunsetenv("EARLAB_MATERIAL_DIR");
        QCOMPARE(materialDirectory(), found);
        if (!saved.isEmpty())
            qputenv("EARLAB_MATERIAL_DIR", saved);
    }

    void formatAndLength()
    {
        for (const BuiltinLoop& loop : builtinLoops()) {
            const Loaded& l = get(loop);
            std::vector<const LoadedAudio*> files = {&l.mix};
            for (const auto& [name, a] : l.stems)
                files.push_back(&a);
            for (const LoadedAudio* f : files) {
                QCOMPARE(f->info.format, std::string("WAV"));
                QCOMPARE(f->info.encoding, std::string("float 32-bit"));
                QCOMPARE(f->info.channels, 2);
                QCOMPARE(f->info.sampleRate, 48000);
                QCOMPARE(f->info.frames, std::int64_t(std::llround(loop.seconds * 48000)));
                QVERIFY(f->info.durationSeconds >= 20 && f->info.durationSeconds <= 40);
            }
        }
    }

    void mixIsSumOfStems()
    {
        for (const BuiltinLoop& loop : builtinLoops()) {
            const Loaded& l = get(loop);
            double worst = 0;
            for (std::size_t c = 0; c < 2; ++c)
                for (std::size_t i = 0; i < l.mix.audio.frames(); ++i) {
                    double sum = 0;
                    for (const auto& [name, file] : loop.stems)
                        sum += l.stems.at(name).audio.channels[c][i];
                    worst = std::max(worst, std::abs(sum - l.mix.audio.channels[c][i]));
                }
            qInfo("%s: |mix - sum of stems| <= %.2e", loop.id.c_str(), worst);
            QVERIFY2(worst < 1e-4, loop.id.c_str());
            // Every stem carries real signal: a silent stem would make balance exercises moot.
            for (const auto& [name, a] : l.stems)
                QVERIFY2(measureLoudness(a.audio).integratedLufs > -40, (loop.id + " " + name).c_str());
        }
    }

    void loudnessAndPeak()
    {
        for (const BuiltinLoop& loop : builtinLoops()) {
            const AudioBuffer& mix = get(loop).mix.audio;
            float peak = 0;
            for (const auto& ch : mix.channels)
                for (float v : ch)
                    peak = std::max(peak, std::abs(v));
            const double peakDb = 20 * std::log10(peak);
            const Loudness lu = measureLoudness(mix);
            qInfo("%s: %.2f LUFS, sample peak %.2f dBFS, true peak %.2f dBTP", loop.id.c_str(), lu.integratedLufs,
                  peakDb, lu.truePeakDbtp);
            QVERIFY2(peakDb <= -1.0, loop.id.c_str());
            QVERIFY2(std::abs(lu.integratedLufs + 16.0) <= 2.0, loop.id.c_str());
        }
    }

    void energyInEveryOctave()
    {
        for (const BuiltinLoop& loop : builtinLoops()) {
            const auto levels = test::octaveBandLevelsDb(get(loop).mix.audio);
            const double top = *std::max_element(levels.begin(), levels.end());
            QString line;
            for (std::size_t b = 0; b < levels.size(); ++b)
                line += QStringLiteral(" %1:%2").arg(test::kOctaveCentres[b]).arg(levels[b] - top, 0, 'f', 1);
            qInfo("%s band levels re loudest (dB):%s", loop.id.c_str(), qPrintable(line));
            for (std::size_t b = 0; b < levels.size(); ++b)
                QVERIFY2(levels[b] >= top - 30.0,
                         qPrintable(QStringLiteral("%1: %2 Hz band is %3 dB below the loudest")
                                        .arg(loop.id.c_str())
                                        .arg(test::kOctaveCentres[b])
                                        .arg(top - levels[b])));
        }
    }

    void seamlessLoopPoint()
    {
        for (const BuiltinLoop& loop : builtinLoops()) {
            const Loaded& l = get(loop);
            std::vector<std::pair<std::string, const AudioBuffer*>> files = {{"mix", &l.mix.audio}};
            for (const auto& [name, a] : l.stems)
                files.emplace_back(name, &a.audio);
            for (const auto& [name, audio] : files) {
                const std::string what = loop.id + " " + name;
                // No click: the step from the last sample to the first is an ordinary step.
                for (const auto& ch : audio->channels) {
                    std::vector<float> steps(ch.size() - 1);
                    for (std::size_t i = 0; i + 1 < ch.size(); ++i)
                        steps[i] = std::abs(ch[i + 1] - ch[i]);
                    auto p999 = steps.begin() + std::ptrdiff_t(steps.size() * 999 / 1000);
                    std::nth_element(steps.begin(), p999, steps.end());
                    const float wrap = std::abs(ch.front() - ch.back());
                    QVERIFY2(wrap < *p999, qPrintable(QStringLiteral("%1: wrap step %2 >= 99.9th percentile %3")
                                                          .arg(what.c_str())
                                                          .arg(double(wrap))
                                                          .arg(double(*p999))));
                }
                // No level jump: the RMS change (10 ms windows) across the seam is no larger
                // than the largest change inside the file in the same direction. Rises are
                // onsets, which the music has everywhere; a fall would be a missing tail,
                // which it has nowhere else, since things decay smoothly.
                // Levels more than 50 dB under the file's RMS count as that floor: a step
                // up from near silence (a stem resting, then playing) is no click.
                const std::size_t w = 480;
                const double floorDb = test::windowRmsDb(*audio, 0, audio->frames()) - 50.0;
                const auto rms = [&](std::ptrdiff_t at) { return std::max(floorDb, test::windowRmsDb(*audio, at, w)); };
                double maxRise = 0, maxFall = 0;
                double previous = rms(0);
                for (std::size_t at = w; at + w <= audio->frames(); at += w) {
                    const double level = rms(std::ptrdiff_t(at));
                    maxRise = std::max(maxRise, level - previous);
                    maxFall = std::max(maxFall, previous - level);
                    previous = level;
                }
                const double seam = rms(0) - rms(-std::ptrdiff_t(w));
                QVERIFY2(seam <= maxRise + 1.0 && -seam <= maxFall + 1.0,
                         qPrintable(QStringLiteral("%1: RMS step at the seam %2 dB; inside: rises <= %3, falls <= %4 dB")
                                        .arg(what.c_str())
                                        .arg(seam)
                                        .arg(maxRise)
                                        .arg(maxFall)));
            }
        }
    }

    void tempoMatchesCatalogue()
    {
        std::vector<double> tempi;
        for (const BuiltinLoop& loop : builtinLoops()) {
            const double bpm = test::estimateTempoBpm(get(loop).mix.audio);
            qInfo("%s: detected %.2f BPM (catalogue %.1f)", loop.id.c_str(), bpm, loop.bpm);
            QVERIFY2(std::abs(bpm - loop.bpm) / loop.bpm < 0.01, loop.id.c_str());
            tempi.push_back(bpm);
        }
        for (std::size_t a = 0; a < tempi.size(); ++a)
            for (std::size_t b = a + 1; b < tempi.size(); ++b)
                QVERIFY(std::abs(tempi[a] - tempi[b]) / tempi[a] > 0.02);
    }

    void stylesDiffer()
    {
        std::vector<std::array<double, 9>> profiles;
        for (const BuiltinLoop& loop : builtinLoops()) {
            auto levels = test::octaveBandLevelsDb(get(loop).mix.audio);
            qInfo("%s: band centroid %.0f Hz", loop.id.c_str(), test::bandCentroidHz(levels));
            const double top = *std::max_element(levels.begin(), levels.end());
            for (double& v : levels)
                v -= top;
            profiles.push_back(levels);
        }
        // Spectral balance: the three octave profiles differ by > 2 dB RMS pairwise.
        for (std::size_t a = 0; a < profiles.size(); ++a)
            for (std::size_t b = a + 1; b < profiles.size(); ++b) {
                double ss = 0;
                for (std::size_t k = 0; k < 9; ++k)
                    ss += (profiles[a][k] - profiles[b][k]) * (profiles[a][k] - profiles[b][k]);
                QVERIFY2(std::sqrt(ss / 9) > 2.0, qPrintable(QStringLiteral("profiles %1 and %2 alike").arg(a).arg(b)));
            }
    }

    void harmonyFollowsProgression()
    {
        const std::map<std::string, Progression> progressions = {
            {"pop-rock", popRock()}, {"electronic", electronic()}, {"acoustic-jazz", jazz()}};
        bool allGood = true;
        for (const BuiltinLoop& loop : builtinLoops()) {
            const AudioBuffer& harmony = get(loop).stems.at("harmony").audio;
            const Progression& p = progressions.at(loop.id);
            const double beatFrames = 48000.0 * 60.0 / loop.bpm;
            const double totalBeats = loop.seconds * loop.bpm / 60.0;
            int good = 0;
            double worstShare = 1.0;
            for (std::size_t k = 0; k < p.size(); ++k) {
                const double end = k + 1 < p.size() ? p[k + 1].first : totalBeats;
                // Skip the first 0.3 beat: the previous chord's release still rings there.
                const auto from = std::size_t((p[k].first + 0.3) * beatFrames);
                const auto to = std::size_t(end * beatFrames);
                const auto c = test::chroma(harmony, from, to);
                double share = 0;
                for (int pc : p[k].second)
                    share += c[std::size_t(pc)];
                std::vector<int> order(12);
                std::iota(order.begin(), order.end(), 0);
                std::sort(order.begin(), order.end(), [&](int a, int b) { return c[std::size_t(a)] > c[std::size_t(b)]; });
                // Most of the energy on chord tones, and the two strongest pitch classes among
                // them (a third strongest may be a harmonic: E's 3rd harmonic is B).
                const bool top2 = p[k].second.count(order[0]) && p[k].second.count(order[1]);
                worstShare = std::min(worstShare, share);
                if (top2 && share > 0.7) {
                    ++good;
                } else {
                    QString detail;
                    for (int i = 0; i < 4; ++i)
                        detail += QStringLiteral(" pc%1=%2").arg(order[std::size_t(i)]).arg(c[std::size_t(order[std::size_t(i)])], 0, 'f', 2);
                    qInfo("%s: chord at beat %.1f not clear: share %.2f,%s", loop.id.c_str(), p[k].first, share,
                          qPrintable(detail));
                }
            }
            qInfo("%s: %d of %zu chords found in the harmony stem; smallest chord-tone share %.2f", loop.id.c_str(), good,
                  p.size(), worstShare);
            allGood = allGood && good == int(p.size());
        }
        QVERIFY(allGood);
    }
};

QTEST_GUILESS_MAIN(TestBuiltinMaterial)
#include "test_builtin_material.moc"
