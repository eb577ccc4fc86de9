// The end of an .opus file written by AudioFileWriter is clean and exactly as long as what was
// written, whatever its length modulo libsndfile's 20 ms packets (audio/io/opus_end.h): a
// loud 12 kHz sine faded out over its last 10 ms, decoded, must not ring at its end (before the
// fix: +15 dBTP when the length was a multiple of 960 frames, +2 dBTP with 1 to 168 frames
// after the last whole packet). opusdec (opus-tools), when installed, decodes the file too:
// the ringing was in the file, so an independent decoder must see it gone as well.

#include "support/process_runner.h"
#include "support/test_signals.h"

#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"

#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <string>

using namespace earlab;

namespace {

std::string g_dir;

// A 12 kHz sine at -1 dBFS (the level a master's limiter leaves), faded to 0 over its last
// 480 frames as the master's end fade does.
AudioBuffer fadedSine(double rate, std::size_t frames)
{
    AudioBuffer audio = test::sine(12000.0, -1.0, rate, frames);
    const std::size_t fade = std::min<std::size_t>(480, frames);
    for (auto& ch : audio.channels)
        for (std::size_t i = 0; i < fade; ++i)
            ch[frames - 1 - i] *= float(double(i) / double(fade));
    return audio;
}

} // namespace

class TestOpusEnd : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        g_dir = test::scratchDirectory("opus-end");
        QVERIFY(!g_dir.empty());
    }

    void endDoesNotRingAndLengthIsKept_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<qint64>("frames");
        // 48 kHz: the three cases of libsndfile's last packet (whole 20 ms buffer left over;
        // 1 to 168 frames, a shortened packet; 649 to 959, two packets), and one that was fine.
        QTest::newRow("48k whole packets") << 48000.0 << qint64(100 * 960);
        QTest::newRow("48k +1") << 48000.0 << qint64(100 * 960 + 1);
        QTest::newRow("48k +100") << 48000.0 << qint64(100 * 960 + 100);
        QTest::newRow("48k +800") << 48000.0 << qint64(100 * 960 + 800);
        QTest::newRow("48k +920") << 48000.0 << qint64(100 * 960 + 920);
        QTest::newRow("48k +500") << 48000.0 << qint64(100 * 960 + 500);
        // 44.1 kHz goes to 48 kHz through the resampler first: the padding counts its output.
        QTest::newRow("44.1k") << 44100.0 << qint64(88200);
    }

    void endDoesNotRingAndLengthIsKept()
    {
        QFETCH(double, rate);
        QFETCH(qint64, frames);
        const std::string out = g_dir + "/sine.opus";
        writeAudioFile(out, fadedSine(rate, std::size_t(frames)));

        const AudioBuffer decoded = loadAudioFile(out).audio;
        const std::size_t expected = std::size_t(std::llround(double(frames) * 48000.0 / rate));
        QCOMPARE(qint64(decoded.frames()), qint64(expected));
        const Loudness loudness = measureLoudness(decoded);
        // Opus's own overshoot on a steady sine is a fraction of a dB; the ringing end was +2
        // to +15 dBTP.
        QVERIFY2(loudness.truePeakDbtp < 0.0, qPrintable(QString("decoded true peak %1 dBTP").arg(loudness.truePeakDbtp)));
        // The last 10 ms are the fade: nothing in them louder than the sine itself.
        const std::size_t tail = 480;
        for (const auto& ch : decoded.channels) {
            const double peak = test::peakDb(std::span<const float>(ch).subspan(ch.size() - tail));
            QVERIFY2(peak < -0.5, qPrintable(QString("last 10 ms peak %1 dBFS").arg(peak)));
        }

        const QString opusdec = QStandardPaths::findExecutable("opusdec");
        if (opusdec.isEmpty())
            return; // libsndfile's decoder above is the one EarLab uses; opusdec only confirms
        const std::string wav = g_dir + "/sine.opusdec.wav";
        const test::ProcessRun r =
            test::runProcess(opusdec, {"--float", "--rate", "48000", QString::fromStdString(out), QString::fromStdString(wav)}, 60000);
        QVERIFY2(r.ok(), r.err.constData());
        const AudioBuffer independent = loadAudioFile(wav).audio;
        QCOMPARE(qint64(independent.frames()), qint64(expected));
        const double peak = measureLoudness(independent).truePeakDbtp;
        QVERIFY2(peak < 0.0, qPrintable(QString("opusdec: decoded true peak %1 dBTP").arg(peak)));
    }
};

QTEST_GUILESS_MAIN(TestOpusEnd)
#include "test_opus_end.moc"
