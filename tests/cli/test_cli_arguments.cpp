// earlab-cli's arguments, end to end through the real binary: every number is checked for
// range and finiteness with the text as typed in the message, a repeated single-value option
// is refused, file names that are not UTF-8 are opened and written under their own bytes, and
// errors name the user's file, not an internal role. Every refused case of issue 6 is a row.
// Arguments go to the binary as raw bytes (runProcessBytes): QProcess would re-encode them.

#include "support/process_runner.h"

#include "app/cli/cli_support.h"
#include "audio/io/audio_file.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr int kTimeoutMs = 120000;

struct CliRun {
    ProcessRun run;
    QStringList errLines() const { return QString::fromUtf8(run.err).trimmed().split('\n', Qt::SkipEmptyParts); }
};

bool existsBytes(const QByteArray& path) { return std::filesystem::exists(std::filesystem::path(path.toStdString())); }

} // namespace

class TestCliArguments : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int captures_ = 0;

    QByteArray path(const QByteArray& name) const { return QFile::encodeName(dir_.path()) + '/' + name; }
    QString qpath(const char* name) const { return dir_.filePath(QString::fromUtf8(name)); }

    CliRun cli(const QList<QByteArray>& args)
    {
        // Each run its own capture file (play and demo), so nothing leaks between runs.
        qputenv("EARLAB_CAPTURE", path("capture-" + QByteArray::number(++captures_) + ".raw"));
        return {runProcessBytes(EARLAB_CLI, args, kTimeoutMs)};
    }
    static QList<QByteArray> bytes(const QStringList& args)
    {
        QList<QByteArray> out;
        for (const QString& a : args)
            out << a.toUtf8();
        return out;
    }

    // Exit 2, one line on stderr, containing `needle`.
    static void verifyRefused(const CliRun& r, const QString& needle)
    {
        QVERIFY2(r.run.finished && !r.run.crashed, r.run.err.constData());
        QVERIFY2(r.run.exitCode == 2, qPrintable(QString("exit %1, stdout: %2 stderr: %3")
                                                     .arg(r.run.exitCode)
                                                     .arg(QString::fromUtf8(r.run.out), QString::fromUtf8(r.run.err))));
        const QStringList lines = r.errLines();
        QVERIFY2(lines.size() == 1, qPrintable("expected one stderr line, got: " + QString::fromUtf8(r.run.err)));
        QVERIFY2(lines.front().contains(needle), qPrintable("\"" + needle + "\" not in: " + lines.front()));
    }
    static void verifyOk(const CliRun& r)
    {
        QVERIFY2(r.run.ok(), qPrintable(QString("exit %1: %2").arg(r.run.exitCode).arg(QString::fromUtf8(r.run.err))));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        const QString made = sox({"-n", "-r", "48000", "-c", "2", "-b", "16", qpath("tone.wav"), "synth", "1", "sine", "1000",
                                  "vol", "0.5"});
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString silent = sox({"-n", "-r", "48000", "-c", "2", "-b", "16", qpath("silent.wav"), "trim", "0", "1"});
        QVERIFY2(silent.isEmpty(), qPrintable(silent));
        // The same audio under a Latin-1 name: "café.wav" with é as the single byte 0xE9.
        std::filesystem::copy_file(path("tone.wav").toStdString(), path("caf\xe9.wav").toStdString());
        QVERIFY(existsBytes(path("caf\xe9.wav")));
    }

    // --- numbers: range and finiteness, the typed text in the message ---------------------

    void refusedNumbers_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("typed"); // must appear in the message exactly as typed
        const QString tone = qpath("tone.wav"), out = qpath("refused.wav");
        // The cases seen in issue 6:
        QTest::newRow("play --seconds 1e308 (played 0 s, exit 0)") << QStringList{"play", tone, "--seconds", "1e308"} << "--seconds 1e308";
        QTest::newRow("demo --seconds 0 (played the default)") << QStringList{"demo", "--seed", "1", "--seconds", "0"} << "--seconds 0";
        QTest::newRow("demo --seconds -5 (played the default)") << QStringList{"demo", "--seed", "1", "--seconds", "-5"} << "--seconds -5";
        QTest::newRow("demo --seconds nan (played the default)") << QStringList{"demo", "--seed", "1", "--seconds", "nan"} << "--seconds nan";
        QTest::newRow("demo --seed 23 digits (used 0)") << QStringList{"demo", "--seed", "12345678901234567890123", "--seconds", "0.1"}
                                                        << "--seed 12345678901234567890123";
        QTest::newRow("demo --buffer 99999999999 (said -2147483648)") << QStringList{"demo", "--seed", "1", "--buffer", "99999999999"}
                                                                      << "--buffer 99999999999";
        QTest::newRow("render --pan 1.0000001 (said pan = 1)") << QStringList{"render", tone, "-o", out, "--pan", "1.0000001"}
                                                                << "--pan 1.0000001: must be a number between -1 and 1";
        // The same mechanism on every other number:
        QTest::newRow("play --seconds inf") << QStringList{"play", tone, "--seconds", "inf"} << "--seconds inf";
        QTest::newRow("play --seconds 0") << QStringList{"play", tone, "--seconds", "0"} << "--seconds 0";
        QTest::newRow("play --seconds empty") << QStringList{"play", tone, "--seconds", ""} << "--seconds :";
        QTest::newRow("play --buffer 15") << QStringList{"play", tone, "--buffer", "15"} << "--buffer 15";
        QTest::newRow("play --buffer 8193") << QStringList{"play", tone, "--buffer", "8193"} << "--buffer 8193";
        QTest::newRow("play --buffer 256.5") << QStringList{"play", tone, "--buffer", "256.5"} << "--buffer 256.5";
        QTest::newRow("play --switch-every 0.01") << QStringList{"play", tone, "--switch-every", "0.01"} << "--switch-every 0.01";
        QTest::newRow("play --switch-every nan") << QStringList{"play", tone, "--switch-every", "nan"} << "--switch-every nan";
        QTest::newRow("play --pan -1.5") << QStringList{"play", tone, "--pan", "-1.5"} << "--pan -1.5";
        QTest::newRow("demo --seed -1") << QStringList{"demo", "--seed", "-1"} << "--seed -1";
        QTest::newRow("demo --seed 1.5") << QStringList{"demo", "--seed", "1.5"} << "--seed 1.5";
        QTest::newRow("demo --seed 1e3") << QStringList{"demo", "--seed", "1e3"} << "--seed 1e3";
        QTest::newRow("demo --seconds 86400.5") << QStringList{"demo", "--seed", "1", "--seconds", "86400.5"} << "--seconds 86400.5";
        // A render with one option: these rows differ only in the option and its text.
        const auto render = [&](const char* tag, const char* option, const char* value, const char* typed) {
            QTest::newRow(tag) << QStringList{"render", tone, "-o", out, option, value} << QString(typed);
        };
        render("render --gain 1e999", "--gain", "1e999", "--gain 1e999");
        render("render --gain nan", "--gain", "nan", "--gain nan");
        render("render --gain 24.000001", "--gain", "24.000001", "--gain 24.000001");
        render("render --gain abc", "--gain", "abc", "--gain abc");
        render("render --pan -inf", "--pan", "-inf", "--pan -inf");
        render("render --eq frequency 9.99", "--eq", "peak:9.99:6:1", "frequency 9.99");
        render("render --eq gain 30.5", "--eq", "peak:1000:30.5:1", "gain 30.5");
        render("render --eq Q 0", "--eq", "peak:1000:6:0", "Q 0");
        render("render --eq Q nan", "--eq", "peak:1000:6:nan", "Q nan");
        render("render --compress threshold 0.5", "--compress", "0.5:4:10:100", "threshold 0.5");
        render("render --compress ratio 0.9", "--compress", "-20:0.9:10:100", "ratio 0.9");
        render("render --compress attack 0", "--compress", "-20:4:0:100", "attack 0");
        render("render --compress release 1e9", "--compress", "-20:4:10:1e9", "release 1e9");
        render("render --compress knee 25", "--compress", "-20:4:10:100:25", "knee 25");
        render("render --compress makeup nan", "--compress", "-20:4:10:100:6:nan", "makeup nan");
    }

    void refusedNumbers()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, typed);
        QFile::remove(qpath("refused.wav"));
        verifyRefused(cli(bytes(args)), typed);
        QVERIFY2(!QFile::exists(qpath("refused.wav")), "a refused render wrote its output");
    }

    // The limits themselves are allowed: the checks are not stricter than the ranges they state.
    void boundaryNumbersAccepted_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString tone = qpath("tone.wav"), out = qpath("boundary.wav");
        QTest::newRow("render at every upper limit")
            << QStringList{"render", tone, "-o", out, "--pan", "1", "--gain", "24", "--eq", "peak:20000:30:40",
                           "--compress", "0:100:500:5000:24:24"};
        QTest::newRow("render at every lower limit")
            << QStringList{"render", tone, "-o", out, "--pan", "-1", "--gain", "-60", "--eq", "peak:10:-30:0.1",
                           "--compress", "-60:1:0.1:1:0:-24"};
        QTest::newRow("play --buffer 16, --switch-every 0.05")
            << QStringList{"play", tone, "--seconds", "0.2", "--buffer", "16", "--switch-every", "0.05"};
        QTest::newRow("play --buffer 8192") << QStringList{"play", tone, "--seconds", "0.2", "--buffer", "8192"};
        QTest::newRow("demo --seed 9223372036854775807")
            << QStringList{"demo", "--seed", "9223372036854775807", "--seconds", "0.1"};
    }

    void boundaryNumbersAccepted()
    {
        QFETCH(QStringList, args);
        verifyOk(cli(bytes(args)));
    }

    // --- repeated options ---------------------------------------------------------------------

    void repeatedOptionsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        const QString tone = qpath("tone.wav"), a = qpath("first.wav"), b = qpath("second.wav");
        QTest::newRow("-o twice (wrote the second only)") << QStringList{"render", tone, "-o", a, "-o", b} << "-o was given 2 times";
        QTest::newRow("-o and --output") << QStringList{"render", tone, "-o", a, "--output", b} << "given 2 times";
        QTest::newRow("--compress twice (used the second only)")
            << QStringList{"render", tone, "-o", a, "--compress", "-20:4:10:100", "--compress", "-30:2:10:100"}
            << "--compress was given 2 times (-20:4:10:100, -30:2:10:100)";
        QTest::newRow("--gain twice") << QStringList{"render", tone, "-o", a, "--gain", "-3", "--gain", "-6"} << "--gain";
        QTest::newRow("--pan twice") << QStringList{"play", tone, "--pan", "0.5", "--pan", "-0.5"} << "--pan";
        QTest::newRow("--seconds twice") << QStringList{"play", tone, "--seconds", "1", "--seconds", "2"} << "--seconds";
        QTest::newRow("--device twice") << QStringList{"play", tone, "--device", "default", "--device", "x"} << "--device";
        QTest::newRow("--seed three times") << QStringList{"demo", "--seed", "1", "--seed", "2", "--seed=3"} << "3 times";
        QTest::newRow("--buffer twice") << QStringList{"demo", "--buffer", "256", "--buffer", "512"} << "--buffer";
    }

    void repeatedOptionsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        QFile::remove(qpath("first.wav"));
        QFile::remove(qpath("second.wav"));
        verifyRefused(cli(bytes(args)), named);
        QVERIFY(!QFile::exists(qpath("first.wav")) && !QFile::exists(qpath("second.wav")));
    }

    void repeatedEqIsTwoBands()
    {
        const QString out = qpath("two-bands.wav");
        verifyOk(cli(bytes({"render", qpath("tone.wav"), "-o", out, "--eq", "peak:1000:-6:1", "--eq", "peak:1000:-6:1"})));
        // Two -6 dB peaks at the tone's frequency: -12 dB, so both bands were applied.
        const AudioBuffer in = loadAudioFile(qpath("tone.wav").toStdString()).audio;
        const AudioBuffer o = loadAudioFile(out.toStdString()).audio;
        const auto peak = [](const AudioBuffer& b) {
            float p = 0.0f;
            for (std::size_t i = b.frames() / 2; i < b.frames(); ++i)
                p = std::max(p, std::abs(b.channels[0][i]));
            return 20.0 * std::log10(double(p));
        };
        QVERIFY2(std::abs(peak(o) - peak(in) + 12.0) < 0.2, qPrintable(QString("%1 dB").arg(peak(o) - peak(in))));
    }

    // --- file names that are not UTF-8 --------------------------------------------------------

    void infoReadsNonUtf8Name()
    {
        const CliRun r = cli({"info", path("caf\xe9.wav")});
        verifyOk(r);
        const QString out = QString::fromUtf8(r.run.out);
        QVERIFY2(out.contains("sample rate  48000 Hz") && out.contains("frames       48000"), qPrintable(out));
        // Printed readably: the byte as \xe9, never a raw byte or U+FFFD.
        QVERIFY2(out.contains("caf\\xe9.wav"), qPrintable(out));
        QVERIFY(!r.run.out.contains('\xe9') && !out.contains(QChar::ReplacementCharacter));
    }

    void renderReadsAndWritesNonUtf8Names_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QList<QByteArray>>("extra");
        QTest::newRow("streamed") << QByteArray("caf\xe9.wav") << QByteArray("out\xe9.wav") << QList<QByteArray>{"--gain", "-6"};
        QTest::newRow("whole buffer (--master)") << QByteArray("caf\xe9.wav") << QByteArray("master\xe9.flac")
                                                 << QList<QByteArray>{"--master"};
        QTest::newRow("UTF-8 input, Latin-1 output (was written under another name)")
            << QByteArray("tone.wav") << QByteArray("latin\xe9.wav") << QList<QByteArray>{};
        QTest::newRow("-o=... spelling") << QByteArray("caf\xe9.wav") << QByteArray("eq\xe9.wav") << QList<QByteArray>{"--pan", "0.5"};
    }

    void renderReadsAndWritesNonUtf8Names()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, output);
        QFETCH(QList<QByteArray>, extra);
        const QByteArray out = path(output);
        const bool equalsSpelling = QTest::currentDataTag() == QByteArray("-o=... spelling");
        const QList<QByteArray> outArgs = equalsSpelling ? QList<QByteArray>{"--output=" + out} : QList<QByteArray>{"-o", out};
        verifyOk(cli(QList<QByteArray>{"render", path(input)} + outArgs + extra));
        QVERIFY2(existsBytes(out), "no file under the exact bytes given");
        // Nothing written under the name QString would have made of it (U+FFFD in UTF-8).
        QByteArray replaced = out;
        replaced.replace('\xe9', "\xef\xbf\xbd");
        QVERIFY(!existsBytes(replaced));
        const AudioBuffer written = loadAudioFile(out.toStdString()).audio;
        QCOMPARE(written.frames(), std::size_t(48000));
    }

    void playReadsNonUtf8Name()
    {
        const CliRun r = cli({"play", path("caf\xe9.wav"), "--seconds", "0.2"});
        verifyOk(r);
        QVERIFY2(r.run.out.contains("played 0.2"), r.run.out.constData());
    }

    void missingNonUtf8NameIsNamedReadably_data()
    {
        QTest::addColumn<QList<QByteArray>>("args");
        QTest::newRow("info") << QList<QByteArray>{"info", path("absent\xe9.wav")};
        QTest::newRow("render") << QList<QByteArray>{"render", path("absent\xe9.wav"), "-o", path("x.wav")};
        QTest::newRow("play") << QList<QByteArray>{"play", path("absent\xe9.wav")};
    }

    void missingNonUtf8NameIsNamedReadably()
    {
        QFETCH(QList<QByteArray>, args);
        const CliRun r = cli(args);
        verifyRefused(r, "absent\\xe9.wav: no such file");
        QVERIFY(!r.run.err.contains('\xe9') && !QString::fromUtf8(r.run.err).contains(QChar::ReplacementCharacter));
    }

    // The conversion under it all: any bytes survive argv -> QString -> bytes, and valid
    // UTF-8 (also 4-byte sequences, i.e. surrogate pairs in QString) stays the same text.
    void argumentBytesRoundTrip()
    {
        std::mt19937 rng(6);
        for (int n = 0; n < 2000; ++n) {
            std::string bytes(std::size_t(rng() % 12), '\0');
            for (char& c : bytes)
                c = char(1 + rng() % 255);
            QCOMPARE(cli::toStd(cli::fromStd(bytes)), bytes);
        }
        const QString text = QString::fromUtf8("caf\xc3\xa9 \xf0\x9f\x8e\xa7 \xe2\x82\xac");
        QCOMPARE(cli::fromStd(text.toStdString()), text);
        QCOMPARE(cli::toStd(text), text.toStdString());
        QCOMPARE(cli::readable(std::string("caf\xe9\xc3\xa9.wav")), std::string("caf\\xe9\xc3\xa9.wav"));
        // Overlong, surrogate and out-of-range forms are not UTF-8: escaped byte by byte.
        QCOMPARE(cli::readable(std::string("\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80")),
                 std::string("\\xc0\\xaf \\xed\\xa0\\x80 \\xf4\\x90\\x80\\x80"));
    }

    // --- errors name the user's file, not a role ------------------------------------------------

    void loudnessMatchingNamesTheFile_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("file");
        const QString silent = qpath("silent.wav"), tone = qpath("tone.wav"), out = qpath("matched.wav");
        QTest::newRow("render: the file is silent (said \"reference\")")
            << QStringList{"render", silent, "-o", out, "--match-loudness", "--gain", "3"} << silent + ": --match-loudness: the file is silent";
        QTest::newRow("play: the file is silent (said \"reference\")")
            << QStringList{"play", silent, "--match-loudness", "--gain", "3", "--seconds", "0.1"} << silent + ": --match-loudness";
        QTest::newRow("render: the treatment silences it (said \"candidate\")")
            << QStringList{"render", tone, "-o", out, "--gain", "-60", "--eq", "lowpass:10:0:0.7", "--match-loudness"}
            << tone + ": --match-loudness: the treatment leaves it silent";
    }

    void loudnessMatchingNamesTheFile()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, file);
        const CliRun r = cli(bytes(args));
        verifyRefused(r, file);
        const QString err = QString::fromUtf8(r.run.err);
        QVERIFY2(!err.contains("reference") && !err.contains("candidate"), qPrintable(err));
        QVERIFY(!QFile::exists(qpath("matched.wav")));
    }
};

QTEST_GUILESS_MAIN(TestCliArguments)
#include "test_cli_arguments.moc"
