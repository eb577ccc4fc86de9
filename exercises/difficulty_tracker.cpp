#include "exercises/difficulty_tracker.h"

#include <algorithm>

namespace earlab {

DifficultyTracker::DifficultyTracker(int levelCount, int level)
    : levelCount_(std::max(1, levelCount)), level_(std::clamp(level, 1, std::max(1, levelCount)))
{
}

DifficultyTracker DifficultyTracker::resume(int levelCount, int level, std::span<const PastAnswer> newestFirst)
{
    DifficultyTracker t(levelCount, level);
    std::size_t run = 0;
    while (run < newestFirst.size() && run < std::size_t(kWindow - 1) && newestFirst[run].level == t.level_)
        ++run;
    // Oldest first, as they were given; fewer than kWindow answers never decide.
    for (std::size_t i = run; i-- > 0;)
        t.window_.push_back(newestFirst[i].correct);
    return t;
}

double DifficultyTracker::windowAccuracy() const
{
    if (window_.empty())
        return 0.0;
    return double(std::count(window_.begin(), window_.end(), true)) / double(window_.size());
}

int DifficultyTracker::record(bool correct)
{
    window_.push_back(correct);
    if (int(window_.size()) > kWindow)
        window_.pop_front();
    if (int(window_.size()) < kWindow)
        return 0;
    const double accuracy = windowAccuracy();
    int change = 0;
    if (accuracy >= kPromoteAt && level_ < levelCount_)
        change = +1;
    else if (accuracy < kDemoteBelow && level_ > 1)
        change = -1;
    if (change != 0) {
        level_ += change;
        window_.clear();
    }
    return change;
}

} // namespace earlab
