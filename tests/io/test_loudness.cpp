// Loudness against BS.1770-4's calibration points: a 997 Hz sine at -20 dBFS in both
// channels of a stereo programme reads -20.00 LUFS (the K-weighting is 0.691 dB at 997 Hz,
// which the -0.691 offset in the formula cancels), one channel alone reads 3.01 dB less.
#include "audio/audio_error.h"
#include "audio/io/loudness.h"
#include "support/test_signals.h"

#include <QtTest/QtTest>

#include <cmath>
#include <cstdint>

using namespace earlab;

namespace {
constexpr double kRate = 48000.0;
constexpr std::size_t kTenSeconds = 480000;

// Pink-ish noise: a 32-bit LCG through Paul Kellet's economy pink filter (-3 dB/octave
// within ~1 dB from 100 Hz up). Independent of anything in audio/.
AudioBuffer pinkNoise(std::size_t frames, double rate, float scale)
{
    AudioBuffer b = AudioBuffer::silence(2, frames, rate);
    for (std::size_t c = 0; c < 2; ++c) {
        std::uint32_t seed = 12345u + 7919u * std::uint32_t(c);
        double b0 = 0, b1 = 0, b2 = 0;
        for (std::size_t i = 0; i < frames; ++i) {
            seed = seed * 1664525u + 1013904223u;
            const double white = double(seed) / 4294967296.0 * 2.0 - 1.0;
            b0 = 0.99765 * b0 + white * 0.0990460;
            b1 = 0.96300 * b1 + white * 0.2965164;
            b2 = 0.57000 * b2 + white * 1.0526913;
            b.channels[c][i] = scale * float(b0 + b1 + b2 + white * 0.1848);
        }
    }
    return b;
}

void expectInvalidArgumentMentioning(const std::function<void()>& f, const QString& word)
{
    try {
        f();
        QFAIL("no exception");
    } catch (const AudioError& e) {
        QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
        QVERIFY2(QString(e.what()).contains(word), e.what());
    }
}
} // namespace

class TestLoudness : public QObject {
    Q_OBJECT
private slots:
    void stereoSineAtMinus20()
    {
        const Loudness l = measureLoudness(test::sine(997.0, -20.0, kRate, kTenSeconds, 2));
        qInfo("stereo 997 Hz -20 dBFS sine: %.4f LUFS, true peak %.3f dBTP", l.integratedLufs, l.truePeakDbtp);
        QVERIFY2(std::abs(l.integratedLufs - (-20.0)) <= 0.01, qPrintable(QString::number(l.integratedLufs, 'f', 4)));
    }

    void monoIsDualMono()
    {
        // Without dual mono this would be -23.01 LUFS (one channel's energy only).
        const Loudness l = measureLoudness(test::sine(997.0, -20.0, kRate, kTenSeconds, 1));
        qInfo("mono 997 Hz -20 dBFS sine: %.4f LUFS", l.integratedLufs);
        QVERIFY2(std::abs(l.integratedLufs - (-20.0)) <= 0.01, qPrintable(QString::number(l.integratedLufs, 'f', 4)));
    }

    void fivePointOneWeights()
    {
        // WAV 5.1 order L R C LFE Ls Rs. A surround channel alone weighs 1.41 (+1.49 dB):
        // -20 - 3.0103 + 10 log10(1.41); the LFE is not measured at all.
        AudioBuffer surround = AudioBuffer::silence(6, kTenSeconds, kRate);
        surround.channels[4] = test::sine(997.0, -20.0, kRate, kTenSeconds, 1).channels[0];
        const double expected = -20.0 - 10.0 * std::log10(2.0) + 10.0 * std::log10(1.41);
        const double measured = measureLoudness(surround).integratedLufs;
        QVERIFY2(std::abs(measured - expected) <= 0.01, qPrintable(QString("%1 vs %2").arg(measured).arg(expected)));

        AudioBuffer lfe = AudioBuffer::silence(6, kTenSeconds, kRate);
        lfe.channels[3] = surround.channels[4];
        QVERIFY(std::isinf(measureLoudness(lfe).integratedLufs));
    }

    void truePeakOfFullScaleSine()
    {
        const Loudness l = measureLoudness(test::sine(997.0, 0.0, kRate, kRate * 2, 2));
        qInfo("0 dBFS sine: true peak %.3f dBTP", l.truePeakDbtp);
        QVERIFY2(std::abs(l.truePeakDbtp) <= 0.2, qPrintable(QString::number(l.truePeakDbtp)));
    }

    void truePeakSeesInterSamplePeaks()
    {
        // fs/4 at 45 degrees phase: every sample is at 0.7071 (-3.01 dBFS) but the waveform
        // peaks at 1.0 between samples.
        AudioBuffer b = AudioBuffer::silence(1, 48000, kRate);
        for (std::size_t i = 0; i < b.frames(); ++i)
            b.channels[0][i] = float(std::sin(std::numbers::pi / 2.0 * double(i) + std::numbers::pi / 4.0));
        QVERIFY(test::peakDb(b.channels[0]) < -3.0);
        QVERIFY(std::abs(measureLoudness(b).truePeakDbtp) <= 0.2);
    }

    void truePeakIsTheLoudestChannels()
    {
        // Each channel's true peak is measured on a thread of its own: the result must be the
        // loudest channel's whichever channel that is, and the loudness must not change.
        for (std::size_t loud = 0; loud < 3; ++loud) {
            AudioBuffer b = AudioBuffer::silence(3, 48000, kRate);
            for (std::size_t c = 0; c < 3; ++c) {
                const double amplitude = c == loud ? 1.0 : 0.25; // 0 dBTP against -12.04
                for (std::size_t i = 0; i < b.frames(); ++i)
                    b.channels[c][i] =
                        float(amplitude * std::sin(std::numbers::pi / 2.0 * double(i) + std::numbers::pi / 4.0));
            }
            const Loudness l = measureLoudness(b);
            QVERIFY2(std::abs(l.truePeakDbtp) <= 0.2, qPrintable(QString("loud channel %1: %2 dBTP").arg(loud).arg(l.truePeakDbtp)));
            QCOMPARE(integratedLoudnessLufs(b), l.integratedLufs);
        }
    }

    void silenceIsMinusInfinity()
    {
        const Loudness l = measureLoudness(AudioBuffer::silence(2, kTenSeconds, kRate));
        QVERIFY(std::isinf(l.integratedLufs) && l.integratedLufs < 0);
        QVERIFY(std::isinf(l.truePeakDbtp) && l.truePeakDbtp < 0);
    }

    void emptyThrows()
    {
        expectInvalidArgumentMentioning([] { measureLoudness(AudioBuffer{}); }, "empty");
        expectInvalidArgumentMentioning([] { measureLoudness(AudioBuffer::silence(2, 0, kRate)); }, "empty");
    }

    void matchPinkNoiseToSine()
    {
        const AudioBuffer reference = test::sine(1000.0, -18.0, kRate, kTenSeconds, 2);
        const AudioBuffer candidate = pinkNoise(kTenSeconds, kRate, 0.01f);
        const double before = measureLoudness(candidate).integratedLufs;
        const double target = measureLoudness(reference).integratedLufs;
        const double gain = loudnessMatchGainDb(reference, candidate);

        AudioBuffer matched = candidate;
        applyGainDb(matched, gain);
        const double residual = measureLoudness(matched).integratedLufs - target;
        qInfo("pink %.3f LUFS -> sine %.3f LUFS: gain %+.4f dB, residual %.5f dB", before, target, gain, residual);
        QVERIFY2(std::abs(residual) <= 0.1, qPrintable(QString::number(residual)));
        QVERIFY2(std::abs(residual) < 0.02, qPrintable(QString::number(residual)));
        QVERIFY(std::abs(gain - (target - before)) < 0.5);
    }

    void matchAcrossTheAbsoluteGate()
    {
        // A quiet candidate with gaps: blocks near -70 LUFS move across the gate as the gain
        // changes, which is why the match re-measures.
        const AudioBuffer reference = pinkNoise(kTenSeconds, kRate, 0.2f);
        AudioBuffer candidate = test::sine(200.0, -60.0, kRate, kTenSeconds, 2);
        for (std::size_t i = 0; i < candidate.frames(); ++i)
            if ((i / 24000) % 3 == 0)
                for (auto& ch : candidate.channels)
                    ch[i] *= 0.01f;
        const double gain = loudnessMatchGainDb(reference, candidate);
        AudioBuffer matched = candidate;
        applyGainDb(matched, gain);
        const double residual = measureLoudness(matched).integratedLufs - measureLoudness(reference).integratedLufs;
        qInfo("gated case: gain %+.4f dB, residual %.5f dB", gain, residual);
        QVERIFY2(std::abs(residual) <= 0.1, qPrintable(QString::number(residual)));
    }

    void matchRefusesSilence()
    {
        const AudioBuffer sound = test::sine(1000.0, -18.0, kRate, kRate, 2);
        const AudioBuffer silent = AudioBuffer::silence(2, kRate, kRate);
        expectInvalidArgumentMentioning([&] { loudnessMatchGainDb(silent, sound); }, "reference");
        expectInvalidArgumentMentioning([&] { loudnessMatchGainDb(sound, silent); }, "candidate");
    }

    void applyGainIsTheFormula()
    {
        AudioBuffer b = test::sine(1000.0, -6.0, kRate, 1000, 2);
        const AudioBuffer original = b;
        applyGainDb(b, -12.0);
        const double factor = std::pow(10.0, -12.0 / 20.0);
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < 1000; ++i)
                QVERIFY(std::abs(b.channels[c][i] - original.channels[c][i] * factor) < 1e-7);
    }
};

QTEST_APPLESS_MAIN(TestLoudness)
#include "test_loudness.moc"
