#pragma once
// Real faults for the store tests, header only (used by tests/exercises and tests/app).
//
// - A user who cannot write a file: the tests run as root in CI, where permission bits do
//   not stop a write, so the child runs through setpriv as nobody (65534) when we are
//   root, and the file is simply chmod 0444 when we are not.
// - A full disk: a small tmpfs mounted on a scratch folder (root only; unmounted in the
//   destructor, whatever the test did), filled up by a file that can be removed again.

#include "exercises/attempt.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

namespace earlab::test {

// Answer number `n` of a fault test: every field valid, `padding` characters of filler in
// the hidden change so that rows fill pages (a disk fills sooner).
inline Attempt faultTestAnswer(int n, int padding = 0)
{
    Attempt a;
    a.exercise = QStringLiteral("eq-band");
    a.level = 3;
    a.seed = quint64(n);
    a.hidden = {{QStringLiteral("frequency_hz"), 1000.0}, {QStringLiteral("padding"), QString(padding, QLatin1Char('x'))}};
    a.answer = {{QStringLiteral("frequency_hz"), 1000.0 + n}};
    a.score = 0.75;
    a.correct = true;
    a.responseMs = 100 + n;
    a.source = QStringLiteral("builtin:pink");
    a.answeredAt = QDateTime(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC).addSecs(n);
    return a;
}

inline bool runningAsRoot()
{
    return ::geteuid() == 0;
}

// The program and arguments that run `program args` as a user without write access to
// files root made (nobody, through setpriv), or unchanged when we are not root. Empty
// program if we are root and setpriv is missing.
inline std::pair<QString, QStringList> unprivileged(const QString& program, const QStringList& args)
{
    if (!runningAsRoot())
        return {program, args};
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (setpriv.isEmpty())
        return {};
    return {setpriv, QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                 QStringLiteral("--clear-groups")} + QStringList{program} + args};
}

// Makes `path` read-only for the unprivileged child and its folder (and the folders above
// it, up to the temporary folder) reachable by it: 0444 for the file, 0755 for folders.
inline void makeReadOnlyForChild(const QString& path)
{
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    const QString top = QDir::tempPath();
    for (QDir dir = QFileInfo(path).absoluteDir(); dir.absolutePath().startsWith(top + QLatin1Char('/'));) {
        QFile::setPermissions(dir.absolutePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                                      | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
                                                      | QFile::ExeOther);
        if (!dir.cdUp())
            break;
    }
}

// A tmpfs of `kib` KiB on a fresh folder, as long as this object lives.
class SmallDisk {
public:
    explicit SmallDisk(int kib)
    {
        if (!runningAsRoot()) {
            m_error = QStringLiteral("needs root to mount a small tmpfs");
            return;
        }
        if (!m_folder.isValid())
            return;
        const QByteArray options = "size=" + QByteArray::number(kib) + "k";
        if (::mount("tmpfs", QFile::encodeName(m_folder.path()).constData(), "tmpfs", MS_NOSUID | MS_NODEV,
                    options.constData())
            == 0)
            m_mounted = true;
        else
            m_error = QStringLiteral("cannot mount a tmpfs here: ") + QString::fromLocal8Bit(std::strerror(errno));
    }
    ~SmallDisk()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_folder.path()).constData(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    bool mounted() const { return m_mounted; }
    QString error() const { return m_error; } // why it could not be mounted
    QString path() const { return m_folder.path(); }
    QString filePath(const QString& name) const { return m_folder.filePath(name); }

    // Writes a filler file until the disk says it is full; returns the bytes written.
    qint64 fill()
    {
        const int fd = ::open(QFile::encodeName(filePath(QStringLiteral("filler"))).constData(),
                              O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd < 0)
            return 0;
        static const char block[4096] = {};
        qint64 total = 0;
        for (ssize_t n; (n = ::write(fd, block, sizeof block)) > 0;)
            total += n;
        for (ssize_t n; (n = ::write(fd, block, 1)) > 0;) // the last partial block
            total += n;
        ::close(fd);
        return total;
    }
    // Frees what fill() took.
    bool makeSpace() { return QFile::remove(filePath(QStringLiteral("filler"))); }

private:
    QTemporaryDir m_folder;
    bool m_mounted = false;
    QString m_error;
};

} // namespace earlab::test

// In a Qt Test function: skips it, saying why, unless the SmallDisk `disk` is mounted.
#define EARLAB_SKIP_UNLESS_MOUNTED(disk)                                                           \
    if (!(disk).mounted())                                                                         \
    QSKIP(qPrintable((disk).error()))
