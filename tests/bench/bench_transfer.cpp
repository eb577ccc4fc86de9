// Export and import of 100,000 answers (answer_transfer.h, docs/data_transfer.md): a history
// as a month of practice leaves it (EQ answers with hidden/answer objects, sessions, music
// paths), written once into a database file; then the export to a file (CSV, JSON), the
// import of each into an empty database, and the import of the CSV again into the database
// that has it (every row "already here"). Wall time per operation, rows per second, and peak
// RSS of the process (the JSON import holds the file in memory; CSV streams).

#include "exercises/answer_transfer.h"
#include "exercises/progress_store.h"
#include "exercises/store_attempt_row.h"
#include "exercises/store_sql.h"

#include <benchmark/benchmark.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <sys/resource.h>

using namespace earlab;

namespace {

constexpr int kAnswers = 100000;

QTemporaryDir& folder()
{
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/earlab-bench-transfer-XXXXXX"));
    return dir;
}

QString at(const char* name) { return folder().filePath(QString::fromLatin1(name)); }

// The generated history, written once in one transaction (recordAttempt commits each
// answer with fsync: a realistic month, but hours to set up).
const QString& historyDatabase()
{
    static const QString path = [] {
        const QString file = at("history.sqlite");
        ProgressStore store;
        store.open(file);
        const QSqlDatabase db = store.sharedDatabase(QStringLiteral("bench"));
        store::Transaction transaction(db, store.path(), QStringLiteral("bench"));
        static const int bands[] = {63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000};
        const QDateTime start = QDateTime::fromString(QStringLiteral("2026-04-01T08:00:00.000Z"), Qt::ISODateWithMs);
        for (int i = 0; i < kAnswers; ++i) {
            Attempt a;
            a.exercise = i % 3 == 0 ? QStringLiteral("level") : QStringLiteral("eq-band");
            a.level = 1 + i % 7;
            a.seed = 0x9e3779b97f4a7c15ull * quint64(i + 1);
            const int band = bands[i % 9];
            const int answered = bands[(i * 7 + (i % 4 == 0 ? 1 : 0)) % 9];
            a.hidden = {{"frequency_hz", band}, {"gain_db", i % 2 ? 6.0 : -6.0}, {"q", 1.41}, {"flat", false}};
            a.answer = {{"frequency_hz", answered}, {"gain_db", i % 2 ? 6.0 : -6.0}, {"flat", false}};
            a.correct = band == answered;
            a.score = a.correct ? 1.0 : 0.5;
            a.responseMs = 1500 + i % 4000;
            a.source = i % 2 ? QStringLiteral("file:/home/user/Music/Artist %1/Album, live/%2 track.flac").arg(i % 40).arg(i % 12)
                             : QStringLiteral("pink-noise");
            a.material = i % 2 ? QStringLiteral("music") : QStringLiteral("noise");
            a.answeredAt = start.addMSecs(qint64(i) * 26000); // a month of sessions, 26 s apart
            a.session = QStringLiteral("session-%1").arg(i / 120);
            a.value = a.exercise == QLatin1String("level") ? 0.5 * (i % 12) : qQNaN();
            store::insertAttempt(db, store.path(), a, QStringLiteral("bench"));
        }
        transaction.commit();
        return file;
    }();
    return path;
}

double peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

void exportTo(benchmark::State& state, TransferFormat format, const char* name)
{
    ProgressStore store;
    store.open(historyDatabase());
    qint64 rows = 0;
    for (auto _ : state) {
        QFile out(at(name));
        out.open(QIODevice::WriteOnly | QIODevice::Truncate);
        rows = exportAnswers(store, out, out.fileName(), format);
    }
    state.counters["rows"] = double(rows);
    state.counters["rows_per_s"] = benchmark::Counter(double(rows) * state.iterations(), benchmark::Counter::kIsRate);
    state.counters["file_MB"] = QFileInfo(at(name)).size() / 1e6;
    state.counters["peak_rss_MB"] = peakRssMb();
}

void importFrom(benchmark::State& state, TransferFormat format, const char* name, bool again)
{
    {
        ProgressStore store;
        store.open(historyDatabase());
        QFile out(at(name));
        out.open(QIODevice::WriteOnly | QIODevice::Truncate);
        exportAnswers(store, out, out.fileName(), format);
    }
    TransferCounts counts;
    int n = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString target = again ? historyDatabase() : at("import-%1.sqlite").arg(++n);
        ProgressStore store;
        store.open(target);
        QFile in(at(name));
        in.open(QIODevice::ReadOnly);
        state.ResumeTiming();
        counts = importAnswers(store, in, in.fileName(), format);
        state.PauseTiming();
        store.close();
        if (!again)
            for (const char* suffix : {"", "-wal", "-shm"})
                QFile::remove(target + QLatin1String(suffix));
        state.ResumeTiming();
    }
    state.counters["added"] = double(counts.added);
    state.counters["already"] = double(counts.alreadyPresent);
    state.counters["rows_per_s"] =
        benchmark::Counter(double(counts.added + counts.alreadyPresent) * state.iterations(), benchmark::Counter::kIsRate);
    state.counters["peak_rss_MB"] = peakRssMb();
}

void BM_ExportCsv(benchmark::State& state) { exportTo(state, TransferFormat::Csv, "export.csv"); }
void BM_ExportJson(benchmark::State& state) { exportTo(state, TransferFormat::Json, "export.json"); }
void BM_ImportCsvIntoEmpty(benchmark::State& state) { importFrom(state, TransferFormat::Csv, "import.csv", false); }
void BM_ImportJsonIntoEmpty(benchmark::State& state) { importFrom(state, TransferFormat::Json, "import.json", false); }
void BM_ImportCsvAgain(benchmark::State& state) { importFrom(state, TransferFormat::Csv, "again.csv", true); }

} // namespace

// Peak RSS grows monotonically over the process: the CSV runs come first.
BENCHMARK(BM_ExportCsv)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ImportCsvIntoEmpty)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ImportCsvAgain)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ExportJson)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ImportJsonIntoEmpty)->Unit(benchmark::kMillisecond)->Iterations(3);
