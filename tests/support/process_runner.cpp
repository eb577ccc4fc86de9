#include "support/process_runner.h"

#include <QProcess>

namespace earlab::test {

ProcessRun runProcess(const QString& program, const QStringList& args, int timeoutMs)
{
    ProcessRun run;
    QProcess process;
    process.start(program, args);
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
