#pragma once
// One ABX or preference run, trial by trial: what each key plays, the answers, the response
// times and switch counts, in the form the log records (BlindLogTrial). earlab-cli abx and the
// app's Compare page both drive this one class, so they cannot count or hide differently.
//
// The player's scene is {item A, item B} (comparison_scene.h): variant 0 is A, 1 is B. The
// listener picks what to hear by a Choice; variantFor() says which variant that is on the
// current trial. For ABX, X is abxX(seed, trial); for preference, label "1" (Choice::A) plays
// preferenceFirst(seed, trial) and label "2" (Choice::B) the other item. Nothing here reveals
// the truth of an unanswered trial except variantFor(), which only the player may be told:
// whoever shows the run to the listener shows the Choice, never the variant.
//
// Each trial starts silent: after an answer the front end stops playback (the engine's fade
// out), and the next trial plays once the listener selects A, B or X. Going on playing would
// give the answer away: X answered while playing, then A (or the next X) crossfaded in, is
// a change heard exactly when the two differ, which tells the listener whether they were
// right, trial by trial (the running score a scored run must not show).
//
// Counting (what the log's `switches` means): every select of a Choice other than the one
// playing, within the trial; the trial's first select is no switch. response_ms runs from
// the trial's start (the run's start, or the previous answer) to its answer.

#include "blind_log.h"
#include "blind_schedule.h"
#include "blind_seed.h"

#include <QDateTime>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace earlab {

class BlindRun {
public:
    // What the listener can ask to hear. Preference: A and B are the labels "1" and "2".
    enum class Choice { A, B, X };

    // mode: Abx or Preference (std::invalid_argument otherwise); plannedTrials 1 to 1000.
    // clockMs: a monotonic clock in ms (default: std::chrono::steady_clock), for response
    // times; tests pass their own.
    BlindRun(BlindMode mode, int plannedTrials, const BlindSeed& seed,
             std::function<std::int64_t()> clockMs = {});

    BlindMode mode() const { return mode_; }
    int plannedTrials() const { return planned_; }
    int trial() const { return int(trials_.size()); } // the current trial, from 0
    bool finished() const { return trial() >= planned_; }
    const BlindSeed& seed() const { return seed_; }

    // What the listener chose to hear on this trial; nothing before their first select.
    std::optional<Choice> playing() const { return playing_; }
    // Selects what plays; returns the scene variant to select (0 = item A, 1 = item B), which
    // the front end selects and, when nothing plays yet on this trial, starts.
    // Choice::X in preference mode is refused (std::invalid_argument).
    int select(Choice choice);
    // The variant `choice` plays on the current trial, without selecting it.
    int variantFor(Choice choice) const;

    // Answers the current trial and starts the next, silent (the front end stops playback;
    // playing() is nothing again). ABX: `answer` is what the
    // listener says X is. Preference: the label preferred (A = "1", B = "2"), or nothing for
    // "no preference"; it is recorded as the item behind that label. Refused
    // (std::logic_error) once finished. `now` is the answer's time as the log writes it.
    const BlindLogTrial& answer(std::optional<AbItem> answer, const QDateTime& now = QDateTime::currentDateTimeUtc());

    const std::vector<BlindLogTrial>& trials() const { return trials_; }

private:
    AbItem itemBehind(Choice choice) const;

    BlindMode mode_;
    int planned_;
    BlindSeed seed_;
    std::function<std::int64_t()> clockMs_;
    std::int64_t trialStartedMs_ = 0;
    std::optional<Choice> playing_;
    int switches_ = 0;
    std::vector<BlindLogTrial> trials_;
};

} // namespace earlab
