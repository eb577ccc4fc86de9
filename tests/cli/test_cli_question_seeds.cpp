// earlab-cli question is a function of its arguments: the same exercise, level, seed and
// material give a byte-identical question.json and the same samples in every WAV (the WAV
// files' bytes differ: libsndfile stamps the write time into a float WAV's PEAK chunk); another
// seed gives another question. For every exercise of the catalogue, at level 1 and its last.

#include "question_cli.h"

#include "support/scratch_files.h"

#include <QJsonArray>
#include <QTest>

using namespace earlab;
using namespace earlab::test;

class TestCliQuestionSeeds : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameQuestion_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("level");
        for (const CatalogueEntry& e : catalogueExercises())
            for (const int level : levelsToCover(e))
                QTest::addRow("%s level %d", qPrintable(e.id), level) << e.id << level;
    }

    void sameSeedSameQuestion()
    {
        QFETCH(QString, id);
        QFETCH(int, level);
        constexpr quint64 kSeed = 18446744073709551557ull; // the largest 64-bit prime: every bit of the seed counts
        const QString first = scratch("seed-a"), second = scratch("seed-b");
        const CliRun a = question(id, level, kSeed, first);
        QVERIFY2(a.run.ok(), qPrintable(a.describe()));
        const CliRun b = question(id, level, kSeed, second);
        QVERIFY2(b.run.ok(), qPrintable(b.describe()));

        const QByteArray json = readBytes(first + "/question.json");
        QVERIFY(!json.isEmpty());
        QCOMPARE(readBytes(second + "/question.json"), json);
        QString error;
        const QJsonObject q = readQuestionJson(first, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(q.value("seed").toString(), QString::number(kSeed));
        for (const QJsonValue& v : q.value("variants").toArray()) {
            const QString file = v.toObject().value("file").toString();
            const AudioBuffer x = loadAsWritten(first + '/' + file).audio;
            const AudioBuffer y = loadAsWritten(second + '/' + file).audio;
            QVERIFY2(x.frames() > 0, qPrintable(file));
            QVERIFY2(x.channels == y.channels, qPrintable(file + ": the samples differ"));
        }

        // Another seed, another question: the hidden change or the correct answer differs for
        // one of a few seeds (two seeds may draw the same band of five).
        bool differs = false;
        for (quint64 other = 1; other <= 6 && !differs; ++other) {
            const QString dir = scratch("seed-other");
            const CliRun c = question(id, level, other, dir);
            QVERIFY2(c.run.ok(), qPrintable(c.describe()));
            const QJsonObject o = readQuestionJson(dir, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            differs = o.value("hidden") != q.value("hidden") || o.value("correct") != q.value("correct");
        }
        QVERIFY2(differs, "six other seeds all asked the same question");
    }
};

QTEST_GUILESS_MAIN(TestCliQuestionSeeds)
#include "test_cli_question_seeds.moc"
