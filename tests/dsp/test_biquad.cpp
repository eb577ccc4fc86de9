// The RBJ biquads, measured: sines through Biquad, RMS ratio in dB, compared with the
// cookbook's closed-form magnitude and with anchor values that do not depend on it.

#include "audio/audio_error.h"
#include "audio/dsp/biquad.h"
#include "audio/dsp/biquad_design.h"
#include "audio/dsp/pink_noise.h"
#include "dsp_test_helpers.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace earlab;
using namespace earlab::dsp;

namespace {

constexpr double kFs = 48000.0;
constexpr std::size_t kSettle = 24000;   // 0.5 s: > 20 time constants of every test filter
constexpr double kMeasureSeconds = 0.5;  // about; rounded to whole cycles

// Gain of `c` at `f` measured with a sine: settle, then RMS(out)/RMS(in) over whole cycles.
double measureGainDb(const BiquadCoefficients& c, double f)
{
    const double cycles = std::max(1.0, std::round(kMeasureSeconds * f));
    const std::size_t n = std::size_t(std::lround(cycles * kFs / f));
    AudioBuffer in = test::sine(f, -6.0, kFs, kSettle + n, 2);
    AudioBuffer out = in;
    Biquad bq;
    bq.setCoefficients(c);
    test::ChannelPointers p(out);
    bq.process(p.data(), p.count, int(out.frames()));
    const double left = test::rmsDb(test::window(out, 0, kSettle, n)) - test::rmsDb(test::window(in, 0, kSettle, n));
    const double right = test::rmsDb(test::window(out, 1, kSettle, n)) - test::rmsDb(test::window(in, 1, kSettle, n));
    if (left != right && !(std::isinf(left) && std::isinf(right)))
        return std::numeric_limits<double>::quiet_NaN(); // channels must be processed alike
    return left;
}

EqBand band(FilterType type, double f, double gainDb, double q)
{
    EqBand b;
    b.type = type;
    b.frequencyHz = f;
    b.gainDb = gainDb;
    b.q = q;
    return b;
}

double worstErrorDb = 0.0;

} // namespace

class TestBiquad : public QObject {
    Q_OBJECT

private slots:
    void matchesClosedForm_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<double>("f0");
        QTest::addColumn<double>("gainDb");
        QTest::addColumn<double>("q");
        QTest::newRow("peak 1k +9 Q1.4") << int(FilterType::Peak) << 1000.0 << 9.0 << 1.4;
        QTest::newRow("peak 100 -12 Q8") << int(FilterType::Peak) << 100.0 << -12.0 << 8.0;
        QTest::newRow("lowshelf 300 -8") << int(FilterType::LowShelf) << 300.0 << -8.0 << 0.7071;
        QTest::newRow("highshelf 4k +6") << int(FilterType::HighShelf) << 4000.0 << 6.0 << 0.7071;
        QTest::newRow("highshelf 8k -15 Q2") << int(FilterType::HighShelf) << 8000.0 << -15.0 << 2.0;
        QTest::newRow("lowpass 2k") << int(FilterType::LowPass) << 2000.0 << 0.0 << 0.7071;
        QTest::newRow("highpass 200 Q2") << int(FilterType::HighPass) << 200.0 << 0.0 << 2.0;
        QTest::newRow("bandpass 1k Q2") << int(FilterType::BandPass) << 1000.0 << 0.0 << 2.0;
        QTest::newRow("notch 3k Q4") << int(FilterType::Notch) << 3000.0 << 0.0 << 4.0;
    }

    void matchesClosedForm()
    {
        QFETCH(int, type);
        QFETCH(double, f0);
        QFETCH(double, gainDb);
        QFETCH(double, q);
        const auto c = designBiquad(band(FilterType(type), f0, gainDb, q), kFs);

        // 24 points, log-spaced 20 Hz to 20 kHz. Points where the response is below -40 dB
        // are skipped: there the float sine's own quantisation noise and the start-up
        // transient are no longer negligible against the filtered tone, so the measurement,
        // not the filter, would be tested.
        constexpr int kPoints = 24;
        double worst = 0.0;
        int measured = 0;
        for (int i = 0; i < kPoints; ++i) {
            const double f = 20.0 * std::pow(1000.0, double(i) / (kPoints - 1));
            const double expected = magnitudeDb(c, f, kFs);
            if (expected < -40.0)
                continue;
            const double got = measureGainDb(c, f);
            ++measured;
            const double err = std::abs(got - expected);
            worst = std::max(worst, err);
            if (!(err <= 0.05))
                QFAIL(qPrintable(QString("at %1 Hz measured %2 dB, closed form %3 dB")
                                     .arg(f).arg(got).arg(expected)));
        }
        QVERIFY(measured >= 20);
        worstErrorDb = std::max(worstErrorDb, worst);
        qInfo("%d points, worst |measured - closed form| = %.5f dB (all rows so far: %.5f dB)",
              measured, worst, worstErrorDb);
    }

    // Anchors below use values any EQ textbook states, independent of magnitudeDb().
    void peakGivesGainAtCentre_data()
    {
        QTest::addColumn<double>("gainDb");
        QTest::addColumn<double>("q");
        QTest::newRow("+9 Q1") << 9.0 << 1.0;
        QTest::newRow("-12 Q4") << -12.0 << 4.0;
        QTest::newRow("+30 Q0.5") << 30.0 << 0.5;
    }
    void peakGivesGainAtCentre()
    {
        QFETCH(double, gainDb);
        QFETCH(double, q);
        const double got = measureGainDb(designBiquad(band(FilterType::Peak, 1000.0, gainDb, q), kFs), 1000.0);
        qInfo("peak at f0: %.4f dB (want %.1f)", got, gainDb);
        QVERIFY2(std::abs(got - gainDb) <= 0.05, qPrintable(QString::number(got)));
    }

    void shelvesGiveGainFarAndHalfAtCorner()
    {
        for (double g : {9.0, -9.0}) {
            const auto low = designBiquad(band(FilterType::LowShelf, 1000.0, g, 0.7071), kFs);
            const auto high = designBiquad(band(FilterType::HighShelf, 1000.0, g, 0.7071), kFs);
            const double lowFar = measureGainDb(low, 20.0);
            const double lowMid = measureGainDb(low, 1000.0);
            const double highFar = measureGainDb(high, 20000.0);
            const double highMid = measureGainDb(high, 1000.0);
            qInfo("shelf %+.0f dB: low far %.4f, low f0 %.4f, high far %.4f, high f0 %.4f", g,
                  lowFar, lowMid, highFar, highMid);
            QVERIFY(std::abs(lowFar - g) <= 0.05);
            QVERIFY(std::abs(lowMid - g / 2) <= 0.05);
            QVERIFY(std::abs(highFar - g) <= 0.05);
            QVERIFY(std::abs(highMid - g / 2) <= 0.05);
        }
    }

    void notchRemovesCentre()
    {
        const double got = measureGainDb(designBiquad(band(FilterType::Notch, 1000.0, 0.0, 2.0), kFs), 1000.0);
        qInfo("notch at f0: %.1f dB", got);
        QVERIFY(got < -60.0);
    }

    void lowPassIsMinus3dBAtCorner()
    {
        const double got = measureGainDb(designBiquad(band(FilterType::LowPass, 1000.0, 0.0, 0.7071), kFs), 1000.0);
        const double want = 20.0 * std::log10(0.7071); // Butterworth: 1/sqrt2 at the corner
        qInfo("low pass at f0: %.4f dB (want %.4f)", got, want);
        QVERIFY(std::abs(got - want) <= 0.05);
        QVERIFY(std::abs(got - (-3.0103)) <= 0.05);
    }

    void rampStaysBoundedAndLands()
    {
        struct Pair { EqBand from, to; double bound; };
        const Pair pairs[] = {
            {band(FilterType::Peak, 1000.0, 12.0, 1.0), band(FilterType::LowPass, 200.0, 0.0, 4.0), 8.0},
            {band(FilterType::LowPass, 30.0, 0.0, 20.0), band(FilterType::HighPass, 15000.0, 0.0, 20.0), 100.0},
            {band(FilterType::Notch, 20.0, 0.0, 40.0), band(FilterType::Peak, 20000.0, 30.0, 40.0), 100.0},
        };
        const AudioBuffer noise = makePinkNoise(2.0, kFs, -12.0, 7, 2);
        const int rampStart = 12000, rampFrames = 4800;
        for (const auto& pr : pairs) {
            const auto a = designBiquad(pr.from, kFs);
            const auto b = designBiquad(pr.to, kFs);
            AudioBuffer ramped = noise;
            AudioBuffer direct = noise;
            Biquad r, d;
            r.setCoefficients(a);
            d.setCoefficients(b);
            test::ChannelPointers pr0(ramped, 0), pr1(ramped, rampStart);
            r.process(pr0.data(), 2, rampStart);
            r.rampTo(b, rampFrames);
            QVERIFY(r.isRamping());
            r.process(pr1.data(), 2, int(noise.frames()) - rampStart);
            QVERIFY(!r.isRamping());
            QVERIFY(r.coefficients() == b);
            test::ChannelPointers pd(direct);
            d.process(pd.data(), 2, int(noise.frames()));

            QVERIFY(test::allFinite(ramped));
            double peak = 0.0;
            for (const auto& ch : ramped.channels)
                for (float v : ch)
                    peak = std::max(peak, double(std::abs(v)));
            // Same coefficients and input after the ramp: the outputs converge once the
            // ramp's state has decayed (0.5 s later here).
            const std::size_t from = rampStart + rampFrames + 24000;
            const double diff = test::maxAbsDifference(test::window(ramped, 0, from, noise.frames() - from),
                                                       test::window(direct, 0, from, noise.frames() - from));
            qInfo("ramp: peak %.3f (bound %.0f), difference from direct after settling %.2e", peak, pr.bound, diff);
            QVERIFY(peak < pr.bound);
            QVERIFY(diff < 1e-5);
        }
    }

    void blockSizeIndependent()
    {
        const AudioBuffer noise = makePinkNoise(0.5, kFs, -12.0, 3, 2);
        const auto a = designBiquad(band(FilterType::Peak, 500.0, 9.0, 2.0), kFs);
        const auto b = designBiquad(band(FilterType::HighShelf, 3000.0, -6.0, 0.7071), kFs);
        auto run = [&](int block) {
            AudioBuffer out = noise;
            Biquad bq;
            bq.setCoefficients(a);
            bq.rampTo(b, 5000); // spans many blocks
            test::processInBlocks(out, block, [&](float* const* ch, int n, int frames) {
                bq.process(ch, n, frames);
            });
            return out;
        };
        const AudioBuffer whole = run(int(noise.frames()));
        for (int block : {1, 7, 64, 256, 1000})
            QVERIFY2(test::bitIdentical(whole, run(block)), qPrintable(QString("block %1").arg(block)));
    }

    void identityIsSkippableOnlyWhenExact()
    {
        Biquad bq;
        QVERIFY(bq.isIdentity());
        bq.setCoefficients(designBiquad(band(FilterType::Peak, 1000.0, 6.0, 1.0), kFs));
        QVERIFY(!bq.isIdentity());
        AudioBuffer x = test::sine(1000.0, -6.0, kFs, 1000, 2);
        test::ChannelPointers p(x);
        bq.process(p.data(), 2, 1000);
        bq.rampTo(BiquadCoefficients{}, 100);
        bq.process(p.data(), 2, 100);
        QVERIFY(!bq.isRamping());
        QVERIFY(!bq.isIdentity()); // state from the ramp's last frames not yet flushed
        bq.process(p.data(), 2, 2);
        QVERIFY(bq.isIdentity());
    }

    void invalidBandsThrow_data()
    {
        QTest::addColumn<double>("f");
        QTest::addColumn<double>("gainDb");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("fs");
        QTest::addColumn<QString>("parameter");
        QTest::newRow("f low") << 9.99 << 0.0 << 1.0 << kFs << "frequencyHz";
        QTest::newRow("f high") << 0.491 * kFs << 0.0 << 1.0 << kFs << "frequencyHz";
        QTest::newRow("f nan") << std::nan("") << 0.0 << 1.0 << kFs << "frequencyHz";
        QTest::newRow("q low") << 1000.0 << 0.0 << 0.099 << kFs << "q";
        QTest::newRow("q high") << 1000.0 << 0.0 << 40.01 << kFs << "q";
        QTest::newRow("gain high") << 1000.0 << 30.01 << 1.0 << kFs << "gainDb";
        QTest::newRow("gain low") << 1000.0 << -30.01 << 1.0 << kFs << "gainDb";
        QTest::newRow("fs zero") << 1000.0 << 0.0 << 1.0 << 0.0 << "sampleRate";
        QTest::newRow("fs negative") << 1000.0 << 0.0 << 1.0 << -48000.0 << "sampleRate";
    }
    void invalidBandsThrow()
    {
        QFETCH(double, f);
        QFETCH(double, gainDb);
        QFETCH(double, q);
        QFETCH(double, fs);
        QFETCH(QString, parameter);
        for (int t = 0; t <= int(FilterType::Notch); ++t) {
            try {
                designBiquad(band(FilterType(t), f, gainDb, q), fs);
                QFAIL("no exception");
            } catch (const AudioError& e) {
                QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
                QVERIFY2(QString(e.what()).contains(parameter), e.what());
                QVERIFY2(QString(e.what()).contains("range") || parameter == "sampleRate", e.what());
            }
        }
    }

    void edgesOfTheRangesAreAccepted()
    {
        for (int t = 0; t <= int(FilterType::Notch); ++t)
            for (double f : {10.0, 0.49 * kFs})
                for (double q : {0.1, 40.0})
                    for (double g : {-30.0, 30.0}) {
                        const auto c = designBiquad(band(FilterType(t), f, g, q), kFs);
                        // Inside the stability triangle.
                        QVERIFY(std::abs(c.a2) < 1.0 && std::abs(c.a1) < 1.0 + c.a2);
                    }
    }
};

QTEST_APPLESS_MAIN(TestBiquad)
#include "test_biquad.moc"
