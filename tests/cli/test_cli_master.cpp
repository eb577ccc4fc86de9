// `earlab-cli render --master` keeps its promise of -1 dBTP in every output format: the
// written file is decoded by the library's loader and its true peak measured by libebur128
// here, directly (not through EarLab's meter), on a signal loud enough that every codec adds
// peaks of its own (before the correction: Ogg +0.5, Opus +1.8, MP3 +1.8 dBTP).

#include "support/process_runner.h"
#include "support/test_signals.h"

#include "audio/io/audio_file.h"

#include <QDir>
#include <QProcess>
#include <QTest>

#include <ebur128.h>

#include <cmath>
#include <vector>

using namespace earlab;

namespace {

// libebur128's true peak (4x oversampled below 96 kHz) over both channels, dBTP.
double decodedTruePeakDbtp(const QString& path)
{
    const AudioBuffer audio = loadAudioFile(path.toStdString()).audio;
    const std::size_t channels = audio.channelCount();
    ebur128_state* state = ebur128_init(unsigned(channels), (unsigned long)std::lround(audio.sampleRate),
                                        EBUR128_MODE_TRUE_PEAK);
    if (!state)
        return NAN;
    std::vector<float> interleaved(audio.frames() * channels);
    for (std::size_t i = 0; i < audio.frames(); ++i)
        for (std::size_t c = 0; c < channels; ++c)
            interleaved[i * channels + c] = audio.channels[c][i];
    ebur128_add_frames_float(state, interleaved.data(), audio.frames());
    double peak = 0.0;
    for (unsigned c = 0; c < channels; ++c) {
        double p = 0.0;
        ebur128_true_peak(state, c, &p);
        peak = std::max(peak, p);
    }
    ebur128_destroy(&state);
    return 20.0 * std::log10(peak);
}

} // namespace

class TestCliMaster : public QObject {
    Q_OBJECT

    QString dir_;
    QString path(const QString& name) const { return dir_ + "/" + name; }

private slots:
    void initTestCase()
    {
        dir_ = QString::fromStdString(test::scratchDirectory("cli-master"));
        QVERIFY(!dir_.isEmpty());
        // Pink noise 10 dB too hot, which sox clips at full scale: about -2 LUFS, +1.9 dBTP, the
        // limiter working all the time, which is what makes codecs overshoot.
        const QString error = test::sox({"-n", "-r", "48000", "-c", "2", "-b", "32", "-e", "float", path("loud.wav"),
                                         "synth", "4", "pinknoise", "vol", "3"});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void decodedTruePeakWithinCeiling_data()
    {
        QTest::addColumn<QString>("extension");
        for (const char* e : {"wav", "flac", "aiff", "ogg", "opus", "mp3"})
            QTest::newRow(e) << QString(e);
    }

    void decodedTruePeakWithinCeiling()
    {
        QFETCH(QString, extension);
        const QString out = path("mastered." + extension);
        const test::ProcessRun r =
            test::runProcess(QStringLiteral(EARLAB_CLI), {"render", path("loud.wav"), "-o", out, "--master"}, 300000);
        QVERIFY2(r.ok(), r.err.constData());
        QVERIFY2(decodedTruePeakDbtp(path("loud.wav")) > 1.0, "the input is not loud enough to test anything");
        const double peak = decodedTruePeakDbtp(out);
        qInfo("%s: decoded true peak %.3f dBTP; earlab-cli said: %s", qPrintable(extension), peak,
              r.out.trimmed().constData());
        QVERIFY2(peak <= -1.0, qPrintable(QString("%1 dBTP").arg(peak)));
        // Limited, not muted.
        QVERIFY2(peak > -6.0, qPrintable(QString("%1 dBTP").arg(peak)));
        if (extension == "ogg" || extension == "opus" || extension == "mp3") {
            // The figure the CLI reports is the decoded file's.
            QVERIFY2(r.out.contains("as decoded"), r.out.constData());
            QVERIFY2(r.out.contains(QString::number(peak, 'f', 2).toUtf8()), r.out.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliMaster)
#include "test_cli_master.moc"
