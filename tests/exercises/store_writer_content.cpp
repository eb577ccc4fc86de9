// What the kill test's writer records: every field a pure function of the attempt's id, so
// the test can check the content of each acknowledged answer without talking to the writer.
// (Declared again in store_writer.cpp and test_progress_store_kill.cpp: this folder keeps
// no shared test header.)

#include "exercises/attempt.h"

namespace earlab::test {

Attempt writerAttempt(qint64 id)
{
    Attempt a;
    a.id = id;
    a.exercise = QStringLiteral("kill-test");
    a.level = 1 + int(id % 9);
    a.seed = quint64(id) * 0x9E3779B97F4A7C15ULL; // spreads over all 64 bits, sign bit too
    a.hidden = {{QStringLiteral("frequency_hz"), 63.0 * double(1 << (id % 9))},
                {QStringLiteral("gain_db"), double((id % 2 ? 1 : -1) * (3 + id % 10))}};
    a.answer = {{QStringLiteral("frequency_hz"), 63.0 * double(1 << ((id + 1) % 9))},
                {QStringLiteral("answer_for"), double(id)}};
    a.score = double(id % 11) / 10.0;
    a.correct = id % 3 == 0;
    a.responseMs = int(id * 7 % 5000);
    a.source = QStringLiteral("builtin:loop-%1").arg(id % 4);
    a.answeredAt = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addMSecs(id * 1500);
    return a;
}

} // namespace earlab::test
