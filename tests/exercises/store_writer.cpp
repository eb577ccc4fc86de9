// Kill-test helper: store_writer DB [COUNT]. Opens DB (must be new), records answers
// 1, 2, 3, ... and prints "ack <id>" (flushed) right after each recordAttempt returns: the
// moment the app would show the result. The test SIGKILLs it mid-loop and then checks that
// every acknowledged id is in the file.

#include "exercises/progress_store.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

namespace earlab::test {
Attempt writerAttempt(qint64 id); // store_writer_content.cpp
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv); // Qt SQL finds its driver plugins through it
    if (argc < 2) {
        std::fprintf(stderr, "usage: store_writer DB [COUNT]\n");
        return 2;
    }
    const qint64 count = argc > 2 ? std::atoll(argv[2]) : 1000000;
    try {
        earlab::ProgressStore store;
        store.open(QString::fromLocal8Bit(argv[1]));
        for (qint64 expected = 1; expected <= count; ++expected) {
            const qint64 id = store.recordAttempt(earlab::test::writerAttempt(expected));
            // Content is derived from the id, so ids must be 1, 2, 3, ...: a fresh file.
            if (id != expected) {
                std::fprintf(stderr, "expected id %lld, got %lld: database not new?\n",
                             static_cast<long long>(expected), static_cast<long long>(id));
                return 3;
            }
            std::printf("ack %lld\n", static_cast<long long>(id));
            std::fflush(stdout);
        }
    } catch (const earlab::StoreError& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 1;
    }
    return 0;
}
