#include "exercises/import_transaction.h"

#include "exercises/transfer_format.h"

namespace earlab {

ImportTransaction::ImportTransaction(ProgressStore& store, const QString& source)
    : m_doing(QStringLiteral("Could not import %1").arg(source))
{
    if (!store.readOnlyReason().isEmpty())
        throw readOnlyImportError(source, store.sourcePath(), store.readOnlyReason());
    store.requireFileInPlace(m_doing);
    m_path = store.path();
    m_db = store.sharedDatabase(m_doing);
    m_transaction = std::make_unique<store::Transaction>(m_db, m_path, m_doing);
}

TransferError readOnlyImportError(const QString& source, const QString& database, const QString& why)
{
    return TransferError(QStringLiteral("Nothing was imported from %1 into %2: %3, so nothing would reach it.")
                             .arg(source, store::describeDatabase(database), why));
}

void refuseEntry(const QString& source, const QString& where, const QString& cause)
{
    throw TransferError(QStringLiteral("%1: %2: %3; nothing was imported.").arg(source, where, cause));
}

} // namespace earlab
