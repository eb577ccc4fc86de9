#pragma once
// A plain Qt SQL connection to an SQLite file: the file as another program (or an older
// EarLab) sees it, for making and inspecting databases without the code under test.

#include <QString>
#include <QVariant>

namespace earlab::test {

class RawDatabase {
public:
    explicit RawDatabase(const QString& path);
    ~RawDatabase();
    RawDatabase(const RawDatabase&) = delete;
    RawDatabase& operator=(const RawDatabase&) = delete;

    // Runs `sql`; an empty string on success, else the statement and the error.
    QString run(const QString& sql) const;
    // Runs `sql`; the first column of the first row, or an invalid QVariant on error or no row.
    QVariant value(const QString& sql) const;

private:
    QString m_name;
};

} // namespace earlab::test
