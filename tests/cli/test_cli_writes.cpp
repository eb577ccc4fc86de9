// earlab-cli render writing its output: the real binary through QProcess, real files. Each
// case of issue 6 that once lost a user's file: a full disk (a file size limit in the child,
// and a small tmpfs when this runs as root), samples that overflow, SIGTERM/SIGINT/SIGHUP
// mid-write, SIGKILL, a symbolic link, a hard link, a FIFO or a folder as -o, and render X -o X.
// Also the clip warning and .opus at 44.1/96 kHz. Outputs are measured with the library's
// loader; "unchanged" means byte for byte.

#include "support/process_runner.h"
#include "support/scratch_files.h"
#include "support/test_signals.h"

#include "audio/io/audio_file.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <cmath>
#include <csignal>
#include <functional>

#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr int kTimeoutMs = 120000;

struct Run {
    bool finished = false;
    bool crashed = false;
    int exitCode = -1; // the signal's number when crashed
    QString err;
    QStringList errLines() const { return err.trimmed().split('\n', Qt::SkipEmptyParts); }
};

// In the child before exec: the signals this test sends at their default action (a shell
// running the suite in the background may have set SIGINT to ignored, which the child would
// inherit and earlab-cli respects), and optionally a file size limit standing in for a full disk.
std::function<void()> childSetup(rlim_t fileSizeLimit = RLIM_INFINITY)
{
    return [fileSizeLimit] {
        for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGXFSZ})
            ::signal(s, SIG_DFL);
        if (fileSizeLimit != RLIM_INFINITY) {
            ::signal(SIGXFSZ, SIG_IGN); // write(2) then fails with EFBIG, as on a full disk with ENOSPC
            rlimit limit{};
            ::getrlimit(RLIMIT_FSIZE, &limit);
            limit.rlim_cur = fileSizeLimit;
            ::setrlimit(RLIMIT_FSIZE, &limit);
        }
    };
}

void start(QProcess& p, const QStringList& args, rlim_t fileSizeLimit = RLIM_INFINITY)
{
    p.setChildProcessModifier(childSetup(fileSizeLimit));
    p.start(QStringLiteral(EARLAB_CLI), args);
}

Run finish(QProcess& p)
{
    Run r;
    r.finished = p.waitForFinished(kTimeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.exitCode = p.exitCode();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

Run cli(const QStringList& args, rlim_t fileSizeLimit = RLIM_INFINITY)
{
    QProcess p;
    start(p, args, fileSizeLimit);
    return finish(p);
}

// The process's state letter from /proc/PID/stat ('T' once stopped).
char processState(qint64 pid)
{
    QFile f(QString("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return '?';
    const QByteArray stat = f.readAll();
    const int close = stat.lastIndexOf(')');
    return close >= 0 && close + 2 < stat.size() ? stat.at(close + 2) : '?';
}

AudioBuffer load(const QString& file)
{
    LoadOptions o;
    o.stereo = false;
    return loadAudioFile(file.toStdString(), o).audio;
}

} // namespace

class TestCliWrites : public QObject {
    Q_OBJECT

    QString dir_;
    QString path(const QString& name) const { return dir_ + '/' + name; }

    // EarLab temporaries in the folder (".NAME.earlab-PID-N.tmp").
    QStringList temporaries(const QString& dir = {}) const
    {
        return QDir(dir.isEmpty() ? dir_ : dir)
            .entryList({"*.earlab-*.tmp"}, QDir::Files | QDir::Hidden | QDir::System);
    }

    // A fresh copy of fixture `from` at `to`; returns its bytes.
    QByteArray copyFixture(const QString& from, const QString& to) const
    {
        QFile::remove(to);
        const QByteArray bytes = readBytes(path(from));
        writeBytes(to, bytes);
        return bytes;
    }

    static void verifyOneLineFailure(const Run& r, const QStringList& needles)
    {
        QVERIFY2(r.finished && !r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errLines().size() == 1, qPrintable("expected one stderr line, got: " + r.err));
        for (const QString& n : needles)
            QVERIFY2(r.err.contains(n), qPrintable("\"" + n + "\" not in: " + r.err));
    }

    static void verifyOk(const Run& r)
    {
        QVERIFY2(r.finished && !r.crashed && r.exitCode == 0, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.err)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(EARLAB_CLI), EARLAB_CLI);
        dir_ = scratch("cli_writes");
        QVERIFY(!dir_.isEmpty());
        // 5 s of pink noise, 24-bit: 1.4 MB; rendered as float WAV 1.9 MB.
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "2", "-b", "24", path("x.wav"), "synth", "5", "pinknoise", "vol", "0.25"}), QString());
        // 60 s, long enough that a FLAC render is still writing when the signal comes.
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "2", "-b", "24", path("long.flac"), "synth", "60", "pinknoise", "vol", "0.25"}), QString());
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", "-b", "24", path("in44.wav"), "synth", "2", "sine", "1000", "vol", "0.5"}), QString());
        QCOMPARE(sox({"-n", "-r", "96000", "-c", "2", "-b", "24", path("in96.wav"), "synth", "2", "sine", "1000", "vol", "0.5"}), QString());
        // Finite, but +12 dB takes them past the largest float: the render's output overflows.
        AudioBuffer huge = AudioBuffer::silence(2, 48000, 48000.0);
        for (auto& ch : huge.channels)
            for (std::size_t i = 0; i < ch.size(); ++i)
                ch[i] = i % 2 ? 3e38f : -3e38f;
        writeAudioFile(path("huge.wav").toStdString(), huge);
        // 1 kHz at +6 dBFS peak in float: a FLAC cannot hold it.
        writeAudioFile(path("hot.wav").toStdString(), sine(1000.0, 6.0, 48000.0, 48000));
    }

    void cleanup() { QVERIFY2(temporaries().isEmpty(), qPrintable(temporaries().join(' '))); }

    void fullDiskKeepsTheInputItRendersOnto_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("plain (streaming)") << QStringList{"--gain", "-3"};
        QTest::newRow("--master") << QStringList{"--master"};
        QTest::newRow("--match-loudness") << QStringList{"--gain", "3", "--match-loudness"};
    }

    void fullDiskKeepsTheInputItRendersOnto()
    {
        QFETCH(QStringList, options);
        const QString x = path("x-full.wav");
        const QByteArray before = copyFixture("x.wav", x);
        const Run r = cli(QStringList{"render", x, "-o", x} + options, 256 * 1024);
        verifyOneLineFailure(r, {x, "File too large", "the existing file is unchanged"});
        QVERIFY(readBytes(x) == before);
    }

    void fullTmpfsKeepsTheInputItRendersOnto()
    {
        if (::geteuid() != 0)
            QSKIP("mounting a small tmpfs needs root; the file size limit case covers a full disk");
        const QString fs = path("small-fs");
        QVERIFY(QDir().mkpath(fs));
        // 2 MB: room for the 1.4 MB input, not for it and the 1.9 MB output together.
        if (::mount("tmpfs", fs.toUtf8().constData(), "tmpfs", 0, "size=2m") != 0)
            QSKIP("mount(2) refused here: the file size limit case covers a full disk");
        const QString x = fs + "/x.wav";
        const QByteArray before = copyFixture("x.wav", x);
        const Run r = cli({"render", x, "-o", x, "--gain", "-3"});
        const Run master = cli({"render", x, "-o", x, "--master"});
        const QByteArray after = readBytes(x);
        const QStringList left = temporaries(fs);
        ::umount(fs.toUtf8().constData());
        verifyOneLineFailure(r, {x, "No space left on device", "the existing file is unchanged"});
        verifyOneLineFailure(master, {x, "No space left on device", "the existing file is unchanged"});
        QVERIFY(after == before);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(' ')));
    }

    void overflowKeepsTheInputItRendersOnto()
    {
        // (With --master the limiter keeps these samples finite: no failure to test there.)
        const QString x = path("x-huge.wav");
        const QByteArray before = copyFixture("huge.wav", x);
        const Run r = cli({"render", x, "-o", x, "--gain", "12"});
        verifyOneLineFailure(r, {x, "NaN or infinite", "the existing file is unchanged"});
        QVERIFY(readBytes(x) == before);
    }

    void renderOntoItsInput_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("plain (streaming)") << QStringList{"--gain", "-6"};
        QTest::newRow("--master") << QStringList{"--gain", "-6", "--master"};
    }

    void renderOntoItsInput()
    {
        QFETCH(QStringList, options);
        const QString x = path("x-self.wav");
        copyFixture("x.wav", x);
        const AudioBuffer before = load(x);
        verifyOk(cli(QStringList{"render", x, "-o", x} + options));
        const AudioBuffer after = load(x);
        QCOMPARE(after.frames(), before.frames());
        if (options.contains("--master"))
            return; // fades and limiter: its own tests measure them; here: written, right length
        // -6 dB of the old samples: the input was read whole although its name was replaced.
        const double g = std::pow(10.0, -6.0 / 20.0);
        double worst = 0;
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < before.frames(); ++i)
                worst = std::max(worst, std::fabs(after.channels[c][i] - g * before.channels[c][i]));
        QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
    }

    void signalMidWriteLeavesTargetAsItWas_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<bool>("ontoInput");
        for (const auto& [name, sig] : {std::pair{"SIGTERM", SIGTERM}, {"SIGINT", SIGINT}, {"SIGHUP", SIGHUP}}) {
            QTest::addRow("%s, plain", name) << sig << QStringList{"--eq", "peak:1000:6:1"} << false;
            QTest::addRow("%s, --master", name) << sig << QStringList{"--master"} << false;
        }
        QTest::newRow("SIGTERM, onto its input") << SIGTERM << QStringList{"--eq", "peak:1000:6:1"} << true;
    }

    void signalMidWriteLeavesTargetAsItWas()
    {
        QFETCH(int, signal);
        QFETCH(QStringList, options);
        QFETCH(bool, ontoInput);
        const QString out = path("signalled.flac");
        const QByteArray before = copyFixture(ontoInput ? "long.flac" : "x.wav", out);
        const QString in = ontoInput ? out : path("long.flac");

        QProcess p;
        start(p, QStringList{"render", in, "-o", out} + options);
        QVERIFY(p.waitForStarted(10000));
        // The condition: the temporary beside the target exists, i.e. the write is under way.
        QVERIFY2(QTest::qWaitFor([&] { return !temporaries().isEmpty() || p.state() == QProcess::NotRunning; }, kTimeoutMs),
                 "no temporary file appeared");
        QVERIFY2(p.state() == QProcess::Running, qPrintable(QString::fromUtf8(p.readAllStandardError())));
        // Held still, so the signal surely lands mid-write.
        const qint64 pid = p.processId();
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
        QVERIFY(QTest::qWaitFor([&] { return processState(pid) == 'T'; }, kTimeoutMs));
        QVERIFY2(!temporaries().isEmpty(), "the render finished before it could be stopped");
        QCOMPARE(::kill(pid_t(pid), signal), 0);
        QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);
        const Run r = finish(p);

        QVERIFY(r.finished);
        QVERIFY2(r.crashed, "earlab-cli must die of the signal (exit status \"killed by signal\")");
        QCOMPARE(r.exitCode, signal);
        QVERIFY(readBytes(out) == before);
        // cleanup() checks that no temporary is left.
    }

    void sigkillLeavesATemporaryTheNextRenderRemoves()
    {
        const QString out = path("killed.flac");
        const QByteArray before = copyFixture("x.wav", out);
        QProcess p;
        start(p, {"render", path("long.flac"), "-o", out, "--eq", "peak:1000:6:1"});
        QVERIFY(p.waitForStarted(10000));
        QVERIFY(QTest::qWaitFor([&] { return !temporaries().isEmpty() || p.state() == QProcess::NotRunning; }, kTimeoutMs));
        QVERIFY(p.state() == QProcess::Running);
        const qint64 pid = p.processId();
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        const Run killed = finish(p);
        QVERIFY(killed.crashed);
        QCOMPARE(killed.exitCode, SIGKILL);
        // SIGKILL cannot be handled: its temporary stays, named after the dead process...
        const QStringList left = temporaries();
        QCOMPARE(left.size(), 1);
        QVERIFY2(left.front().contains(QString(".earlab-%1-").arg(pid)), qPrintable(left.front()));
        QVERIFY(readBytes(out) == before);
        // ...until the same target is written again.
        verifyOk(cli({"render", path("x.wav"), "-o", out, "--gain", "-6"}));
        QCOMPARE(load(out).frames(), load(path("x.wav")).frames());
    }

    void symbolicLinkOutput()
    {
        const QString target = path("link-target.wav"), link = path("link.wav");
        const QByteArray before = copyFixture("x.wav", target);
        QFile::remove(link);
        QVERIFY(QFile::link("link-target.wav", link));

        // A render that fails after it started writing: the link and its target stay.
        const Run failed = cli({"render", path("huge.wav"), "-o", link, "--gain", "12"});
        verifyOneLineFailure(failed, {link, "the existing file is unchanged"});
        QCOMPARE(QFileInfo(link).symLinkTarget(), target);
        QVERIFY(readBytes(target) == before);

        // A render that succeeds: written through, the link kept.
        verifyOk(cli({"render", path("x.wav"), "-o", link, "--gain", "-6"}));
        QCOMPARE(QFileInfo(link).symLinkTarget(), target);
        QVERIFY(readBytes(target) != before);
        QCOMPARE(load(target).frames(), load(path("x.wav")).frames());
    }

    void outputsThatCannotBeReplacedAreRefusedUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("needle");
        QTest::newRow("link to /dev/null") << "devnull" << "is a symbolic link to /dev/null, which is a device";
        QTest::newRow("FIFO") << "fifo" << "is a named pipe (FIFO)";
        QTest::newRow("folder") << "folder" << "is a folder";
        QTest::newRow("hard link, 2 names") << "hardlink" << "has 2 names (hard links)";
    }

    void outputsThatCannotBeReplacedAreRefusedUntouched()
    {
        QFETCH(QString, kind);
        QFETCH(QString, needle);
        const QString out = path("special-" + kind + ".wav");
        const QString other = path("special-other.wav");
        QByteArray before;
        if (kind == "devnull")
            QVERIFY(QFile::link("/dev/null", out));
        else if (kind == "fifo")
            QCOMPARE(::mkfifo(out.toUtf8().constData(), 0600), 0);
        else if (kind == "folder")
            QVERIFY(QDir().mkpath(out));
        else {
            before = copyFixture("x.wav", out);
            QFile::remove(other);
            QCOMPARE(::link(out.toUtf8().constData(), other.toUtf8().constData()), 0);
        }
        struct stat st {};
        QCOMPARE(::lstat(out.toUtf8().constData(), &st), 0);
        const mode_t typeBefore = st.st_mode & S_IFMT;

        const Run r = cli({"render", path("x.wav"), "-o", out}); // a FIFO must not block it
        verifyOneLineFailure(r, {out, needle, "left as it is"});
        QCOMPARE(::lstat(out.toUtf8().constData(), &st), 0);
        QCOMPARE(st.st_mode & S_IFMT, typeBefore);
        if (kind == "hardlink") {
            QVERIFY(readBytes(out) == before);
            QVERIFY(readBytes(other) == before);
            QCOMPARE(int(st.st_nlink), 2);
        }
        if (kind == "devnull")
            QVERIFY(QFileInfo("/dev/null").exists());
    }

    void clippedSamplesAreReported_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<bool>("warns");
        QTest::newRow("flac") << "clip.flac" << QStringList{} << true;
        QTest::newRow("aiff") << "clip.aiff" << QStringList{} << true;
        QTest::newRow("flac, --master") << "clip-master.flac" << QStringList{"--master"} << false;
        QTest::newRow("wav (float)") << "clip.wav" << QStringList{} << false;
    }

    void clippedSamplesAreReported()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, options);
        QFETCH(bool, warns);
        const AudioBuffer hot = load(path("hot.wav"));
        qulonglong beyond = 0;
        float peak = 0;
        for (const auto& ch : hot.channels)
            for (const float v : ch) {
                beyond += std::fabs(v) > 1.0f;
                peak = std::max(peak, std::fabs(v));
            }
        QVERIFY(beyond > 1000);
        const QString out = path(name);
        const Run r = cli(QStringList{"render", path("hot.wav"), "-o", out} + options);
        verifyOk(r);
        QVERIFY(QFile::exists(out));
        if (!warns) {
            QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
            return;
        }
        const QString expected =
            QString("earlab-cli render: warning: %1: %2 samples above full scale were clipped (peak %3 dBFS); "
                    "write .wav (32-bit float) to keep them, or use --master to limit the peak to -1 dBFS")
                .arg(out)
                .arg(beyond)
                .arg(QString::asprintf("%+.1f", 20.0 * std::log10(double(peak))));
        QCOMPARE(r.errLines(), QStringList{expected});
    }

    void opusAtOtherRatesIsWrittenAt48k_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("44.1 kHz") << "in44.wav";
        QTest::newRow("96 kHz") << "in96.wav";
    }

    void opusAtOtherRatesIsWrittenAt48k()
    {
        QFETCH(QString, input);
        const AudioFileInfo in = probeAudioFile(path(input).toStdString());
        const QString out = path(input + ".opus");
        const Run r = cli({"render", path(input), "-o", out});
        verifyOk(r);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const AudioFileInfo info = probeAudioFile(out.toStdString());
        QCOMPARE(info.sampleRate, 48000);
        QCOMPARE(info.frames, std::int64_t(std::llround(double(in.frames) * 48000.0 / in.sampleRate)));
        QCOMPARE(in.frames, std::int64_t(2 * in.sampleRate)); // the 2 s sox made
    }

    void helpSaysOpusIsWrittenAt48k()
    {
        QProcess p;
        start(p, {"render", "--help"});
        QVERIFY(p.waitForFinished(kTimeoutMs));
        const QString help = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(help.contains(".opus is written at 48 kHz") && help.contains("libsoxr"), qPrintable(help));
    }
};

QTEST_GUILESS_MAIN(TestCliWrites)
#include "test_cli_writes.moc"
