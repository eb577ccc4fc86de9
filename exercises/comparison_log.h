#pragma once
// The blind log (blind_log.h) of a run over prepared comparison items: the items with their
// hashes, gains, offsets and drift as prepareComparison measured them, the run's trials, the
// result from summariseBlindTrials and the seed commitment. earlab-cli abx and the app build
// their logs here, so the two record the same things the same way.

#include "blind_log.h"
#include "blind_run.h"
#include "comparison_items.h"
#include "mushra_run.h"
#include "mushra_stimuli.h"

#include <vector>

namespace earlab {

// items: the indices into comparison.items the run compared, in label order ({A, B} for ABX
// and preference); labelled "A", "B", ... The seed, each trial's truth and correct flag and the
// result (n, k, p, d') are in the log when `ended` (the run finished, or was stopped and will
// take no more answers); until then it holds the seed's commitment and the answers only, so
// that a log shown or saved during a run is no running score.
// Throws std::invalid_argument for an index out of range.
BlindLog comparisonBlindLog(const Comparison& comparison, const std::vector<int>& items, const BlindLogSetup& setup,
                            const BlindRun& run, bool ended);

// The same for a MUSHRA run: one log item per stimulus, in stimulus order (the order the
// trials' truth and answers index), labelled as mushraStimuli labels them ("hidden
// reference", "anchor 3.5 kHz"; an anchor's gain, offset and hashes are its reference's).
BlindLog mushraBlindLog(const Comparison& comparison, const std::vector<MushraStimulus>& stimuli,
                        const BlindLogSetup& setup, const MushraRun& run, bool ended);

} // namespace earlab
