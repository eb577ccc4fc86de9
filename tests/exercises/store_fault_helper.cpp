// Child process for the fault tests (test_progress_store_faults.cpp):
//
//   store_fault_helper crash DB   Switches DB to a rollback journal, starts a write
//                                 transaction that rewrites every answer with the page cache
//                                 at one page (so changed pages reach the file before commit,
//                                 their originals the -journal), prints "ready" and waits to
//                                 be SIGKILLed: a crash mid-transaction, the hot journal real.
//   store_fault_helper probe DB   Opens DB as EarLab does and prints what it found, one
//                                 "key: value" per line (readonly, count), then records one
//                                 answer and prints the count again. Run as an unprivileged
//                                 user to see a read-only file as a user does.

#include "exercises/progress_store.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>
#include <cstring>

namespace {

int crash(const QString& path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"));
    db.setDatabaseName(path);
    if (!db.open())
        return 1;
    QSqlQuery q(db);
    for (const char* sql : {"PRAGMA journal_mode=DELETE", "PRAGMA cache_size=1", "BEGIN",
                            "UPDATE attempts SET hidden = hex(randomblob(3000)), score = 0"}) {
        if (!q.exec(QString::fromLatin1(sql))) {
            std::fprintf(stderr, "%s: %s\n", sql, qPrintable(q.lastError().text()));
            return 1;
        }
    }
    std::printf("ready\n");
    std::fflush(stdout);
    char line[16];
    while (std::fgets(line, sizeof line, stdin)) {
    } // the test kills us here; end of input would end the process without a commit too
    return 0;
}

int probe(const QString& path)
{
    try {
        earlab::ProgressStore store;
        store.open(path);
        std::printf("readonly: %s\n", qPrintable(store.readOnlyReason()));
        std::printf("count: %d\n", store.attemptCount(QStringLiteral("eq-band")));
        earlab::Attempt a;
        a.exercise = QStringLiteral("eq-band");
        a.level = 1;
        a.score = 1.0;
        a.correct = true;
        a.source = QStringLiteral("builtin:pink");
        a.answeredAt = QDateTime::currentDateTimeUtc();
        store.recordAttempt(a);
        store.saveLevel(QStringLiteral("eq-band"), 2);
        std::printf("count after: %d\n", store.attemptCount(QStringLiteral("eq-band")));
    } catch (const earlab::StoreError& e) {
        std::printf("error: %s\n", qPrintable(e.message()));
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv); // Qt SQL finds its driver plugins through it
    if (argc == 3 && std::strcmp(argv[1], "crash") == 0)
        return crash(QString::fromLocal8Bit(argv[2]));
    if (argc == 3 && std::strcmp(argv[1], "probe") == 0)
        return probe(QString::fromLocal8Bit(argv[2]));
    std::fprintf(stderr, "usage: store_fault_helper crash|probe DB\n");
    return 2;
}
