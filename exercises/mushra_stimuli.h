#pragma once
// What a MUSHRA-style page rates (ITU-R BS.1534-3), built from prepared comparison items: with
// an open reference (item 1, always playable and labelled "reference"), the other items, the
// hidden reference (item 1 again, unlabelled among them) and the low-pass anchors of the
// reference at 3.5 and 7 kHz (lowpass_anchor.h, at the items' own rate); without one, every
// item is rated and there is no hidden reference or anchor (there is nothing they could anchor).
//
// The player's scene (mushraScene) is variant 0 = the open reference (silence without one),
// variant 1 + i = stimulus i; a page shows the stimuli in mushraOrder (blind_schedule.h).

#include "audio/engine/scene.h"
#include "comparison_items.h"

#include <memory>
#include <string>
#include <vector>

namespace earlab {

inline constexpr int kMaxMushraStimuli = 10; // 7 items + hidden reference + 2 anchors

struct MushraOptions {
    bool openReference = true;   // item 1 is the reference; when false, all items are rated
    bool hiddenReference = true; // with a reference: item 1 rated, hidden among the others
    bool lowAnchor = true;       // with a reference: 3.5 kHz low-pass (the standard's mandatory one)
    bool midAnchor = false;      // with a reference: 7 kHz low-pass
};

struct MushraStimulus {
    enum class Kind { Item, HiddenReference, LowAnchor, MidAnchor };
    Kind kind = Kind::Item;
    int item = 0;      // the comparison item it is (or is made from: item 1 for the last three)
    std::string label; // for the log and the result, never shown during the run
    std::shared_ptr<const AudioBuffer> audio;
};

// The stimuli in a fixed order: items (2.. with a reference, 1.. without), then the hidden
// reference, the 3.5 kHz and the 7 kHz anchor as chosen. Labels: the item's file name, "hidden
// reference", "anchor 3.5 kHz", "anchor 7 kHz". Throws AudioError from the anchors' filter.
std::vector<MushraStimulus> mushraStimuli(const Comparison& comparison, const MushraOptions& options);

// Variant 0 the open reference (item 1, or silence of its length without one), 1 + i stimulus i.
Scene mushraScene(const Comparison& comparison, const std::vector<MushraStimulus>& stimuli, bool openReference);

} // namespace earlab
