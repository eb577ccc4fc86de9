// The master safety limiter: overdriven signals never pass the ceiling, neither in their
// samples nor in their true peak (measured by libebur128, not by the limiter's own
// interpolator); quiet signals pass untouched apart from the look-ahead delay.

#include "audio/dsp/limiter.h"
#include "audio/dsp/pink_noise.h"
#include "audio/io/loudness.h"
#include "dsp_test_helpers.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>

using namespace earlab;
using namespace earlab::dsp;

namespace {

constexpr double kFs = 48000.0;

AudioBuffer limit(const AudioBuffer& in, int block, double ceilingDb = -1.0)
{
    AudioBuffer out = in;
    Limiter l;
    l.setCeilingDb(ceilingDb);
    l.prepare(kFs, block);
    test::processInBlocks(out, block, [&](float* const* ch, int n, int f) {
        l.process(ch[0], n > 1 ? ch[1] : nullptr, f);
    });
    return out;
}

double maxAbs(const AudioBuffer& b)
{
    double m = 0.0;
    for (const auto& ch : b.channels)
        for (float v : ch)
            m = std::max(m, double(std::abs(v)));
    return m;
}

AudioBuffer scaled(AudioBuffer b, double gainDb)
{
    const float g = float(test::dbToLinear(gainDb));
    for (auto& ch : b.channels)
        for (auto& v : ch)
            v *= g;
    return b;
}

// Overdriven material: peaks 20 dB over the -1 dBFS ceiling.
std::vector<std::pair<const char*, AudioBuffer>> overdriven()
{
    std::vector<std::pair<const char*, AudioBuffer>> v;
    AudioBuffer pink = makePinkNoise(3.0, kFs, -20.0, 11, 2);
    v.emplace_back("pink", scaled(pink, 19.0 - test::peakDb(pink.channels[0])));
    v.emplace_back("sine 100 Hz", test::sine(100.0, 19.0, kFs, 96000, 2));
    v.emplace_back("sine 5 kHz", test::sine(5000.0, 19.0, kFs, 96000, 2));
    // Isolated single-sample spikes of both signs, on one channel or both, over quiet
    // noise; some closer together than the look-ahead window.
    AudioBuffer spikes = scaled(makePinkNoise(2.0, kFs, -40.0, 5, 2), 0.0);
    const float s = float(test::dbToLinear(19.0));
    for (std::size_t i = 1000, k = 0; i < spikes.frames(); i += (k % 3 == 0 ? 17 : 2011), ++k) {
        spikes.channels[k % 2][i] = (k % 4 < 2) ? s : -s;
        if (k % 5 == 0)
            spikes.channels[(k + 1) % 2][i] = -s;
    }
    v.emplace_back("spikes", spikes);
    // A single spike at the very first frame.
    AudioBuffer first = AudioBuffer::silence(2, 1000, kFs);
    first.channels[0][0] = s;
    v.emplace_back("first-frame spike", first);
    return v;
}

} // namespace

class TestLimiter : public QObject {
    Q_OBJECT

private slots:
    void latencyIsAboutOneMillisecond()
    {
        Limiter l;
        l.prepare(kFs, 512);
        // The 1 ms box (B = 49 frames) plus the interpolator's 12 taps, less 2.
        QCOMPARE(l.latencyFrames(), 49 + 12 - 2);
        l.prepare(44100.0, 512);
        QCOMPARE(l.latencyFrames(), 45 + 12 - 2);
    }

    void overdrivenNeverPassesCeiling()
    {
        const double ceiling = std::pow(10.0, -1.0 / 20.0);
        for (auto& [name, in] : overdriven()) {
            const AudioBuffer out = limit(in, 256);
            const double peak = maxAbs(out);
            qInfo("%s: input peak %+.2f dBFS, output peak %.6f dBFS", name,
                  20 * std::log10(maxAbs(in)), 20 * std::log10(peak));
            QVERIFY2(peak <= ceiling, name);
            QVERIFY(test::allFinite(out));
        }
        // And the limiter does not just mute: a steady overdriven sine comes out close to
        // the ceiling.
        const AudioBuffer sineOut = limit(test::sine(100.0, 19.0, kFs, 96000, 2), 256);
        QVERIFY(test::peakDb(test::window(sineOut, 0, 48000, 48000)) > -1.5);
    }

    void truePeakNeverPassesCeiling()
    {
        auto material = overdriven();
        // A sine at a quarter of the rate, sampled 45 degrees off its crests: every sample is
        // 3 dB under the true peak, so a sample-peak limiter lets it through 3 dB too hot.
        AudioBuffer quarter = AudioBuffer::silence(2, 96000, kFs);
        for (std::size_t i = 0; i < quarter.frames(); ++i)
            for (auto& ch : quarter.channels)
                ch[i] = float(2.0 * std::sin(M_PI / 2.0 * double(i) + M_PI / 4.0));
        material.emplace_back("sine fs/4 at 45 degrees", quarter);
        material.emplace_back("sine 15 kHz", test::sine(15000.0, 12.0, kFs, 96000, 2));
        material.emplace_back("sine 19 kHz", test::sine(19000.0, 6.0, kFs, 96000, 2));
        for (double ceiling : {-1.0, -3.0}) {
            for (auto& [name, in] : material) {
                const AudioBuffer out = limit(in, 256, ceiling);
                const double tp = measureLoudness(out).truePeakDbtp;
                qInfo("%s, ceiling %.1f: input true peak %+.2f dBTP, output %+.3f dBTP", name, ceiling,
                      measureLoudness(in).truePeakDbtp, tp);
                QVERIFY2(tp <= ceiling, name);
            }
        }
    }

    void otherCeilings()
    {
        for (double c : {-0.1, -3.0, -6.0}) {
            Limiter l;
            l.setCeilingDb(c);
            QCOMPARE(l.ceilingDb(), c);
            const AudioBuffer out = limit(test::sine(1000.0, 15.0, kFs, 48000, 2), 128, c);
            QVERIFY(maxAbs(out) <= std::pow(10.0, c / 20.0));
        }
    }

    void quietSignalPassesDelayed()
    {
        // Peaks at -2 dBFS: below the ceiling, so only the look-ahead delay applies.
        AudioBuffer pink = makePinkNoise(2.0, kFs, -20.0, 23, 2);
        pink = scaled(pink, -2.0 - std::max(test::peakDb(pink.channels[0]), test::peakDb(pink.channels[1])));
        const AudioBuffer sine = test::sine(997.0, -1.05, kFs, 48000, 2);
        for (const AudioBuffer* in : {static_cast<const AudioBuffer*>(&pink), &sine}) {
            const AudioBuffer out = limit(*in, 100);
            Limiter l;
            l.prepare(kFs, 100);
            const std::size_t d = std::size_t(l.latencyFrames());
            for (std::size_t c = 0; c < 2; ++c) {
                for (std::size_t i = 0; i < d; ++i)
                    QCOMPARE(out.channels[c][i], 0.0f);
                const double diff = test::maxAbsDifference(
                    test::window(out, c, d, in->frames() - d), test::window(*in, c, 0, in->frames() - d));
                QVERIFY2(diff <= 1e-6, qPrintable(QString::number(diff)));
            }
        }
    }

    void recoversAfterOverload()
    {
        // After a burst, a quiet signal returns to unity gain (release ~50 ms).
        AudioBuffer in = test::sine(500.0, -10.0, kFs, 96000, 2);
        for (auto& ch : in.channels)
            for (std::size_t i = 9600; i < 14400; ++i)
                ch[i] *= 100.0f;
        const AudioBuffer out = limit(in, 512);
        Limiter l;
        l.prepare(kFs, 512);
        const std::size_t d = std::size_t(l.latencyFrames());
        const std::size_t from = 14400 + 48000; // 1 s = 20 release time constants later
        const double diff = test::maxAbsDifference(test::window(out, 0, from + d, 20000),
                                                   test::window(in, 0, from, 20000));
        QVERIFY2(diff <= 1e-6, qPrintable(QString::number(diff)));
    }

    void blockSizeIndependent()
    {
        for (auto& [name, in] : overdriven()) {
            const AudioBuffer ref = limit(in, int(in.frames()));
            for (int block : {1, 64, 256, 1000})
                QVERIFY2(test::bitIdentical(ref, limit(in, block)), name);
        }
    }

    void monoAndNonFinite()
    {
        AudioBuffer b = AudioBuffer::silence(1, 200, kFs);
        b.channels[0][10] = std::numeric_limits<float>::infinity();
        b.channels[0][20] = std::nanf("");
        b.channels[0][30] = 50.0f;
        const AudioBuffer out = limit(b, 64);
        QVERIFY(test::allFinite(out));
        QVERIFY(maxAbs(out) <= std::pow(10.0, -1.0 / 20.0));
    }
};

QTEST_APPLESS_MAIN(TestLimiter)
#include "test_limiter.moc"
