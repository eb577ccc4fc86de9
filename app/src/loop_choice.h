#pragma once
// Where in a piece of music the exercise loop goes. Kept apart from question_preparation so
// that exercises/loop_region.h (whose LoopRegion is not the engine's) never meets scene.h.

#include "audio/audio_buffer.h"

#include <utility>

namespace earlab::app {

// {start, length} in seconds: the densest region of `lengthSeconds` (pickDenseRegion; the
// whole file if it is shorter).
std::pair<double, double> chooseLoopSeconds(const AudioBuffer& audio, double lengthSeconds);

} // namespace earlab::app
