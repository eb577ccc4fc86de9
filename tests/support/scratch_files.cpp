#include "support/scratch_files.h"

#include "support/test_signals.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace earlab::test {

QString scratch(const char* tag)
{
    return QString::fromStdString(scratchDirectory(tag));
}

QByteArray readBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace earlab::test
