// Gain and constant-power balance, measured with a signal.

#include "audio/audio_error.h"
#include "audio/dsp/gain_pan.h"
#include "dsp_test_helpers.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace earlab;
using namespace earlab::dsp;

namespace {
constexpr double kFs = 48000.0;
}

class TestGainPan : public QObject {
    Q_OBJECT

private slots:
    void panLaw_data()
    {
        QTest::addColumn<double>("gainDb");
        QTest::newRow("0 dB") << 0.0;
        QTest::newRow("-6 dB") << -6.0;
        QTest::newRow("+12 dB") << 12.0;
    }
    void panLaw()
    {
        QFETCH(double, gainDb);
        const double g = std::pow(10.0, gainDb / 20.0);
        const AudioBuffer in = test::sine(1000.0, -20.0, kFs, 4800, 2); // 100 whole cycles
        const double inDb = test::rmsDb(in.channels[0]);
        for (int k = 0; k <= 20; ++k) {
            const double pan = -1.0 + 0.1 * k;
            const auto p = makeGainPanParams(gainDb, pan);
            const double power = double(p.left) * p.left + double(p.right) * p.right;
            QVERIFY2(std::abs(power - 2 * g * g) <= 1e-6 * 2 * g * g, qPrintable(QString::number(power)));

            AudioBuffer out = in;
            GainPan gp;
            gp.setParams(p, 0);
            test::ChannelPointers ptr(out);
            gp.process(ptr.data(), 2, int(out.frames()));
            const double theta = (pan + 1) * std::numbers::pi / 4;
            const double wantL = gainDb + 20 * std::log10(std::sqrt(2.0) * std::cos(theta));
            const double wantR = gainDb + 20 * std::log10(std::sqrt(2.0) * std::sin(theta));
            const double gotL = test::rmsDb(out.channels[0]) - inDb;
            const double gotR = test::rmsDb(out.channels[1]) - inDb;
            if (k > 0 && k < 20) {
                QVERIFY2(std::abs(gotL - wantL) < 1e-4, qPrintable(QString("pan %1 left %2 want %3").arg(pan).arg(gotL).arg(wantL)));
                QVERIFY2(std::abs(gotR - wantR) < 1e-4, qPrintable(QString("pan %1 right %2 want %3").arg(pan).arg(gotR).arg(wantR)));
                // Measured power sum is constant too.
                const double sum = std::pow(10.0, gotL / 10) + std::pow(10.0, gotR / 10);
                QVERIFY(std::abs(sum - 2 * g * g) < 1e-4 * 2 * g * g);
            }
            if (k == 10) {
                QVERIFY(std::abs(gotL - gainDb) < 1e-4);
                QVERIFY(std::abs(gotR - gainDb) < 1e-4);
            }
            if (k == 0) {
                QVERIFY2(std::abs(gotL - (gainDb + 3.0103)) < 1e-3, qPrintable(QString::number(gotL)));
                QVERIFY(std::isinf(gotR)); // exactly silent
            }
            if (k == 20) {
                QVERIFY(std::abs(gotR - (gainDb + 3.0103)) < 1e-3);
                QVERIFY(std::isinf(gotL));
            }
        }
    }

    void centreAtUnityChangesNothing()
    {
        const auto p = makeGainPanParams(0.0, 0.0);
        QCOMPARE(p.left, 1.0f);
        QCOMPARE(p.right, 1.0f);
        AudioBuffer in = test::sine(300.0, -1.0, kFs, 1000, 2);
        AudioBuffer out = in;
        GainPan gp;
        gp.setParams(p, 100);
        test::ChannelPointers ptr(out);
        gp.process(ptr.data(), 2, 1000);
        QVERIFY(test::bitIdentical(in, out));
    }

    void monoUsesLeft()
    {
        AudioBuffer b = AudioBuffer::silence(1, 10, kFs);
        std::fill(b.channels[0].begin(), b.channels[0].end(), 0.5f);
        GainPan gp;
        gp.setParams({0.25f, 2.0f}, 0);
        float* ch[1] = {b.channels[0].data()};
        gp.process(ch, 1, 10);
        QCOMPARE(b.channels[0][9], 0.125f);
    }

    void gainRampHasNoStep()
    {
        // DC in: a linear ramp from g0 to g1 over N frames moves the output by exactly
        // |g1 - g0| x / N per frame; a jump would move it by |g1 - g0| x at once.
        const float x = 0.5f;
        const auto from = makeGainPanParams(0.0, 0.0);
        const auto to = makeGainPanParams(-20.0, 0.5);
        const int n = 480;
        AudioBuffer b = AudioBuffer::silence(2, 2000, kFs);
        for (auto& ch : b.channels)
            std::fill(ch.begin(), ch.end(), x);
        GainPan gp;
        gp.setParams(from, 0);
        test::ChannelPointers p0(b, 0), p1(b, 100);
        gp.process(p0.data(), 2, 100);
        gp.setParams(to, n);
        gp.process(p1.data(), 2, 1900);
        const double stepL = test::maxStep(b.channels[0], 0, b.frames());
        const double stepR = test::maxStep(b.channels[1], 0, b.frames());
        const double wantL = std::abs(double(to.left) - from.left) * x / n;
        const double wantR = std::abs(double(to.right) - from.right) * x / n;
        qInfo("ramp steps: left %.3e (linear ramp %.3e), right %.3e (%.3e)", stepL, wantL, stepR, wantR);
        QVERIFY(stepL <= wantL * 1.001 + 1e-7);
        QVERIFY(stepR <= wantR * 1.001 + 1e-7);
        QCOMPARE(b.channels[0].back(), x * to.left);
        QCOMPARE(b.channels[1].back(), x * to.right);

        // A sine through a ramp steps no more than the sine itself.
        AudioBuffer s = test::sine(1000.0, -6.0, kFs, 4800, 2);
        const double inStep = test::maxStep(s.channels[0], 0, s.frames());
        GainPan g2;
        test::ChannelPointers ps(s);
        g2.setParams(to, 2400);
        g2.process(ps.data(), 2, int(s.frames()));
        QVERIFY(test::maxStep(s.channels[0], 0, s.frames()) <= inStep * 1.01);
    }

    void invalidThrows()
    {
        for (auto [g, p, name] : {std::tuple{-60.1, 0.0, "gainDb"}, std::tuple{24.1, 0.0, "gainDb"},
                                  std::tuple{0.0, -1.01, "pan"}, std::tuple{0.0, 1.01, "pan"},
                                  std::tuple{std::nan(""), 0.0, "gainDb"}}) {
            try {
                makeGainPanParams(g, p);
                QFAIL("no exception");
            } catch (const AudioError& e) {
                QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
                QVERIFY2(QString(e.what()).contains(name), e.what());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestGainPan)
#include "test_gain_pan.moc"
