// Export and import of answers (answer_transfer.h) and blind-test logs (blind_log_transfer.h)
// on SQLite files on disk: the export of a seeded history is the text written out by hand in
// transfer_history.h; CSV and JSON round trips into an empty database give every answer back
// (uid included), the saved difficulty and the reset; importing twice adds nothing; each kind
// of malformed row is refused naming the row and the cause, and nothing of that file is
// imported; blind logs come back intact and each still verifies.

#include "exercises/answer_transfer.h"
#include "exercises/blind_log_check.h"
#include "exercises/blind_log_store.h"
#include "exercises/blind_log_transfer.h"
#include "exercises/progress_store.h"

#include "support/blind_log_sample.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"
#include "support/transfer_history.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace earlab;
using namespace earlab::test;

namespace {

QByteArray exported(ProgressStore& store, TransferFormat format)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    exportAnswers(store, out, QStringLiteral("buffer"), format);
    return out.data();
}

TransferCounts imported(ProgressStore& store, const QByteArray& bytes, TransferFormat format,
                        const QString& source = QStringLiteral("answers.file"))
{
    QBuffer in;
    in.setData(bytes);
    in.open(QIODevice::ReadOnly);
    return importAnswers(store, in, source, format);
}

// The TransferError's message of importing `bytes`, or empty when it was imported.
QString refusal(ProgressStore& store, const QByteArray& bytes, TransferFormat format)
{
    try {
        imported(store, bytes, format);
    } catch (const TransferError& error) {
        return error.message();
    }
    return {};
}

// A header and one good row (transferCsv()'s second), then `row`.
QByteArray csvWithBadSecondRow(const QByteArray& row)
{
    const QList<QByteArray> lines = transferCsv().split('\n');
    // lines: header, row 1 (2 lines: its source holds a LF), row 2, row 3, ""
    return lines.at(0) + '\n' + lines.at(3) + '\n' + row + "\r\n";
}

// Saves a 16-trial and an 8-trial log in `store` and exports them into `out`.
qint64 exportTwoLogs(ProgressStore& store, QBuffer& out)
{
    BlindLogStore logs(store);
    logs.save(sampleAbxLog(16), transferUtc("2026-12-01T20:10:00.000Z"));
    logs.save(sampleAbxLog(8), transferUtc("2026-12-02T20:10:00.000Z"));
    out.open(QIODevice::WriteOnly);
    return exportBlindLogs(store, out, "buffer");
}

const QByteArray kGoodTail = "\"{\"\"gain_db\"\":1.5}\",\"{\"\"gain_db\"\":1.5}\"";

} // namespace

class TestAnswerTransfer : public QObject {
    Q_OBJECT

    QString m_folder;
    int m_databases = 0;

    // A fresh database file on disk.
    QString databasePath() { return m_folder + QStringLiteral("/progress-%1.sqlite").arg(++m_databases); }

private slots:
    void initTestCase() { m_folder = scratch("answer-transfer"); }

    void csvExportIsAsWrittenByHand()
    {
        ProgressStore store;
        store.open(databasePath());
        recordTransferHistory(store);
        QCOMPARE(exported(store, TransferFormat::Csv), transferCsv());
    }

    void jsonExportIsAsWrittenByHand()
    {
        ProgressStore store;
        store.open(databasePath());
        recordTransferHistory(store);
        const QByteArray json = exported(store, TransferFormat::Json);
        QVERIFY2(json.startsWith("{\"format\":\"earlab-answers\",\"version\":1,\"answers\":[\n{\"id\":\"0123456789abcdef"),
                 json.constData());
        QVERIFY2(json.contains("\n" + transferJsonLevelRow() + ",\n"), json.constData());
        QVERIFY2(json.contains("\"resets\":[{\"exercise\":\"level\",\"reset_at\":\"2026-05-01T10:00:00.000Z\"}]"),
                 json.constData());
        const QJsonObject top = QJsonDocument::fromJson(json).object();
        QCOMPARE(top.value("answers").toArray().size(), 3);
        const QJsonObject difficulty = top.value("difficulties").toArray().at(0).toObject();
        QCOMPARE(difficulty.value("exercise").toString(), QStringLiteral("eq-band"));
        QCOMPARE(difficulty.value("level").toInt(), 4);
        QCOMPARE(difficulty.value("state").toObject(), (QJsonObject{{"window", QJsonArray{1, 0, 1}}}));
    }

    void roundTripIntoEmptyDatabase_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(TransferFormat::Csv);
        QTest::newRow("json") << int(TransferFormat::Json);
    }

    void roundTripIntoEmptyDatabase()
    {
        QFETCH(int, format);
        const auto kind = TransferFormat(format);
        ProgressStore original;
        original.open(databasePath());
        recordTransferHistory(original);
        const QString file = m_folder + (kind == TransferFormat::Csv ? "/export.csv" : "/export.json");
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QCOMPARE(exportAnswers(original, out, file, kind), 3);
        }

        ProgressStore copy;
        copy.open(databasePath());
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QList<qint64> rowsSeen;
        const TransferCounts counts = importAnswers(copy, in, file, kind, [&](qint64 rows, qint64) { rowsSeen << rows; });
        QCOMPARE(counts.added, 3);
        QCOMPARE(counts.alreadyPresent, 0);
        QCOMPARE(rowsSeen.last(), 3);

        const QList<Attempt> back = storedTransferAnswers(copy);
        QCOMPARE(transferUids(back), transferUids(transferAnswers()));
        QCOMPARE(withoutRowIds(back), withoutRowIds(transferAnswers()));
        QCOMPARE(withoutRowIds(back), withoutRowIds(storedTransferAnswers(original)));
        if (kind == TransferFormat::Json) { // CSV holds the answers only (docs/data_transfer.md)
            QCOMPARE(copy.savedDifficulty("eq-band"), original.savedDifficulty("eq-band"));
            QCOMPARE(copy.lastReset("level"), original.lastReset("level"));
            QCOMPARE(copy.recentAttemptsSinceReset("level", -1).size(), 0); // the reset came after it
        }
        // And the copy exports the same bytes again.
        QCOMPARE(exported(copy, kind), exported(original, kind));
    }

    void importingTwiceAddsNothing_data() { roundTripIntoEmptyDatabase_data(); }

    void importingTwiceAddsNothing()
    {
        QFETCH(int, format);
        const auto kind = TransferFormat(format);
        ProgressStore original;
        original.open(databasePath());
        recordTransferHistory(original);
        const QByteArray bytes = exported(original, kind);

        // Into the database it came from, and twice into another.
        TransferCounts counts = imported(original, bytes, kind);
        QCOMPARE(counts.added, 0);
        QCOMPARE(counts.alreadyPresent, 3);
        ProgressStore copy;
        copy.open(databasePath());
        QCOMPARE(imported(copy, bytes, kind).added, 3);
        counts = imported(copy, bytes, kind);
        QCOMPARE(counts.added, 0);
        QCOMPARE(counts.alreadyPresent, 3);
        QCOMPARE(copy.attemptCount("eq-band"), 2);
        QCOMPARE(copy.attemptCount("level"), 1);
    }

    void importMergesWithOwnHistory()
    {
        ProgressStore original;
        original.open(databasePath());
        recordTransferHistory(original);
        ProgressStore other;
        other.open(databasePath());
        Attempt own = transferAnswers().at(1);
        own.uid.clear(); // a new answer of this database: it gets its own uid
        own.answeredAt = transferUtc("2026-06-01T08:00:00.000Z");
        other.recordAttempt(own);
        other.saveLevel("eq-band", 9);

        const TransferCounts counts = imported(other, exported(original, TransferFormat::Json), TransferFormat::Json);
        QCOMPARE(counts.added, 3);
        QCOMPARE(other.attemptCount("level"), 2);
        QCOMPARE(other.savedLevel("eq-band"), std::optional<int>(9)); // the user's own level is kept
    }

    void malformedCsvRowIsRefusedAndNothingImported_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        const QByteArray id = "fedcba9876543210fedcba9876543211";
        const QByteArray start = id + ",2026-05-01T09:31:02.005Z,level,1,s1,noise,";
        auto row = [&](const QByteArray& middle) { return csvWithBadSecondRow(start + middle); };
        const QByteArray good = "1,1,900," + kGoodTail + ",5,pink-noise,1.5,2,0";
        QTest::newRow("few fields") << row("1,1,900") << "row 2 (line 3): 9 fields where the header has 16 columns";
        QTest::newRow("bad date") << csvWithBadSecondRow(id + ",2026-13-01T09:31:02.005Z,level,1,s1,noise," + good)
            << "row 2 (line 3): answered_at '2026-13-01T09:31:02.005Z' is not an ISO 8601 time with a zone";
        QTest::newRow("date without zone") << csvWithBadSecondRow(id + ",2026-05-01T09:31:02,level,1,s1,noise," + good)
            << "row 2 (line 3): answered_at '2026-05-01T09:31:02' is not an ISO 8601 time with a zone";
        QTest::newRow("correct 2") << row("2,1,900," + kGoodTail + ",5,pink-noise,1.5,2,0")
                                   << "row 2 (line 3): correct '2' is neither 0 nor 1";
        QTest::newRow("score 1.5") << row("1,1.5,900," + kGoodTail + ",5,pink-noise,1.5,2,0")
                                   << "row 2 (line 3): score 1.5 is outside 0..1";
        QTest::newRow("score text") << row("1,high,900," + kGoodTail + ",5,pink-noise,1.5,2,0")
                                    << "row 2 (line 3): score 'high' is not a number";
        QTest::newRow("negative time") << row("1,1,-3," + kGoodTail + ",5,pink-noise,1.5,2,0")
                                       << "row 2 (line 3): response_ms '-3' is not a whole number from 0 to 2147483647";
        QTest::newRow("malformed id") << csvWithBadSecondRow("FEDCBA9876543210FEDCBA9876543211,2026-05-01T09:31:02.005Z,level,1,s1,noise," + good)
            << "row 2 (line 3): id 'FEDCBA9876543210FEDCBA9876543211' is not 32 lowercase hexadecimal digits";
        QTest::newRow("hidden not object") << row("1,1,900,\"[1.5]\",\"{}\",5,pink-noise,1.5,2,0")
                                           << "row 2 (line 3): hidden is not a JSON object: [1.5]";
        QTest::newRow("answer not JSON") << row("1,1,900,\"{}\",gain,5,pink-noise,1.5,2,0")
                                         << "row 2 (line 3): answer is not a JSON object: gain";
        QTest::newRow("unknown material") << csvWithBadSecondRow(id + ",2026-05-01T09:31:02.005Z,level,1,s1,vinyl," + good)
            << "row 2 (line 3): material 'vinyl' is none of noise, builtin, music";
        QTest::newRow("seed negative") << row("1,1,900," + kGoodTail + ",-5,pink-noise,1.5,2,0")
                                       << "row 2 (line 3): seed '-5' is not a whole number from 0 to 18446744073709551615";
        QTest::newRow("heard yes") << row("1,1,900," + kGoodTail + ",5,pink-noise,1.5,2,yes")
                                   << "row 2 (line 3): heard 'yes' is neither 0 nor 1";
        QTest::newRow("same id other content")
            << csvWithBadSecondRow("fedcba9876543210fedcba9876543210,2026-05-01T09:31:02.005Z,level,2,s1,noise," + good)
            << "row 2 (line 3): id fedcba9876543210fedcba9876543210 is stored already with other content (it differs in level, seed)";
        QTest::newRow("quote in unquoted field") << row("1,1,900," + kGoodTail + ",5,pink\"noise,1.5,2,0")
                                                 << "row 2 (line 3): a quote inside an unquoted field";
        QTest::newRow("unclosed quote") << row("1,1,900," + kGoodTail + ",5,\"pink-noise,1.5,2,0")
                                        << "row 2 (line 3): a quoted field is not closed before the end of the file";
        QByteArray noScore = transferCsv();
        noScore.replace("correct,score,", "correct,");
        QTest::newRow("missing column") << noScore << "header (line 1): no column score";
        QByteArray unknown = transferCsv();
        unknown.replace("heard\r\n", "heard,mood\r\n");
        QTest::newRow("unknown column") << unknown << "header (line 1): unknown column 'mood'";
        QTest::newRow("not UTF-8") << row("1,1,900," + kGoodTail + ",5,caf\xe9,1.5,2,0")
                                   << "row 2 (line 3): the text is not UTF-8";
        QTest::newRow("empty") << QByteArray() << "the file is empty (no header row)";
    }

    void malformedCsvRowIsRefusedAndNothingImported()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        ProgressStore store;
        store.open(databasePath());
        const QString error = refusal(store, file, TransferFormat::Csv);
        QVERIFY2(error.startsWith(QStringLiteral("answers.file: ")), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(error.endsWith(QStringLiteral("; nothing was imported.")), qPrintable(error));
        // Row 1 was good: it is not there either.
        QCOMPARE(store.attemptCount("level"), 0);
    }

    void malformedJsonIsRefusedAndNothingImported_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        const QByteArray head = "{\"format\":\"earlab-answers\",\"version\":1,\"answers\":[" + transferJsonLevelRow() + ",";
        const QByteArray second = transferJsonLevelRow().replace("543210\"", "543211\"");
        auto with = [&](const QByteArray& from, const QByteArray& to) {
            QByteArray row = second;
            row.replace(from, to);
            return head + row + "]}";
        };
        QTest::newRow("not JSON") << QByteArray("{\"format\":") << "answers.file: not JSON: ";
        QTest::newRow("other format") << QByteArray("{\"format\":\"other\",\"version\":1,\"answers\":[]}")
                                      << "not an EarLab answers export";
        QTest::newRow("newer version") << QByteArray("{\"format\":\"earlab-answers\",\"version\":2,\"answers\":[]}")
                                       << "version [2] is not one this EarLab reads (1)";
        QTest::newRow("row not object") << head + "3]}" << "row 2 (answers[1]): not a JSON object";
        QTest::newRow("correct true") << with("\"correct\":1", "\"correct\":true") << "row 2 (answers[1]): correct 'true' is neither 0 nor 1";
        QTest::newRow("score text") << with("\"score\":1", "\"score\":\"1\"") << "row 2 (answers[1]): score is not a number";
        QTest::newRow("score 2") << with("\"score\":1", "\"score\":2") << "row 2 (answers[1]): score 2 is outside 0..1";
        QTest::newRow("missing key") << with("\"score\":1,", "") << "row 2 (answers[1]): no score";
        QTest::newRow("unknown key") << with("\"heard\":0", "\"heard\":0,\"mood\":1") << "row 2 (answers[1]): unknown key 'mood'";
        QTest::newRow("hidden text") << with("\"hidden\":{\"gain_db\":1.5}", "\"hidden\":\"{}\"")
                                     << "row 2 (answers[1]): hidden is not a JSON object";
        QTest::newRow("level fraction") << with("\"level\":1", "\"level\":1.5")
                                        << "row 2 (answers[1]): level '1.5' is not a whole number";
        QTest::newRow("duplicate key") << with("\"score\":1", "\"score\":1,\"score\":0") << "the key answers[1].score appears twice";
        QTest::newRow("bad reset") << head + second + "],\"resets\":[{\"exercise\":\"level\",\"reset_at\":\"yesterday\"}]}"
                                   << "resets[0]: reset_at 'yesterday' is not an ISO 8601 time with a zone";
    }

    void malformedJsonIsRefusedAndNothingImported()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        ProgressStore store;
        store.open(databasePath());
        const QString error = refusal(store, file, TransferFormat::Json);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(error.endsWith(QStringLiteral("nothing was imported.")), qPrintable(error));
        QCOMPARE(store.attemptCount("level"), 0);
    }

    // What spreadsheets write: a byte order mark, LF line ends, columns in another order, a
    // blank line at the end; and only the required columns.
    void csvAsSpreadsheetsWriteIt()
    {
        QByteArray csv = "\xEF\xBB\xBF" "answered_at,id,exercise,level,session,material,correct,score,response_ms,hidden,answer\n"
                         "2026-05-01T11:31:02.005+02:00,fedcba9876543210fedcba9876543210,level,1,s1,noise,1,1,900,"
                         "\"{\"\"gain_db\"\":1.5}\",\"{\"\"gain_db\"\":1.5}\"\n\n";
        ProgressStore store;
        store.open(databasePath());
        QCOMPARE(imported(store, csv, TransferFormat::Csv).added, 1);
        const Attempt back = store.recentAttempts("level", -1).at(0);
        QCOMPARE(back.answeredAt, transferUtc("2026-05-01T09:31:02.005Z"));
        QCOMPARE(back.uid, QStringLiteral("fedcba9876543210fedcba9876543210"));
        QCOMPARE(back.seed, quint64(0)); // the defaults of the optional columns
        QCOMPARE(back.format, 1);
        QVERIFY(back.heard);
        QVERIFY(std::isnan(back.value));
    }

    void blindLogsRoundTripAndStillVerify()
    {
        ProgressStore original;
        original.open(databasePath());
        BlindLogStore logs(original);
        QBuffer out;
        QCOMPARE(exportTwoLogs(original, out), 2);
        const QJsonArray array = QJsonDocument::fromJson(out.data()).array();
        QCOMPARE(array.size(), 2);
        QCOMPARE(array.at(0).toObject().value("trials").toArray().size(), 16); // oldest first
        for (const QJsonValue& log : array) { // each element, alone, passes verify-log
            const BlindLogCheck check = verifyBlindLog(QJsonDocument(log.toObject()).toJson(), "element");
            QVERIFY2(check.intact(), qPrintable(check.unreadable + check.altered.join("; ")));
        }
        // The stored bytes, as saved, are in the file.
        const QList<StoredBlindLog> stored = logs.list();
        QVERIFY(out.data().contains(logs.json(stored.at(0).id)));

        ProgressStore copy;
        copy.open(databasePath());
        QBuffer in;
        in.setData(out.data());
        in.open(QIODevice::ReadOnly);
        TransferCounts counts = importBlindLogs(copy, in, "logs.json");
        QCOMPARE(counts.added, 2);
        BlindLogStore copied(copy);
        const QList<StoredBlindLog> back = copied.list();
        QCOMPARE(back.size(), 2);
        for (const StoredBlindLog& row : back) {
            QString problem;
            QVERIFY2(copied.load(row.id, &problem), qPrintable(problem));
            QVERIFY(out.data().contains(copied.json(row.id)));
        }
        in.seek(0);
        counts = importBlindLogs(copy, in, "logs.json");
        QCOMPARE(counts.added, 0);
        QCOMPARE(counts.alreadyPresent, 2);
    }

    void alteredBlindLogIsRefusedNamingItsIndex()
    {
        ProgressStore original;
        original.open(databasePath());
        QBuffer out;
        exportTwoLogs(original, out);
        QByteArray bytes = out.data();
        const qsizetype second = bytes.indexOf("\n{", 2);
        const qsizetype k = bytes.indexOf("\"k\":", second);
        QVERIFY(second > 0 && k > second);
        bytes[k + 4] = bytes[k + 4] == '1' ? '2' : '1'; // the second log's k

        ProgressStore copy;
        copy.open(databasePath());
        QBuffer in;
        in.setData(bytes);
        in.open(QIODevice::ReadOnly);
        QString error;
        try {
            importBlindLogs(copy, in, "logs.json");
        } catch (const TransferError& e) {
            error = e.message();
        }
        QVERIFY2(error.startsWith("logs.json: log 1: it does not verify: "), qPrintable(error));
        QVERIFY2(error.endsWith("nothing was imported."), qPrintable(error));
        QCOMPARE(BlindLogStore(copy).list().size(), 0); // log 0 was fine: not imported either
    }
};

QTEST_GUILESS_MAIN(TestAnswerTransfer)
#include "test_answer_transfer.moc"
