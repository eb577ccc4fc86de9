// earlab-cli abx: a terminal ABX between two files, as squishyball does, through the app's own
// pieces: the comparison prepared as `compare` prepares it (aligned, loudness-matched), played
// by the engine as one scene {A, B} with the blind tests' crossfade, the trials driven by the
// BlindRun the Compare page drives, and the log built and saved as the app builds and saves it.
//
// Input is one command a line on stdin (a pipe or a terminal in its usual line mode): lower
// case a, b, x chooses what plays, upper case A or B answers "X is A" / "X is B", q stops. While
// the run goes on, what is printed depends only on what was typed, never on X: no truth, no
// score (peeking at a running score inflates false positives, docs/blind_tests.md).

#include "cli_support.h"
#include "comparison_progress.h"
#include "interrupt_guard.h"
#include "playback_run.h"

#include "audio/audio_error.h"
#include "audio/engine/engine.h"
#include "exercises/blind_log_file.h"
#include "exercises/blind_run.h"
#include "exercises/blind_seed.h"
#include "exercises/blind_test_planner.h"
#include "exercises/comparison_log.h"
#include "exercises/comparison_scene.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

namespace earlab::cli {

namespace {

constexpr int kDefaultTrials = 16;
constexpr double kAlpha = 0.05; // the planner's and the verdict's significance level
const std::vector<int> kAbxItems = {0, 1}; // the scene and the log: A = the first file, B = the second

// One line of input.
struct Command {
    enum Kind { Listen, Answer, Stop, Blank, Unknown } kind = Unknown;
    BlindRun::Choice listen = BlindRun::Choice::A;
    AbItem answer = AbItem::A;
};

Command commandOf(std::string line)
{
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
        line.pop_back(); // "\r" from a terminal or a file written on Windows, trailing blanks
    std::size_t start = 0;
    while (start < line.size() && std::isspace(static_cast<unsigned char>(line[start])))
        ++start;
    line.erase(0, start);
    using C = BlindRun::Choice;
    if (line.empty())
        return {Command::Blank};
    if (line == "a")
        return {Command::Listen, C::A};
    if (line == "b")
        return {Command::Listen, C::B};
    if (line == "x")
        return {Command::Listen, C::X};
    if (line == "A")
        return {Command::Answer, C::A, AbItem::A};
    if (line == "B")
        return {Command::Answer, C::A, AbItem::B};
    if (line == "q")
        return {Command::Stop};
    return {Command::Unknown};
}

const char* nameOf(BlindRun::Choice c) { return c == BlindRun::Choice::A ? "A" : c == BlindRun::Choice::B ? "B" : "X"; }

void say(const QString& line) { printOut(line); } // stdout, flushed: a pipe's reader sees each line at once

void warn(const std::string& message)
{
    std::fprintf(stderr, "earlab-cli abx: %s\n", readable(std::string_view(message)).c_str());
    std::fflush(stderr);
}

// The engine takes a command unless its queue is full, which only a stalled callback leaves
// it: give the callback a moment, then say the device is not playing.
void sendOrFail(Engine& engine, const std::function<bool()>& send)
{
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (send())
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    throw AudioError(AudioErrorKind::DeviceFailed, engine.device().name, "the audio stream takes no commands");
}

// Plays `variant`. Every trial starts silent: after an answer playback fades out, because
// playing on would let the listener hear the change from the X they answered to what plays
// next exactly when the two differ, i.e. whether they were right (blind_run.h). The trial's
// first choice then starts on its variant at once, not crossfaded from the one heard last
// (the same change, under the fade-in); later choices crossfade.
void listen(Engine& engine, int variant, bool sounding)
{
    if (sounding) {
        sendOrFail(engine, [&] { return engine.select(variant); });
        return;
    }
    // Selected while silent (the answer's stop waited out its fade), the player switches at
    // once (ScenePlayer, Select); play() then fades in on it alone.
    sendOrFail(engine, [&] { return engine.select(variant); });
    sendOrFail(engine, [&] { return engine.play(); });
}

QString optionalNumber(const std::optional<double>& v, int decimals)
{
    if (!v)
        return QStringLiteral("not computed");
    if (std::isinf(*v))
        return *v > 0 ? QStringLiteral("infinity") : QStringLiteral("-infinity");
    return QString::number(*v, 'f', decimals);
}

QString resultText(const BlindLog& log)
{
    const BlindLogSummary& s = log.summary;
    QStringList lines{QStringLiteral("ABX result")};
    if (int(log.trials.size()) < log.plannedTrials)
        lines << QStringLiteral("  stopped after %1 of the %2 planned trials: not the planned test (verify-log reports it)")
                     .arg(log.trials.size())
                     .arg(log.plannedTrials);
    if (s.n == 0) {
        lines << QStringLiteral("  no trial answered");
        return lines.join('\n');
    }
    const bool significant = s.pValue && *s.pValue < kAlpha;
    lines << QStringLiteral("  %1 of %2 correct, p = %3 (one-sided exact binomial, chance 1/2): %4")
                 .arg(s.k)
                 .arg(s.n)
                 .arg(optionalNumber(s.pValue, 7),
                      significant ? QStringLiteral("significant at p < %1").arg(kAlpha)
                                  : QStringLiteral("not significant at p < %1").arg(kAlpha))
          << QStringLiteral("  d' = %1 (95 % interval %2 to %3, %4)")
                 .arg(optionalNumber(s.dPrime, 2), optionalNumber(s.dPrimeLow, 2), optionalNumber(s.dPrimeHigh, 2),
                      s.dPrimeModel.isEmpty() ? QStringLiteral("no model") : s.dPrimeModel);
    return lines.join('\n');
}

BlindLogFileFormat formatOf(const QString& path)
{
    return QFileInfo(path).suffix().compare("txt", Qt::CaseInsensitive) == 0 ? BlindLogFileFormat::Text
                                                                                : BlindLogFileFormat::Json;
}

} // namespace

int runAbx(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "A blind ABX test between two files, in the terminal. Both are prepared as `earlab-cli compare` prepares them "
        "(B aligned to A, loudness-matched to it, both lowered together below -1.1 dBTP) and play in a loop on one "
        "playhead; a switch is a short crossfade (--crossfade). On each trial X is A or B, drawn from a secret seed whose SHA-256 "
        "is printed before the first trial and which the log reveals at the end.\n\n"
        "Commands, one a line on stdin (typed on a terminal: press Enter after each; or from a pipe):\n"
        "  a, b, x   play A, B or X (each trial starts silent, until one of these)\n"
        "  A, B      answer the trial: X is A, X is B\n"
        "  q         stop the run early (the log then holds the trials answered)\n"
        "The end of the input stops the run as q does, and so does Ctrl+C (a second Ctrl+C quits at once). Nothing "
        "during the run tells whether an answer was right; at "
        "the end the result (k of n, p, d') and the log are printed, and --log writes the log to a file.\n\n"
        "Exit status: 0 when the run ended (finished or stopped), 2 bad usage or a bad file, 3 no usable audio "
        "device or the stream stopped, 130 stopped by Ctrl+C (in both, the result and log of the trials answered are "
        "printed and written first).");
    parser.addPositionalArgument("A", "The first file (the reference the other is aligned and matched to).");
    parser.addPositionalArgument("B", "The second file.");
    parser.addOption({"trials", "Number of trials, fixed before the run [1 to 1000]; default 16.", "N", QString::number(kDefaultTrials)});
    parser.addOption({"log", "Write the log to FILE when the run ends: JSON (what verify-log checks), or text when "
                             "FILE ends in .txt. Replaced only once complete.",
                      "FILE"});
    parser.addOption({"crossfade", "Switch crossfade in ms [0 to 50]; default 5.", "MS", QString::number(kComparisonCrossfadeMs)});
    parser.addOption({"practice", "Practice: show the truth after each answer; no log is written."});
    addOutputOptions(parser);
    if (!parseOrHelp(parser, args, 2, 2))
        return kExitOk;

    // Everything the user typed is checked before the files are read and the device opened.
    const int trials = int(parseInteger("--trials", parser.value("trials"), 1, 1000));
    const double crossfadeMs = parseNumber("--crossfade", parser.value("crossfade"), {0.0, 50.0, "ms"});
    const bool practice = parser.isSet("practice");
    const QString logPath = parser.value("log");
    if (practice && !logPath.isEmpty())
        throw UsageError("--practice writes no log: leave out --log");
    if (!logPath.isEmpty()) { // a missing folder is said now, not after the listening (by bytes: any file name)
        const std::filesystem::path folder = std::filesystem::path(toStd(logPath)).parent_path();
        std::error_code error;
        if (!folder.empty() && !std::filesystem::is_directory(folder, error))
            throw UsageError(toStd("--log " + logPath + ": the folder " + fromStd(folder.string()) + " does not exist"));
        if (std::filesystem::is_directory(toStd(logPath), error))
            throw UsageError(toStd("--log " + logPath + ": is a folder, not a file"));
    }
    const OutputChoice output = readOutputOptions(parser);

    const QStringList files = parser.positionalArguments();
    const Comparison comparison = prepareComparisonShowingProgress(files, {});

    Engine engine(comparisonPlayerConfig(comparison, crossfadeMs));
    engine.open(output.device, output.framesPerBuffer); // AudioError NoDevice/DeviceFailed: exit 3
    engine.load(comparisonScene(comparison, kAbxItems));

    BlindRun run(BlindMode::Abx, trials, BlindSeed::generate());
    say(QStringLiteral("ABX, %1 trials%2\n  A: %3\n  B: %4\n(aligned to A and loudness-matched; see `earlab-cli compare`)")
            .arg(trials)
            .arg(practice ? QStringLiteral(", practice: each answer is shown, nothing is saved") : QString())
            .arg(files[0], files[1]));
    if (!practice)
        say(QString::fromStdString(plannerSentence(trials, kAlpha)) + '\n' +
            QStringLiteral("Seed commitment (SHA-256): %1 (the seed is revealed at the end, so every X can be "
                           "recomputed)")
                .arg(run.seed().commitment()));
    say(QStringLiteral("One command a line: a, b, x plays A, B or X; A or B answers \"X is A\" / \"X is B\"; q stops."));

    std::optional<std::string> streamStopped;
    bool stopped = false;
    std::string line;
    std::optional<InterruptGuard> ctrlC(std::in_place); // Ctrl+C stops the run as q does: nothing is lost
    const auto sayInterrupted = [&] {
        warn("interrupted (Ctrl+C): the run stops after " + std::to_string(run.trial()) + " of " +
             std::to_string(trials) + " trials");
    };
    while (!run.finished() && !stopped) {
        if (ctrlC->interrupted()) { // lines a pipe had already delivered are not answers any more
            sayInterrupted();
            break;
        }
        say(QStringLiteral("Trial %1 of %2: a, b, x to listen; A or B to answer").arg(run.trial() + 1).arg(trials));
        for (bool answered = false; !answered && !stopped;) {
            if (ctrlC->interrupted() || !std::getline(std::cin, line) || ctrlC->interrupted()) {
                if (ctrlC->interrupted())
                    sayInterrupted();
                else
                    warn("the input ended: the run stops after " + std::to_string(run.trial()) + " of " +
                         std::to_string(trials) + " trials");
                stopped = true;
                break;
            }
            if (engine.streamFailed()) {
                streamStopped = engine.device().name + ": the audio stream stopped (device removed?)";
                stopped = true;
                break;
            }
            const Command command = commandOf(line);
            switch (command.kind) {
            case Command::Listen: {
                const bool sounding = run.playing().has_value(); // this trial has played already
                listen(engine, run.select(command.listen), sounding);
                say(QStringLiteral("playing %1").arg(nameOf(command.listen)));
                break;
            }
            case Command::Answer: {
                if (run.playing()) // before anything is printed: the next trial starts silent (listen())
                    engine.stop(true);
                const BlindLogTrial& trial = run.answer(command.answer);
                if (practice)
                    say(QStringLiteral("X was %1: %2").arg(trial.truth, trial.correct ? "right" : "wrong"));
                else
                    say(QStringLiteral("answered"));
                answered = true;
                break;
            }
            case Command::Stop:
                stopped = true;
                break;
            case Command::Blank:
                break;
            case Command::Unknown:
                warn("\"" + line + "\" is not a command: a, b or x plays A, B or X; A or B answers; q stops");
                break;
            }
        }
    }
    const bool interrupted = ctrlC->interrupted();
    ctrlC.reset(); // from here Ctrl+C ends the program at once again
    engine.stop(true);
    const BlindLogSetup setup{QCoreApplication::applicationVersion(), QString::fromStdString(engine.device().name),
                              engine.sampleRate(), engine.framesPerBuffer(), crossfadeMs};
    engine.close();
    if (streamStopped)
        warn(*streamStopped);

    const BlindLog log = comparisonBlindLog(comparison, kAbxItems, setup, run, /*ended=*/true);
    if (practice) {
        say(QStringLiteral("Practice: %1 of %2 right (not scored, no log written)").arg(log.summary.k).arg(log.summary.n));
        return streamStopped ? kExitNoDevice : interrupted ? kExitInterrupted : kExitOk;
    }
    say('\n' + resultText(log) + '\n');
    say(log.toText().chopped(1)); // toText ends in a newline, printOut adds one
    if (!logPath.isEmpty()) {
        try {
            saveBlindLog(toStd(logPath), log, formatOf(logPath));
        } catch (const AudioError& e) {
            throw std::runtime_error(std::string(e.what()) + " (the log is printed above)");
        }
        say(QStringLiteral("Log written to %1").arg(logPath));
    }
    return streamStopped ? kExitNoDevice : interrupted ? kExitInterrupted : kExitOk;
}

} // namespace earlab::cli
