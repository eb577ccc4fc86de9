#include "exercises/band_focus.h"

#include "exercises/band_name.h"
#include "exercises/seeded_random.h"

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

// Mixed into the seed for the focus coin's own stream (any odd constant apart from
// SeededRandom's increment would do).
constexpr std::uint64_t kFocusStream = 0xD1B54A32D192ED03ull;

} // namespace

bool hasBand(std::span<const double> bands, double hz)
{
    return std::any_of(bands.begin(), bands.end(), [hz](double b) { return std::abs(b - hz) < 0.5; });
}

double focusedBand(std::span<const double> bands, double uniform, double focusHz, std::uint64_t seed)
{
    if (focusHz <= 0 || !hasBand(bands, focusHz))
        return uniform;
    SeededRandom coin(seed ^ kFocusStream);
    if (coin.unit() >= kFocusShare)
        return uniform;
    // The level's own value for the band (a stored focus may be 250.0 where the level says 250).
    return *std::min_element(bands.begin(), bands.end(),
                             [focusHz](double a, double b) { return std::abs(a - focusHz) < std::abs(b - focusHz); });
}

Question askWithFocus(const Exercise& exercise, const Setting& setting, std::uint64_t seed,
                      const MaterialFacts& material, double focusHz)
{
    if (const auto* focusable = dynamic_cast<const BandFocusable*>(&exercise); focusable && focusHz > 0)
        return focusable->askFocused(setting, seed, material, focusHz);
    return exercise.ask(setting, seed, material);
}

QString focusNote(std::span<const double> bands, double focusHz)
{
    if (focusHz <= 0 || hasBand(bands, focusHz))
        return {};
    return QString("The workout's focus, %1, is not among the bands asked here (the level changed since the plan, "
                   "or the music has too little energy there), so every band is equally likely.")
        .arg(bandName(focusHz));
}

} // namespace earlab
