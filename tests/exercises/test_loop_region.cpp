// Loop regions: the densest 15 s of a file, on real files made with sox, and the parts of
// the rule (dense beats quiet, wide beats narrow, whole file when short, zero-crossing start).

#include "audio/io/audio_file.h"
#include "exercises/band_energy.h"
#include "exercises/eq_bands.h"
#include "exercises/loop_region.h"
#include "support/process_runner.h"
#include "support/scratch_files.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace earlab;
using namespace earlab::test;

namespace {

AudioBuffer load(const QString& path)
{
    return loadAudioFile(path.toStdString()).audio;
}

AudioBuffer whiteNoise(double seconds, double rmsDbfs, double rate, unsigned seed)
{
    AudioBuffer b = AudioBuffer::silence(2, std::size_t(seconds * rate), rate);
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, float(std::pow(10.0, rmsDbfs / 20.0)));
    for (auto& channel : b.channels)
        for (float& s : channel)
            s = normal(rng);
    return b;
}

AudioBuffer concatenate(const std::vector<AudioBuffer>& parts)
{
    AudioBuffer out = AudioBuffer::silence(2, 0, parts.front().sampleRate);
    for (const AudioBuffer& part : parts)
        for (std::size_t c = 0; c < 2; ++c)
            out.channels[c].insert(out.channels[c].end(), part.channels[c].begin(), part.channels[c].end());
    return out;
}

} // namespace

class TestLoopRegion : public QObject {
    Q_OBJECT

private slots:
    void picksTheLoudPartBetweenQuietOnes()
    {
        // 20 s quiet, 15 s loud noise, 20 s quiet: the region is the loud part.
        const QString dir = scratch("loop-loud");
        const QString quiet = dir + "/quiet.wav", loud = dir + "/loud.wav", song = dir + "/song.flac";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", "-b", "24", quiet, "synth", "20", "pinknoise", "gain", "-45"}), QString());
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", "-b", "24", loud, "synth", "15", "whitenoise", "gain", "-12"}), QString());
        QCOMPARE(sox({quiet, loud, quiet, song}), QString());

        const AudioBuffer audio = load(song);
        QVERIFY(std::abs(audio.durationSeconds() - 55.0) < 0.01);
        const TimeRegion region = pickDenseRegion(audio);
        QVERIFY2(std::abs(region.startSeconds - 20.0) < 1.0, qPrintable(QString::number(region.startSeconds)));
        QVERIFY(std::abs(region.lengthSeconds - 15.0) < 1e-3);
        QVERIFY(region.startSeconds + region.lengthSeconds <= audio.durationSeconds() + 1e-9);
    }

    void shorterThanTheLengthGivesTheWholeFile()
    {
        const QString path = scratch("loop-short") + "/short.wav";
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "2", path, "synth", "10", "pinknoise", "gain", "-20"}), QString());
        const AudioBuffer audio = load(path);
        const TimeRegion region = pickDenseRegion(audio);
        QCOMPARE(region.startSeconds, 0.0);
        QCOMPARE(region.lengthSeconds, audio.durationSeconds());
        QVERIFY(std::abs(region.lengthSeconds - 10.0) < 1e-6);

        // Exactly as long as asked, a non-positive length, and nothing at all.
        QCOMPARE(pickDenseRegion(audio, 10.0), (TimeRegion{0.0, audio.durationSeconds()}));
        QCOMPARE(pickDenseRegion(audio, 0.0), (TimeRegion{0.0, audio.durationSeconds()}));
        QCOMPARE(pickDenseRegion(audio, std::nan("")), (TimeRegion{0.0, audio.durationSeconds()}));
        QCOMPARE(pickDenseRegion(AudioBuffer{}), (TimeRegion{0.0, 0.0}));
    }

    void avoidsAFadeInAndAFadeOut()
    {
        // 60 s of noise with 20 s linear fades at both ends: the 15 s lie in the flat middle,
        // give or take the first 3 s of a fade (which lose under 1.5 dB).
        const QString path = scratch("loop-fade") + "/fade.flac";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", path, "synth", "60", "pinknoise", "gain", "-15",
                      "fade", "t", "20", "60", "20"}),
                 QString());
        const TimeRegion region = pickDenseRegion(load(path));
        QVERIFY2(region.startSeconds >= 17.0 && region.startSeconds + region.lengthSeconds <= 43.0,
                 qPrintable(QString::number(region.startSeconds)));
    }

    void prefersWideBandsAtEqualLoudness()
    {
        // 20 s of a 1 kHz tone, then 20 s of white noise at the same RMS: only the noise
        // has energy in every band, so the region lies in it.
        const double rate = 44100;
        AudioBuffer tone = test::sine(1000.0, -20.0 + 3.0103, rate, std::size_t(20 * rate)); // RMS -20 dBFS
        AudioBuffer noise = whiteNoise(20.0, -20.0, rate, 7);
        QVERIFY(std::abs(test::rmsDb(tone.channels[0]) - test::rmsDb(noise.channels[0])) < 0.1);
        const TimeRegion region = pickDenseRegion(concatenate({tone, noise}));
        QVERIFY2(region.startSeconds >= 19.99, qPrintable(QString::number(region.startSeconds)));

        // And the other way round, so position is not what decides.
        const TimeRegion swapped = pickDenseRegion(concatenate({noise, tone}));
        QVERIFY2(swapped.startSeconds + swapped.lengthSeconds <= 20.01, qPrintable(QString::number(swapped.startSeconds)));
    }

    void startsNearAZeroCrossing()
    {
        // A low sine under noise-free conditions: the start must sit where the signal is
        // near zero, within 10 ms of the 100 ms grid.
        const double rate = 48000;
        AudioBuffer audio = concatenate({whiteNoise(5.0, -60.0, rate, 1),
                                         test::sine(50.0, -6.0, rate, std::size_t(30 * rate))});
        const TimeRegion region = pickDenseRegion(audio, 15.0);
        const auto frame = std::size_t(std::llround(region.startSeconds * rate));
        QCOMPARE(double(frame) / rate, region.startSeconds);
        const double onGrid = std::round(region.startSeconds * 10.0) / 10.0;
        QVERIFY(std::abs(region.startSeconds - onGrid) <= 0.0101);
        // Amplitude 0.5 at 50 Hz changes by at most 0.0066 per frame: near a crossing.
        QVERIFY2(std::abs(audio.channels[0][frame]) < 0.01, qPrintable(QString::number(audio.channels[0][frame])));
        QVERIFY(region.startSeconds >= 5.0 - 0.011);
    }

    void octaveLevelsMatchBandLevelsDb()
    {
        // analyseDensity's whole-file levels are bandLevelsDb's, at 44.1 and 32 kHz (where
        // 16 kHz lies above 0.49 fs and is -inf).
        for (double rate : {44100.0, 32000.0}) {
            AudioBuffer audio = whiteNoise(8.0, -20.0, rate, 3);
            const AudioBuffer tone = test::sine(250.0, -10.0, rate, audio.frames());
            for (std::size_t c = 0; c < 2; ++c)
                for (std::size_t i = 0; i < audio.frames(); ++i)
                    audio.channels[c][i] = 0.3f * audio.channels[c][i] + tone.channels[c][i];
            const DensityAnalysis analysis = analyseDensity(audio, 5.0);
            const std::vector<double> expected = bandLevelsDb(audio, octaveCentresHz());
            QCOMPARE(analysis.octaveLevelsDb.size(), expected.size());
            for (std::size_t b = 0; b < expected.size(); ++b) {
                if (std::isinf(expected[b])) {
                    QVERIFY(std::isinf(analysis.octaveLevelsDb[b]) && analysis.octaveLevelsDb[b] < 0);
                    continue;
                }
                QVERIFY2(std::abs(analysis.octaveLevelsDb[b] - expected[b]) < 0.01,
                         qPrintable(QStringLiteral("%1 Hz at %2: %3 vs %4").arg(octaveCentresHz()[b]).arg(rate)
                                        .arg(analysis.octaveLevelsDb[b]).arg(expected[b])));
            }
            QCOMPARE(std::isinf(analysis.octaveLevelsDb.back()), rate < 40000);
            QCOMPARE(analysis.region, pickDenseRegion(audio, 5.0));
        }
    }

    void monoAndMultichannelWork()
    {
        const double rate = 44100;
        AudioBuffer stereo = concatenate({whiteNoise(10.0, -50.0, rate, 4), whiteNoise(10.0, -10.0, rate, 5),
                                          whiteNoise(10.0, -50.0, rate, 6)});
        AudioBuffer mono;
        mono.sampleRate = rate;
        mono.channels = {stereo.channels[0]};
        AudioBuffer five = stereo;
        five.channels.push_back(stereo.channels[0]);
        five.channels.push_back(stereo.channels[1]);
        five.channels.push_back(stereo.channels[0]);
        for (const AudioBuffer* audio : {&mono, &stereo, &five}) {
            const TimeRegion region = pickDenseRegion(*audio, 8.0);
            QVERIFY2(region.startSeconds >= 9.98 && region.startSeconds <= 12.02,
                     qPrintable(QString::number(region.startSeconds)));
        }
    }
};

QTEST_GUILESS_MAIN(TestLoopRegion)
#include "test_loop_region.moc"
