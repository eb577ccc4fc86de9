#include "support/raw_database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace earlab::test {

RawDatabase::RawDatabase(const QString& path)
    : m_name(QUuid::createUuid().toString())
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    db.open();
}

RawDatabase::~RawDatabase()
{
    QSqlDatabase::database(m_name, false).close();
    QSqlDatabase::removeDatabase(m_name);
}

QString RawDatabase::run(const QString& sql) const
{
    QSqlQuery query(QSqlDatabase::database(m_name, false));
    return query.exec(sql) ? QString() : QStringLiteral("%1: %2").arg(sql, query.lastError().text());
}

QVariant RawDatabase::value(const QString& sql) const
{
    QSqlQuery query(QSqlDatabase::database(m_name, false));
    return query.exec(sql) && query.next() ? query.value(0) : QVariant();
}

} // namespace earlab::test
