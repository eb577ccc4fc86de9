// The MUSHRA low-pass anchors (audio/compare/lowpass_anchor.h) on sines at 48 and 44.1 kHz:
// what passes is unchanged in level and time (the anchor stays aligned with the reference),
// what lies above the cutoff is gone, and a cutoff the rate cannot hold is refused.
// Run with  ctest -R test_lowpass_anchor -V  for the figures.

#include "audio/audio_error.h"
#include "audio/compare/lowpass_anchor.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace earlab;

namespace {

AudioBuffer stereoSine(double hz, double rate, double seconds)
{
    const auto frames = std::size_t(seconds * rate);
    AudioBuffer b = AudioBuffer::silence(2, frames, rate);
    for (std::size_t i = 0; i < frames; ++i)
        b.channels[0][i] = b.channels[1][i] = float(0.5 * std::sin(2 * std::numbers::pi * hz * double(i) / rate));
    return b;
}

// Over the middle, away from the filter's reach (4097 taps) into the zeros beyond the ends.
constexpr std::size_t kEdge = 8192;

double rmsDb(const std::vector<float>& x)
{
    double sum = 0;
    for (std::size_t i = kEdge; i < x.size() - kEdge; ++i)
        sum += double(x[i]) * x[i];
    return 10 * std::log10(sum / double(x.size() - 2 * kEdge));
}

double maxDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    double worst = 0;
    for (std::size_t i = kEdge; i < a.size() - kEdge; ++i)
        worst = std::max(worst, double(std::abs(a[i] - b[i])));
    return worst;
}

} // namespace

class TestLowpassAnchor : public QObject {
    Q_OBJECT

private slots:
    void passesBelowAndRemovesAboveTheCutoff_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("cutoff");
        QTest::newRow("3.5 kHz at 48 kHz") << 48000.0 << kMushraLowAnchorHz;
        QTest::newRow("7 kHz at 48 kHz") << 48000.0 << kMushraMidAnchorHz;
        QTest::newRow("3.5 kHz at 44.1 kHz") << 44100.0 << kMushraLowAnchorHz;
        QTest::newRow("7 kHz at 44.1 kHz") << 44100.0 << kMushraMidAnchorHz;
    }

    void passesBelowAndRemovesAboveTheCutoff()
    {
        QFETCH(double, rate);
        QFETCH(double, cutoff);
        // 100 Hz below: unchanged, sample for sample (linear phase, centred: no delay).
        const AudioBuffer below = stereoSine(cutoff - 100.0, rate, 1.0);
        const AudioBuffer passed = lowPassAnchor(below, cutoff);
        QCOMPARE(passed.sampleRate, rate);
        QCOMPARE(passed.frames(), below.frames());
        const double levelDb = rmsDb(passed.channels[0]) - rmsDb(below.channels[0]);
        const double difference = maxDifference(passed.channels[1], below.channels[1]);
        // 100 Hz above, and at 1.5 x the cutoff: gone.
        const double justAboveDb = rmsDb(lowPassAnchor(stereoSine(cutoff + 100.0, rate, 1.0), cutoff).channels[0]) -
                                   rmsDb(below.channels[0]);
        const double farAboveDb = rmsDb(lowPassAnchor(stereoSine(cutoff * 1.5, rate, 1.0), cutoff).channels[0]) -
                                  rmsDb(below.channels[0]);
        qInfo("%.0f Hz anchor at %.0f Hz: %.0f Hz passes at %+.6f dB (max |difference| %.2g), %.0f Hz at %.1f dB, "
              "%.0f Hz at %.1f dB",
              cutoff, rate, cutoff - 100, levelDb, difference, cutoff + 100, justAboveDb, cutoff * 1.5, farAboveDb);
        QVERIFY(std::abs(levelDb) < 0.001);
        QVERIFY(difference < 1e-4);
        QVERIFY(justAboveDb < -80.0);
        QVERIFY(farAboveDb < -90.0);
    }

    void refusesACutoffTheRateCannotHold()
    {
        QVERIFY_THROWS_EXCEPTION(AudioError, lowPassAnchor(stereoSine(1000.0, 12000.0, 0.5), kMushraMidAnchorHz));
        QVERIFY_THROWS_EXCEPTION(AudioError, lowPassAnchor(AudioBuffer{}, kMushraLowAnchorHz));
    }
};

QTEST_APPLESS_MAIN(TestLowpassAnchor)
#include "test_lowpass_anchor.moc"
