#pragma once
// A month of training as a user would have it, for the Statistics page's screenshot and its
// Qt Quick test: daily sessions of EQ band and gain, level and pan, a listener who improves
// over the month, is weak at 250 Hz and whose wrong band answers lean high; a few days off,
// and three ABX blind tests. Deterministic (a fixed seed), ending on `today`.

#include <QDate>

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

// Writes the history into `store` (an empty scratch database, never the user's) in one
// transaction. Throws StoreError naming the database on failure.
void writeSampleHistory(ProgressStore& store, const QDate& today = QDate::currentDate());

} // namespace earlab::app
