// The compressor, measured: DC and sines in, levels and gain-reduction times out, compared
// with the Giannoulis/Massberg/Reiss static curve written out again here and with the
// documented time-constant definition.

#include "audio/audio_error.h"
#include "audio/dsp/compressor.h"
#include "dsp_test_helpers.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>

using namespace earlab;
using namespace earlab::dsp;

namespace {

constexpr double kFs = 48000.0;

CompressorSettings settings(double threshold, double ratio, double knee, double attack = 1.0,
                            double release = 100.0, double makeup = 0.0,
                            Detection d = Detection::Peak)
{
    CompressorSettings s;
    s.thresholdDb = threshold;
    s.ratio = ratio;
    s.kneeDb = knee;
    s.attackMs = attack;
    s.releaseMs = release;
    s.makeupDb = makeup;
    s.detection = d;
    return s;
}

// The brief's static curve, written independently of compressor.cpp (which works with
// slope = 1 - 1/R): output level for a steady input level, makeup included.
double expectedCurve(double x, double T, double R, double W, double makeup)
{
    double y;
    if (2 * (x - T) < -W)
        y = x;
    else if (2 * std::abs(x - T) <= W && W > 0)
        y = x + (1 / R - 1) * std::pow(x - T + W / 2, 2) / (2 * W);
    else
        y = T + (x - T) / R;
    return y + makeup;
}

AudioBuffer dc(double levelDb, std::size_t frames)
{
    AudioBuffer b = AudioBuffer::silence(2, frames, kFs);
    for (auto& ch : b.channels)
        std::fill(ch.begin(), ch.end(), float(test::dbToLinear(levelDb)));
    return b;
}

void run(Compressor& c, AudioBuffer& b, std::size_t offset = 0, std::size_t frames = 0)
{
    test::ChannelPointers p(b, offset);
    c.process(p.data(), p.count, int(frames ? frames : b.frames() - offset));
}

// Gain reduction (dB, >= 0) at each frame, measured as input/output of a DC signal.
std::vector<double> measuredReduction(const AudioBuffer& in, const AudioBuffer& out)
{
    std::vector<double> gr(in.frames());
    for (std::size_t i = 0; i < gr.size(); ++i)
        gr[i] = 20.0 * std::log10(double(in.channels[0][i]) / double(out.channels[0][i]));
    return gr;
}

} // namespace

class TestCompressor : public QObject {
    Q_OBJECT

private slots:
    void longSilenceLeavesNoSubnormalState()
    {
        // After a loud passage, 10 s of silence: the gain reduction decays towards 0 and must
        // be flushed before it turns subnormal (subnormal arithmetic is ~13x slower).
        for (Detection detection : {Detection::Peak, Detection::Rms}) {
            CompressorSettings s;
            s.thresholdDb = -30.0;
            s.ratio = 4.0;
            s.attackMs = 1.0;
            s.releaseMs = 5.0;
            s.detection = detection;
            Compressor c;
            c.prepare(48000.0, 256);
            c.setParams(makeCompressorParams(s, true, 48000.0), 0);
            std::vector<float> left(256, 0.5f), right(256, 0.5f);
            float* channels[2] = {left.data(), right.data()};
            c.process(channels, 2, 256);
            QVERIFY(c.gainReductionDb() > 10.0);
            for (int block = 0; block < 48000 * 10 / 256; ++block) {
                std::fill(left.begin(), left.end(), 0.0f);
                std::fill(right.begin(), right.end(), 0.0f);
                c.process(channels, 2, 256);
                QVERIFY(std::fpclassify(c.gainReductionDb()) != FP_SUBNORMAL);
            }
            QCOMPARE(c.gainReductionDb(), 0.0);
        }
    }

    void staticCurveFormula()
    {
        // staticCurveDb() is the formula the brief gives; check it against the copy above
        // so the measurement tests below may use either.
        for (double W : {0.0, 6.0, 24.0})
            for (double R : {1.0, 2.0, 4.0, 100.0})
                for (double x = -80; x <= 6; x += 0.5) {
                    const auto s = settings(-20, R, W, 1, 100, 3);
                    QVERIFY(std::abs(staticCurveDb(s, x) - expectedCurve(x, -20, R, W, 3)) < 1e-12);
                }
    }

    void staticCurvePeak_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("ratio");
        QTest::addColumn<double>("knee");
        QTest::addColumn<double>("makeup");
        QTest::newRow("hard 2:1 -30") << -30.0 << 2.0 << 0.0 << 0.0;
        QTest::newRow("hard 4:1 -20") << -20.0 << 4.0 << 0.0 << 3.0;
        QTest::newRow("hard 20:1 -12") << -12.0 << 20.0 << 0.0 << 0.0;
        QTest::newRow("soft6 2:1 -30") << -30.0 << 2.0 << 6.0 << 0.0;
        QTest::newRow("soft6 4:1 -20") << -20.0 << 4.0 << 6.0 << -2.0;
        QTest::newRow("soft6 10:1 -40") << -40.0 << 10.0 << 6.0 << 6.0;
    }
    void staticCurvePeak()
    {
        QFETCH(double, threshold);
        QFETCH(double, ratio);
        QFETCH(double, knee);
        QFETCH(double, makeup);
        const auto p = makeCompressorParams(settings(threshold, ratio, knee, 1.0, 100.0, makeup), true, kFs);
        double worst = 0.0;
        for (double x = -60.0; x <= 0.0; x += 3.0) {
            Compressor c;
            c.prepare(kFs, 512);
            c.setParams(p, 0);
            AudioBuffer b = dc(x, 9600); // 200 ms = 200 attack time constants
            run(c, b);
            const double y = 20.0 * std::log10(double(b.channels[0].back()));
            const double want = expectedCurve(x, threshold, ratio, knee, makeup);
            worst = std::max(worst, std::abs(y - want));
            QVERIFY2(std::abs(y - want) <= 0.25, qPrintable(QString("in %1 dB: out %2, want %3").arg(x).arg(y).arg(want)));
            QCOMPARE(b.channels[1].back(), b.channels[0].back());
        }
        qInfo("worst static-curve error (peak, DC): %.5f dB", worst);
    }

    void staticCurveRms_data() { staticCurvePeak_data(); }
    void staticCurveRms()
    {
        QFETCH(double, threshold);
        QFETCH(double, ratio);
        QFETCH(double, knee);
        QFETCH(double, makeup);
        const auto p = makeCompressorParams(
            settings(threshold, ratio, knee, 10.0, 100.0, makeup, Detection::Rms), true, kFs);
        double worst = 0.0;
        for (double x = -60.0; x <= 0.0; x += 3.0) {
            Compressor c;
            c.prepare(kFs, 512);
            c.setParams(p, 0);
            AudioBuffer b = test::sine(1000.0, x, kFs, 48000, 2);
            run(c, b);
            // The last 100 ms = 100 whole cycles; a sine's RMS is its peak - 3.01 dB.
            const double outRms = test::rmsDb(test::window(b, 0, 43200, 4800));
            const double want = expectedCurve(x - 10.0 * std::log10(2.0), threshold, ratio, knee, makeup);
            worst = std::max(worst, std::abs(outRms - want));
            QVERIFY2(std::abs(outRms - want) <= 0.25, qPrintable(QString("in %1 dBFS peak: out %2 dB RMS, want %3").arg(x).arg(outRms).arg(want)));
        }
        qInfo("worst static-curve error (RMS, 1 kHz sine): %.5f dB", worst);
    }

    void attackAndReleaseTimes_data()
    {
        QTest::addColumn<double>("attackMs");
        QTest::addColumn<double>("releaseMs");
        QTest::newRow("1 / 50") << 1.0 << 50.0;
        QTest::newRow("10 / 200") << 10.0 << 200.0;
        QTest::newRow("50 / 200") << 50.0 << 200.0;
        QTest::newRow("5 / 1000") << 5.0 << 1000.0;
    }
    void attackAndReleaseTimes()
    {
        QFETCH(double, attackMs);
        QFETCH(double, releaseMs);
        // Hard knee 4:1 at -30 dBFS: -40 dBFS is below it (no reduction), -10 dBFS is 20 dB
        // over it (15 dB of reduction).
        const auto p = makeCompressorParams(settings(-30, 4, 0, attackMs, releaseMs), true, kFs);
        const std::size_t stepUp = 4800;
        const std::size_t stepDown = stepUp + std::size_t(10 * attackMs * kFs / 1000); // fully attacked
        const std::size_t total = stepDown + std::size_t(10 * releaseMs * kFs / 1000);
        AudioBuffer in = dc(-40.0, total);
        for (auto& ch : in.channels)
            std::fill(ch.begin() + stepUp, ch.begin() + stepDown, float(test::dbToLinear(-10.0)));
        AudioBuffer out = in;
        Compressor c;
        c.prepare(kFs, 512);
        c.setParams(p, 0);
        run(c, out);
        const auto gr = measuredReduction(in, out);
        const double high = gr[stepDown - 1];
        QVERIFY(std::abs(gr[stepUp - 1]) < 1e-4);
        QVERIFY(std::abs(high - 15.0) < 0.01);
        QVERIFY(std::abs(gr.back()) < 0.01);

        // The frame at which 1 - 1/e of the change is reached, counted from the step frame
        // (which already sees the new level: it is one frame of elapsed time).
        const double fraction = 1.0 - std::exp(-1.0);
        std::size_t i = stepUp;
        while (gr[i] < fraction * high)
            ++i;
        const double attackMeasuredMs = double(i - stepUp + 1) / kFs * 1000.0;
        std::size_t j = stepDown;
        while (gr[j] > (1.0 - fraction) * high)
            ++j;
        const double releaseMeasuredMs = double(j - stepDown + 1) / kFs * 1000.0;
        const double attackErr = (attackMeasuredMs - attackMs) / attackMs * 100.0;
        const double releaseErr = (releaseMeasuredMs - releaseMs) / releaseMs * 100.0;
        qInfo("attack %.4f ms measured (set %.1f, error %+.2f %%), release %.4f ms measured (set %.1f, error %+.2f %%)",
              attackMeasuredMs, attackMs, attackErr, releaseMeasuredMs, releaseMs, releaseErr);
        QVERIFY(std::abs(attackErr) <= 10.0);
        QVERIFY(std::abs(releaseErr) <= 10.0);
    }

    void stereoLinked()
    {
        // Loud sine only in the left channel, a quiet DC probe in the right: the right
        // channel must get exactly the left channel's gain.
        const auto p = makeCompressorParams(settings(-20, 4, 0, 1, 50), true, kFs);
        AudioBuffer in = test::sine(100.0, -6.0, kFs, 24000, 2);
        std::fill(in.channels[1].begin(), in.channels[1].end(), 0.001f);
        AudioBuffer out = in;
        Compressor c;
        c.prepare(kFs, 512);
        c.setParams(p, 0);
        run(c, out);
        double worst = 0.0;
        double rightGainDb = 0.0;
        for (std::size_t i = 12000; i < in.frames(); ++i) {
            if (std::abs(in.channels[0][i]) < 0.05f)
                continue; // near zero crossings the left ratio is all rounding
            const double gl = double(out.channels[0][i]) / in.channels[0][i];
            const double gr = double(out.channels[1][i]) / in.channels[1][i];
            worst = std::max(worst, std::abs(gl / gr - 1.0));
            rightGainDb = std::min(rightGainDb, 20.0 * std::log10(gr));
        }
        qInfo("stereo link: worst relative gain mismatch %.2e, right channel reduced by up to %.2f dB",
              worst, -rightGainDb);
        QVERIFY(worst < 1e-5);
        QVERIFY(rightGainDb < -5.0); // the quiet channel really was compressed
    }

    void parameterChangeHasNoZipper_data()
    {
        QTest::addColumn<bool>("enabledBefore");
        QTest::addColumn<bool>("enabledAfter");
        QTest::newRow("settings change") << true << true;
        QTest::newRow("enable") << false << true;
        QTest::newRow("disable") << true << false;
    }
    void parameterChangeHasNoZipper()
    {
        QFETCH(bool, enabledBefore);
        QFETCH(bool, enabledAfter);
        // Every parameter changes at once, at a crest of a 1 kHz sine (frame 24012), where a
        // gain step shows most. The level may legitimately move a lot (here: makeup rises
        // faster than the attack pulls the gain down); a zipper is a step in the gain, which
        // shows as a sample step larger than the sine's own at the local level.
        const auto before = makeCompressorParams(settings(-20, 2, 0, 10, 100, 0), enabledBefore, kFs);
        const auto after = makeCompressorParams(settings(-40, 10, 6, 10, 100, 6), enabledAfter, kFs);
        const std::size_t change = 24012;
        auto worstStep = [&](int rampFrames) {
            AudioBuffer b = test::sine(1000.0, -6.0, kFs, 48000, 2);
            Compressor c;
            c.prepare(kFs, 512);
            c.setParams(before, 0);
            run(c, b, 0, change);
            c.setParams(after, rampFrames);
            run(c, b, change);
            return test::allFinite(b) ? test::worstStepOverEnvelope(b.channels[0], change - 480, 48000, 1000.0, kFs)
                                      : 1e9;
        };
        const double ramped = worstStep(480);
        const double jumped = worstStep(0);
        qInfo("largest step relative to the sine's own at the local level: ramped %.4f, unramped %.4f",
              ramped, jumped);
        QVERIFY(ramped <= 1.01);
        QVERIFY(jumped > 1.2); // the same measurement catches a jump, so it can fail
    }

    void disabledPassesBitExactAndReEnables()
    {
        AudioBuffer in = test::sine(440.0, -3.0, kFs, 48000, 2);
        AudioBuffer out = in;
        Compressor c;
        c.prepare(kFs, 512);
        c.setParams(makeCompressorParams(settings(-30, 4, 6), false, kFs), 480);
        run(c, out);
        QVERIFY(test::bitIdentical(in, out));

        // Enable, then disable with a ramp: once the ramp is over the output is the input
        // again, bit for bit, even with a long release.
        out = in;
        c.setParams(makeCompressorParams(settings(-30, 4, 6, 1, 2000), true, kFs), 480);
        run(c, out, 0, 12000);
        QVERIFY(c.gainReductionDb() > 10.0);
        c.setParams(makeCompressorParams(settings(-30, 4, 6, 1, 2000), false, kFs), 480);
        run(c, out, 12000);
        QCOMPARE(c.gainReductionDb(), 0.0);
        QVERIFY(test::maxAbsDifference(test::window(out, 0, 12480, 48000 - 12480),
                                       test::window(in, 0, 12480, 48000 - 12480)) == 0.0);
        QVERIFY(test::maxAbsDifference(test::window(out, 0, 12000, 400), test::window(in, 0, 12000, 400)) > 0.01);
    }

    void blockSizeIndependent()
    {
        const auto p = makeCompressorParams(settings(-24, 6, 6, 3, 80, 4, Detection::Rms), true, kFs);
        AudioBuffer src = test::sine(220.0, -3.0, kFs, 20000, 2);
        for (std::size_t i = 0; i < src.frames(); ++i)
            src.channels[1][i] *= 0.5f * float(1.0 + std::sin(double(i) * 0.001));
        auto render = [&](int block) {
            AudioBuffer b = src;
            Compressor c;
            c.prepare(kFs, block);
            c.setParams(p, 3000);
            test::processInBlocks(b, block, [&](float* const* ch, int n, int f) { c.process(ch, n, f); });
            return b;
        };
        const AudioBuffer ref = render(20000);
        for (int block : {1, 64, 256, 1000})
            QVERIFY(test::bitIdentical(ref, render(block)));
    }

    void invalidSettingsThrow_data()
    {
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<double>("value");
        QTest::newRow("threshold high") << "thresholdDb" << 0.5;
        QTest::newRow("threshold low") << "thresholdDb" << -61.0;
        QTest::newRow("ratio low") << "ratio" << 0.9;
        QTest::newRow("ratio high") << "ratio" << 101.0;
        QTest::newRow("knee neg") << "kneeDb" << -1.0;
        QTest::newRow("knee high") << "kneeDb" << 25.0;
        QTest::newRow("attack low") << "attackMs" << 0.05;
        QTest::newRow("attack high") << "attackMs" << 501.0;
        QTest::newRow("release low") << "releaseMs" << 0.5;
        QTest::newRow("release high") << "releaseMs" << 5001.0;
        QTest::newRow("makeup high") << "makeupDb" << 25.0;
        QTest::newRow("makeup low") << "makeupDb" << -25.0;
        QTest::newRow("ratio nan") << "ratio" << std::nan("");
        QTest::newRow("sample rate") << "sampleRate" << 0.0;
    }
    void invalidSettingsThrow()
    {
        QFETCH(QString, parameter);
        QFETCH(double, value);
        CompressorSettings s;
        double fs = kFs;
        if (parameter == "thresholdDb") s.thresholdDb = value;
        if (parameter == "ratio") s.ratio = value;
        if (parameter == "kneeDb") s.kneeDb = value;
        if (parameter == "attackMs") s.attackMs = value;
        if (parameter == "releaseMs") s.releaseMs = value;
        if (parameter == "makeupDb") s.makeupDb = value;
        if (parameter == "sampleRate") fs = value;
        try {
            makeCompressorParams(s, true, fs);
            QFAIL("no exception");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
            QVERIFY2(QString(e.what()).contains(parameter), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestCompressor)
#include "test_compressor.moc"
