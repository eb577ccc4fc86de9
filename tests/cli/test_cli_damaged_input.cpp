// earlab-cli info on damaged and cut files, run as the user runs it: a damaged MP3 plays with
// one warning line naming it on stderr (and none of the decoder's own chatter), a cut MP3 or
// Ogg file fails with exit status 2 and one line naming it.

#include "audio/io/audio_file.h"
#include "support/process_runner.h"
#include "support/scratch_files.h"
#include "support/test_signals.h"

#include <QtTest/QtTest>

using namespace earlab;

class TestCliDamagedInput : public QObject {
    Q_OBJECT

    QString dir;

    static test::ProcessRun info(const QString& path) { return test::runProcess(EARLAB_CLI, {"info", path}, 60000); }

private slots:
    void initTestCase()
    {
        dir = test::scratch("cli-damaged-input");
        const AudioBuffer tone = test::sine(997.0, -12.0, 44100.0, 20 * 44100);
        writeAudioFile((dir + "/song.mp3").toStdString(), tone);
        writeAudioFile((dir + "/song.ogg").toStdString(), tone);
    }

    void damagedMp3GivesOneWarningLine()
    {
        QByteArray bytes = test::readBytes(dir + "/song.mp3");
        for (qsizetype i = 1024; i < bytes.size(); i += 97) // past the information frame
            bytes[i] = char(~bytes[i]);
        const QString damaged = dir + "/damaged.mp3";
        QVERIFY(test::writeBytes(damaged, bytes));
        const test::ProcessRun run = info(damaged);
        QVERIFY2(run.ok(), run.err.constData());
        const QList<QByteArray> lines = run.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.front().startsWith("warning: " + damaged.toUtf8() + ": "), run.err.constData());
        QVERIFY2(lines.front().contains(" damaged MPEG frames were skipped"), run.err.constData());
        QVERIFY(run.out.contains("duration"));
    }

    void cutFilesFailNamingTheFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qsizetype>("keep"); // bytes
        QTest::newRow("mp3 cut to 20 KB") << "song.mp3" << qsizetype(20000);
        QTest::newRow("ogg cut in half") << "song.ogg" << qsizetype(-2);
    }
    void cutFilesFailNamingTheFile()
    {
        QFETCH(QString, name);
        QFETCH(qsizetype, keep);
        const QByteArray bytes = test::readBytes(dir + "/" + name);
        const QString cut = dir + "/cut-" + name;
        QVERIFY(test::writeBytes(cut, bytes.left(keep > 0 ? keep : bytes.size() / -keep)));
        const test::ProcessRun run = info(cut);
        QVERIFY(run.started && run.finished && !run.crashed);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QByteArray());
        const QList<QByteArray> lines = run.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.front().startsWith("earlab-cli info: " + cut.toUtf8() + ": the file is truncated"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliDamagedInput)
#include "test_cli_damaged_input.moc"
