#pragma once
// A fresh progress database on disk, in a scratch folder, open, with the store of one of its
// tables on it (BlindLogStore, TrackMarkerStore: the stores that share ProgressStore's
// connection). Header only: the tests that include it link earlab_exercises.

#include "exercises/progress_store.h"

#include "support/scratch_files.h"

#include <QString>

namespace earlab::test {

template <class Table>
struct ScratchStore {
    explicit ScratchStore(const char* tag)
        : path(scratch(tag) + QStringLiteral("/progress.sqlite"))
    {
        progress.open(path);
    }

    QString path;
    ProgressStore progress;
    Table table{progress};
};

} // namespace earlab::test
