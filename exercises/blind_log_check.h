#pragma once
// Whether a blind log (blind_log.h) is as EarLab wrote it: the check earlab-cli verify-log
// runs, and anyone can repeat by hand from the formulas in blind_schedule.h.
//
// What is checked, each failure named:
//   - log_sha256 against the canonical form of the rest of the log (any changed value, an
//     added or removed trial, a changed gain or hash);
//   - the seed against its commitment seed_sha256;
//   - every trial's truth against what the seed gives (abx: X; preference: the item under
//     label "A"; mushra: the page order);
//   - every correct flag against truth and answer (abx, preference);
//   - planned_trials against the trials: "stopped after 9 of 16 planned trials" (a run
//     stopped early is the peeking the p value does not allow);
//   - n, k, ties, p_value, d_prime and its interval against summariseBlindTrials
//     (blind_log_summary.h) under the model the log names, to a relative 1e-9:
//     "p_value 0.01 does not match k=12 of n=16 (0.0384064)".
// What this proves (docs/blind_tests.md "What the log proves"): the hash catches accidental or
// naive edits, not a forgery (anyone can recompute it: it is no signature); the seed
// commitment proves X was fixed before the answers only if it was seen before the run.
// Trials are numbered from 1 in the messages ("trial 7"): the formula's i is that number - 1.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace earlab {

struct BlindLogCheck {
    QString unreadable;     // why the bytes are not a blind log, naming the source; empty if they are
    QStringList altered;    // what does not match, one sentence each; empty when intact
    QString mode;           // as the log says
    int trials = 0;
    int correct = 0;
    int plannedTrials = 0;
    int n = 0;                    // as the log says
    std::optional<double> pValue; // as the log says

    bool intact() const { return unreadable.isEmpty() && altered.isEmpty(); }
};

// Checks the log in `json` (the bytes of a .json file). `source` names where they came from
// (the file name) in the message when they are not JSON or not a blind log:
// "log.json: not JSON: unterminated string at byte 120".
BlindLogCheck verifyBlindLog(const QByteArray& json, const QString& source);

} // namespace earlab
