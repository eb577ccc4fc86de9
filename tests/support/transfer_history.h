#pragma once
// A small answer history for the export/import tests, with what its export must be, written
// out by hand (not by the code under test): three answers across two exercises and two
// sessions, with a comma, quotes and a line break in a source path, a non-ASCII session, the
// largest seed, a staircase value and none, an unheard answer; a saved difficulty and a reset.

#include "exercises/attempt.h"
#include "exercises/progress_store.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <limits>

namespace earlab::test {

inline QDateTime transferUtc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

inline QList<Attempt> transferAnswers()
{
    Attempt eq;
    eq.uid = QStringLiteral("0123456789abcdef0123456789abcdef");
    eq.exercise = QStringLiteral("eq-band");
    eq.level = 3;
    eq.seed = 42;
    eq.hidden = {{"frequency_hz", 1000}, {"gain_db", 6}, {"q", 1.4}, {"flat", false}};
    eq.answer = {{"frequency_hz", 2000}, {"gain_db", 6}, {"flat", false}};
    eq.score = 0.5;
    eq.correct = false;
    eq.responseMs = 2345;
    eq.source = QStringLiteral("file:/music/Smith, \"Live\"\nTake 2.flac");
    eq.answeredAt = transferUtc("2026-05-01T09:30:00.250Z");
    eq.session = QStringLiteral("s1");
    eq.material = QStringLiteral("music");

    Attempt level;
    level.uid = QStringLiteral("fedcba9876543210fedcba9876543210");
    level.exercise = QStringLiteral("level");
    level.level = 1;
    level.seed = std::numeric_limits<quint64>::max();
    level.hidden = {{"gain_db", 1.5}};
    level.answer = {{"gain_db", 1.5}};
    level.score = 1.0;
    level.correct = true;
    level.responseMs = 900;
    level.source = QStringLiteral("pink-noise");
    level.answeredAt = transferUtc("2026-05-01T09:31:02.005Z");
    level.session = QStringLiteral("s1");
    level.material = QStringLiteral("noise");
    level.value = 1.5;
    level.format = 2;
    level.heard = false;

    Attempt flat;
    flat.uid = QStringLiteral("00112233445566778899aabbccddeeff");
    flat.exercise = QStringLiteral("eq-band");
    flat.level = 4;
    flat.seed = 7;
    flat.hidden = {{"frequency_hz", 0}, {"gain_db", 0}, {"q", 1.4}, {"flat", true}};
    flat.answer = {{"flat", true}};
    flat.score = 1.0;
    flat.correct = true;
    flat.responseMs = 0;
    flat.source = QStringLiteral("builtin:drums");
    flat.answeredAt = transferUtc("2026-05-02T23:59:59.999Z");
    flat.session = QString::fromUtf8("s2, \u00e9vening");
    flat.material = QStringLiteral("builtin");
    flat.value = 0.25;
    return {eq, level, flat};
}

// transferAnswers() as `earlab-cli export` writes them (CSV: CRLF between records; the
// line break inside the quoted source is the answer's own LF).
inline QByteArray transferCsv()
{
    return QByteArray(
        "id,answered_at,exercise,level,session,material,correct,score,response_ms,hidden,answer,seed,source,value,format,heard\r\n"
        "0123456789abcdef0123456789abcdef,2026-05-01T09:30:00.250Z,eq-band,3,s1,music,0,0.5,2345,"
        "\"{\"\"flat\"\":false,\"\"frequency_hz\"\":1000,\"\"gain_db\"\":6,\"\"q\"\":1.4}\","
        "\"{\"\"flat\"\":false,\"\"frequency_hz\"\":2000,\"\"gain_db\"\":6}\",42,"
        "\"file:/music/Smith, \"\"Live\"\"\nTake 2.flac\",,1,1\r\n"
        "fedcba9876543210fedcba9876543210,2026-05-01T09:31:02.005Z,level,1,s1,noise,1,1,900,"
        "\"{\"\"gain_db\"\":1.5}\",\"{\"\"gain_db\"\":1.5}\",18446744073709551615,pink-noise,1.5,2,0\r\n"
        "00112233445566778899aabbccddeeff,2026-05-02T23:59:59.999Z,eq-band,4,\"s2, \xc3\xa9vening\",builtin,1,1,0,"
        "\"{\"\"flat\"\":true,\"\"frequency_hz\"\":0,\"\"gain_db\"\":0,\"\"q\"\":1.4}\",\"{\"\"flat\"\":true}\",7,"
        "builtin:drums,0.25,1,1\r\n");
}

// The second answer's row in the JSON export, as written.
inline QByteArray transferJsonLevelRow()
{
    return QByteArray(
        "{\"id\":\"fedcba9876543210fedcba9876543210\",\"answered_at\":\"2026-05-01T09:31:02.005Z\",\"exercise\":\"level\","
        "\"level\":1,\"session\":\"s1\",\"material\":\"noise\",\"correct\":1,\"score\":1,\"response_ms\":900,"
        "\"hidden\":{\"gain_db\":1.5},\"answer\":{\"gain_db\":1.5},\"seed\":\"18446744073709551615\","
        "\"source\":\"pink-noise\",\"value\":1.5,\"format\":2,\"heard\":0}");
}

// Stores transferAnswers(), eq-band's difficulty (level 4 with a state) and a reset of level.
inline void recordTransferHistory(ProgressStore& store)
{
    for (const Attempt& attempt : transferAnswers())
        store.recordAttempt(attempt);
    store.saveDifficulty(QStringLiteral("eq-band"), 4, QJsonObject{{"window", QJsonArray{1, 0, 1}}});
    store.resetExercise(QStringLiteral("level"), transferUtc("2026-05-01T10:00:00.000Z"));
}

// Every answer in `store` of the exercises transferAnswers() uses, oldest first.
inline QList<Attempt> storedTransferAnswers(const ProgressStore& store)
{
    QList<Attempt> all = store.recentAttempts(QStringLiteral("eq-band"), -1);
    all += store.recentAttempts(QStringLiteral("level"), -1);
    std::sort(all.begin(), all.end(), [](const Attempt& a, const Attempt& b) { return a.answeredAt < b.answeredAt; });
    return all;
}

// `attempts` with their row ids cleared (each database numbers its own rows), to compare
// answers across databases; uids stay (transferUids).
inline QList<Attempt> withoutRowIds(QList<Attempt> attempts)
{
    for (Attempt& attempt : attempts)
        attempt.id = 0;
    return attempts;
}

inline QStringList transferUids(const QList<Attempt>& attempts)
{
    QStringList all;
    for (const Attempt& attempt : attempts)
        all << attempt.uid;
    return all;
}

} // namespace earlab::test
