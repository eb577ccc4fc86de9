// earlab-cli end to end: the real binary through QProcess. Inputs are made by sox (or, where
// sox cannot make them, written with the library); outputs are measured with the library's
// loader and meters, sox/soxi, or the raw capture of tests/alsa/capture.conf. No check
// compares a CLI code path with itself.

#include "support/process_runner.h"
#include "support/test_signals.h"

#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <span>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr int kProcessTimeoutMs = 120000;

struct CliRun {
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;

    QStringList errLines() const { return err.trimmed().split('\n', Qt::SkipEmptyParts); }
};

std::span<const float> skip(const std::vector<float>& v, std::size_t frames)
{
    return std::span(v).subspan(std::min(frames, v.size()));
}

std::span<const float> window(const std::vector<float>& v, std::size_t begin, std::size_t length)
{
    if (begin >= v.size())
        return {};
    return std::span(v).subspan(begin, std::min(length, v.size() - begin));
}

// The capture file: float32 little-endian interleaved stereo, as PortAudio delivered it.
AudioBuffer readCapture(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    const std::size_t frames = std::size_t(bytes.size()) / (2 * sizeof(float));
    AudioBuffer b = AudioBuffer::silence(2, frames, 48000.0);
    for (std::size_t i = 0; i < frames; ++i) {
        float lr[2];
        std::memcpy(lr, bytes.constData() + i * sizeof(lr), sizeof(lr));
        b.channels[0][i] = lr[0];
        b.channels[1][i] = lr[1];
    }
    return b;
}

// A capture device with a clock. EARLAB_CAPTURE names a FIFO instead of a file: the ALSA
// `file` plugin then blocks in write() whenever the FIFO (shrunk to one page) is full, so the
// stream runs at the pace this reader sets, like a sound card (at `pace` times real time),
// instead of rendering a second of audio per millisecond. The command-line player schedules
// its switches and its stop after the stream has started, as it must on real hardware; on
// the unclocked file it races the stream (see the report on playback_run.cpp).
class PacedCapture {
public:
    PacedCapture(const QString& fifo, double pace) : path_(fifo.toStdString()), pace_(pace)
    {
        ::unlink(path_.c_str());
        ok_ = ::mkfifo(path_.c_str(), 0600) == 0;
        if (ok_)
            thread_ = std::thread([this] { run(); });
    }
    ~PacedCapture() { finish(); }

    bool ok() const { return ok_; }

    // Call after the writer has exited: stops the reader and returns what it read.
    AudioBuffer finish()
    {
        if (thread_.joinable()) {
            stop_ = true;
            // The reader may be blocked in open() waiting for a writer: be that writer.
            while (!exited_) {
                const int fd = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK);
                if (fd >= 0)
                    ::close(fd);
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            thread_.join();
        }
        const std::size_t frames = bytes_.size() / (2 * sizeof(float));
        AudioBuffer b = AudioBuffer::silence(2, frames, 48000.0);
        for (std::size_t i = 0; i < frames; ++i) {
            float lr[2];
            std::memcpy(lr, bytes_.data() + i * sizeof(lr), sizeof(lr));
            b.channels[0][i] = lr[0];
            b.channels[1][i] = lr[1];
        }
        return b;
    }

private:
    void run()
    {
        using clock = std::chrono::steady_clock;
        clock::time_point t0{};
        bool started = false;
        while (!stop_) {
            const int fd = ::open(path_.c_str(), O_RDONLY); // blocks until a writer opens it
            if (fd < 0)
                break;
            ::fcntl(fd, F_SETPIPE_SZ, 4096);
            char buf[4096];
            ssize_t n;
            while ((n = ::read(fd, buf, sizeof buf)) > 0) {
                if (!started) {
                    t0 = clock::now();
                    started = true;
                }
                bytes_.insert(bytes_.end(), buf, buf + n);
                const double audioSeconds = double(bytes_.size()) / (2 * sizeof(float)) / 48000.0;
                std::this_thread::sleep_until(t0 + std::chrono::duration_cast<clock::duration>(
                                                       std::chrono::duration<double>(audioSeconds / pace_)));
            }
            ::close(fd);
        }
        exited_ = true;
    }

    std::string path_;
    double pace_;
    bool ok_ = false;
    std::atomic<bool> stop_{false}, exited_{false};
    std::vector<char> bytes_;
    std::thread thread_;
};

std::size_t firstNonZero(const std::vector<float>& v)
{
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] != 0.0f)
            return i;
    return v.size();
}

std::size_t lastNonZero(const std::vector<float>& v)
{
    for (std::size_t i = v.size(); i-- > 0;)
        if (v[i] != 0.0f)
            return i;
    return 0;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QString dir_;
    int captures_ = 0;

    QString path(const QString& name) const { return dir_ + '/' + name; }

    QProcessEnvironment environment(const QString& alsaConfig = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("ALSA_CONFIG_PATH", alsaConfig.isEmpty() ? QStringLiteral(EARLAB_SOURCE_DIR "/tests/alsa/capture.conf")
                                                            : alsaConfig);
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.remove("EARLAB_AUDIO_VERBOSE");
        return env;
    }

    CliRun cli(const QStringList& args, QProcessEnvironment env)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(EARLAB_CLI), args);
        CliRun r;
        if (!p.waitForStarted(10000) || !p.waitForFinished(kProcessTimeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            r.crashed = true;
            r.err = "earlab-cli did not finish: " + p.errorString();
            return r;
        }
        r.exitCode = p.exitCode();
        r.crashed = p.exitStatus() != QProcess::NormalExit;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    CliRun cli(const QStringList& args)
    {
        // Every run gets its own capture file, so nothing leaks between runs.
        QProcessEnvironment env = environment();
        env.insert("EARLAB_CAPTURE", path(QString("unused-capture-%1.raw").arg(++captures_)));
        return cli(args, env);
    }

    // Runs and captures: returns the run, fills `capture` with what the device received.
    // paced: through PacedCapture at 4x real time; else the plain unclocked file.
    CliRun cliCaptured(const QStringList& args, AudioBuffer& capture, bool paced = true)
    {
        const QString file = path(QString("capture-%1.raw").arg(++captures_));
        QProcessEnvironment env = environment();
        env.insert("EARLAB_CAPTURE", file);
        if (!paced) {
            const CliRun r = cli(args, env);
            capture = readCapture(file);
            return r;
        }
        PacedCapture fifo(file, 4.0);
        if (!fifo.ok()) {
            CliRun r;
            r.crashed = true;
            r.err = "cannot make the capture FIFO " + file;
            return r;
        }
        const CliRun r = cli(args, env);
        capture = fifo.finish();
        return r;
    }

    static QString tool(const QString& program, const QStringList& args, bool* ok)
    {
        const ProcessRun run = runProcess(program, args, kProcessTimeoutMs);
        *ok = run.ok();
        if (!*ok)
            qWarning("%s %s failed: %s", qPrintable(program), qPrintable(args.join(' ')),
                     qPrintable(QString::fromUtf8(run.err)));
        return QString::fromUtf8(run.out).trimmed();
    }

    static bool sox(const QStringList& args)
    {
        bool ok = false;
        tool("sox", args, &ok);
        return ok;
    }

    // soxi -s: the frame count as sox reads it (an independent decoder).
    static qint64 soxFrames(const QString& file)
    {
        bool ok = false;
        const QString s = tool("soxi", {"-s", file}, &ok);
        return ok ? s.toLongLong() : -1;
    }

    // sox's own meter: overall RMS level in dB of the file after its first 50 ms.
    static double soxRmsDb(const QString& file)
    {
        const ProcessRun run = runProcess("sox", {file, "-n", "trim", "0.05", "stats"}, kProcessTimeoutMs);
        if (!run.started || !run.finished || run.exitCode != 0)
            return NAN;
        const QString stats = QString::fromUtf8(run.err);
        const auto m = QRegularExpression("^RMS lev dB\\s+(-?\\d+\\.\\d+)", QRegularExpression::MultilineOption).match(stats);
        return m.hasMatch() ? m.captured(1).toDouble() : NAN;
    }

    static QJsonObject parseObject(const QString& text)
    {
        QJsonParseError e{};
        const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8(), &e);
        if (e.error != QJsonParseError::NoError || !d.isObject())
            qWarning("not a JSON object: %s", qPrintable(text));
        return d.object();
    }

    // A failure that must be exit 2 (or 3) with exactly one stderr line mentioning `needle`.
    static void verifyOneLineFailure(const CliRun& r, int expectedExit, const QString& needle)
    {
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, expectedExit);
        const QStringList lines = r.errLines();
        QVERIFY2(lines.size() == 1, qPrintable("expected one stderr line, got: " + r.err));
        QVERIFY2(lines.front().contains(needle), qPrintable("\"" + needle + "\" not in: " + lines.front()));
    }

    static void verifyOk(const CliRun& r)
    {
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QVERIFY2(r.exitCode == 0, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.err)));
    }

    // Loads with the library (no resampling, stereo kept as is).
    static AudioBuffer load(const QString& file)
    {
        LoadOptions o;
        o.stereo = false;
        return loadAudioFile(file.toStdString(), o).audio;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(EARLAB_CLI), EARLAB_CLI);
        QVERIFY2(!QStandardPaths::findExecutable("sox").isEmpty(), "sox is required (apt install sox libsox-fmt-all)");
        dir_ = QString::fromStdString(scratchDirectory("cli"));
        QVERIFY(!dir_.isEmpty());

        // 997 Hz at -20 dBFS peak: BS.1770's calibration tone reads -20.00 LUFS in stereo.
        QVERIFY(sox({"-n", "-r", "48000", "-c", "2", "-b", "24", path("tone997.wav"), "synth", "2", "sine", "997", "vol", "0.1"}));
        // The same tone in mono: measured dual mono (as EarLab plays it), so also -20 LUFS.
        QVERIFY(sox({"-n", "-r", "44100", "-c", "1", "-b", "16", path("mono.flac"), "synth", "1.5", "sine", "997", "vol", "0.1"}));
        // 3 s at 44.1 kHz = 132300 frames of audio; sox writes no gapless header.
        QVERIFY(sox({"-n", "-r", "44100", "-c", "2", path("tone.mp3"), "synth", "3", "sine", "440", "vol", "0.5"}));
        // 1 kHz at -12 dBFS peak, float.
        QVERIFY(sox({"-n", "-r", "48000", "-c", "2", "-b", "32", "-e", "float", path("sine1k.wav"), "synth", "2", "sine", "1000", "vol", "0.25"}));
        // A loud square wave: constant |x|, so a peak detector reads a steady -6.02 dBFS.
        QVERIFY(sox({"-n", "-r", "48000", "-c", "2", "-b", "32", "-e", "float", path("square.wav"), "synth", "3", "square", "100", "vol", "0.5"}));
        QVERIFY(sox({"-n", "-r", "48000", "-c", "2", "-b", "32", "-e", "float", path("pink.wav"), "synth", "10", "pinknoise", "vol", "0.25"}));
        // 20 dB over full scale: sox clips its own output, so the library writes it (float WAV keeps it).
        writeAudioFile(path("hot.wav").toStdString(), sine(1000.0, 20.0, 48000.0, 96000));

        QFile text(path("notes.wav"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("These are my mixing notes, not audio.\n");
        text.close();
        // A config whose only PCM cannot be opened: ALSA works, no output is usable.
        QFile dead(path("dead-alsa.conf"));
        QVERIFY(dead.open(QIODevice::WriteOnly));
        dead.write("pcm.!default { type hw card 99 }\n");
        dead.close();
    }

    // --- usage -------------------------------------------------------------------------

    void topLevelHelp()
    {
        const CliRun r = cli({"--help"});
        verifyOk(r);
        for (const char* c : {"devices", "info", "render", "play", "demo"})
            QVERIFY2(r.out.contains(c), c);
    }

    void subcommandHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("options");
        QTest::newRow("devices") << "devices" << QStringList{"--json"};
        QTest::newRow("info") << "info" << QStringList{"--json", "FILE"};
        QTest::newRow("render") << "render" << QStringList{"--output", "--eq", "--compress", "--gain", "--pan", "--match-loudness", "--master"};
        QTest::newRow("play") << "play" << QStringList{"--eq", "--compress", "--gain", "--pan", "--match-loudness", "--seconds", "--device", "--buffer", "--switch-every"};
        QTest::newRow("demo") << "demo" << QStringList{"--seed", "--seconds", "--device", "--buffer"};
    }

    void subcommandHelp()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, options);
        const CliRun r = cli({command, "--help"});
        verifyOk(r);
        for (const QString& o : options)
            QVERIFY2(r.out.contains(o), qPrintable(o + " not in the help of " + command));
    }

    void unknownCommand()
    {
        const CliRun r = cli({"mixdown"});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("mixdown"));
    }

    void noCommand()
    {
        const CliRun r = cli({});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("Usage"));
    }

    // --- devices -----------------------------------------------------------------------

    void devicesText()
    {
        const CliRun r = cli({"devices"});
        verifyOk(r);
        QVERIFY2(r.out.contains("default") && r.out.contains("ALSA"), qPrintable(r.out));
    }

    void devicesJson()
    {
        const CliRun r = cli({"devices", "--json"});
        verifyOk(r);
        const QJsonDocument d = QJsonDocument::fromJson(r.out.toUtf8());
        QVERIFY2(d.isArray(), qPrintable(r.out));
        bool found = false;
        for (const QJsonValue& v : d.array()) {
            const QJsonObject o = v.toObject();
            if (o.value("name").toString() != "default")
                continue;
            found = true;
            QCOMPARE(o.value("host_api").toString(), QString("ALSA"));
            QVERIFY(o.value("channels").toInt() >= 2);
            QVERIFY(o.value("default_sample_rate").toDouble() > 0);
            QVERIFY(o.contains("low_latency_ms"));
            QVERIFY(o.value("default").isBool());
        }
        QVERIFY2(found, qPrintable(r.out));
    }

    // A machine with no usable output: ALSA works but its only PCM cannot open (as on a
    // server with no sound card). Not tested: an ALSA configuration with no PCM at all, on
    // which PortAudio 19.6 itself aborts in Pa_Initialize (assert `devIdx < numDeviceNames`
    // in BuildDeviceList, PortAudio issue #294); Debian's own configuration always defines PCMs.
    void devicesWithNoUsableOutput()
    {
        QProcessEnvironment env = environment(path("dead-alsa.conf"));
        env.insert("EARLAB_CAPTURE", path("never.raw"));
        const CliRun r = cli({"devices", "--json"}, env);
        verifyOk(r);
        const QJsonDocument d = QJsonDocument::fromJson(r.out.toUtf8());
        QVERIFY2(d.isArray() && d.array().isEmpty(), qPrintable(r.out));
    }

    void playWithNoUsableOutput()
    {
        QProcessEnvironment env = environment(path("dead-alsa.conf"));
        env.insert("EARLAB_CAPTURE", path("never.raw"));
        const CliRun r = cli({"play", path("tone997.wav"), "--seconds", "0.2"}, env);
        verifyOneLineFailure(r, 3, "no audio output device");
    }

    void playOnUnknownDevice()
    {
        const CliRun r = cli({"play", path("tone997.wav"), "--seconds", "0.2", "--device", "no such speaker"});
        verifyOneLineFailure(r, 3, "no such speaker");
    }

    // --- info --------------------------------------------------------------------------

    void infoWav()
    {
        const CliRun r = cli({"info", path("tone997.wav"), "--json"});
        verifyOk(r);
        const QJsonObject o = parseObject(r.out);
        for (const char* key : {"format", "channels", "sample_rate", "frames", "duration_s", "loudness_lufs", "true_peak_dbtp"})
            QVERIFY2(o.contains(key), key);
        QCOMPARE(o.value("format").toString(), QString("WAV"));
        QCOMPARE(o.value("channels").toInt(), 2);
        QCOMPARE(o.value("sample_rate").toInt(), 48000);
        QCOMPARE(o.value("frames").toInteger(), soxFrames(path("tone997.wav")));
        QCOMPARE(o.value("frames").toInteger(), qint64(96000));
        QVERIFY(std::abs(o.value("duration_s").toDouble() - 2.0) < 1e-6);
        const double lufs = o.value("loudness_lufs").toDouble(NAN);
        QVERIFY2(std::abs(lufs - -20.0) <= 0.05, qPrintable(QString::number(lufs)));
        const double tp = o.value("true_peak_dbtp").toDouble(NAN);
        QVERIFY2(std::abs(tp - -20.0) <= 0.2, qPrintable(QString::number(tp)));
    }

    void infoText()
    {
        const CliRun r = cli({"info", path("tone997.wav")});
        verifyOk(r);
        QVERIFY2(r.out.contains("LUFS") && r.out.contains("dBTP") && r.out.contains("48000"), qPrintable(r.out));
    }

    void infoMonoFlac()
    {
        const CliRun r = cli({"info", path("mono.flac"), "--json"});
        verifyOk(r);
        const QJsonObject o = parseObject(r.out);
        QCOMPARE(o.value("format").toString(), QString("FLAC"));
        QCOMPARE(o.value("channels").toInt(), 1);
        QCOMPARE(o.value("sample_rate").toInt(), 44100);
        QCOMPARE(o.value("frames").toInteger(), soxFrames(path("mono.flac")));
        QCOMPARE(o.value("frames").toInteger(), qint64(66150));
        // Dual mono: the tone played on both speakers reads like the stereo one.
        const double lufs = o.value("loudness_lufs").toDouble(NAN);
        QVERIFY2(std::abs(lufs - -20.0) <= 0.05, qPrintable(QString::number(lufs)));
    }

    void infoMp3()
    {
        // sox writes no LAME/Xing header, so no decoder can know the exact 132300: the decoded
        // count includes the codec delay and the last frame's padding. What must not appear is
        // libsndfile's header estimate (computed from the file size), and the count must be the
        // decoded one, within one MP3 frame plus the codec delays of the real length.
        const CliRun r = cli({"info", path("tone.mp3"), "--json"});
        verifyOk(r);
        const QJsonObject o = parseObject(r.out);
        QCOMPARE(o.value("format").toString(), QString("MP3"));
        QCOMPARE(o.value("channels").toInt(), 2);
        QCOMPARE(o.value("sample_rate").toInt(), 44100);
        const qint64 frames = o.value("frames").toInteger();
        QVERIFY2(frames >= 132300 && frames <= 132300 + 1152 + 576 + 529, qPrintable(QString::number(frames)));
        QVERIFY(std::abs(o.value("duration_s").toDouble() - double(frames) / 44100.0) < 1e-5);
    }

    void infoGaplessMp3()
    {
        // An MP3 that carries a LAME gapless header (the library's writer, driven by a sox WAV):
        // frames must be the real length, not the padded one.
        writeAudioFile(path("gapless.mp3").toStdString(), load(path("tone997.wav")));
        const CliRun r = cli({"info", path("gapless.mp3"), "--json"});
        verifyOk(r);
        const QJsonObject o = parseObject(r.out);
        QCOMPARE(o.value("format").toString(), QString("MP3"));
        QCOMPARE(o.value("frames").toInteger(), qint64(96000));
        QVERIFY(std::abs(o.value("duration_s").toDouble() - 2.0) < 1e-6);
        // Lossy, but a steady tone keeps its loudness.
        QVERIFY(std::abs(o.value("loudness_lufs").toDouble(NAN) - -20.0) <= 0.2);
    }

    void infoMissingFile()
    {
        const QString missing = path("no-such-take.wav");
        verifyOneLineFailure(cli({"info", missing, "--json"}), 2, missing);
    }

    void infoTextFileNamedWav()
    {
        const QString notes = path("notes.wav");
        verifyOneLineFailure(cli({"info", notes}), 2, notes);
    }

    // --- render ------------------------------------------------------------------------

    void renderPeakEq()
    {
        const QString out = path("eq.wav");
        verifyOk(cli({"render", path("sine1k.wav"), "-o", out, "--eq", "peak:1000:6:1"}));
        const AudioBuffer in = load(path("sine1k.wav"));
        const AudioBuffer o = load(out);
        QCOMPARE(o.frames(), in.frames());
        const std::size_t settle = 2400; // 50 ms
        for (int ch = 0; ch < 2; ++ch) {
            const double gain = rmsDb(skip(o.channels[ch], settle)) - rmsDb(skip(in.channels[ch], settle));
            QVERIFY2(std::abs(gain - 6.0) <= 0.05, qPrintable(QString("channel %1: %2 dB").arg(ch).arg(gain)));
        }
        // And sox agrees on the level (an independent reader and meter).
        const double soxGain = soxRmsDb(out) - soxRmsDb(path("sine1k.wav"));
        QVERIFY2(std::abs(soxGain - 6.0) <= 0.05, qPrintable(QString::number(soxGain)));
    }

    void renderOutputFormats()
    {
        const QString flac = path("eq.flac"), wav = path("eq-float.wav");
        verifyOk(cli({"render", path("sine1k.wav"), "-o", flac, "--eq", "peak:1000:6:1"}));
        verifyOk(cli({"render", path("sine1k.wav"), "-o", wav, "--eq", "peak:1000:6:1"}));
        const AudioFileInfo f = probeAudioFile(flac.toStdString());
        QCOMPARE(f.format, std::string("FLAC"));
        QCOMPARE(f.encoding, std::string("PCM 24-bit"));
        QCOMPARE(f.sampleRate, 48000);
        QCOMPARE(f.frames, std::int64_t(96000));
        const AudioFileInfo w = probeAudioFile(wav.toStdString());
        QCOMPARE(w.format, std::string("WAV"));
        QCOMPARE(w.encoding, std::string("float 32-bit"));
        // soxi, independently.
        bool ok = false;
        QCOMPARE(tool("soxi", {"-b", flac}, &ok), QString("24"));
        QCOMPARE(tool("soxi", {"-e", wav}, &ok), QString("Floating Point PCM"));
    }

    void renderGain()
    {
        const QString out = path("gain.wav");
        verifyOk(cli({"render", path("sine1k.wav"), "-o", out, "--gain", "-6"}));
        const AudioBuffer in = load(path("sine1k.wav")), o = load(out);
        for (int ch = 0; ch < 2; ++ch) {
            const double gain = rmsDb(skip(o.channels[ch], 2400)) - rmsDb(skip(in.channels[ch], 2400));
            QVERIFY2(std::abs(gain - -6.0) <= 0.05, qPrintable(QString::number(gain)));
        }
    }

    void renderPanHardLeft()
    {
        const QString out = path("pan.wav");
        verifyOk(cli({"render", path("sine1k.wav"), "-o", out, "--pan", "-1"}));
        const AudioBuffer in = load(path("sine1k.wav")), o = load(out);
        QCOMPARE(o.channelCount(), std::size_t(2));
        QVERIFY2(peakDb(skip(o.channels[1], 2400)) < -120.0, qPrintable(QString::number(peakDb(o.channels[1]))));
        const double left = rmsDb(skip(o.channels[0], 2400)) - rmsDb(skip(in.channels[0], 2400));
        QVERIFY2(std::abs(left - 3.0103) <= 0.05, qPrintable(QString::number(left)));
    }

    void renderCompressStaticCurve()
    {
        // Threshold -30 dB, ratio 4, on a steady -6.02 dBFS level: the static curve takes
        // (−6.02 + 30) × (1 − 1/4) = 17.99 dB off.
        const QString out = path("compressed.wav");
        verifyOk(cli({"render", path("square.wav"), "-o", out, "--compress", "-30:4:5:50"}));
        const AudioBuffer in = load(path("square.wav")), o = load(out);
        const double inputDb = peakDb(in.channels[0]);
        const double expected = (inputDb + 30.0) * (1.0 - 1.0 / 4.0);
        const std::size_t settled = 48000; // 1 s: many time constants past the attack
        const double reduction = rmsDb(skip(in.channels[0], settled)) - rmsDb(skip(o.channels[0], settled));
        QVERIFY2(std::abs(reduction - expected) <= 0.5,
                 qPrintable(QString("reduced %1 dB, static curve %2 dB").arg(reduction).arg(expected)));
    }

    void renderCompressSine()
    {
        // A sine through a peak detector: the gain reduction follows |x| sample by sample and
        // falls back (release 50 ms) between peaks, so it settles below the static amount
        // at the peak (simulated for this detector: 16.7 of 18.0 dB). It must reduce, by
        // more than the static amount at the sine's RMS level and no more than at its peak.
        const QString loud = path("loud-sine.wav"), out = path("compressed-sine.wav");
        QVERIFY(sox({"-n", "-r", "48000", "-c", "2", "-b", "32", "-e", "float", loud, "synth", "3", "sine", "1000", "vol", "0.5"}));
        verifyOk(cli({"render", loud, "-o", out, "--compress", "-30:4:5:50"}));
        const AudioBuffer in = load(loud), o = load(out);
        const double peak = peakDb(in.channels[0]);
        const double rms = rmsDb(in.channels[0]);
        const double reduction = rmsDb(skip(in.channels[0], 48000)) - rmsDb(skip(o.channels[0], 48000));
        QVERIFY2(reduction <= (peak + 30.0) * 0.75 + 0.05 && reduction >= (rms + 30.0) * 0.75,
                 qPrintable(QString("reduced %1 dB").arg(reduction)));
    }

    void renderMatchLoudness()
    {
        const QString boosted = path("boost.wav"), matched = path("boost-matched.wav");
        verifyOk(cli({"render", path("pink.wav"), "-o", boosted, "--eq", "peak:1000:9:1"}));
        verifyOk(cli({"render", path("pink.wav"), "-o", matched, "--eq", "peak:1000:9:1", "--match-loudness"}));
        const double in = measureLoudness(load(path("pink.wav"))).integratedLufs;
        const double b = measureLoudness(load(boosted)).integratedLufs;
        const double m = measureLoudness(load(matched)).integratedLufs;
        QVERIFY2(b - in > 1.0, qPrintable(QString("the boost alone should be louder: %1 vs %2 LUFS").arg(b).arg(in)));
        QVERIFY2(std::abs(m - in) <= 0.1, qPrintable(QString("matched %1 LUFS, input %2 LUFS").arg(m).arg(in)));
    }

    void renderMasterLimits()
    {
        const QString out = path("mastered.wav");
        verifyOk(cli({"render", path("hot.wav"), "-o", out, "--master"}));
        const AudioBuffer in = load(path("hot.wav")), o = load(out);
        QVERIFY(peakDb(in.channels[0]) > 19.9);
        QCOMPARE(o.frames(), in.frames());
        QCOMPARE(soxFrames(out), qint64(in.frames()));
        const float ceiling = float(std::pow(10.0, -1.0 / 20.0));
        for (const auto& ch : o.channels)
            for (std::size_t i = 0; i < ch.size(); ++i)
                if (std::abs(ch[i]) > ceiling)
                    QFAIL(qPrintable(QString("sample %1 is %2 dBFS").arg(i).arg(20.0 * std::log10(std::abs(ch[i])))));
        // Limited, not silenced: the steady part sits near the ceiling.
        QVERIFY(peakDb(window(o.channels[0], 24000, 24000)) > -3.0);
    }

    void renderBadUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        const QString in = path("sine1k.wav"), out = path("bad.wav");
        QTest::newRow("unknown filter type") << QStringList{"render", in, "-o", out, "--eq", "wobble:1000:6:1"} << "wobble";
        QTest::newRow("eq missing fields") << QStringList{"render", in, "-o", out, "--eq", "peak:1000"} << "peak:1000";
        QTest::newRow("gain not a number") << QStringList{"render", in, "-o", out, "--gain", "abc"} << "abc";
        QTest::newRow("gain out of range") << QStringList{"render", in, "-o", out, "--gain", "90"} << "gain";
        QTest::newRow("compress missing fields") << QStringList{"render", in, "-o", out, "--compress", "-30:4"} << "--compress";
        QTest::newRow("missing -o") << QStringList{"render", in, "--gain", "-6"} << "-o";
        QTest::newRow("unwritable output") << QStringList{"render", in, "-o", "/nonexistent-dir/x.wav"} << "/nonexistent-dir/x.wav";
        QTest::newRow("unknown extension") << QStringList{"render", in, "-o", path("bad.xyz")} << ".xyz";
        QTest::newRow("missing input") << QStringList{"render", path("absent.wav"), "-o", out} << "absent.wav";
        QTest::newRow("unknown option") << QStringList{"render", in, "-o", out, "--louder"} << "louder";
    }

    void renderBadUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        verifyOneLineFailure(cli(args), 2, named);
        QVERIFY2(!QFile::exists(path("bad.wav")) && !QFile::exists(path("bad.xyz")), "a failed render left a file behind");
    }

    // --- play --------------------------------------------------------------------------

    void playCaptured()
    {
        AudioBuffer captured;
        const CliRun r = cliCaptured({"play", path("sine1k.wav"), "--seconds", "1", "--device", "default"}, captured);
        verifyOk(r);
        QVERIFY2(r.out.contains("default"), qPrintable(r.out));
        QVERIFY2(captured.frames() > 0, "nothing reached the device");
        const std::size_t first = firstNonZero(captured.channels[0]);
        const std::size_t last = lastNonZero(captured.channels[0]);
        QVERIFY2(last > first && last - first + 1 >= 48000,
                 qPrintable(QString("%1 frames of sound").arg(last > first ? last - first + 1 : 0)));
        // ... and stops where --seconds says: 1 s plus the 10 ms stop fade and a buffer.
        QVERIFY2(last - first + 1 <= 48000 + 480 + 512, qPrintable(QString("%1 frames of sound").arg(last - first + 1)));
        // Untreated playback keeps the level: -12 dBFS peak sine = -15.05 dB RMS.
        const double level = rmsDb(window(captured.channels[0], first + 2400, 43200));
        QVERIFY2(std::abs(level - (-12.0 - 3.0103)) <= 0.05, qPrintable(QString::number(level)));
        QVERIFY(std::abs(rmsDb(window(captured.channels[1], first + 2400, 43200)) - level) < 0.01);
    }

    // The plain capture file: no clock, the stream renders about a second of audio per
    // millisecond. Whatever the scheduling does, a second of the file must get through.
    void playUnclocked()
    {
        AudioBuffer captured;
        const CliRun r = cliCaptured({"play", path("sine1k.wav"), "--seconds", "1", "--device", "default"}, captured, false);
        verifyOk(r);
        const std::size_t first = firstNonZero(captured.channels[0]);
        const std::size_t last = lastNonZero(captured.channels[0]);
        QVERIFY2(last > first && last - first + 1 >= 48000,
                 qPrintable(QString("%1 frames of sound").arg(last > first ? last - first + 1 : 0)));
        QVERIFY(std::abs(rmsDb(window(captured.channels[0], first + 2400, 43200)) - (-12.0 - 3.0103)) <= 0.05);
    }

    void playSwitching()
    {
        AudioBuffer captured;
        const CliRun r = cliCaptured({"play", path("sine1k.wav"), "--gain", "-12", "--switch-every", "0.25",
                                      "--seconds", "1.1", "--device", "default"},
                                     captured);
        verifyOk(r);

        // Switches listed on stdout: "   0.250 s  treated".
        QStringList switches;
        const QRegularExpression line("^\\s*(\\d+\\.\\d+) s\\s+(flat|treated)\\s*$", QRegularExpression::MultilineOption);
        for (auto it = line.globalMatch(r.out); it.hasNext();) {
            const auto m = it.next();
            switches << m.captured(1) + ' ' + m.captured(2);
        }
        QVERIFY2(switches.size() >= 2, qPrintable(r.out));
        QCOMPARE(switches.at(0), QString("0.250 treated"));
        QCOMPARE(switches.at(1), QString("0.500 flat"));

        // Level in 50 ms windows centred in each 0.25 s period: flat, -12 dB, flat, -12 dB.
        // The sine starts at phase 0 and the transport fade from gain 0, so the first
        // non-zero sample is frame 1 of the playback.
        const auto& left = captured.channels[0];
        const std::size_t start = firstNonZero(left) - 1;
        QVERIFY(start + 48000 < left.size());
        std::vector<double> levels;
        for (int k = 0; k < 4; ++k)
            levels.push_back(rmsDb(window(left, start + std::size_t(k) * 12000 + 6000 - 1200, 2400)));
        const double flat = -12.0 - 3.0103;
        if (qEnvironmentVariableIsSet("EARLAB_TEST_DEBUG")) {
            QString t;
            char prev = 0;
            for (std::size_t b = 0; start + (b + 1) * 240 <= left.size(); ++b) {
                const double db = rmsDb(window(left, start + b * 240, 240));
                const char c = db > -20 ? 'F' : db > -33 ? 'T' : 'S';
                if (c != prev)
                    t += QString(" %1ms:%2").arg(b * 5).arg(c);
                prev = c;
            }
            qInfo("start %zu of %zu:%s\n%s", start, left.size(), qPrintable(t), qPrintable(r.out));
        }
        QVERIFY2(std::abs(levels[0] - flat) <= 0.1, qPrintable(QString::number(levels[0])));
        QVERIFY2(std::abs(levels[1] - (flat - 12.0)) <= 0.1, qPrintable(QString::number(levels[1])));
        QVERIFY2(std::abs(levels[2] - flat) <= 0.1, qPrintable(QString::number(levels[2])));

        // The rest of the schedule, and the length asked for: every switch is listed, the
        // fourth period is treated again, and playback stops where --seconds says (plus the
        // stop fade).
        QRegularExpression played("played (\\d+\\.\\d+) s");
        const double playedSeconds = played.match(r.out).captured(1).toDouble();
        const bool scheduleComplete = switches == QStringList{"0.250 treated", "0.500 flat", "0.750 treated", "1.000 flat"};
        const bool fourthPeriodTreated = std::abs(levels[3] - (flat - 12.0)) <= 0.1;
        const bool lengthRight = playedSeconds >= 1.1 && playedSeconds <= 1.15;
        QVERIFY2(scheduleComplete && fourthPeriodTreated && lengthRight,
                 qPrintable(QString("switches [%1], period 4 at %2 dB, played %3 s")
                                .arg(switches.join(", "))
                                .arg(levels[3])
                                .arg(playedSeconds)));
    }

    // --- demo --------------------------------------------------------------------------

    void demo()
    {
        AudioBuffer captured;
        const CliRun r = cliCaptured({"demo", "--seed", "1", "--seconds", "1", "--device", "default"}, captured);
        verifyOk(r);
        const QRegularExpression answer("The hidden boost was \\+9 dB at (\\d+ Hz|\\d+(\\.\\d+)? kHz)");
        const auto m = answer.match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        QVERIFY2(captured.frames() > 48000 && peakDb(captured.channels[0]) > -40.0, "the demo played nothing");
        // The seed decides the band.
        const CliRun again = cli({"demo", "--seed", "1", "--seconds", "0.5", "--device", "default"});
        verifyOk(again);
        QCOMPARE(answer.match(again.out).captured(1), m.captured(1));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
