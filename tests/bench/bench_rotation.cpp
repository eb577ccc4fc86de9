// From "next question" to playable when the training music rotates (issue 7, goal <= 150 ms):
// the app's real Session (App over a scanned library of N files of the user's, ALSA capture
// device), EQ band at a music level, "several" ticked tracks rotated per question. For each
// question: answer, then time next() until the question is on screen with its scene loaded
// (Session::Question). Three listeners:
//   thinking  - answers once the next track has been loaded ahead (the usual case: listening
//               takes seconds, loading a track a fraction of one);
//   instant   - answers the moment the question shows (the prefetch may still be running);
//   one track - the same track every question (the loop stays cached), for comparison.
// Prints markdown for docs/performance.md.
//   bench_rotation [--tracks N] [--questions Q] [--seconds S]   (default 6 tracks: more than
// Session::kCachedLoops, so every rotated question needs its track loaded)

#include "app/src/app.h"
#include "app/src/app_options.h"
#include "app/src/library.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "audio/dsp/pink_noise.h"
#include "audio/io/audio_file.h"
#include "exercises/library_scan.h"
#include "exercises/progress_store.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

using namespace earlab;
using namespace earlab::app;

namespace {

constexpr double kGoalMs = 150.0;

// Runs the event loop until `done` holds (checked on every session signal and every 1 ms).
bool waitUntil(Session& s, const std::function<bool()>& done, int timeoutMs = 120000)
{
    if (done())
        return true;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    QTimer tick;
    tick.setInterval(1);
    const auto check = [&] {
        if (done() || clock.elapsed() > timeoutMs)
            loop.quit();
    };
    QObject::connect(&tick, &QTimer::timeout, &loop, check);
    QObject::connect(&s, &Session::phaseChanged, &loop, check);
    tick.start();
    loop.exec();
    return done();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

enum class Listener { Thinking, Instant, OneTrack };

// next() to playable, ms, for questions 2..Q of one session.
std::vector<double> run(App& app, const QStringList& ids, Listener listener, int questions)
{
    Preferences& prefs = *app.preferences();
    if (listener == Listener::OneTrack) {
        prefs.setTrainingMode("one");
        app.library()->select(ids.front());
    } else {
        prefs.setTrainingMode("several");
        prefs.setTrainingTracks(ids);
    }
    Session& s = *app.session();
    s.start("eq-band", questions);
    std::vector<double> out;
    for (int q = 1; q <= questions; ++q) {
        if (!waitUntil(s, [&] { return s.phase() == Session::Question; }))
            return out;
        if (listener == Listener::Thinking)
            waitUntil(s, [&] { return !s.prefetching(); });
        // Right answers: the level stays on music (it may only rise, to another music level).
        s.choose(s.correctOption());
        s.setAnswerBoost(s.correctBoost());
        s.confirm();
        if (!waitUntil(s, [&] { return s.phase() == Session::Revealed; }) || q == questions)
            break;
        QElapsedTimer t;
        t.start();
        s.next();
        waitUntil(s, [&] { return s.phase() == Session::Question; });
        out.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    s.quit();
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication qapp(argc, argv);
    int tracks = 6, questions = 13;
    double seconds = 60;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--tracks") == 0)
            tracks = std::max(2, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--questions") == 0)
            questions = std::max(3, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--seconds") == 0)
            seconds = std::max(16.0, std::atof(argv[++i]));
    }
    QTemporaryDir dir;
    auto& options = appOptions();
    options.databasePath = dir.filePath("progress.sqlite");
    options.databasePathSet = true;
    options.settingsFile = dir.filePath("settings.ini");
    QStringList paths, ids;
    for (int i = 0; i < tracks; ++i) {
        const QString path = libraryKey(dir.filePath(QString("track %1.wav").arg(i + 1)));
        writeAudioFile(path.toStdString(), dsp::makePinkNoise(seconds, 44100, -18.0, 100 + i, 2, false));
        paths << path;
        ids << "file:" + path;
    }
    App app;
    app.library()->addPaths(paths);
    waitUntil(*app.session(), [&] { return !app.library()->scanning(); });
    app.store()->saveLevel("eq-band", 4); // a music level

    std::printf("### From next question to playable with rotating training music (%d files of %.0f s, 44.1 kHz, "
                "15 s loops; EQ band level 4; %d questions)\n\n",
                tracks, seconds, questions);
    std::printf("| listener | questions timed | median ms | slowest ms | goal %.0f ms |\n|---|---|---|---|---|\n", kGoalMs);
    const std::pair<Listener, const char*> cases[] = {{Listener::OneTrack, "one track (cached loop)"},
                                                      {Listener::Thinking, "rotating, answers after the prefetch"},
                                                      {Listener::Instant, "rotating, answers at once"},
                                                      {Listener::OneTrack, "one track again"}};
    for (const auto& [listener, name] : cases) {
        const auto ms = run(app, ids, listener, questions);
        if (ms.empty()) {
            std::printf("| %s | 0 | — | — | not measured |\n", name);
            continue;
        }
        const double med = median(ms);
        std::printf("| %s | %zu | %.1f | %.1f | %s |\n", name, ms.size(), med, *std::max_element(ms.begin(), ms.end()),
                    med <= kGoalMs ? "met" : "**missed**");
    }
    return 0; // a figure, not a verdict
}
