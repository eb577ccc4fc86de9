#pragma once
// An exercise's difficulty as the store left it, for Session and Home alike: the saved level
// and state, and (for a ladder) the window of answers since the last level change, counting
// only answers given since the exercise was last reset and after something was heard.

#include "exercises/difficulty.h"

namespace earlab {

class ProgressStore;

// Never throws: a store that cannot be read, or a state that cannot be used, gives the
// exercise's first level and sets *problem (when given) to why.
Difficulty loadDifficulty(const Exercise& exercise, const ProgressStore& store, QString* problem = nullptr);

} // namespace earlab
