#include "exercises/store_access.h"

#include "exercises/store_error.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace earlab::store {

namespace {

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    if (S_ISFIFO(mode))
        return QStringLiteral("a named pipe");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("a special file");
}

// access(2) asks the kernel with the real user's rights, so it also answers for root on a
// read-only file system (EROFS), where permission bits do not matter.
std::optional<QString> whyNotWritable(const QString& path, const QString& what)
{
    if (::access(QFile::encodeName(path).constData(), W_OK) == 0)
        return std::nullopt;
    const int error = errno;
    if (error == EROFS)
        return QStringLiteral("%1 is on a read-only file system").arg(what);
    if (error == EACCES || error == EPERM)
        return QStringLiteral("%1 is read-only for you").arg(what);
    return QStringLiteral("%1 cannot be written (%2)").arg(what, QString::fromLocal8Bit(std::strerror(error)));
}

} // namespace

void requireRegularFile(const QString& path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return; // not there yet (a new database), or unreachable: open() reports that
    if (S_ISREG(st.st_mode))
        return;
    throw StoreError(path, QStringLiteral("%1 is %2, not a file, so EarLab did not open it as its progress "
                                          "database (and created nothing beside it).")
                               .arg(path, kindOf(st.st_mode)));
}

std::optional<QString> whyReadOnly(const QString& path)
{
    const QFileInfo info(path);
    if (info.exists()) {
        if (auto why = whyNotWritable(path, QStringLiteral("the file")))
            return why;
    }
    const QString folder = info.absolutePath();
    return whyNotWritable(folder, QStringLiteral("its folder %1").arg(folder));
}

} // namespace earlab::store
