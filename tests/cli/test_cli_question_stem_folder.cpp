// earlab-cli question --material DIR: a folder of the user's stems, checked and measured as
// the app's Library does, is one multitrack source (a stem question names one of its stems;
// another exercise plays its mix); a folder that cannot be one is refused with one line
// naming the file and the cause, exit status 2, and nothing written.

#include "question_cli.h"

#include "support/scratch_files.h"
#include "support/stem_folder_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTest>

using namespace earlab;
using namespace earlab::test;

class TestCliQuestionStemFolder : public QObject {
    Q_OBJECT

private slots:
    void aFolderOfStemsIsAMultitrack()
    {
        const QString song = scratch("cli-stems-song") + "/My Song";
        QDir().mkpath(song);
        writeStem(song + "/bass.wav", stemSignal(80, 20, 48000));
        writeStem(song + "/drums.wav", stemSignal(3000, 20, 48000));
        writeStem(song + "/keys.wav", stemSignal(440, 20, 44100));
        const QString out = scratch("cli-stems-out");
        const CliRun run = question("stems", 1, 7, out, {"--material", song});
        QVERIFY2(run.run.ok(), qPrintable(run.describe()));
        QString error;
        const QJsonObject json = readQuestionJson(out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString stem = json.value("hidden").toObject().value("stem").toString();
        QVERIFY2((QStringList{"bass", "drums", "keys"}).contains(stem), qPrintable(stem));
        QVERIFY(json.value("correct").toString().startsWith(stem));

        // Music for another exercise: its mix.
        const QString levelOut = scratch("cli-stems-level");
        const CliRun level = question("level", 1, 7, levelOut, {"--material", song});
        QVERIFY2(level.run.ok(), qPrintable(level.describe()));
    }

    void foldersThatAreNoMultitrackAreRefused()
    {
        const QString lengths = scratch("cli-stems-lengths");
        writeStem(lengths + "/a.wav", stemSignal(200, 20, 48000));
        writeStem(lengths + "/b.wav", stemSignal(300, 20.4, 48000));
        writeStem(lengths + "/c.wav", stemSignal(400, 20, 48000));
        const QString one = scratch("cli-stems-one");
        writeStem(one + "/only.wav", stemSignal(200, 8, 48000));
        const QString broken = scratch("cli-stems-broken");
        writeStem(broken + "/a.wav", stemSignal(200, 8, 48000));
        QVERIFY(writeBytes(broken + "/b broken.wav", "RIFF\x10\0\0\0WAVEfmt this is not audio"));

        const QList<QPair<QString, QString>> cases = {
            {lengths, lengths + "/b.wav is 0:20.4 long, the others 0:20.0"},
            {one, one + ": a folder of stems needs at least 2 audio files"},
            {broken, broken + "/b broken.wav"},
        };
        for (const auto& [folder, expected] : cases) {
            const QString out = scratch("cli-stems-refused") + "/out";
            const CliRun run = question("stems", 1, 7, out, {"--material", folder});
            QCOMPARE(run.run.exitCode, 2);
            QCOMPARE(run.errLines().size(), 1);
            QVERIFY2(run.err().contains(expected), qPrintable(run.describe()));
            QVERIFY(!QFileInfo::exists(out + "/question.json"));
        }
    }

    // The user's material is never written over: no question written into the folder of stems
    // being played (its next scan would take the variants for stems), and no variant named like
    // the file being played in that file's own folder.
    void theMaterialIsNeverWrittenOver()
    {
        const QString song = scratch("cli-stems-into") + "/Song";
        QDir().mkpath(song);
        writeStem(song + "/bass.wav", stemSignal(80, 8, 48000));
        writeStem(song + "/keys.wav", stemSignal(440, 8, 48000));
        const CliRun into = question("stems", 1, 7, song, {"--material", song});
        QCOMPARE(into.run.exitCode, 2);
        QVERIFY2(into.err().contains("is the folder of stems being played"), qPrintable(into.describe()));
        QCOMPARE(QDir(song).entryList(QDir::Files), (QStringList{"bass.wav", "keys.wav"}));

        // A file named a.wav, and the level exercise's variants a and b written beside it.
        const QString folder = scratch("cli-file-into");
        writeStem(folder + "/a.wav", stemSignal(300, 8, 48000));
        QFile original(folder + "/a.wav");
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        original.close();
        const CliRun over = question("level", 1, 7, folder, {"--material", folder + "/a.wav"});
        QCOMPARE(over.run.exitCode, 2);
        QVERIFY2(over.err().contains("a.wav: is the material being played"), qPrintable(over.describe()));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(original.readAll(), before);
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{"a.wav"});
    }
};

QTEST_GUILESS_MAIN(TestCliQuestionStemFolder)
#include "test_cli_question_stem_folder.moc"
