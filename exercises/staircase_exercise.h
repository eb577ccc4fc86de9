#pragma once
// What every staircase exercise says the same way (level, pan-direction, width, stems): it is
// a staircase in one unit over the rungs its constructor lists in m_levels (easiest first,
// LevelInfo::value set; difficulty.cpp builds the StaircaseRule from them), and it asks at the
// value a Setting names. Compression is not one: its kinds differ in their difficulty.

#include "exercises/exercise.h"

#include <algorithm>
#include <utility>

namespace earlab {

class StaircaseExercise : public Exercise {
public:
    DifficultyKind difficultyKind() const final { return DifficultyKind::Staircase; }
    QString unit() const final { return m_unit; }
    const std::vector<LevelInfo>& levels() const final { return m_levels; }

protected:
    explicit StaircaseExercise(QString unit) : m_unit(std::move(unit)) {}

    // The staircase's value, or the rung's when asked by level only (earlab-cli question
    // --level N: NaN value).
    double askedValue(const Setting& setting) const
    {
        return setting.hasValue() ? setting.value : level(setting.level).value;
    }
    // askedValue() kept within the rungs.
    double clampedValue(const Setting& setting) const
    {
        return std::clamp(askedValue(setting), m_levels.back().value, m_levels.front().value);
    }

    std::vector<LevelInfo> m_levels;

private:
    QString m_unit;
};

} // namespace earlab
