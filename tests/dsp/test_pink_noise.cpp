// Pink noise: deterministic, -3 dB per octave (measured with Goertzel DFT bins), exact RMS.

#include "audio/audio_error.h"
#include "audio/dsp/pink_noise.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace earlab;
using namespace earlab::dsp;

namespace {

constexpr double kFs = 48000.0;

// Average power spectral density (arbitrary units) of `x` at frequency f: Hann-windowed
// Goertzel over consecutive segments of n samples, power averaged (Welch's method at a
// single frequency).
double psdAt(const std::vector<float>& x, double f, std::size_t n)
{
    static std::vector<double> hann;
    if (hann.size() != n) {
        hann.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            hann[i] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(i) / double(n));
    }
    const double w = 2.0 * std::numbers::pi * f / kFs;
    const double coeff = 2.0 * std::cos(w);
    double sum = 0.0;
    int segments = 0;
    for (std::size_t start = 0; start + n <= x.size(); start += n / 2, ++segments) {
        double s1 = 0.0, s2 = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double s0 = x[start + i] * hann[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        sum += s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }
    return sum / segments;
}

// Mean PSD over an octave band centred on fc, sampled at 16 log-spaced frequencies. For a
// 1/f spectrum the ratio of two such band means equals the ratio of their centres.
double octaveBandDb(const std::vector<float>& x, double fc)
{
    double sum = 0.0;
    constexpr int kPoints = 16;
    for (int k = 0; k < kPoints; ++k) {
        const double f = fc * std::pow(2.0, -0.5 + (k + 0.5) / kPoints);
        sum += psdAt(x, f, 4096);
    }
    return 10.0 * std::log10(sum / kPoints);
}

} // namespace

class TestPinkNoise : public QObject {
    Q_OBJECT

private slots:
    void deterministicPerSeed()
    {
        const AudioBuffer a = makePinkNoise(0.5, kFs, -20.0, 42);
        const AudioBuffer b = makePinkNoise(0.5, kFs, -20.0, 42);
        const AudioBuffer c = makePinkNoise(0.5, kFs, -20.0, 43);
        QVERIFY(a.channels == b.channels);
        QVERIFY(a.channels[0] != c.channels[0]);
        PinkNoise p(7), q(7), r(0);
        for (int i = 0; i < 1000; ++i) {
            const float v = p.next();
            QCOMPARE(v, q.next());
            QVERIFY(std::isfinite(r.next())); // seed 0 works too
        }
    }

    void slopeIsMinus3dBPerOctave()
    {
        const AudioBuffer noise = makePinkNoise(20.0, kFs, -20.0, 1, 1);
        const auto& x = noise.channels[0];
        const double b125 = octaveBandDb(x, 125.0);
        const double b4k = octaveBandDb(x, 4000.0);
        // 5 octaves at -3.01 dB each (PSD proportional to 1/f: 10 log10(1/32)).
        const double want = -10.0 * std::log10(32.0);
        qInfo("PSD 4 kHz band relative to 125 Hz band: %.2f dB (1/f: %.2f dB)", b4k - b125, want);
        QVERIFY(std::abs((b4k - b125) - want) <= 2.0);

        // Octave by octave, 63 Hz to 16 kHz.
        double prev = octaveBandDb(x, 62.5);
        QString line;
        for (double fc = 125.0; fc <= 16000.0; fc *= 2.0) {
            const double cur = octaveBandDb(x, fc);
            line += QString(" %1:%2").arg(fc).arg(cur - prev, 0, 'f', 2);
            QVERIFY2(std::abs((cur - prev) + 3.01) <= 1.0, qPrintable(QString("octave %1 Hz: %2 dB").arg(fc).arg(cur - prev)));
            prev = cur;
        }
        qInfo("per-octave change (dB):%s", qPrintable(line));
    }

    void rmsIsAsRequested()
    {
        for (double level : {-30.0, -20.0, -12.0, -3.0}) {
            const AudioBuffer n = makePinkNoise(2.0, kFs, level, 9, 2);
            QCOMPARE(n.frames(), std::size_t(96000));
            QCOMPARE(n.sampleRate, kFs);
            for (const auto& ch : n.channels)
                QVERIFY2(std::abs(test::rmsDb(ch) - level) <= 0.1, qPrintable(QString::number(test::rmsDb(ch))));
        }
    }

    void correlationOption()
    {
        const AudioBuffer same = makePinkNoise(1.0, kFs, -20.0, 5, 2, true);
        QVERIFY(same.channels[0] == same.channels[1]);
        const AudioBuffer indep = makePinkNoise(5.0, kFs, -20.0, 5, 3, false);
        for (std::size_t a = 0; a < 3; ++a)
            for (std::size_t b = a + 1; b < 3; ++b) {
                double sab = 0, saa = 0, sbb = 0;
                for (std::size_t i = 0; i < indep.frames(); ++i) {
                    const double x = indep.channels[a][i], y = indep.channels[b][i];
                    sab += x * y;
                    saa += x * x;
                    sbb += y * y;
                }
                const double rho = sab / std::sqrt(saa * sbb);
                qInfo("correlation of independent channels %zu/%zu: %.4f", a, b, rho);
                // Pink noise has long memory, so the sample correlation of 5 s spreads wider
                // than white noise's would; 0.1 still separates independent from shared.
                QVERIFY(std::abs(rho) < 0.1);
            }
    }

    void invalidArgumentsThrow()
    {
        auto throwsFor = [](auto fn, const char* name) {
            try {
                fn();
            } catch (const AudioError& e) {
                return e.kind() == AudioErrorKind::InvalidArgument && QString(e.what()).contains(name);
            }
            return false;
        };
        QVERIFY(throwsFor([] { makePinkNoise(0.0, kFs, -20, 1); }, "seconds"));
        QVERIFY(throwsFor([] { makePinkNoise(1.0, 0.0, -20, 1); }, "sampleRate"));
        QVERIFY(throwsFor([] { makePinkNoise(1.0, kFs, 1.0, 1); }, "rmsDbfs"));
        QVERIFY(throwsFor([] { makePinkNoise(1.0, kFs, -20, 1, 0); }, "channelCount"));
    }
};

QTEST_APPLESS_MAIN(TestPinkNoise)
#include "test_pink_noise.moc"
