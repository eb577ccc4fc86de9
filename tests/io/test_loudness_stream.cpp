// LoudnessMeter, the streaming measurement behind `info` and `render --match-loudness` on
// files of any length: fed block by block it must give what the whole-buffer functions give.

#include "audio/audio_error.h"
#include "audio/dsp/pink_noise.h"
#include "audio/io/loudness.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>

using namespace earlab;

namespace {

// Feeds `audio` in blocks of `block` frames.
void feedAll(LoudnessMeter& meter, const AudioBuffer& audio, std::size_t block)
{
    for (std::size_t at = 0; at < audio.frames(); at += block) {
        const std::size_t n = std::min(block, audio.frames() - at);
        std::vector<const float*> ptrs;
        for (const auto& ch : audio.channels)
            ptrs.push_back(ch.data() + at);
        meter.add(ptrs.data(), n);
    }
}

AudioBuffer gained(AudioBuffer b, double db)
{
    applyGainDb(b, db);
    return b;
}

} // namespace

class TestLoudnessStream : public QObject {
    Q_OBJECT

private slots:
    void sameAsWholeBuffer_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("block");
        QTest::newRow("stereo 48k, blocks of 1000") << 2 << 48000.0 << 1000;
        QTest::newRow("stereo 96k, blocks of 65536") << 2 << 96000.0 << 65536;
        QTest::newRow("mono 44.1k, blocks of 777") << 1 << 44100.0 << 777;
    }

    void sameAsWholeBuffer()
    {
        QFETCH(int, channels);
        QFETCH(double, rate);
        QFETCH(int, block);
        const AudioBuffer pink = dsp::makePinkNoise(5.3, rate, -23.0, 7, std::size_t(channels));
        LoudnessMeter meter(std::size_t(channels), rate, true, "stream");
        feedAll(meter, pink, std::size_t(block));
        QCOMPARE(meter.frames(), pink.frames());
        const Loudness whole = measureLoudness(pink);
        const Loudness streamed = meter.result();
        // The same libebur128 calls over the same samples: the same numbers.
        QCOMPARE(streamed.integratedLufs, whole.integratedLufs);
        QCOMPARE(streamed.truePeakDbtp, whole.truePeakDbtp);
        QCOMPARE(meter.integratedLufs(), integratedLoudnessLufs(pink));
    }

    void loudnessAtAGain()
    {
        // Quiet noise with a 2 s hole 40 dB down: at -30 dB the hole falls under the -70 LUFS
        // gate, at -45 dB everything does (silence: -infinity). The block energies must be
        // gated anew at every gain, not just shifted.
        AudioBuffer pink = dsp::makePinkNoise(6.0, 48000.0, -30.0, 3, 2);
        for (std::size_t i = 96000; i < 192000; ++i)
            for (auto& ch : pink.channels)
                ch[i] *= 0.01f; // 2 s at -70 dBFS RMS
        LoudnessMeter meter(2, 48000.0, false, "stream");
        feedAll(meter, pink, 4096);
        for (double db : {6.0, -3.0, -30.0, -45.0}) {
            const double expected = integratedLoudnessLufs(gained(pink, db));
            const double got = meter.integratedLufs(db);
            QVERIFY2(got == expected || std::abs(got - expected) < 1e-4,
                     qPrintable(QString("%1 dB: %2 vs %3 LUFS").arg(db).arg(got).arg(expected)));
        }
    }

    void matchGainAsWholeBuffer()
    {
        const AudioBuffer reference = dsp::makePinkNoise(4.0, 48000.0, -20.0, 1, 2);
        const AudioBuffer candidate = dsp::makePinkNoise(4.0, 48000.0, -31.0, 2, 2);
        LoudnessMeter r(2, 48000.0, false, "reference"), c(2, 48000.0, false, "candidate");
        feedAll(r, reference, 3000);
        feedAll(c, candidate, 5000);
        const double whole = loudnessMatchGainDb(reference, candidate);
        const double streamed = loudnessMatchGainDb(r, c);
        QVERIFY2(std::abs(whole - streamed) < 1e-4, qPrintable(QString("%1 vs %2 dB").arg(streamed).arg(whole)));
    }

    void errorsAsWholeBuffer()
    {
        LoudnessMeter empty(2, 48000.0, false, "reference");
        QVERIFY_THROWS_EXCEPTION(AudioError, empty.result());
        const AudioBuffer silence = AudioBuffer::silence(2, 48000, 48000.0);
        const AudioBuffer pink = dsp::makePinkNoise(2.0, 48000.0, -20.0, 1, 2);
        LoudnessMeter r(2, 48000.0, false, "reference"), c(2, 48000.0, false, "candidate");
        feedAll(r, pink, 4096);
        feedAll(c, silence, 4096);
        try {
            loudnessMatchGainDb(r, c);
            QFAIL("a silent candidate was matched");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
            QVERIFY2(QString(e.what()).contains("candidate") && QString(e.what()).contains("silent"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(AudioError, LoudnessMeter(2, 0.0, false, "x"));
    }
};

QTEST_APPLESS_MAIN(TestLoudnessStream)
#include "test_loudness_stream.moc"
