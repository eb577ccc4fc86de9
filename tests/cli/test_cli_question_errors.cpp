// earlab-cli question's refusals and material choices: an unknown exercise lists the known
// ids, a level out of range gives the valid range, a seed must be a 64-bit unsigned integer,
// material that cannot be read or used names the file; each is one line on stderr and exit
// status 2, and nothing is written. Material: noise, builtin:NAME, or the user's file (its
// densest 15 s, or all of it when shorter). The output folder: created when missing, its
// other files left alone, a file in its place refused.

#include "question_cli.h"

#include "support/process_runner.h"
#include "support/scratch_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTest>

using namespace earlab;
using namespace earlab::test;

namespace {

// Exit 2, one line on stderr, containing every one of `needles`.
QString refusalProblem(const CliRun& r, const QStringList& needles)
{
    if (!r.run.finished || r.run.crashed || r.run.exitCode != 2)
        return "not refused with exit 2: " + r.describe();
    const QStringList lines = r.errLines();
    if (lines.size() != 1)
        return "not one line on stderr: " + r.err();
    for (const QString& n : needles)
        if (!lines.front().contains(n))
            return QString("\"%1\" not in: %2").arg(n, lines.front());
    return {};
}

#define VERIFY_REFUSED(run, ...)                                                                              \
    do {                                                                                                      \
        const QString problem_ = refusalProblem(run, QStringList{__VA_ARGS__});                               \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));                                                   \
    } while (false)

} // namespace

class TestCliQuestionErrors : public QObject {
    Q_OBJECT

    QString dir_;
    QString path(const QString& name) const { return dir_ + '/' + name; }
    const QString firstId() const { return catalogueExercises().front().id; }

private slots:
    void initTestCase()
    {
        dir_ = scratch("question-errors");
        QVERIFY(!dir_.isEmpty());
        // The user's music: 20 s and 4 s of pink noise in stereo, and a file that is not audio.
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", "-b", "16", path("long.wav"), "synth", "20", "pinknoise", "vol", "0.3"}),
                 QString());
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "2", "-b", "24", path("short.flac"), "synth", "4", "pinknoise", "vol", "0.3"}),
                 QString());
        QVERIFY(writeBytes(path("notes.wav"), "these are not samples\n"));
    }

    void unknownExerciseListsTheKnownIds()
    {
        const QString out = path("unknown");
        const CliRun r = question("no-such-exercise", 1, 1, out);
        QStringList needles{"no-such-exercise"};
        for (const CatalogueEntry& e : catalogueExercises())
            needles << e.id;
        VERIFY_REFUSED(r, needles);
        QVERIFY2(!QFileInfo::exists(out), "a folder was made for a refused question");
    }

    void levelOutOfRangeGivesTheRange_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("level");
        QTest::addColumn<int>("levels");
        for (const CatalogueEntry& e : catalogueExercises())
            for (const QString& level : {QString("0"), QString::number(e.levels + 1), QString("-1"), QString("1.5"),
                                         QString("one"), QString()})
                QTest::addRow("%s %s", qPrintable(e.id), qPrintable(level)) << e.id << level << e.levels;
    }

    void levelOutOfRangeGivesTheRange()
    {
        QFETCH(QString, id);
        QFETCH(QString, level);
        QFETCH(int, levels);
        const CliRun r = cli({"question", id, "--level", level, "--seed", "1", "--out", path("level")});
        VERIFY_REFUSED(r, "--level", QString("between 1 and %1").arg(levels));
        QVERIFY(!QFileInfo::exists(path("level")));
    }

    void seedMustBeA64BitUnsignedInteger_data()
    {
        QTest::addColumn<QString>("seed");
        for (const char* s : {"-1", "18446744073709551616", "99999999999999999999999", "1.5", "1e3", "abc", "0x10",
                              "+5", ""})
            QTest::addRow("%s", s) << QString(s);
    }

    void seedMustBeA64BitUnsignedInteger()
    {
        QFETCH(QString, seed);
        const CliRun r = cli({"question", firstId(), "--level", "1", "--seed", seed, "--out", path("seed")});
        VERIFY_REFUSED(r, "--seed " + seed + ":", "18446744073709551615");
    }

    void missingOptionsAreNamed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        QTest::newRow("no --level") << QStringList{"--seed", "1", "--out", "x"} << "missing --level";
        QTest::newRow("no --seed") << QStringList{"--level", "1", "--out", "x"} << "missing --seed";
        QTest::newRow("no --out") << QStringList{"--level", "1", "--seed", "1"} << "missing --out";
        QTest::newRow("two --seed") << QStringList{"--level", "1", "--seed", "1", "--seed", "2", "--out", "x"}
                                    << "--seed was given 2 times";
    }

    void missingOptionsAreNamed()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        VERIFY_REFUSED(cli(QStringList{"question", firstId()} + args), needle);
    }

    void missingIdIsNamed() { VERIFY_REFUSED(cli({"question", "--level", "1", "--seed", "1", "--out", "x"}), "missing argument"); }

    void unreadableMaterialNamesTheFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("missing") << path("gone.wav");
        QTest::newRow("not audio") << path("notes.wav");
        QTest::newRow("a folder") << dir_;
    }

    void unreadableMaterialNamesTheFile()
    {
        QFETCH(QString, file);
        const QString out = path("unreadable");
        VERIFY_REFUSED(question(firstId(), 1, 1, out, {"--material", file}), file);
        QVERIFY2(!QFileInfo::exists(out), "a folder was made for a refused question");
    }

    void unknownBuiltinListsTheLoops()
    {
        const CliRun r = question(firstId(), 1, 1, path("builtin"), {"--material", "builtin:no-such-loop"});
        VERIFY_REFUSED(r, "builtin:no-such-loop", "no such built-in loop");
    }

    // A level that mixes stems cannot play a single file (refused naming it) or pink noise;
    // for the first multitrack level of every exercise of the catalogue that has one.
    void multitrackLevelRefusesAPlainFile()
    {
        int checked = 0;
        for (const CatalogueEntry& e : catalogueExercises())
            for (int level = 1; level <= e.levels; ++level)
                if (e.multitrack[std::size_t(level - 1)]) {
                    VERIFY_REFUSED(question(e.id, level, 1, path("stems"), {"--material", path("long.wav")}),
                                   path("long.wav"), "no stems");
                    VERIFY_REFUSED(question(e.id, level, 1, path("stems"), {"--material", "noise"}), "no stems");
                    QVERIFY(!QFileInfo::exists(path("stems")));
                    ++checked;
                    break;
                }
        if (checked == 0)
            QSKIP("no exercise of the catalogue has a multitrack level");
    }

    void userFileLoopsItsDensest15Seconds_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("frames");
        QTest::newRow("20 s at 44.1 kHz") << "long.wav" << qint64(15 * 48000);
        QTest::newRow("4 s, shorter than a loop") << "short.flac" << qint64(4 * 48000);
    }

    void userFileLoopsItsDensest15Seconds()
    {
        QFETCH(QString, file);
        QFETCH(qint64, frames);
        const QString out = path("user-" + file);
        const CliRun r = question(firstId(), 1, 3, out, {"--material", path(file)});
        QVERIFY2(r.run.ok(), qPrintable(r.describe()));
        QString error;
        const QJsonObject q = readQuestionJson(out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(q.value("material").toObject().value("id").toString(), "file:" + path(file));
        for (const QJsonValue& v : q.value("variants").toArray()) {
            const LoadedAudio wav = loadAsWritten(out + '/' + v.toObject().value("file").toString());
            QCOMPARE(wav.info.sampleRate, 48000);
            QCOMPARE(wav.info.frames, frames);
        }
    }

    void materialNoiseAndBuiltinAreTaken()
    {
        const CatalogueEntry e = catalogueExercises().front();
        const CliRun noise = question(e.id, e.levels, 4, path("noise"), {"--material", "noise"});
        QVERIFY2(noise.run.ok(), qPrintable(noise.describe()));
        QString error;
        QCOMPARE(readQuestionJson(path("noise"), &error).value("material").toObject().value("id").toString(),
                 QString("pink-noise"));
#if EARLAB_HAVE_ASSETS
        const CliRun builtin = question(e.id, 1, 4, path("builtin-jazz"), {"--material", "builtin:acoustic-jazz"});
        QVERIFY2(builtin.run.ok(), qPrintable(builtin.describe()));
        QCOMPARE(readQuestionJson(path("builtin-jazz"), &error).value("material").toObject().value("id").toString(),
                 QString("builtin:acoustic-jazz"));
#endif
    }

    // DIR: its other files are left alone and its old question replaced whole; a file where
    // DIR should be is refused and kept.
    void outputFolderKeepsOtherFiles()
    {
        const QString out = path("kept");
        QVERIFY(writeBytes(out + "/notes.txt", "the teacher's notes\n"));
        QVERIFY(writeBytes(out + "/question.json", "{\"old\": true}\n"));
        const CliRun r = question(firstId(), 1, 5, out);
        QVERIFY2(r.run.ok(), qPrintable(r.describe()));
        QCOMPARE(readBytes(out + "/notes.txt"), QByteArray("the teacher's notes\n"));
        QString error;
        QCOMPARE(readQuestionJson(out, &error).value("seed").toString(), QString("5"));
        QVERIFY(QDir(out).entryList({"*.tmp"}, QDir::Files | QDir::Hidden).isEmpty());

        const QString file = path("a-file");
        QVERIFY(writeBytes(file, "keep me\n"));
        VERIFY_REFUSED(question(firstId(), 1, 5, file), file);
        QCOMPARE(readBytes(file), QByteArray("keep me\n"));
    }

    void helpExitsZero()
    {
        const CliRun r = cli({"question", "--help"});
        QVERIFY2(r.run.ok(), qPrintable(r.describe()));
        QVERIFY(r.out().contains("--material"));
    }
};

QTEST_GUILESS_MAIN(TestCliQuestionErrors)
#include "test_cli_question_errors.moc"
