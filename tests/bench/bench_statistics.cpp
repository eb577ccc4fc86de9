// The Statistics page's figures (progressStatistics) on a generated 100,000-answer history:
// a month of daily sessions across every exercise, EQ answers with confusions, music of five
// genres; goal <= 300 ms (issue 9 §1: the page opens in that). Figures: docs/statistics.md.
//   bench_statistics [--answers N] [--keep PATH] [Google Benchmark flags]
// --keep writes the history to PATH (which must not exist) and leaves it there, e.g. to run
// earlab-cli stats or sqlite3's EXPLAIN QUERY PLAN on it.
// Cold: a fresh read-only connection per run (SQLite's page cache empty; the file is in the
// OS cache, as on any second start). Warm: one connection, run again (the page reopened).

#include "exercises/library_store.h"
#include "exercises/progress_statistics.h"
#include "exercises/progress_store.h"
#include "exercises/read_only_database.h"
#include "exercises/store_attempt_row.h"
#include "exercises/store_sql.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <random>

using namespace earlab;

namespace {

int g_answers = 100000;
QString g_path;

const double kOctaves[] = {63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000};
const char* kGenres[] = {"Rock", "Jazz", "Electronic", "Classical", "Hip-Hop"};
const char* kStems[] = {"drums", "bass", "keys", "vocals"};

// A listener who is good in the middle and worse at the edges: the chance of a right answer
// per octave band, and wrong answers one octave off (upward more often) or "flat".
double rightChance(int band)
{
    return 0.85 - 0.07 * std::abs(band - 4);
}

QJsonArray octaveArray()
{
    QJsonArray a;
    for (double hz : kOctaves)
        a.append(hz);
    return a;
}

Attempt eqAttempt(std::mt19937_64& rng, bool gainKind)
{
    std::uniform_real_distribution<double> u(0, 1);
    const int band = int(rng() % 9);
    const bool flat = !gainKind && u(rng) < 0.1;
    const bool cuts = u(rng) < 0.5;
    const double gain = (cuts && u(rng) < 0.5 ? -1 : 1) * (gainKind ? 3 * double(1 + rng() % 3) : 6);
    Attempt a;
    a.exercise = gainKind ? QStringLiteral("eq-gain") : QStringLiteral("eq-band");
    a.hidden = {{"kind", a.exercise},       {"flat", flat},
                {"frequency_hz", kOctaves[band]}, {"gain_db", flat ? 0.0 : gain},
                {"q", 1.41},                {"band_options_hz", octaveArray()},
                {"gain_options_db", QJsonArray{-9, -6, -3, 3, 6, 9}}, {"direction_asked", cuts}};
    a.correct = u(rng) < (flat ? 0.7 : rightChance(band));
    double answerHz = kOctaves[band];
    double answerGain = gainKind ? gain : (gain > 0 ? 1 : -1);
    bool answerFlat = flat;
    if (!a.correct) {
        if (flat) {
            answerFlat = false;
            answerHz = kOctaves[rng() % 9];
        } else if (gainKind) {
            answerGain = gain + (u(rng) < 0.6 ? 3 : -3);
        } else if (u(rng) < 0.1) {
            answerFlat = true;
        } else if (cuts && u(rng) < 0.2) {
            answerGain = -answerGain; // the right band, the wrong direction
        } else {
            const int off = (band == 8 || (band > 0 && u(rng) < 0.4)) ? band - 1 : band + 1;
            answerHz = kOctaves[off];
        }
    }
    a.answer = {{"flat", answerFlat}, {"frequency_hz", answerFlat ? 0.0 : answerHz}, {"gain_db", answerFlat ? 0.0 : answerGain}};
    a.score = a.correct ? 1.0 : 0.4;
    return a;
}

Attempt otherAttempt(std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> u(0, 1);
    Attempt a;
    a.correct = u(rng) < 0.72;
    a.score = a.correct ? 1.0 : 0.0;
    switch (rng() % 5) {
    case 0: {
        a.exercise = QStringLiteral("level");
        a.value = 0.3 + 2 * u(rng);
        const char* louder = rng() % 2 ? "a" : "b";
        a.hidden = {{"louder", louder}, {"difference_db", a.value}, {"gain_a_db", 0}, {"gain_b_db", a.value}, {"amount_asked", false}};
        a.answer = {{"louder", a.correct ? louder : (louder[0] == 'a' ? "b" : "a")}};
        break;
    }
    case 1: {
        a.exercise = QStringLiteral("pan");
        const double pan = std::round((u(rng) * 2 - 1) * 20) / 20;
        a.hidden = {{"pan", pan}, {"stem", QJsonValue()}};
        a.answer = {{"pan", std::clamp(pan + (a.correct ? 0.0 : 0.3 * (u(rng) - 0.4)), -1.0, 1.0)}, {"stem", QJsonValue()}};
        break;
    }
    case 2: {
        a.exercise = QStringLiteral("pan-direction");
        a.value = 0.5 + 3 * u(rng);
        const char* side = rng() % 2 ? "left" : "right";
        a.hidden = {{"direction", side}, {"ild_db", a.value}, {"pan_a", 0.0}, {"pan_b", 0.1}};
        a.answer = {{"direction", a.correct ? side : (side[0] == 'l' ? "right" : "left")}};
        break;
    }
    case 3: {
        a.exercise = QStringLiteral("stems");
        a.value = 1 + 5 * u(rng);
        const int stem = int(rng() % 4);
        const int answered = a.correct ? stem : int((stem + 1 + rng() % 3) % 4);
        a.hidden = {{"stem", kStems[stem]}, {"gain_db", a.value}, {"value_db", a.value}, {"direction_asked", false}, {"amount_asked", false}};
        a.answer = {{"stem", kStems[answered]}, {"gain_db", a.value}, {"option", kStems[answered]}};
        break;
    }
    default: {
        a.exercise = QStringLiteral("width");
        a.value = 5 + 40 * u(rng);
        const char* dir = rng() % 2 ? "wider" : "narrower";
        a.hidden = {{"width_percent", 100 + a.value}, {"direction", dir}, {"change_percent", a.value}, {"amount_asked", false}};
        a.answer = {{"direction", a.correct ? dir : (dir[0] == 'w' ? "narrower" : "wider")}, {"width_percent", 100}};
        break;
    }
    }
    return a;
}

// A month (30 days) of two sessions a day, the answers spread evenly over them.
void generateHistory(const QString& path, int answers)
{
    ProgressStore store;
    store.open(path);
    const QSqlDatabase db = store.sharedDatabase(QStringLiteral("generating"));
    LibraryStore library(store);
    for (int f = 0; f < 25; ++f) {
        ScanResult scan;
        scan.path = QStringLiteral("/music/track%1.flac").arg(f);
        scan.genre = QString::fromLatin1(kGenres[f % 5]);
        library.upsert(scan);
    }
    std::mt19937_64 rng(20260301);
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-30);
    const int sessions = 60;
    const int perSession = (answers + sessions - 1) / sessions;
    store::Transaction transaction(db, path, QStringLiteral("generating"));
    for (int i = 0; i < answers; ++i) {
        const int session = i / perSession;
        const double r = std::uniform_real_distribution<double>(0, 1)(rng);
        Attempt a = r < 0.4 ? eqAttempt(rng, false) : r < 0.55 ? eqAttempt(rng, true) : otherAttempt(rng);
        // Session s: day s / 2, at 08:00 or 19:00, one answer every ~7 s.
        a.answeredAt = start.addDays(session / 2).addSecs((session % 2 ? 19 : 8) * 3600 + (i % perSession) * 7);
        a.session = QStringLiteral("session-%1").arg(session);
        a.responseMs = 1500 + int(rng() % 6000);
        const int material = int(rng() % 3);
        a.material = material == 0 ? QStringLiteral("noise") : material == 1 ? QStringLiteral("builtin") : QStringLiteral("music");
        a.source = material == 0   ? QStringLiteral("pink-noise")
                   : material == 1 ? QStringLiteral("builtin:loop%1").arg(rng() % 4)
                                   : QStringLiteral("file:/music/track%1.flac").arg(rng() % 25);
        a.seed = rng();
        store::insertAttempt(db, path, a, QStringLiteral("generating"));
    }
    transaction.commit();
    store.saveLevel(QStringLiteral("eq-band"), 4);
}

// Cold: a new connection per run; warm: one connection, its page cache filled first.
void measure(benchmark::State& state, bool cold)
{
    std::optional<ReadOnlyDatabase> kept;
    if (!cold) {
        kept.emplace(g_path);
        progressStatistics(kept->database(), kept->path(), {});
    }
    for (auto _ : state) {
        std::optional<ReadOnlyDatabase> fresh;
        const ReadOnlyDatabase& db = cold ? fresh.emplace(g_path) : *kept;
        const ProgressStatistics s = progressStatistics(db.database(), db.path(), {});
        benchmark::DoNotOptimize(s.exercises.size());
        if (s.tally.answers != g_answers)
            state.SkipWithError("the statistics did not count every answer");
    }
    state.counters["answers"] = g_answers;
}

void BM_StatisticsCold(benchmark::State& state) { measure(state, true); }
void BM_StatisticsWarm(benchmark::State& state) { measure(state, false); }

// The page's filters: the last 7 days of eq-band; one genre.
void BM_StatisticsFiltered(benchmark::State& state)
{
    const ReadOnlyDatabase db(g_path);
    StatisticsFilter filter;
    if (state.range(0) == 0) {
        filter.exercise = QStringLiteral("eq-band");
        filter.since = QDateTime::currentDateTimeUtc().addDays(-7);
    } else {
        filter.genre = QStringLiteral("jazz");
    }
    for (auto _ : state) {
        const ProgressStatistics s = progressStatistics(db.database(), db.path(), filter);
        benchmark::DoNotOptimize(s.tally.answers);
    }
}

BENCHMARK(BM_StatisticsCold)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_StatisticsWarm)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_StatisticsFiltered)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2);

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir folder;
    g_path = folder.filePath(QStringLiteral("progress.sqlite"));
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (i + 1 < argc && std::strcmp(argv[i], "--answers") == 0)
            g_answers = std::max(1, std::atoi(argv[++i]));
        else if (i + 1 < argc && std::strcmp(argv[i], "--keep") == 0)
            g_path = QString::fromLocal8Bit(argv[++i]);
        else
            rest.push_back(argv[i]);
    }
    if (QFileInfo::exists(g_path)) {
        std::fprintf(stderr, "bench_statistics: %s exists; --keep needs a new file\n", qPrintable(g_path));
        return 2;
    }
    int restCount = int(rest.size());
    QElapsedTimer timer;
    timer.start();
    generateHistory(g_path, g_answers);
    std::printf("generated %d answers in %.1f s: %s (%.1f MB)\n", g_answers, timer.elapsed() / 1000.0,
                qPrintable(g_path), QFileInfo(g_path).size() / 1e6);
    benchmark::Initialize(&restCount, rest.data());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
