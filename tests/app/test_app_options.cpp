// The app's own command line (earlab --questions, --screenshot-size, --db, ...), by the same
// mechanism as earlab-cli's: numbers checked with the text as typed, a repeated option is an
// error, and a file name that is not UTF-8 is refused by name instead of being opened under
// another one. parseAppOptions directly, and the real earlab binary for what main() makes of it.

#include "support/process_runner.h"

#include "app/cli/cli_support.h"
#include "app/src/app_options.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace earlab;
using namespace earlab::test;

namespace {

QStringList withProgram(const QStringList& args) { return QStringList{"earlab"} + args; }

// The message parseAppOptions refuses `args` with, readable ("" if it accepted them).
QString refusal(const QStringList& args)
{
    try {
        (void)app::parseAppOptions(withProgram(args));
    } catch (const cli::UsageError& e) {
        return QString::fromStdString(cli::readable(std::string_view(e.what())));
    }
    return {};
}

} // namespace

class TestAppOptions : public QObject {
    Q_OBJECT

private slots:
    void refused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message"); // contained in the message, with the text as typed
        // Was silently 1 (toInt of "abc" is 0, then max(1, 0)).
        QTest::newRow("--questions abc") << QStringList{"--questions", "abc"}
                                         << "--questions abc: must be a whole number between 1 and 100";
        QTest::newRow("--questions 0") << QStringList{"--questions", "0"} << "--questions 0:";
        QTest::newRow("--questions 101") << QStringList{"--questions", "101"} << "--questions 101:";
        QTest::newRow("--questions 1e3") << QStringList{"--questions", "1e3"} << "--questions 1e3:";
        QTest::newRow("--questions 99999999999") << QStringList{"--questions", "99999999999"} << "--questions 99999999999:";
        QTest::newRow("--questions nan") << QStringList{"--questions", "nan"} << "--questions nan:";
        QTest::newRow("--screenshot-size 99999999999x800")
            << QStringList{"--screenshot-size", "99999999999x800"}
            << "--screenshot-size 99999999999x800: width 99999999999: must be a whole number between 320 and 16384";
        QTest::newRow("--screenshot-size 1024x100") << QStringList{"--screenshot-size", "1024x100"} << "height 100";
        QTest::newRow("--screenshot-size 1024") << QStringList{"--screenshot-size", "1024"}
                                                << "--screenshot-size 1024: expected WIDTHxHEIGHT";
        QTest::newRow("--screenshot-size 1e3x800") << QStringList{"--screenshot-size", "1e3x800"} << "width 1e3";
        QTest::newRow("--db twice") << QStringList{"--db", "a.sqlite", "--db", "b.sqlite"}
                                    << "--db was given 2 times (a.sqlite, b.sqlite)";
        QTest::newRow("--questions twice") << QStringList{"--questions", "5", "--questions", "6"} << "--questions was given 2 times";
        QTest::newRow("--screenshot-size twice") << QStringList{"--screenshot-size", "1024x640", "--screenshot-size", "1280x800"}
                                                 << "--screenshot-size was given 2 times";
        QTest::newRow("an unexpected argument") << QStringList{"stray"} << "unexpected argument \"stray\"";
        QTest::newRow("an empty --screenshot-dir") << QStringList{"--screenshot-dir", ""} << "--screenshot-dir";
        // Qt's SQL driver would open "caf\xef\xbf\xbd.sqlite" instead (U+FFFD in UTF-8).
        QTest::newRow("--db not UTF-8") << QStringList{"--db", cli::fromStd("caf\xe9.sqlite")}
                                        << "--db caf\\xe9.sqlite: EarLab cannot yet use a file whose name is not valid UTF-8";
        QTest::newRow("--settings not UTF-8") << QStringList{"--settings", cli::fromStd("caf\xe9.ini")} << "--settings caf\\xe9.ini";
        QTest::newRow("--screenshot-dir not UTF-8") << QStringList{"--screenshot-dir", cli::fromStd("shots\xe9")}
                                                    << "--screenshot-dir shots\\xe9";
    }

    void refused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString got = refusal(args);
        QVERIFY2(!got.isEmpty(), "accepted");
        QVERIFY2(got.contains(message), qPrintable("\"" + message + "\" not in: " + got));
    }

    void accepted()
    {
        const auto defaults = app::parseAppOptions(withProgram({}));
        QVERIFY(defaults.has_value());
        QCOMPARE(defaults->questionsPerSession, 0); // 0: the Settings page decides
        QVERIFY(!defaults->databasePathSet);
        QVERIFY(defaults->screenshotDir.isEmpty());
        QCOMPARE(defaults->screenshotSize, QSize(1280, 800));

        const auto given = app::parseAppOptions(withProgram({"--questions", "100", "--db", "caf\u00e9.sqlite", "--settings",
                                                             "s.ini", "--screenshot-dir", "shots", "--screenshot-size",
                                                             "320x240"}));
        QVERIFY(given.has_value());
        QCOMPARE(given->questionsPerSession, 100);
        QVERIFY(given->databasePathSet);
        QCOMPARE(given->databasePath, QString("caf\u00e9.sqlite")); // UTF-8 names are fine
        QCOMPARE(given->settingsFile, QString("s.ini"));
        QCOMPARE(given->screenshotDir, QString("shots"));
        QCOMPARE(given->screenshotSize, QSize(320, 240));
        QCOMPARE(app::parseAppOptions(withProgram({"--questions=1"}))->questionsPerSession, 1);
        // An empty --db is the in-memory database (tests use it).
        const auto memory = app::parseAppOptions(withProgram({"--db", ""}));
        QVERIFY(memory->databasePathSet && memory->databasePath.isEmpty());
    }

    // The real binary: refused before any window or database, exit 2, one line on stderr.
    void binaryRefuses_data()
    {
        QTest::addColumn<QList<QByteArray>>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("--questions abc") << QList<QByteArray>{"--questions", "abc"}
                                         << QByteArray("earlab: --questions abc: must be a whole number between 1 and 100\n");
        QTest::newRow("--screenshot-size 99999999999x800")
            << QList<QByteArray>{"--screenshot-size", "99999999999x800"}
            << QByteArray("earlab: --screenshot-size 99999999999x800: width 99999999999: must be a whole number between 320 and 16384\n");
        QTest::newRow("--db a --db b") << QList<QByteArray>{"--db", "a.sqlite", "--db", "b.sqlite"}
                                       << QByteArray("earlab: --db was given 2 times (a.sqlite, b.sqlite): give it once\n");
    }

    void binaryRefuses()
    {
        QFETCH(QList<QByteArray>, args);
        QFETCH(QByteArray, message);
        const ProcessRun r = runProcessBytes(EARLAB_APP, args, 60000);
        QVERIFY2(r.finished && !r.crashed, r.err.constData());
        QCOMPARE(r.exitCode, 2);
        // The last line: Qt itself may warn first (e.g. about XDG_RUNTIME_DIR).
        QCOMPARE(r.err.trimmed().split('\n').last() + '\n', message);
    }

    // $'caf\xe9.sqlite' as raw argv bytes: refused by its readable name, and no database is
    // created under any name (main's build created "caf\xef\xbf\xbd.sqlite").
    void binaryRefusesNonUtf8Database()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray db = QFile::encodeName(dir.path()) + "/caf\xe9.sqlite";
        const ProcessRun r = runProcessBytes(EARLAB_APP, {"--db", db, "--screenshot-dir", QFile::encodeName(dir.filePath("shots"))},
                                             60000);
        QVERIFY2(r.finished && !r.crashed, r.err.constData());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("caf\\xe9.sqlite: EarLab cannot yet use a file whose name is not valid UTF-8"), r.err.constData());
        QVERIFY(!r.err.contains('\xe9'));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestAppOptions)
#include "test_app_options.moc"
