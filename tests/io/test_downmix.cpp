// toStereo() against the rule written in downmix.h, with constant (DC) channels so every
// expected sample is a one-line formula.
#include "audio/audio_error.h"
#include "audio/io/downmix.h"

#include <QtTest/QtTest>

using namespace earlab;

namespace {
AudioBuffer constantChannels(std::initializer_list<float> values, std::size_t frames = 64)
{
    AudioBuffer b;
    b.sampleRate = 48000.0;
    for (float v : values)
        b.channels.emplace_back(frames, v);
    return b;
}

void expectConstant(const AudioBuffer& b, double left, double right)
{
    QCOMPARE(b.channelCount(), std::size_t(2));
    QCOMPARE(b.frames(), std::size_t(64));
    for (float s : b.channels[0])
        QVERIFY2(std::abs(s - left) < 1e-6, qPrintable(QString("left %1, want %2").arg(s).arg(left)));
    for (float s : b.channels[1])
        QVERIFY2(std::abs(s - right) < 1e-6, qPrintable(QString("right %1, want %2").arg(s).arg(right)));
}
} // namespace

class TestDownmix : public QObject {
    Q_OBJECT
private slots:
    void monoGoesToBothSides()
    {
        AudioBuffer in = constantChannels({0.25f});
        in.channels[0][3] = -0.5f;
        const AudioBuffer out = toStereo(in);
        QCOMPARE(out.channelCount(), std::size_t(2));
        QCOMPARE(out.channels[0], in.channels[0]);
        QCOMPARE(out.channels[1], in.channels[0]);
        QCOMPARE(out.sampleRate, 48000.0);
    }

    void stereoUnchanged()
    {
        AudioBuffer in = constantChannels({0.1f, -0.2f});
        in.channels[1][5] = 0.9f;
        const AudioBuffer out = toStereo(in);
        QCOMPARE(out.channels, in.channels);
    }

    void fivePointOnePerBs775()
    {
        //                         L     R     C     LFE   Ls    Rs
        const AudioBuffer out = toStereo(constantChannels({0.1f, 0.2f, 0.3f, 0.9f, 0.4f, 0.5f}));
        const double g = std::sqrt(0.5); // -3 dB
        expectConstant(out, 0.1 + g * 0.3 + g * 0.4, 0.2 + g * 0.3 + g * 0.5);
    }

    void fivePointOneLfeOnlyIsSilent()
    {
        expectConstant(toStereo(constantChannels({0, 0, 0, 1.0f, 0, 0})), 0.0, 0.0);
    }

    void fivePointOneIsNotNormalised()
    {
        // Full-scale L, C and Ls sum to 1 + 2 * 0.7071 = 2.414: the limiter's job, not ours.
        expectConstant(toStereo(constantChannels({1.0f, 0, 1.0f, 0, 1.0f, 0})), 1.0 + 2.0 * std::sqrt(0.5),
                       std::sqrt(0.5));
    }

    void otherCountsEvenLeftOddRightMean_data()
    {
        QTest::addColumn<QList<float>>("in");
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("right");
        QTest::newRow("3") << QList<float>{0.2f, 0.4f, 0.6f} << (0.2 + 0.6) / 2 << 0.4;
        QTest::newRow("4") << QList<float>{0.2f, 0.4f, 0.6f, -0.8f} << (0.2 + 0.6) / 2 << (0.4 - 0.8) / 2;
        QTest::newRow("5") << QList<float>{0.1f, 0.2f, 0.3f, 0.4f, 0.5f} << (0.1 + 0.3 + 0.5) / 3 << (0.2 + 0.4) / 2;
        QTest::newRow("8") << QList<float>{1, 2, 3, 4, 5, 6, 7, 8} << (1 + 3 + 5 + 7) / 4.0 << (2 + 4 + 6 + 8) / 4.0;
    }
    void otherCountsEvenLeftOddRightMean()
    {
        QFETCH(QList<float>, in);
        QFETCH(double, left);
        QFETCH(double, right);
        AudioBuffer b;
        b.sampleRate = 44100.0;
        for (float v : in)
            b.channels.emplace_back(64, v);
        expectConstant(toStereo(b), left, right);
    }

    void noChannelsThrows()
    {
        AudioBuffer empty;
        try {
            toStereo(empty);
            QFAIL("no exception");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
        }
    }
};

QTEST_APPLESS_MAIN(TestDownmix)
#include "test_downmix.moc"
