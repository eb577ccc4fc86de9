#pragma once
// What the Library tests share: a progress database on disk with its writer thread, and
// settings, in a fresh folder. A Library on it must be made after it (and so go first).

#include "app/src/database_writer.h"
#include "app/src/preferences.h"

#include "exercises/progress_store.h"

#include <QTemporaryDir>

namespace earlab::test {

struct LibraryBackend {
    QTemporaryDir dir;
    ProgressStore store;
    app::DatabaseWriter writer;
    app::Preferences preferences{dir.filePath("settings.ini")};

    LibraryBackend()
    {
        store.open(dir.filePath("progress.sqlite"));
        writer.open(store.path());
    }
};

} // namespace earlab::test
