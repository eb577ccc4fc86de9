#pragma once
// Running command line tools (sox, soxi, ...) from the tests through QProcess.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace earlab::test {

// What a finished (or failed) run left behind.
struct ProcessRun {
    bool started = false;  // the program could be started (within 10 s)
    bool finished = false; // it then ended within the time allowed (a crash counts as ended)
    bool crashed = false;  // it ended abnormally (a signal)
    int exitCode = -1;
    QString errorString; // QProcess's description of the last error
    QByteArray out;      // everything it wrote on stdout
    QByteArray err;      // everything it wrote on stderr

    // Started, ended in time, not crashed, exit status 0.
    bool ok() const { return started && finished && !crashed && exitCode == 0; }
};

// Runs `program` with `args` and waits up to `timeoutMs` for it to end.
ProcessRun runProcess(const QString& program, const QStringList& args, int timeoutMs);

// The same with arguments as raw bytes, passed to execv unchanged: QProcess encodes a
// QStringList as UTF-8, so it cannot pass a file name that is not (such as "caf\xe9.wav").
// `program` must be a path (no PATH search).
ProcessRun runProcessBytes(const QByteArray& program, const QList<QByteArray>& args, int timeoutMs);

// The sox found when the build was configured ("sox-not-found" if there was none, so the
// tests that need it fail naming the missing tool instead of silently testing less).
QString soxExecutable();

// Runs sox with repeatable noise (-R); an empty string on success, else what went wrong.
QString sox(const QStringList& args);

} // namespace earlab::test
