#pragma once
// A complete ABX blind log as a run would leave it, for the tests of the log and of
// earlab-cli verify-log: a fixed seed, X from the schedule, answers from a listener who is
// right on a fixed pattern of trials, and a plausible setup; the summary as a run fills it
// (summariseBlindTrials). `planned` is the planned number of trials (trialCount if 0).

#include "exercises/blind_log.h"
#include "exercises/blind_log_summary.h"

#include <QDateTime>

namespace earlab::test {

inline BlindLog sampleAbxLog(int trialCount = 16, int planned = 0)
{
    const auto seed = BlindSeed::fromHex(QStringLiteral("5e1f3c2a9b8d7e6f00112233445566778899aabbccddeeff0123456789abcdef"));
    BlindLog log;
    log.setup = {QStringLiteral("0.1.0"), QStringLiteral("ALSA: default"), 48000.0, 256, 5.0};
    log.mode = BlindMode::Abx;
    log.plannedTrials = planned > 0 ? planned : trialCount;
    log.items = {{QStringLiteral("A"), QStringLiteral("/music/mix_v1.wav"), QString(64, QLatin1Char('a')),
                  QString(64, QLatin1Char('b')), -1.25, 0.0, 0.0, false, false},
                 {QStringLiteral("B"), QStringLiteral("/music/mix_v2.flac"), QString(64, QLatin1Char('c')),
                  QString(64, QLatin1Char('d')), -3.5, 12.37, 1.5, false, true}};
    const QDateTime start = QDateTime::fromString(QStringLiteral("2026-12-01T20:00:00.000Z"), Qt::ISODateWithMs);
    for (int i = 0; i < trialCount; ++i) {
        BlindLogTrial t;
        t.time = start.addMSecs(qint64(i) * 7250);
        t.truth = abItemName(abxX(*seed, std::uint32_t(i)));
        const bool right = i % 4 != 3; // three in four
        const AbItem other = abxX(*seed, std::uint32_t(i)) == AbItem::A ? AbItem::B : AbItem::A;
        t.answer = right ? t.truth : abItemName(other);
        t.correct = right;
        t.responseMs = 2000 + 137 * i;
        t.switches = 3 + i % 5;
        log.trials.push_back(t);
    }
    log.summary = summariseBlindTrials(log.mode, log.trials);
    log.seedSha256 = seed->commitment();
    log.seed = seed->hex();
    return log;
}

} // namespace earlab::test
