#pragma once
// Ratings of a MUSHRA-style or BS.1116 test: per item the mean with its 95 % interval, and
// the post-screening of a listener's run that ITU-R BS.1534-3 prescribes.

#include <span>

namespace earlab {

struct RatingSummary {
    int count = 0;
    double mean = 0;
    double standardDeviation = 0; // sample standard deviation (n − 1); 0 for one rating
    double low = 0;               // mean ∓ t(0.975, n − 1)·s/√n;
    double high = 0;              // both equal the mean when count = 1 (no interval)
    bool hasInterval() const { return count >= 2; }
};

// Mean and 95 % Student t interval of one item's ratings (any scale: 0–100 MUSHRA, 1.0–5.0
// BS.1116). Throws std::invalid_argument when there are none or one is not finite (naming
// its index).
RatingSummary summariseRatings(std::span<const double> ratings);

// BS.1534-3 post-screening (§4.1.2 as we read it; the text was not reachable to re-check when
// this was written): a listener's run is excluded when they rated the hidden reference below
// 90 on more than 15 % of the test items (pages), or the mid-range anchor (the 7 kHz low-pass)
// above 90 on more than 15 % of them. 90 itself passes both, and exactly 15 % is not "more
// than" (3 of 20 pages keep the run, 2 of 7 do not).
struct MushraScreening {
    int items = 0;                 // pages with a hidden reference
    int hiddenReferenceBelow90 = 0;
    double fraction = 0;           // hiddenReferenceBelow90 / items; 0 when items = 0
    int midAnchorItems = 0;        // pages with a mid-range anchor
    int midAnchorAbove90 = 0;
    double midAnchorFraction = 0;  // midAnchorAbove90 / midAnchorItems; 0 when none
    bool excludedByReference = false;
    bool excludedByMidAnchor = false;
    bool excluded = false;         // either
};

// hiddenReferenceRatings: the listener's rating of the hidden reference on each page that
// had one (0–100); midAnchorRatings the same for the 7 kHz anchor. None screens nothing (a
// test without them is never excluded by them). Throws std::invalid_argument for a rating that
// is not a number in 0 .. 100, naming the stimulus and its page.
MushraScreening screenMushraRun(std::span<const double> hiddenReferenceRatings,
                                std::span<const double> midAnchorRatings = {});

} // namespace earlab
