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
//   - n and k against the trials.
// Trials are numbered from 1 in the messages ("trial 7"): the formula's i is that number - 1.
// What is not: the p value and d' (they need the statistics library; added where it is).

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace earlab {

struct BlindLogCheck {
    QString unreadable;     // why the bytes are not a blind log, naming the source; empty if they are
    QStringList altered;    // what does not match, one sentence each; empty when intact
    QString mode;           // as the log says
    int trials = 0;
    int correct = 0;

    bool intact() const { return unreadable.isEmpty() && altered.isEmpty(); }
};

// Checks the log in `json` (the bytes of a .json file). `source` names where they came from
// (the file name) in the message when they are not JSON or not a blind log:
// "log.json: not JSON: unterminated string at byte 120".
BlindLogCheck verifyBlindLog(const QByteArray& json, const QString& source);

} // namespace earlab
