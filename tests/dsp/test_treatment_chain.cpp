// The whole treatment chain: flat is bit-exact, processing is independent of block size,
// ramped changes are smooth, and the parameters are plain data for the lock-free queue.

#include "audio/audio_error.h"
#include "audio/dsp/pink_noise.h"
#include "audio/dsp/treatment_chain.h"
#include "dsp_test_helpers.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>
#include <type_traits>

using namespace earlab;
using namespace earlab::dsp;

namespace {

constexpr double kFs = 48000.0;

EqBand peak(double f, double g, double q)
{
    EqBand b;
    b.type = FilterType::Peak;
    b.frequencyHz = f;
    b.gainDb = g;
    b.q = q;
    return b;
}

Treatment busyTreatment()
{
    Treatment t;
    t.eq = {peak(80, 6, 1), peak(400, -9, 2), peak(1200, 4, 0.7), peak(3500, -3, 4), peak(9000, 8, 1.5)};
    t.compress = true;
    t.compressor.thresholdDb = -24;
    t.compressor.ratio = 4;
    t.compressor.kneeDb = 6;
    t.compressor.attackMs = 5;
    t.compressor.releaseMs = 120;
    t.compressor.makeupDb = 6;
    t.compressor.detection = Detection::Rms;
    t.gainDb = -3;
    t.pan = 0.3;
    return t;
}

Treatment otherTreatment()
{
    Treatment t;
    t.eq = {peak(150, -4, 1), peak(2000, 10, 1), EqBand{FilterType::HighShelf, 6000, -6, 0.7071}};
    t.compress = true;
    t.compressor.thresholdDb = -30;
    t.compressor.ratio = 2;
    t.compressor.attackMs = 20;
    t.compressor.releaseMs = 300;
    t.gainDb = 2;
    t.pan = -0.5;
    return t;
}

} // namespace

class TestTreatmentChain : public QObject {
    Q_OBJECT

private slots:
    void paramsArePlainData()
    {
        static_assert(std::is_trivially_copyable_v<ChainParams>);
        QVERIFY(std::is_trivially_copyable_v<ChainParams>);
        QVERIFY(std::is_trivially_copyable_v<EqParams>);
        QVERIFY(std::is_trivially_copyable_v<CompressorParams>);
        QVERIFY(std::is_trivially_copyable_v<GainPanParams>);
    }

    void flatIsBitIdentical()
    {
        const Treatment flat;
        QVERIFY(flat.isFlat());
        const AudioBuffer in = makePinkNoise(1.0, kFs, -6.0, 99, 2);
        AudioBuffer out = in;
        TreatmentChain chain;
        chain.prepare(kFs, 512);
        chain.setParams(makeChainParams(flat, kFs), 480);
        test::processInBlocks(out, 512, [&](float* const* ch, int n, int f) { chain.process(ch, n, f); });
        QVERIFY(test::bitIdentical(in, out));

        // Back to flat after a treatment: bit-identical again once the ramps and the
        // compressor's release are over.
        out = in;
        chain.setParams(makeChainParams(busyTreatment(), kFs), 480);
        test::ChannelPointers p0(out, 0), p1(out, 12000);
        chain.process(p0.data(), 2, 12000);
        chain.setParams(makeChainParams(flat, kFs), 480);
        chain.process(p1.data(), 2, int(out.frames()) - 12000);
        QVERIFY(test::maxAbsDifference(test::window(out, 0, 40000, 8000), test::window(in, 0, 40000, 8000)) == 0.0);
        QVERIFY(test::maxAbsDifference(test::window(out, 1, 40000, 8000), test::window(in, 1, 40000, 8000)) == 0.0);
    }

    void blockSizeIndependent()
    {
        const AudioBuffer in = makePinkNoise(64000.0 / kFs, kFs, -12.0, 5, 2);
        const ChainParams a = makeChainParams(busyTreatment(), kFs);
        const ChainParams b = makeChainParams(otherTreatment(), kFs);
        // The second change lands at frame 32000, a multiple of every block size tested, so
        // every run sees it at the same sample.
        auto render = [&](int block) {
            AudioBuffer out = in;
            TreatmentChain chain;
            chain.prepare(kFs, block);
            chain.setParams(a, 3000);
            for (std::size_t at = 0; at < out.frames(); at += std::size_t(block)) {
                if (at == 32000)
                    chain.setParams(b, 5000);
                test::ChannelPointers p(out, at);
                chain.process(p.data(), 2, int(std::min<std::size_t>(std::size_t(block), out.frames() - at)));
            }
            return out;
        };
        const AudioBuffer ref = render(32000);
        QVERIFY(test::allFinite(ref));
        QVERIFY(test::maxAbsDifference(ref.channels[0], in.channels[0]) > 0.01); // it did something
        for (int block : {1, 64, 256, 1000})
            QVERIFY2(test::bitIdentical(ref, render(block)), qPrintable(QString("block %1").arg(block)));
    }

    void rampedChangeHasNoStep()
    {
        // A 1 kHz sine through one treatment, then a switch to another at a crest. The level
        // may move (EQ, makeup, gain and the compressor's own dynamics all change); a zipper
        // is a step beyond what a sine of the local level makes (see worstStepOverEnvelope).
        const std::size_t change = 24012;
        auto render = [&](int rampFrames) {
            AudioBuffer out = test::sine(1000.0, -12.0, kFs, 72000, 2);
            TreatmentChain chain;
            chain.prepare(kFs, 256);
            chain.setParams(makeChainParams(busyTreatment(), kFs), 0);
            test::ChannelPointers p0(out, 0), p1(out, change);
            chain.process(p0.data(), 2, int(change));
            chain.setParams(makeChainParams(otherTreatment(), kFs), rampFrames);
            chain.process(p1.data(), 2, int(out.frames() - change));
            return out;
        };
        const AudioBuffer ramped = render(2400);
        const AudioBuffer jumped = render(0);
        QVERIFY(test::allFinite(ramped));
        for (std::size_t c = 0; c < 2; ++c) {
            const double r = test::worstStepOverEnvelope(ramped.channels[c], 12000, 72000, 1000.0, kFs);
            const double j = test::worstStepOverEnvelope(jumped.channels[c], 12000, 72000, 1000.0, kFs);
            qInfo("channel %zu: largest step relative to the sine's own: ramped %.4f, unramped %.4f", c, r, j);
            QVERIFY(r <= 1.02);
            QVERIFY(j > 1.2); // the measurement does catch a jump
        }
    }

    void invalidTreatmentsThrow()
    {
        auto throwsFor = [](const Treatment& t, const char* name) {
            try {
                makeChainParams(t, kFs);
            } catch (const AudioError& e) {
                return e.kind() == AudioErrorKind::InvalidArgument && QString(e.what()).contains(name);
            }
            return false;
        };
        Treatment t;
        t.eq.assign(kMaxEqBands + 1, peak(1000, 3, 1));
        QVERIFY(throwsFor(t, "band count"));
        t.eq = {peak(1000, 31, 1)};
        QVERIFY(throwsFor(t, "gainDb"));
        t = Treatment{};
        t.compress = true;
        t.compressor.ratio = 0.5;
        QVERIFY(throwsFor(t, "ratio"));
        t.compress = false; // ignored when not compressing
        QVERIFY(!throwsFor(t, "ratio"));
        t = Treatment{};
        t.pan = 2;
        QVERIFY(throwsFor(t, "pan"));
        t.pan = 0;
        t.gainDb = 30;
        QVERIFY(throwsFor(t, "gainDb"));
        t.eq.assign(kMaxEqBands, peak(1000, 3, 1));
        t.gainDb = 0;
        QVERIFY(!throwsFor(t, "band count"));
    }

    void fewerBandsRampToIdentity()
    {
        // Dropping from 5 bands to 0 ramps the others out; afterwards EQ is bit-exact flat.
        const AudioBuffer in = test::sine(400.0, -6.0, kFs, 24000, 2);
        AudioBuffer out = in;
        ParametricEq eq;
        eq.prepare(kFs, 512);
        eq.setParams(makeEqParams(busyTreatment().eq, kFs), 0);
        test::ChannelPointers p0(out, 0), p1(out, 4800);
        eq.process(p0.data(), 2, 4800);
        eq.setParams(makeEqParams({}, kFs), 480);
        eq.process(p1.data(), 2, 24000 - 4800);
        QVERIFY(test::maxAbsDifference(test::window(out, 0, 6000, 18000), test::window(in, 0, 6000, 18000)) == 0.0);
    }
};

QTEST_APPLESS_MAIN(TestTreatmentChain)
#include "test_treatment_chain.moc"
