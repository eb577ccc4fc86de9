// Mid/side width, measured: L and R built from a known mid (1 kHz) and side (2.5 kHz), the
// output split back into mid and side, their gains in dB compared with the formula
// (mid unchanged, side scaled by widthPercent / 100).

#include "audio/audio_error.h"
#include "audio/dsp/stereo_width.h"
#include "audio/dsp/treatment_chain.h"
#include "dsp_test_helpers.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace earlab;
using namespace earlab::dsp;

namespace {
constexpr double kFs = 48000.0;
constexpr std::size_t kFrames = 4800; // whole cycles of both sines

// L = M + S, R = M - S.
AudioBuffer midSide(double midDbfs, double sideDbfs, std::size_t frames = kFrames)
{
    const AudioBuffer m = test::sine(1000.0, midDbfs, kFs, frames, 1);
    const AudioBuffer s = test::sine(2500.0, sideDbfs, kFs, frames, 1);
    AudioBuffer b = AudioBuffer::silence(2, frames, kFs);
    for (std::size_t i = 0; i < frames; ++i) {
        b.channels[0][i] = m.channels[0][i] + s.channels[0][i];
        b.channels[1][i] = m.channels[0][i] - s.channels[0][i];
    }
    return b;
}

std::vector<float> mid(const AudioBuffer& b)
{
    std::vector<float> out(b.frames());
    for (std::size_t i = 0; i < b.frames(); ++i)
        out[i] = 0.5f * (b.channels[0][i] + b.channels[1][i]);
    return out;
}

std::vector<float> side(const AudioBuffer& b)
{
    std::vector<float> out(b.frames());
    for (std::size_t i = 0; i < b.frames(); ++i)
        out[i] = 0.5f * (b.channels[0][i] - b.channels[1][i]);
    return out;
}

AudioBuffer widened(AudioBuffer b, double widthPercent)
{
    StereoWidth w;
    w.prepare(kFs, 512);
    w.setParams(makeWidthParams(widthPercent), 0);
    test::processInBlocks(b, 512, [&](float* const* ch, int n, int f) { w.process(ch, n, f); });
    return b;
}
} // namespace

class TestStereoWidth : public QObject {
    Q_OBJECT

private slots:
    void sideGainFollowsTheFormulaAndMidStays_data()
    {
        QTest::addColumn<double>("widthPercent");
        for (double w : {0.0, 25.0, 50.0, 80.0, 100.0, 125.0, 150.0, 200.0})
            QTest::newRow(qPrintable(QString("%1 %").arg(w))) << w;
    }
    void sideGainFollowsTheFormulaAndMidStays()
    {
        QFETCH(double, widthPercent);
        const AudioBuffer in = midSide(-12.0, -18.0);
        const AudioBuffer out = widened(in, widthPercent);
        const double midGain = test::rmsDb(mid(out)) - test::rmsDb(mid(in));
        const double sideGain = test::rmsDb(side(out)) - test::rmsDb(side(in));
        qInfo("width %.0f %%: mid %+.4f dB, side %+.4f dB (formula %+.4f dB)", widthPercent, midGain, sideGain,
              20.0 * std::log10(widthPercent / 100.0));
        QVERIFY2(std::abs(midGain) < 1e-4, qPrintable(QString::number(midGain)));
        if (widthPercent == 0.0) {
            QVERIFY(std::isinf(sideGain) && sideGain < 0);
            // An exact fold to mono: L == R, sample for sample.
            for (std::size_t i = 0; i < out.frames(); ++i)
                QCOMPARE(out.channels[0][i], out.channels[1][i]);
        } else {
            QVERIFY2(std::abs(sideGain - 20.0 * std::log10(widthPercent / 100.0)) < 1e-3, qPrintable(QString::number(sideGain)));
        }
    }

    void hundredPercentIsBitIdentical()
    {
        const AudioBuffer in = midSide(-6.0, -9.0);
        QVERIFY(test::bitIdentical(in, widened(in, 100.0)));
        // A ramp from 100 % to 100 % too.
        AudioBuffer out = in;
        StereoWidth w;
        w.prepare(kFs, 512);
        w.setParams(makeWidthParams(100.0), 480);
        test::processInBlocks(out, 512, [&](float* const* ch, int n, int f) { w.process(ch, n, f); });
        QVERIFY(test::bitIdentical(in, out));
    }

    void monoIsUntouched()
    {
        AudioBuffer in = test::sine(440.0, -6.0, kFs, 1000, 1);
        AudioBuffer out = in;
        StereoWidth w;
        w.prepare(kFs, 1000);
        w.setParams(makeWidthParams(200.0), 0);
        test::ChannelPointers p(out);
        w.process(p.data(), 1, 1000);
        QVERIFY(test::bitIdentical(in, out));
    }

    void changesGlideWithoutSteps()
    {
        // Side only (L = -R), a sine: a width change is a gain change of the whole signal.
        const AudioBuffer in = midSide(-120.0, -6.0, 48000);
        auto run = [&](int rampFrames) {
            AudioBuffer out = in;
            StereoWidth w;
            w.prepare(kFs, 256);
            w.setParams(makeWidthParams(200.0), 0);
            test::ChannelPointers a(out, 0), b(out, 12007);
            w.process(a.data(), 2, 12007);
            w.setParams(makeWidthParams(20.0), rampFrames);
            w.process(b.data(), 2, int(out.frames()) - 12007);
            return out;
        };
        const AudioBuffer ramped = run(960), jumped = run(0);
        const double r = test::worstStepOverEnvelope(ramped.channels[0], 11000, 20000, 2500.0, kFs);
        const double j = test::worstStepOverEnvelope(jumped.channels[0], 11000, 20000, 2500.0, kFs);
        qInfo("largest step relative to the sine's own: ramped %.4f, jumped %.4f", r, j);
        QVERIFY2(r < 1.05, qPrintable(QString::number(r)));
        QVERIFY2(j > 1.3, qPrintable(QString::number(j))); // the detector does see a jump
        // And the ramp lands on the target: after it, both are the same.
        QVERIFY(test::maxAbsDifference(test::window(ramped, 0, 14000, 30000), test::window(jumped, 0, 14000, 30000)) == 0.0);
    }

    void blockSizeIndependent()
    {
        const AudioBuffer in = midSide(-10.0, -10.0, 20000);
        auto run = [&](int block) {
            AudioBuffer out = in;
            StereoWidth w;
            w.prepare(kFs, block);
            w.setParams(makeWidthParams(170.0), 0);
            std::size_t at = 0;
            test::processInBlocks(out, block, [&](float* const* ch, int n, int f) {
                if (at <= 5000 && at + std::size_t(f) > 5000)
                    w.setParams(makeWidthParams(30.0), 700); // lands inside a block for some sizes
                w.process(ch, n, f);
                at += std::size_t(f);
            });
            return out;
        };
        // The change applies at the start of the block holding frame 5000: with block sizes
        // that both start a block at 5000 the outputs must be identical.
        QVERIFY(test::bitIdentical(run(1000), run(200)));
        QVERIFY(test::bitIdentical(run(1), run(40)));
    }

    void theChainPlaysTheTreatmentsWidth()
    {
        Treatment t;
        t.widthPercent = 140.0;
        const AudioBuffer in = midSide(-12.0, -12.0);
        AudioBuffer out = in;
        TreatmentChain chain;
        chain.prepare(kFs, 512);
        chain.setParams(makeChainParams(t, kFs), 0);
        test::processInBlocks(out, 512, [&](float* const* ch, int n, int f) { chain.process(ch, n, f); });
        QVERIFY(test::bitIdentical(out, widened(in, 140.0)));
        QVERIFY(!t.isFlat());
    }

    void outOfRangeIsRefused()
    {
        for (double bad : {-1.0, 200.5, std::numeric_limits<double>::quiet_NaN()}) {
            try {
                makeWidthParams(bad);
                QFAIL("an out-of-range width was accepted");
            } catch (const AudioError& e) {
                QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
                QVERIFY(std::string(e.what()).find("widthPercent") != std::string::npos);
            }
        }
        Treatment t;
        t.widthPercent = 250.0;
        QVERIFY_THROWS_EXCEPTION(AudioError, makeChainParams(t, kFs));
    }
};

QTEST_APPLESS_MAIN(TestStereoWidth)
#include "test_stereo_width.moc"
