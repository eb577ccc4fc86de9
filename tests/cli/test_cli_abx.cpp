// earlab-cli abx, the real binary, fed from a pipe, playing through the ALSA capture device
// (tests/alsa/capture.conf, capturing to /dev/null: the run loops until the input is read, and
// unclocked the device renders as fast as it can). Two real files made by sox: pink noise and
// the same noise with a 6 dB peak at 2 kHz. What is checked against code outside the command:
// every truth recomputed from the revealed seed (abxX), the seed against its commitment,
// k and p against the trials (binomialUpperTail), verify-log on the written log, and the
// output before the result, which must be the same whatever X was.

#include "support/process_runner.h"
#include "support/scratch_files.h"

#include "exercises/binomial_tail.h"
#include "exercises/blind_schedule.h"
#include "exercises/blind_seed.h"
#include "exercises/blind_test_planner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <string>
#include <thread>
#include <vector>
#include <utility>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr int kTimeoutMs = 120000;

// A run of the CLI with its output decoded (it writes UTF-8).
struct AbxRun {
    ProcessRun process;
    QString out, err;

    explicit AbxRun(ProcessRun run = {})
        : process(std::move(run)), out(QString::fromUtf8(process.out)), err(QString::fromUtf8(process.err))
    {
    }
    bool ended() const { return process.started && process.finished && !process.crashed; }
    int exitCode() const { return process.exitCode; }
    QString both() const { return out + "\n--- stderr:\n" + err; }
};

QProcessEnvironment environment(const QString& alsaConfig = QStringLiteral(EARLAB_SOURCE_DIR "/tests/alsa/capture.conf"))
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("ALSA_CONFIG_PATH", alsaConfig);
    env.insert("EARLAB_CAPTURE", "/dev/null");
    env.remove("EARLAB_AUDIO_VERBOSE");
    return env;
}

// earlab-cli abx ARGS with `input` on its stdin (then closed, as a pipe's writer does).
AbxRun abx(const QStringList& args, const QByteArray& input, const QProcessEnvironment& env = environment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(EARLAB_CLI), QStringList{"abx"} + args);
    ProcessRun run;
    run.started = p.waitForStarted(10000);
    if (!run.started)
        return AbxRun(run);
    p.write(input);
    p.closeWriteChannel();
    run.finished = p.waitForFinished(kTimeoutMs);
    if (!run.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    run.crashed = p.exitStatus() != QProcess::NormalExit;
    run.exitCode = p.exitCode();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return AbxRun(run);
}

// What the capture device receives, read from a FIFO named by EARLAB_CAPTURE as fast as it
// comes (unclocked, a run delivers about a second of audio per millisecond, so nothing is
// kept): the float samples and how many of them are not zero. As in test_cli's PacedCapture,
// the reader opens the FIFO again after each writer, because ALSA may open it more than once.
class CaptureCounter {
public:
    explicit CaptureCounter(const QString& fifo) : path_(fifo.toStdString())
    {
        ::unlink(path_.c_str());
        ok_ = ::mkfifo(path_.c_str(), 0600) == 0;
        if (ok_)
            thread_ = std::thread([this] { run(); });
    }
    ~CaptureCounter() { finish(); }
    bool ok() const { return ok_; }
    // After the writer has exited.
    void finish()
    {
        if (!thread_.joinable())
            return;
        stop_ = true;
        while (!exited_) { // the reader may wait in open() for a writer: be one
            const int fd = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
            std::this_thread::yield();
        }
        thread_.join();
    }
    std::uint64_t samples() const { return samples_; }
    std::uint64_t nonZero() const { return nonZero_; }

private:
    void run()
    {
        std::vector<char> pending;
        while (!stop_) {
            const int fd = ::open(path_.c_str(), O_RDONLY);
            if (fd < 0)
                break;
            char buf[65536];
            ssize_t n;
            while ((n = ::read(fd, buf, sizeof buf)) > 0) {
                pending.insert(pending.end(), buf, buf + n);
                const std::size_t whole = pending.size() / sizeof(float);
                std::uint64_t nonZero = 0;
                for (std::size_t i = 0; i < whole; ++i) {
                    float v;
                    std::memcpy(&v, pending.data() + i * sizeof(float), sizeof v);
                    nonZero += v != 0.0f ? 1 : 0;
                }
                nonZero_ += nonZero;
                samples_ += whole;
                pending.erase(pending.begin(), pending.begin() + std::ptrdiff_t(whole * sizeof(float)));
            }
            ::close(fd);
        }
        exited_ = true;
    }

    std::string path_;
    bool ok_ = false;
    std::atomic<bool> stop_{false}, exited_{false};
    std::atomic<std::uint64_t> samples_{0}, nonZero_{0};
    std::thread thread_;
};

QJsonObject readJson(const QString& path)
{
    const QJsonDocument doc = QJsonDocument::fromJson(readBytes(path));
    if (!doc.isObject())
        qWarning("%s is not a JSON object", qPrintable(path));
    return doc.object();
}

QStringList truthsOf(const QJsonObject& log)
{
    QStringList truths;
    for (const QJsonValue& t : log["trials"].toArray())
        truths << t.toObject()["truth"].toString();
    return truths;
}

// Every trial's truth recomputed from the revealed seed, the seed against its commitment, each
// correct flag against answer and truth, k and p against the trials. Callers check
// QTest::currentTestFailed() after it.
void checkAgainstSeed(const QJsonObject& log)
{
    const std::optional<BlindSeed> seed = BlindSeed::fromHex(log["seed"].toString());
    QVERIFY2(seed, qPrintable(log["seed"].toString()));
    QCOMPARE(seed->commitment(), log["seed_sha256"].toString());
    const QJsonArray trials = log["trials"].toArray();
    int correct = 0;
    for (qsizetype i = 0; i < trials.size(); ++i) {
        const QJsonObject t = trials[i].toObject();
        QCOMPARE(t["truth"].toString(), abItemName(abxX(*seed, std::uint32_t(i))));
        const QString answer = t["answer"].toString();
        QVERIFY2(answer == "A" || answer == "B", qPrintable(answer));
        QCOMPARE(t["correct"].toBool(), answer == t["truth"].toString());
        QVERIFY(t["response_ms"].isDouble() && t["response_ms"].toDouble() >= 0);
        QVERIFY(t["switches"].isDouble());
        correct += t["correct"].toBool() ? 1 : 0;
    }
    QCOMPARE(log["n"].toInt(), int(trials.size()));
    QCOMPARE(log["k"].toInt(), correct);
    const double p = binomialUpperTail(correct, int(trials.size()));
    QVERIFY2(std::abs(log["p_value"].toDouble() - p) <= 1e-12 * p,
             qPrintable(QString("p_value %1, binomial tail %2").arg(log["p_value"].toDouble()).arg(p)));
}

AbxRun verifyLog(const QString& path)
{
    return AbxRun(runProcess(EARLAB_CLI, {"verify-log", path}, kTimeoutMs));
}

// What was printed before the result section: the run as the listener saw it.
QString beforeResult(const QString& out)
{
    const qsizetype at = out.indexOf("\nABX result\n");
    return at < 0 ? out : out.left(at);
}

void expectUsageError(const QStringList& args, const QString& mustName, int status = 2)
{
    const AbxRun r = abx(args, "A\n");
    QVERIFY2(r.ended(), qPrintable(r.both()));
    QCOMPARE(r.exitCode(), status);
    const QString err = r.err.trimmed();
    qInfo("%s", qPrintable(err));
    QVERIFY2(!err.contains('\n'), qPrintable(err));
    QVERIFY2(err.startsWith("earlab-cli abx: "), qPrintable(err));
    QVERIFY2(err.contains(mustName), qPrintable(err));
    QVERIFY2(!r.out.contains("Trial 1"), qPrintable(r.out));
}

} // namespace

class TestCliAbx : public QObject {
    Q_OBJECT

    QString dir_, a_, b_;

private slots:
    void initTestCase()
    {
        dir_ = scratch("cli-abx");
        a_ = dir_ + "/noise.wav";
        b_ = dir_ + "/noise-eq.flac";
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "2", "-b", "32", "-e", "float", a_, "synth", "10", "pinknoise", "vol", "0.25"}),
                 QString());
        QCOMPARE(sox({a_, "-b", "24", b_, "equalizer", "2000", "1q", "6"}), QString());
    }

    // 16 trials answered "A": k is the number of trials whose X is A, every X as the seed says.
    void fullRunAllA()
    {
        const QString logPath = dir_ + "/all-a.json";
        const AbxRun r = abx({a_, b_, "--log", logPath}, QByteArray("A\n").repeated(16));
        QVERIFY2(r.ended() && r.exitCode() == 0, qPrintable(r.both()));
        qInfo("%s", qPrintable(r.out));
        const QJsonObject log = readJson(logPath);
        for (const char* key : {"n", "k", "p_value", "seed_sha256", "seed", "log_sha256", "trials", "planned_trials",
                                "device", "sample_rate", "buffer_frames", "crossfade_ms", "app_version"})
            QVERIFY2(log.contains(key), key);
        QCOMPARE(log["n"].toInt(), 16);
        QCOMPARE(log["planned_trials"].toInt(), 16);
        QCOMPARE(log["mode"].toString(), QString("abx"));
        QCOMPARE(log["crossfade_ms"].toDouble(), 5.0);
        QCOMPARE(log["buffer_frames"].toInt(), 256);
        QCOMPARE(log["sample_rate"].toDouble(), 48000.0);
        QCOMPARE(log["device"].toString(), QString("default"));
        const QJsonArray items = log["items"].toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject()["file"].toString(), a_);
        QCOMPARE(items[1].toObject()["file"].toString(), b_);
        checkAgainstSeed(log);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(log["k"].toInt(), int(truthsOf(log).count("A")));
        for (const QJsonValue& t : log["trials"].toArray()) {
            QCOMPARE(t.toObject()["answer"].toString(), QString("A"));
            QCOMPARE(t.toObject()["switches"].toInt(), 0);
        }

        // Before the first trial: the planner's sentence and the seed's commitment.
        const qsizetype first = r.out.indexOf("Trial 1 of 16: a, b, x to listen; A or B to answer");
        QVERIFY2(first > 0, qPrintable(r.out));
        QVERIFY(r.out.indexOf(QString::fromStdString(plannerSentence(16))) < first);
        QVERIFY(r.out.indexOf(log["seed_sha256"].toString()) < first);
        QCOMPARE(r.out.count("\nanswered\n"), 16);
        // At the end: the result and the log as text, the same log as the file.
        QVERIFY2(r.out.contains(QString("%1 of 16 correct, p = %2").arg(log["k"].toInt()).arg(log["p_value"].toDouble(), 0, 'f', 7)),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("Log SHA-256:  " + log["log_sha256"].toString()));
        QVERIFY(r.out.contains("Seed:         " + log["seed"].toString()));
        QVERIFY(r.out.contains("Log written to " + logPath));

        const AbxRun check = verifyLog(logPath);
        QVERIFY2(check.ended() && check.exitCode() == 0, qPrintable(check.both()));
        QVERIFY2(check.out.startsWith(logPath + ": intact (abx, 16 trials"), qPrintable(check.out));
    }

    // a, b, x between answers count as the switches BlindRun counts: a change of what plays,
    // within the trial. Every trial here starts with "a" or with no choice at all, so the
    // counts are the same whether a trial's first choice counts from A or from silence. Lines
    // that are no command get a message on stderr and change nothing.
    void switchesAndAnswers()
    {
        const QString logPath = dir_ + "/switches.json";
        const QByteArray input = "a\nx\nA\n"          // 1 switch
                                 "a\nb\nx\na\nB\n"    // 3
                                 "hello\nX\n\nB\n"     // 0: "hello", "X" refused, "" ignored
                                 "a\nx\nx\nb\nA\n";   // 2: x, then b
        const AbxRun r = abx({a_, b_, "--trials", "4", "--log", logPath}, input);
        QVERIFY2(r.ended() && r.exitCode() == 0, qPrintable(r.both()));
        const QJsonObject log = readJson(logPath);
        checkAgainstSeed(log);
        if (QTest::currentTestFailed())
            return;
        const QJsonArray trials = log["trials"].toArray();
        QCOMPARE(trials.size(), 4);
        const int switches[] = {1, 3, 0, 2};
        const char* answers[] = {"A", "B", "B", "A"};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(trials[i].toObject()["switches"].toInt(), switches[i]);
            QCOMPARE(trials[i].toObject()["answer"].toString(), QString(answers[i]));
        }
        const QStringList errors = r.err.trimmed().split('\n');
        QVERIFY2(errors.size() == 2, qPrintable(r.err));
        QVERIFY2(errors[0].startsWith("earlab-cli abx: \"hello\" is not a command"), qPrintable(r.err));
        QVERIFY2(errors[1].startsWith("earlab-cli abx: \"X\" is not a command"), qPrintable(r.err));
        QCOMPARE(r.out.count("\nplaying X\n"), 4);
        QCOMPARE(r.out.count("\nplaying A\n"), 4);
        QCOMPARE(r.out.count("\nplaying B\n"), 2);
        const AbxRun check = verifyLog(logPath);
        QVERIFY2(check.ended() && check.exitCode() == 0, qPrintable(check.both()));
    }

    // The listener's view (everything before the result) is the same whatever X was: two runs
    // with the same input and different schedules print the same lines, but for the seed's
    // commitment; and each line of the run is a prompt, "playing ..." or "answered".
    void nothingGivesTheTruthAway()
    {
        const QByteArray input = QByteArray("x\nb\nA\na\nx\nB\n").repeated(8);
        QString firstView;
        QStringList firstTruths;
        // Two schedules differ with probability 1 - 2^-16 per pair; a few tries make a
        // failure to find one as good as impossible.
        for (int attempt = 0; attempt < 5; ++attempt) {
            const QString logPath = dir_ + QString("/view-%1.json").arg(attempt);
            const AbxRun r = abx({a_, b_, "--log", logPath}, input);
            QVERIFY2(r.ended() && r.exitCode() == 0, qPrintable(r.both()));
            const QJsonObject log = readJson(logPath);
            checkAgainstSeed(log);
            if (QTest::currentTestFailed())
                return;
            QString view = beforeResult(r.out);
            QVERIFY2(view.size() < r.out.size(), qPrintable(r.out));
            QVERIFY(view.contains(log["seed_sha256"].toString()));
            view.replace(log["seed_sha256"].toString(), "COMMITMENT");
            QVERIFY2(!view.contains("truth", Qt::CaseInsensitive) && !view.contains("X was") &&
                         !view.contains("wrong", Qt::CaseInsensitive),
                     qPrintable(view));
            const QStringList lines = view.mid(view.indexOf("Trial 1 of 16")).split('\n', Qt::SkipEmptyParts);
            static const QRegularExpression allowed(
                "^(Trial ([1-9]|1[0-6]) of 16: a, b, x to listen; A or B to answer|playing [ABX]|answered)$");
            for (const QString& line : lines)
                QVERIFY2(allowed.match(line).hasMatch(), qPrintable(line));
            QCOMPARE(lines.count("answered"), 16);
            if (attempt == 0) {
                firstView = view;
                firstTruths = truthsOf(log);
                continue;
            }
            QCOMPARE(view, firstView);
            if (truthsOf(log) != firstTruths)
                return;
        }
        QFAIL("five runs drew the same 16 X: the schedule is not random");
    }

    // Each trial starts silent, and goes silent at its answer: what the device receives,
    // watched while the run waits for its next line (stdin kept open): zeros before the
    // first choice of a trial, sound after "a", zeros again once the answer is printed.
    void silentUntilAChoice()
    {
        const QString fifo = dir_ + "/capture.fifo";
        CaptureCounter capture(fifo);
        QVERIFY(capture.ok());
        QProcessEnvironment env = environment();
        env.insert("EARLAB_CAPTURE", fifo);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(EARLAB_CLI), {"abx", a_, b_, "--trials", "3"});
        QVERIFY(p.waitForStarted(10000));
        QByteArray out;
        const auto printed = [&](const char* text) {
            return QTest::qWaitFor([&] {
                p.waitForReadyRead(10);
                out += p.readAllStandardOutput();
                return out.contains(text);
            }, kTimeoutMs);
        };
        // A second of audio (stereo) delivered after this point: the device ran on meanwhile.
        const auto aSecondMore = [&] {
            const std::uint64_t target = capture.samples() + 96000;
            return QTest::qWaitFor([&] { return capture.samples() >= target; }, kTimeoutMs);
        };
        p.write("A\n"); // trial 1 answered without listening
        QVERIFY2(printed("Trial 2 of 3"), out.constData());
        QVERIFY(aSecondMore());
        QCOMPARE(capture.nonZero(), std::uint64_t(0));
        p.write("a\n");
        QVERIFY2(QTest::qWaitFor([&] { return capture.nonZero() > 0; }, kTimeoutMs), "nothing played after \"a\"");
        p.write("B\n");
        QVERIFY2(printed("Trial 3 of 3"), out.constData());
        QVERIFY(aSecondMore()); // the fade-out's last samples are through
        const std::uint64_t afterAnswer = capture.nonZero();
        QVERIFY(aSecondMore());
        QCOMPARE(capture.nonZero(), afterAnswer);
        p.write("A\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(kTimeoutMs));
        capture.finish();
        QCOMPARE(p.exitCode(), 0);
        qInfo("%llu samples delivered, %llu not zero", static_cast<unsigned long long>(capture.samples()),
              static_cast<unsigned long long>(capture.nonZero()));
    }

    // q after 3 trials: 3 trials of the 16 planned, the seed revealed; every truth still
    // recomputes, and verify-log finds nothing altered but the stop itself.
    void stopEarly()
    {
        const QString logPath = dir_ + "/stopped.json";
        const AbxRun r = abx({a_, b_, "--log", logPath}, "A\nB\nA\nq\nA\n");
        QVERIFY2(r.ended() && r.exitCode() == 0, qPrintable(r.both()));
        const QJsonObject log = readJson(logPath);
        QCOMPARE(log["trials"].toArray().size(), 3);
        QCOMPARE(log["planned_trials"].toInt(), 16);
        QCOMPARE(log["n"].toInt(), 3);
        QVERIFY(!log["seed"].toString().isEmpty());
        checkAgainstSeed(log);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(r.out.contains("stopped after 3 of the 16 planned trials"), qPrintable(r.out));
        QCOMPARE(r.out.count("\nanswered\n"), 3);

        const AbxRun check = verifyLog(logPath);
        qInfo("%s", qPrintable(check.out));
        QVERIFY2(check.ended() && check.exitCode() == 2, qPrintable(check.both()));
        QCOMPARE(check.out.trimmed(), logPath + ": altered\n  - stopped after 3 of 16 planned trials");
    }

    // The input ending before the last trial stops the run as q does, saying so on stderr.
    void inputEnds()
    {
        const QString logPath = dir_ + "/ended.txt";
        const AbxRun r = abx({a_, b_, "--trials", "5", "--log", logPath}, "A\nx\nB");
        QVERIFY2(r.ended() && r.exitCode() == 0, qPrintable(r.both()));
        QVERIFY2(r.err.contains("the input ended: the run stops after 2 of 5 trials"), qPrintable(r.err));
        // .txt: the log as text, the same text the run printed.
        const QString text = QString::fromUtf8(readBytes(logPath));
        QVERIFY2(text.startsWith("EarLab blind test log"), qPrintable(text));
        QVERIFY(r.out.contains(text.trimmed()));
        QVERIFY(text.contains("Planned:      5 trials"));
    }

    // Ctrl+C (SIGINT, as the terminal sends it) after 2 answers, with the input still open and
    // the program waiting in its read: the run stops as q stops it, the 2 answers are in the
    // log written to --log, and the exit status is 130. Waits on the output, never on time.
    void ctrlCKeepsTheAnswers()
    {
        const QString logPath = dir_ + "/interrupted.json";
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(EARLAB_CLI), {"abx", a_, b_, "--log", logPath});
        QVERIFY(p.waitForStarted(10000));
        p.write("a\nA\nx\nB\n");
        QByteArray out;
        while (!out.contains("Trial 3 of 16") && p.state() == QProcess::Running) { // waiting for trial 3's answer
            p.waitForReadyRead(kTimeoutMs);
            out += p.readAllStandardOutput();
        }
        QCOMPARE(out.count("\nanswered\n"), 2);
        QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
        QVERIFY(p.waitForFinished(kTimeoutMs));
        out += p.readAllStandardOutput();
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit); // handled, not killed
        QCOMPARE(p.exitCode(), 130);
        QVERIFY2(err.contains("interrupted (Ctrl+C): the run stops after 2 of 16 trials"), qPrintable(err));
        const QJsonObject log = readJson(logPath);
        QCOMPARE(log["n"].toInt(), 2);
        QCOMPARE(log["trials"].toArray()[0].toObject()["answer"].toString(), QString("A"));
        QCOMPARE(log["trials"].toArray()[1].toObject()["answer"].toString(), QString("B"));
        checkAgainstSeed(log);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(QString::fromUtf8(out).contains("Log written to " + logPath));
    }

    void practiceShowsTheTruth()
    {
        const AbxRun r = abx({a_, b_, "--practice", "--trials", "3"}, "A\nB\nA\n");
        QVERIFY2(r.ended() && r.exitCode() == 0, qPrintable(r.both()));
        QCOMPARE(int(r.out.count(QRegularExpression("\nX was [AB]: (right|wrong)\n"))), 3);
        QVERIFY2(r.out.contains(QRegularExpression("Practice: [0-3] of 3 right \\(not scored, no log written\\)")),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains("Seed SHA-256"));
        expectUsageError({a_, b_, "--practice", "--log", dir_ + "/practice.json"}, "--practice");
    }

    void refusals()
    {
        expectUsageError({a_, b_, "--trials", "0"}, "--trials 0");
        expectUsageError({a_, b_, "--trials", "x"}, "--trials x");
        expectUsageError({a_, b_, "--trials", "1001"}, "--trials 1001");
        expectUsageError({a_, b_, "--crossfade", "51"}, "--crossfade 51");
        expectUsageError({a_}, "missing argument");
        expectUsageError({a_, b_, "--log", dir_ + "/no-such-folder/log.json"}, dir_ + "/no-such-folder");
        expectUsageError({a_, b_, "--log", dir_}, dir_ + ": is a folder");
        const QString missing = dir_ + "/missing.wav";
        expectUsageError({a_, missing}, missing);
        QVERIFY(!QFile::exists(dir_ + "/no-such-folder"));
    }

    // No usable output (ALSA's only PCM cannot open): exit 3 with one line, as `play` does.
    void noDevice()
    {
        const QString dead = dir_ + "/dead-alsa.conf";
        QVERIFY(writeBytes(dead, "pcm.!default { type hw card 99 }\n"));
        const AbxRun r = abx({a_, b_}, "A\n", environment(dead));
        QVERIFY2(r.ended(), qPrintable(r.both()));
        QCOMPARE(r.exitCode(), 3);
        QVERIFY2(r.err.trimmed().startsWith("earlab-cli abx: ") && !r.err.trimmed().contains('\n'), qPrintable(r.err));
        QVERIFY2(r.err.contains("no audio output device"), qPrintable(r.err));
        QVERIFY(!r.out.contains("Trial 1"));
    }
};

QTEST_GUILESS_MAIN(TestCliAbx)
#include "test_cli_abx.moc"
