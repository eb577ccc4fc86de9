// FileReplacement (audio/io/file_replacement.h) on real files: the target changes only at
// commit(), every failure and every abandoned replacement leaves it (and a link's target)
// byte for byte as it was, with no temporary file left; links are written through; what
// cannot be replaced safely is refused without being opened; stale temporaries of dead
// processes go.

#include "support/test_signals.h"
#include "written_files.h"

#include "audio/audio_error.h"
#include "audio/io/file_replacement.h"
#include "audio/io/temporary_files.h"

#include <QTest>

#include <filesystem>
#include <fstream>
#include <string>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace earlab;
namespace fs = std::filesystem;

namespace {

std::string g_dir;

std::string pathOf(const std::string& name) { return g_dir + "/" + name; }

void put(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

bool writeAll(int fd, const std::string& bytes)
{
    return ::write(fd, bytes.data(), bytes.size()) == ssize_t(bytes.size());
}

QStringList temporaries(const std::string& dir = g_dir)
{
    QStringList names;
    for (const std::string& n : test::temporariesIn(dir))
        names << QString::fromStdString(n);
    return names;
}

// The error's message, or "" if `f` did not throw an AudioError(WriteFailed).
template <class F>
QString writeFailure(F f)
{
    try {
        f();
    } catch (const AudioError& e) {
        return e.kind() == AudioErrorKind::WriteFailed ? QString::fromStdString(e.what()) : QString("wrong kind: ") + e.what();
    }
    return {};
}

// The PID of a process that has ended (and been reaped): no process has it now.
pid_t deadPid()
{
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(0);
    int status = 0;
    return pid > 0 && ::waitpid(pid, &status, 0) == pid ? pid : 0;
}

} // namespace

class TestFileReplacement : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        g_dir = test::scratchDirectory("file_replacement");
        QVERIFY(!g_dir.empty());
    }

    void cleanup()
    {
        QVERIFY2(temporaries().isEmpty(), qPrintable(temporaries().join(' ')));
        QCOMPARE(liveTemporaryFileCount(), std::size_t(0));
    }

    void newFileAppearsOnlyAtCommit()
    {
        const std::string path = pathOf("new.bin");
        FileReplacement r(path);
        QVERIFY(writeAll(r.fd(), "new content"));
        QVERIFY(!fs::exists(path));
        QCOMPARE(temporaries().size(), 1);
        // Owner-identifying name beside the target: ".NAME.earlab-PID-N.tmp".
        const QString expected = QString(".new.bin.earlab-%1-").arg(::getpid());
        QVERIFY2(temporaries().front().startsWith(expected) && temporaries().front().endsWith(".tmp"),
                 qPrintable(temporaries().front()));
        QCOMPARE(liveTemporaryFileCount(), std::size_t(1));
        r.commit();
        QCOMPARE(test::bytesOf(path), std::string("new content"));
    }

    void abandonedReplacementKeepsTheOldFile()
    {
        const std::string path = pathOf("old.bin");
        put(path, "old content");
        {
            FileReplacement r(path);
            QVERIFY(writeAll(r.fd(), "half of the new"));
        } // no commit
        QCOMPARE(test::bytesOf(path), std::string("old content"));
        {
            FileReplacement r(path);
            r.abandon();
            r.abandon(); // idempotent
        }
        QCOMPARE(test::bytesOf(path), std::string("old content"));
    }

    void replacementKeepsPermissionBits()
    {
        const std::string path = pathOf("private.bin");
        put(path, "old");
        QCOMPARE(::chmod(path.c_str(), 0640), 0);
        FileReplacement r(path);
        QVERIFY(writeAll(r.fd(), "new"));
        r.commit();
        struct stat st {};
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), 0640);
        QCOMPARE(test::bytesOf(path), std::string("new"));
    }

    void symbolicLinkIsWrittenThrough()
    {
        fs::create_directories(pathOf("elsewhere"));
        const std::string target = pathOf("elsewhere/real.bin");
        put(target, "old");
        const std::string link1 = pathOf("link1.bin"), link2 = pathOf("link2.bin");
        fs::create_symlink("elsewhere/real.bin", link1); // relative, resolved from the link's folder
        fs::create_symlink(link1, link2);                // a chain of two
        FileReplacement r(link2);
        QCOMPARE(r.targetPath(), fs::canonical(target).string());
        QVERIFY(writeAll(r.fd(), "new"));
        QVERIFY(temporaries(pathOf("elsewhere")).size() == 1); // beside the real file
        r.commit();
        QVERIFY(fs::is_symlink(link1) && fs::is_symlink(link2));
        QCOMPARE(fs::read_symlink(link1).string(), std::string("elsewhere/real.bin"));
        QCOMPARE(test::bytesOf(target), std::string("new"));
        QVERIFY(temporaries(pathOf("elsewhere")).isEmpty());
    }

    void failedWriteThroughLinkKeepsLinkAndTarget()
    {
        const std::string target = pathOf("kept.bin"), link = pathOf("kept-link.bin");
        put(target, "old");
        fs::create_symlink(target, link);
        {
            FileReplacement r(link);
            QVERIFY(writeAll(r.fd(), "never committed"));
        }
        QVERIFY(fs::is_symlink(link));
        QCOMPARE(test::bytesOf(target), std::string("old"));
    }

    void danglingLinkCreatesItsTarget()
    {
        const std::string link = pathOf("dangling.bin");
        fs::create_symlink("created-by-link.bin", link);
        FileReplacement r(link);
        QVERIFY(writeAll(r.fd(), "new"));
        r.commit();
        QVERIFY(fs::is_symlink(link));
        QCOMPARE(test::bytesOf(pathOf("created-by-link.bin")), std::string("new"));
    }

    void linkLoopIsRefused()
    {
        fs::create_symlink(pathOf("loop-b.bin"), pathOf("loop-a.bin"));
        fs::create_symlink(pathOf("loop-a.bin"), pathOf("loop-b.bin"));
        const QString e = writeFailure([&] { FileReplacement r(pathOf("loop-a.bin")); });
        QVERIFY2(e.contains("Too many levels of symbolic links"), qPrintable(e));
        QVERIFY(fs::is_symlink(pathOf("loop-a.bin")) && fs::is_symlink(pathOf("loop-b.bin")));
    }

    void hardLinkWithSeveralNamesIsRefused()
    {
        const std::string a = pathOf("name-a.bin"), b = pathOf("name-b.bin");
        put(a, "shared");
        fs::create_hard_link(a, b);
        const QString e = writeFailure([&] { FileReplacement r(a); });
        QVERIFY2(e.contains(QString::fromStdString(a)) && e.contains("2 names"), qPrintable(e));
        QCOMPARE(test::bytesOf(a), std::string("shared"));
        QCOMPARE(test::bytesOf(b), std::string("shared"));
        QCOMPARE(fs::hard_link_count(a), std::uintmax_t(2));
    }

    void specialFilesAreRefusedUntouched_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("needle");
        QTest::newRow("folder") << "folder.bin" << "is a folder";
        QTest::newRow("fifo") << "fifo.bin" << "named pipe";
        QTest::newRow("link to /dev/null") << "null.bin" << "is a symbolic link to /dev/null, which is a device";
    }

    void specialFilesAreRefusedUntouched()
    {
        QFETCH(QString, name);
        QFETCH(QString, needle);
        const std::string path = pathOf(name.toStdString());
        if (name == "folder.bin")
            fs::create_directory(path);
        else if (name == "fifo.bin")
            QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
        else
            fs::create_symlink("/dev/null", path);
        const auto typeBefore = fs::symlink_status(path).type();
        // A FIFO opened for writing would block here (no reader): refused before any open.
        const QString e = writeFailure([&] { FileReplacement r(path); });
        QVERIFY2(e.contains(needle) && e.contains("left as it is"), qPrintable(e));
        QCOMPARE(int(fs::symlink_status(path).type()), int(typeBefore));
        QVERIFY(fs::exists("/dev/null") && fs::is_character_file("/dev/null"));
    }

    void missingFolderIsReported()
    {
        const std::string path = pathOf("no/such/folder/x.bin");
        const QString e = writeFailure([&] { FileReplacement r(path); });
        QVERIFY2(e.contains(QString::fromStdString(path)) && e.contains("No such file or directory"), qPrintable(e));
    }

    void writeProtectedFileIsRefused()
    {
        if (::geteuid() == 0)
            QSKIP("root may write any file: access(2) cannot show the protection");
        const std::string path = pathOf("protected.bin");
        put(path, "old");
        QCOMPARE(::chmod(path.c_str(), 0444), 0);
        const QString e = writeFailure([&] { FileReplacement r(path); });
        QVERIFY2(e.contains("write-protected"), qPrintable(e));
        QCOMPARE(test::bytesOf(path), std::string("old"));
    }

    void staleTemporaryOfDeadProcessIsRemoved()
    {
        const std::string path = pathOf("stale.bin");
        put(path, "old");
        const pid_t dead = deadPid();
        QVERIFY(dead > 0);
        QVERIFY(::kill(dead, 0) != 0 && errno == ESRCH);
        const std::string stale = pathOf(FileReplacement::temporaryName("stale.bin", dead, 3));
        const std::string live = pathOf(FileReplacement::temporaryName("stale.bin", 1, 0)); // pid 1 exists
        const std::string otherTarget = pathOf(FileReplacement::temporaryName("other.bin", dead, 0));
        put(stale, "left by SIGKILL");
        put(live, "another process is writing");
        put(otherTarget, "not this target's");
        {
            FileReplacement r(path);
            QVERIFY(!fs::exists(stale));
            QVERIFY(fs::exists(live));
            QVERIFY(fs::exists(otherTarget));
        }
        QCOMPARE(test::bytesOf(path), std::string("old"));
        fs::remove(live);
        fs::remove(otherTarget);
    }

    void signalCleanupRemovesLiveTemporaries()
    {
        // What earlab-cli's handler calls: the temporary goes, the target stays.
        const std::string path = pathOf("signalled.bin");
        put(path, "old");
        FileReplacement a(path), b(pathOf("second.bin"));
        QVERIFY(writeAll(a.fd(), "partial"));
        QCOMPARE(liveTemporaryFileCount(), std::size_t(2));
        removeTemporaryFilesNow();
        QVERIFY(temporaries().isEmpty());
        QCOMPARE(test::bytesOf(path), std::string("old"));
        QVERIFY(!fs::exists(pathOf("second.bin")));
    }

    void commitReportsFailureAndKeepsTarget()
    {
        // The temporary removed behind the writer's back (as a signal handler would): the
        // rename fails, the target is untouched and the message says so.
        const std::string path = pathOf("commit.bin");
        put(path, "old");
        FileReplacement r(path);
        QVERIFY(writeAll(r.fd(), "new"));
        QCOMPARE(::unlink(r.temporaryPath().c_str()), 0);
        const QString e = writeFailure([&] { r.commit(); });
        QVERIFY2(e.contains("No such file or directory") && e.contains("the existing file is unchanged"), qPrintable(e));
        QCOMPARE(test::bytesOf(path), std::string("old"));
    }
};

QTEST_GUILESS_MAIN(TestFileReplacement)
#include "test_file_replacement.moc"
