#pragma once
// Adaptive difficulty on a ladder of levels: promote at >= 80 % correct over the last 10
// answers at a level, demote below 50 %. Both need a full window of 10 answers at the
// current level, and a level change starts a new window, so one lucky or unlucky streak
// straddling a change never decides twice.

#include <deque>
#include <span>

namespace earlab {

// One answer as the history keeps it: the level it was given at and whether it was right.
struct PastAnswer {
    int level = 1;
    bool correct = false;
};

class DifficultyTracker {
public:
    static constexpr int kWindow = 10;
    static constexpr double kPromoteAt = 0.8; // fraction correct, inclusive
    static constexpr double kDemoteBelow = 0.5;

    // levelCount: levels 1..levelCount; level: where to start (clamped).
    explicit DifficultyTracker(int levelCount, int level = 1);

    // Picks up where an earlier session left off, at `level`, from the exercise's history,
    // newest answer first. The window holds the answers given since the last level change:
    // the newest run of answers at `level`, stopping at the first answer given at another
    // level (the answer that changed the level was given at the old one, so the run never
    // crosses a change). Answers at `level` from before a change belong to an old window
    // and are never counted again. At most kWindow - 1 of them, so only a new answer can
    // promote or demote.
    static DifficultyTracker resume(int levelCount, int level, std::span<const PastAnswer> newestFirst);

    // Records an answer at the current level. Returns +1 when it promoted, -1 when it
    // demoted, 0 otherwise.
    int record(bool correct);

    int level() const { return level_; }
    int answersInWindow() const { return int(window_.size()); }
    double windowAccuracy() const; // 0 with an empty window

private:
    int levelCount_;
    int level_;
    std::deque<bool> window_;
};

} // namespace earlab
