// resample() measured: frequency by Goertzel and zero crossings, level by RMS, length by
// the formula round(frames * ratio), timing by an impulse.
#include "audio/audio_error.h"
#include "audio/io/resampler.h"
#include "support/test_signals.h"

#include <QtTest/QtTest>

#include <cmath>
#include <numbers>

using namespace earlab;

namespace {
// Amplitude of the `hz` component of x (Goertzel over whole periods is exact for a pure tone).
double goertzelAmplitude(std::span<const float> x, double hz, double rate)
{
    const double w = 2.0 * std::numbers::pi * hz / rate;
    double re = 0, im = 0;
    for (std::size_t n = 0; n < x.size(); ++n) {
        re += x[n] * std::cos(w * double(n));
        im -= x[n] * std::sin(w * double(n));
    }
    return 2.0 * std::hypot(re, im) / double(x.size());
}

// Frequency from rising zero crossings with linear interpolation of the crossing times.
double zeroCrossingFrequency(std::span<const float> x, double rate)
{
    double first = -1, last = -1;
    int count = 0;
    for (std::size_t n = 1; n < x.size(); ++n) {
        if (x[n - 1] < 0.0f && x[n] >= 0.0f) {
            const double t = double(n - 1) + double(-x[n - 1]) / double(x[n] - x[n - 1]);
            if (first < 0)
                first = t;
            else
                ++count;
            last = t;
        }
    }
    return count > 0 ? rate * count / (last - first) : 0.0;
}
} // namespace

class TestResampler : public QObject {
    Q_OBJECT
private slots:
    void sine44100To48000()
    {
        const std::size_t frames = 44100 * 2 + 17;
        const AudioBuffer in = test::sine(1000.0, -6.0, 44100.0, frames);
        const AudioBuffer out = resample(in, 48000.0);
        QCOMPARE(out.sampleRate, 48000.0);
        QCOMPARE(out.channelCount(), std::size_t(2));
        QCOMPARE(out.frames(), std::size_t(std::llround(double(frames) * 48000.0 / 44100.0)));
        QCOMPARE(out.channels[1].size(), out.frames());

        // Middle second: away from the filter's start and end transients; 48000 samples hold
        // exactly 1000 periods.
        const std::span<const float> mid(out.channels[0].data() + 24000, 48000);
        const double freq = zeroCrossingFrequency(mid, 48000.0);
        QVERIFY2(std::abs(freq - 1000.0) < 0.05, qPrintable(QString("frequency %1 Hz").arg(freq, 0, 'f', 4)));
        const double amplitudeDb = 20.0 * std::log10(goertzelAmplitude(mid, 1000.0, 48000.0));
        QVERIFY2(std::abs(amplitudeDb - (-6.0)) < 0.1, qPrintable(QString("amplitude %1 dB").arg(amplitudeDb)));
        const double rms = test::rmsDb(mid);
        const double expectedRms = -6.0 - 10.0 * std::log10(2.0);
        QVERIFY2(std::abs(rms - expectedRms) < 0.1, qPrintable(QString("rms %1 dB, want %2").arg(rms).arg(expectedRms)));
    }

    void sine48000To44100()
    {
        const std::size_t frames = 48000;
        const AudioBuffer out = resample(test::sine(997.0, -1.0, 48000.0, frames, 1), 44100.0);
        QCOMPARE(out.frames(), std::size_t(44100));
        const std::span<const float> mid(out.channels[0].data() + 4410, 44100 - 8820);
        QVERIFY(std::abs(zeroCrossingFrequency(mid, 44100.0) - 997.0) < 0.05);
        QVERIFY(std::abs(20.0 * std::log10(goertzelAmplitude(mid, 997.0, 44100.0)) + 1.0) < 0.1);
    }

    void impulseKeepsItsTime()
    {
        AudioBuffer in = AudioBuffer::silence(1, 44100, 44100.0);
        in.channels[0][10000] = 1.0f;
        const AudioBuffer out = resample(in, 48000.0);
        std::size_t peakAt = 0;
        for (std::size_t i = 0; i < out.frames(); ++i)
            if (std::abs(out.channels[0][i]) > std::abs(out.channels[0][peakAt]))
                peakAt = i;
        const double expected = 10000.0 * 48000.0 / 44100.0; // 10884.35
        QVERIFY2(std::abs(double(peakAt) - expected) <= 1.0, qPrintable(QString("peak at %1").arg(peakAt)));
    }

    void sameRateIsACopy()
    {
        const AudioBuffer in = test::sine(440.0, -3.0, 44100.0, 1000, 3);
        const AudioBuffer out = resample(in, 44100.0);
        QCOMPARE(out.channels, in.channels);
        QCOMPARE(out.sampleRate, 44100.0);
    }

    void manyChannelsStayAligned()
    {
        const AudioBuffer out = resample(test::sine(1000.0, -6.0, 44100.0, 4410, 5), 96000.0);
        QCOMPARE(out.channelCount(), std::size_t(5));
        QCOMPARE(out.frames(), std::size_t(9600));
        for (std::size_t c = 1; c < 5; ++c)
            QCOMPARE(out.channels[c], out.channels[0]);
    }

    void streamInAnyBlocksEqualsWhole()
    {
        const AudioBuffer in = test::sine(1234.5, -3.0, 44100.0, 100000, 3);
        const AudioBuffer whole = resample(in, 48000.0);
        StreamResampler stream(3, 44100.0, 48000.0);
        AudioBuffer out;
        out.channels.resize(3);
        std::size_t pos = 0;
        const std::size_t sizes[] = {1, 7, 1000, 65536, 4096, 333};
        for (std::size_t k = 0; pos < in.frames(); ++k) {
            const std::size_t n = std::min(sizes[k % 6], in.frames() - pos);
            AudioBuffer block;
            block.sampleRate = 44100.0;
            for (const auto& ch : in.channels)
                block.channels.emplace_back(ch.begin() + std::ptrdiff_t(pos), ch.begin() + std::ptrdiff_t(pos + n));
            stream.process(block, out);
            pos += n;
        }
        stream.finish(out);
        QCOMPARE(out.sampleRate, 48000.0);
        QCOMPARE(out.frames(), whole.frames());
        QCOMPARE(test::maxAbsDifference(out.channels[2], whole.channels[2]), 0.0);
        QCOMPARE(out.channels, whole.channels);
    }

    void invalidRatesThrow()
    {
        const AudioBuffer in = test::sine(1000.0, -6.0, 44100.0, 100);
        for (double bad : {0.0, -48000.0, std::nan("")}) {
            try {
                resample(in, bad);
                QFAIL("no exception");
            } catch (const AudioError& e) {
                QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
            }
        }
        AudioBuffer noRate = in;
        noRate.sampleRate = 0.0;
        QVERIFY_THROWS_EXCEPTION(AudioError, resample(noRate, 48000.0));
    }
};

QTEST_APPLESS_MAIN(TestResampler)
#include "test_resampler.moc"
