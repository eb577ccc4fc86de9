#pragma once
// Adaptive difficulty on a ladder of levels: promote at >= 80 % correct over the last 10
// answers at a level, demote below 50 %. Both need a full window of 10 answers at the
// current level, and a level change starts a new window, so one lucky or unlucky streak
// straddling a change never decides twice.

#include <deque>

namespace earlab {

class DifficultyTracker {
public:
    static constexpr int kWindow = 10;
    static constexpr double kPromoteAt = 0.8; // fraction correct, inclusive
    static constexpr double kDemoteBelow = 0.5;

    // levelCount: levels 1..levelCount; level: where to start (clamped).
    explicit DifficultyTracker(int levelCount, int level = 1);

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
