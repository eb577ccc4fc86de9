#include "exercises/exercise.h"

#include <algorithm>

namespace earlab {

const LevelInfo& Exercise::level(int number) const
{
    const auto& all = levels();
    return all[std::size_t(std::clamp(number, 1, int(all.size())) - 1)];
}

int Exercise::levelForValue(double value) const
{
    // Rungs go from easy (large values) to hard (small): the value belongs to the hardest
    // rung it has reached.
    int found = 1;
    for (const LevelInfo& l : levels())
        if (!std::isnan(l.value) && value <= l.value * (1 + 1e-9))
            found = l.number;
    return found;
}

} // namespace earlab
