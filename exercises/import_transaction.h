#pragma once
// The one transaction an import writes in (answers, blind-test logs): all of a file or
// nothing of it. Refuses up front a store that is a read-only working copy: the import would
// seem to work and nothing would reach the user's file.

#include "exercises/progress_store.h"
#include "exercises/store_sql.h"
#include "exercises/transfer_format.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace earlab {

class ImportTransaction {
public:
    // Throws TransferError "Nothing was imported from SOURCE into DATABASE: WHY." when the
    // store is read-only, StoreError when the file is not in its place or cannot be locked.
    ImportTransaction(ProgressStore& store, const QString& source);

    const QSqlDatabase& database() const { return m_db; }
    const QString& path() const { return m_path; }
    const QString& doing() const { return m_doing; }
    void commit() { m_transaction->commit(); }

private:
    QString m_doing;
    QString m_path;
    QSqlDatabase m_db;
    std::unique_ptr<store::Transaction> m_transaction;
};

// The refusal for a database that cannot be written (`why`: ProgressStore::readOnlyReason).
TransferError readOnlyImportError(const QString& source, const QString& database, const QString& why);

// "SOURCE: WHERE: CAUSE; nothing was imported." for a refused entry.
[[noreturn]] void refuseEntry(const QString& source, const QString& where, const QString& cause);

} // namespace earlab
