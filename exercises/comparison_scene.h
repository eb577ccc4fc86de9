#pragma once
// What the blind-test player plays: prepared comparison items (comparison_items.h) as the
// variants of one Scene, so that every item runs on the one sample-accurate playhead and a
// switch is the engine's crossfade (VariantMixer: gains that sum to 1, the same loop-boundary
// fades for every item). The items already carry their loudness match and alignment in their
// samples, so each variant's treatment is flat: nothing is processed differently per item.

#include "audio/engine/player_config.h"
#include "audio/engine/scene.h"
#include "comparison_items.h"

#include <memory>
#include <vector>

namespace earlab {

// The switch crossfade the blind tests default to (issue 8): short enough that a switch is
// heard at once, long enough (240 frames at 48 kHz) not to click. Settable 0 to 50 ms.
inline constexpr double kComparisonCrossfadeMs = 5.0;

// One variant per entry of `items` (indices into comparison.items, in that order: an ABX
// scene is {A, B}); empty: every item in order. Labels are "item 1", "item 2", ... (never a
// file name: a scene's labels reach error messages). Looping over the whole common region.
// Throws std::invalid_argument for an index out of range or more than kMaxSceneVariants.
Scene comparisonScene(const Comparison& comparison, const std::vector<int>& items = {});

// "Listen to the difference": item `item` minus item `reference`, both as played (aligned,
// matched, on the common region), so the user hears what actually changed. It can peak above
// full scale (two items at -1.1 dBTP in opposite phase reach +4.9 dBFS): play it through the
// engine's limiter, or write it as float. Throws std::invalid_argument for an index out of
// range or an item against itself.
std::shared_ptr<const AudioBuffer> comparisonDifference(const Comparison& comparison, int item, int reference = 0);

// The player settings for it: the items' rate and the given crossfade (clamped to 0..50 ms).
PlayerConfig comparisonPlayerConfig(const Comparison& comparison, double crossfadeMs = kComparisonCrossfadeMs);

} // namespace earlab
