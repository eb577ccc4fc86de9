#include "app/src/sample_history.h"

#include "exercises/blind_log_store.h"
#include "exercises/blind_log_summary.h"
#include "exercises/blind_schedule.h"
#include "exercises/blind_seed.h"
#include "exercises/progress_store.h"
#include "exercises/store_attempt_row.h"
#include "exercises/store_sql.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <random>

namespace earlab::app {

namespace {

constexpr int kDays = 30;
const double kBands[] = {63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000};
constexpr int kWeakBand = 2; // 250 Hz

QJsonArray bandArray()
{
    QJsonArray a;
    for (double hz : kBands)
        a.append(hz);
    return a;
}

// The chance of a right answer on `day` (0 = the first): from `first` up to `last`.
double progress(int day, double first, double last)
{
    return first + (last - first) * day / double(kDays - 1);
}

Attempt bandAttempt(std::mt19937_64& rng, int day)
{
    std::uniform_real_distribution<double> u(0, 1);
    const int band = int(rng() % 9);
    const double gain = u(rng) < 0.5 ? 6.0 : -6.0;
    Attempt a;
    a.exercise = QStringLiteral("eq-band");
    a.level = 3;
    a.hidden = {{"kind", a.exercise}, {"flat", false}, {"frequency_hz", kBands[band]}, {"gain_db", gain},
                {"q", 1.41}, {"band_options_hz", bandArray()}, {"direction_asked", true}};
    const double chance = progress(day, 0.5, 0.88) - (band == kWeakBand ? 0.3 : 0.0);
    a.correct = u(rng) < chance;
    double answerHz = kBands[band];
    double answerGain = gain;
    if (!a.correct) {
        if (u(rng) < 0.15) {
            answerGain = -gain; // the right band, a boost taken for a cut or back
        } else {
            // Wrong bands lean high: one octave up twice as often as down.
            const bool up = band == 0 || (band < 8 && u(rng) < 0.67);
            answerHz = kBands[up ? band + 1 : band - 1];
        }
    }
    a.answer = {{"flat", false}, {"frequency_hz", answerHz}, {"gain_db", answerGain}};
    a.score = a.correct ? 1.0 : 0.3;
    return a;
}

Attempt gainAttempt(std::mt19937_64& rng, int day)
{
    std::uniform_real_distribution<double> u(0, 1);
    const int band = int(rng() % 9);
    const double gain = (u(rng) < 0.5 ? -3.0 : 3.0) * double(1 + rng() % 3);
    Attempt a;
    a.exercise = QStringLiteral("eq-gain");
    a.hidden = {{"kind", a.exercise}, {"flat", false}, {"frequency_hz", kBands[band]}, {"gain_db", gain},
                {"q", 1.41}, {"band_options_hz", bandArray()},
                {"gain_options_db", QJsonArray{-9, -6, -3, 3, 6, 9}}, {"direction_asked", false}};
    a.correct = u(rng) < progress(day, 0.45, 0.75);
    const double wrong = std::clamp(gain + (u(rng) < 0.6 ? 3.0 : -3.0), -9.0, 9.0);
    a.answer = {{"flat", false}, {"frequency_hz", kBands[band]}, {"gain_db", a.correct || wrong == 0 ? gain : wrong}};
    a.correct = a.answer.value("gain_db").toDouble() == gain;
    a.score = a.correct ? 1.0 : 0.5;
    return a;
}

// The level staircase: the difference asked shrinks as the listener gets better.
Attempt levelAttempt(std::mt19937_64& rng, int day)
{
    std::uniform_real_distribution<double> u(0, 1);
    Attempt a;
    a.exercise = QStringLiteral("level");
    a.value = std::round(progress(day, 3.0, 1.0) * (0.8 + 0.4 * u(rng)) * 10) / 10;
    const char* louder = rng() % 2 ? "a" : "b";
    a.hidden = {{"louder", louder}, {"difference_db", a.value}, {"gain_a_db", 0}, {"gain_b_db", a.value},
                {"amount_asked", false}};
    a.correct = u(rng) < 0.78;
    a.answer = {{"louder", a.correct ? louder : (louder[0] == 'a' ? "b" : "a")}};
    a.score = a.correct ? 1.0 : 0.0;
    return a;
}

Attempt panAttempt(std::mt19937_64& rng, int day)
{
    std::uniform_real_distribution<double> u(0, 1);
    Attempt a;
    a.exercise = QStringLiteral("pan");
    const double pan = std::round((u(rng) * 2 - 1) * 20) / 20;
    a.hidden = {{"pan", pan}, {"stem", QJsonValue()}};
    a.correct = u(rng) < progress(day, 0.55, 0.8);
    // Misses lean right.
    const double miss = a.correct ? 0.0 : 0.1 + 0.2 * u(rng) * (u(rng) < 0.7 ? 1 : -1);
    a.answer = {{"pan", std::clamp(pan + miss, -1.0, 1.0)}, {"stem", QJsonValue()}};
    a.score = a.correct ? 1.0 : 0.4;
    return a;
}

// An ABX run of 16 trials, `right` of them answered right, saved at `at`.
BlindLog abxLog(const QDateTime& at, int right, int number)
{
    const auto seed = BlindSeed::fromHex(QStringLiteral("5e1f3c2a9b8d7e6f00112233445566778899aabbccddeeff01234567%1")
                                             .arg(number, 8, 16, QLatin1Char('0')));
    BlindLog log;
    log.setup = {QStringLiteral("0.1.0"), QStringLiteral("ALSA: default"), 48000.0, 256, 5.0};
    log.mode = BlindMode::Abx;
    log.plannedTrials = 16;
    log.items = {{QStringLiteral("A"), QStringLiteral("/music/mix_v%1.wav").arg(number), QString(64, QLatin1Char('a')),
                  QString(64, QLatin1Char('b')), 0.0, 0.0, 0.0, false, false},
                 {QStringLiteral("B"), QStringLiteral("/music/mix_v%1.wav").arg(number + 1), QString(64, QLatin1Char('c')),
                  QString(64, QLatin1Char('d')), -0.5, 0.0, 0.0, false, false}};
    for (int i = 0; i < 16; ++i) {
        BlindLogTrial t;
        t.time = at.addSecs(-16 * 8 + i * 8);
        const AbItem x = abxX(*seed, std::uint32_t(i));
        t.truth = abItemName(x);
        t.correct = i < right;
        t.answer = t.correct ? t.truth : abItemName(x == AbItem::A ? AbItem::B : AbItem::A);
        t.responseMs = 4000 + 211 * i;
        t.switches = 4 + i % 3;
        log.trials.push_back(t);
    }
    log.summary = summariseBlindTrials(log.mode, log.trials);
    log.seedSha256 = seed->commitment();
    log.seed = seed->hex();
    return log;
}

} // namespace

void writeSampleHistory(ProgressStore& store, const QDate& today)
{
    const QString doing = QStringLiteral("writing the sample history");
    const QSqlDatabase db = store.sharedDatabase(QStringLiteral("sample-history"));
    const QString path = store.sourcePath();
    std::mt19937_64 rng(20261103);
    store::Transaction transaction(db, path, doing);
    for (int day = 0; day < kDays; ++day) {
        if (day == 6 || day == 13 || day == 14) // days off
            continue;
        const QDate date = today.addDays(day - (kDays - 1));
        // One session in the evening (19:00 local), an answer every ~8 s.
        QDateTime at(date, QTime(19, 0));
        const QString session = QStringLiteral("sample-%1").arg(day);
        const auto add = [&](Attempt a) {
            a.answeredAt = at.toUTC();
            a.session = session;
            a.responseMs = 2200 + int(rng() % 4000) - day * 30;
            a.material = day % 3 == 0 ? QStringLiteral("builtin") : QStringLiteral("noise");
            a.source = day % 3 == 0 ? QStringLiteral("builtin:loop1") : QStringLiteral("pink-noise");
            a.seed = rng();
            store::insertAttempt(db, path, a, doing);
            at = at.addMSecs(a.responseMs + 5000);
        };
        for (int i = 0; i < 24; ++i)
            add(bandAttempt(rng, day));
        if (day % 2 == 0)
            for (int i = 0; i < 12; ++i)
                add(gainAttempt(rng, day));
        for (int i = 0; i < 8; ++i)
            add(levelAttempt(rng, day));
        if (day % 3 != 1)
            for (int i = 0; i < 8; ++i)
                add(panAttempt(rng, day));
    }
    transaction.commit();
    BlindLogStore blind(store);
    blind.save(abxLog(QDateTime(today.addDays(-20), QTime(21, 0)).toUTC(), 9, 1), QDateTime(today.addDays(-20), QTime(21, 0)).toUTC());
    blind.save(abxLog(QDateTime(today.addDays(-9), QTime(21, 0)).toUTC(), 13, 3), QDateTime(today.addDays(-9), QTime(21, 0)).toUTC());
    blind.save(abxLog(QDateTime(today.addDays(-2), QTime(21, 0)).toUTC(), 15, 5), QDateTime(today.addDays(-2), QTime(21, 0)).toUTC());
    store.saveLevel(QStringLiteral("eq-band"), 4);
}

} // namespace earlab::app
