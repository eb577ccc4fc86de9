#include "support/process_runner.h"

#include <QProcess>

#include <vector>

#include <unistd.h>

namespace earlab::test {

namespace {

ProcessRun waitFor(QProcess& process, int timeoutMs)
{
    ProcessRun run;
    run.started = process.waitForStarted(10000);
    if (run.started) {
        run.finished = process.waitForFinished(timeoutMs);
        run.crashed = process.exitStatus() != QProcess::NormalExit;
        run.exitCode = process.exitCode();
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
    }
    run.errorString = process.errorString();
    return run;
}

} // namespace

ProcessRun runProcess(const QString& program, const QStringList& args, int timeoutMs)
{
    QProcess process;
    process.start(program, args);
    return waitFor(process, timeoutMs);
}

ProcessRun runProcessBytes(const QByteArray& program, const QList<QByteArray>& args, int timeoutMs)
{
    // Built before the fork: the child only calls execv (async-signal-safe) and _exit.
    QList<QByteArray> all = QList<QByteArray>{program} + args;
    std::vector<char*> argv;
    for (QByteArray& a : all)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QProcess process;
    process.setProgram(QString::fromLocal8Bit(program));
    // QProcess has set up the pipes when the modifier runs; exec'ing here replaces the
    // program QProcess would have started with the same one, given the exact bytes.
    process.setChildProcessModifier([&argv] {
        ::execv(argv[0], argv.data());
        ::_exit(127);
    });
    process.start();
    return waitFor(process, timeoutMs);
}

QString soxExecutable()
{
    return QStringLiteral(SOX_EXECUTABLE);
}

QString sox(const QStringList& args)
{
    const ProcessRun run = runProcess(soxExecutable(), QStringList{QStringLiteral("-R")} + args, 120000);
    if (!run.started)
        return QStringLiteral("cannot start %1: %2").arg(soxExecutable(), run.errorString);
    if (!run.ok())
        return QStringLiteral("sox %1 failed: %2").arg(args.join(' '), QString::fromLocal8Bit(run.err));
    return {};
}

} // namespace earlab::test
