// Building twice gives the same material: the generator run again into a fresh directory
// writes byte-identical files to the ones the build made.

#include "assets/builtin_material.h"

#include <QtTest>

class TestMaterialDeterminism : public QObject {
    Q_OBJECT

private slots:
    void regeneratesIdenticalBytes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess generator;
        QElapsedTimer timer;
        timer.start();
        generator.start(QStringLiteral(EARLAB_MAKE_ASSETS), {dir.path()});
        QVERIFY(generator.waitForFinished(240000));
        qInfo("generation took %.1f s:\n%s", timer.elapsed() / 1000.0, generator.readAllStandardOutput().constData());
        QCOMPARE(generator.exitStatus(), QProcess::NormalExit);
        QCOMPARE(generator.exitCode(), 0);

        const QDir built(QString::fromStdString(earlab::materialDirectory()));
        int compared = 0;
        for (const earlab::BuiltinLoop& loop : earlab::builtinLoops()) {
            std::vector<std::string> files = {loop.mixFile};
            for (const auto& [name, file] : loop.stems)
                files.push_back(file);
            for (const std::string& f : files) {
                QFile a(built.filePath(QString::fromStdString(f))), b(QDir(dir.path()).filePath(QString::fromStdString(f)));
                QVERIFY2(a.open(QIODevice::ReadOnly), qPrintable(a.fileName()));
                QVERIFY2(b.open(QIODevice::ReadOnly), qPrintable(b.fileName()));
                const QByteArray x = a.readAll(), y = b.readAll();
                QVERIFY2(x.size() > 1000000, qPrintable(a.fileName()));
                QVERIFY2(x == y, qPrintable(QStringLiteral("%1 differs from a fresh generation").arg(a.fileName())));
                ++compared;
            }
        }
        QCOMPARE(compared, 15);
    }

    void rejectsUnknownLoop()
    {
        QTemporaryDir dir;
        QProcess generator;
        generator.start(QStringLiteral(EARLAB_MAKE_ASSETS), {dir.path(), QStringLiteral("no-such-loop")});
        QVERIFY(generator.waitForFinished(30000));
        QCOMPARE(generator.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestMaterialDeterminism)
#include "test_material_determinism.moc"
