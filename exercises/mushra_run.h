#pragma once
// One MUSHRA-style run (ITU-R BS.1534-3), page by page: each page shows the stimuli
// (mushra_stimuli.h) in the order mushraOrder(seed, page, n) gives, the listener plays and
// rates each 0 to 100, and submits the page. The log records a page as a trial (blind_log.h):
// truth = the page's order (stimulus indices by screen position, space-separated), answer =
// the ratings in stimulus order (space-separated integers), correct false. The same class
// serves the app and any other front end, so they cannot order or count differently.
//
// Screen positions are what the listener sees; stimulus indices stay here (and in the log at
// the end). variantFor(position) is for the player only: 1 + the stimulus index.

#include "blind_log.h"
#include "blind_seed.h"

#include <QDateTime>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace earlab {

class MushraRun {
public:
    // stimuli 2 to kMaxMushraStimuli, pages 1 to 100 (std::invalid_argument otherwise).
    // requireAllPlayed: a page can be submitted only once every stimulus on it was played.
    // clockMs: as BlindRun's (monotonic_clock.h by default), for the pages' response times.
    MushraRun(int stimuli, int pages, const BlindSeed& seed, bool requireAllPlayed,
              std::function<std::int64_t()> clockMs = {});

    int stimuli() const { return stimuli_; }
    int pages() const { return pages_; }
    int page() const { return int(trials_.size()); } // the current page, from 0
    bool finished() const { return page() >= pages_; }
    const BlindSeed& seed() const { return seed_; }
    bool requiresAllPlayed() const { return requireAllPlayed_; }

    // The stimulus at screen `position` on this page; the scene variant that plays it.
    int stimulusAt(int position) const;
    int variantFor(int position) const { return 1 + stimulusAt(position); }

    // The listener selected the stimulus at `position` to hear. The log's switches count the
    // changes from one stimulus to another, as BlindRun's do (the page's first is none).
    void played(int position);
    bool wasPlayed(int position) const;
    // Rates the stimulus at `position`, 0 to 100 (rounded to a whole number, as the sliders
    // step); std::invalid_argument outside that or for a position off the page.
    void rate(int position, double rating);
    std::optional<int> ratingAt(int position) const;

    // Empty when the page may be submitted, else why not ("rate every item first", "play
    // every item first").
    QString notReady() const;
    // Records the page and moves to the next. std::logic_error when notReady() or finished.
    const BlindLogTrial& submit(const QDateTime& now = QDateTime::currentDateTimeUtc());

    const std::vector<BlindLogTrial>& trials() const { return trials_; }
    // Every submitted rating of stimulus `s`, page by page (for summariseRatings and the
    // post-screening of the hidden reference).
    std::vector<double> ratingsOf(int stimulus) const;

private:
    void checkPosition(int position) const;
    void startPage();

    int stimuli_;
    int pages_;
    BlindSeed seed_;
    bool requireAllPlayed_;
    std::vector<int> order_;                 // this page: position -> stimulus
    std::vector<bool> played_;               // by position
    std::vector<std::optional<int>> rating_; // by position
    std::vector<std::vector<int>> ratings_;  // submitted: page -> ratings by stimulus
    std::vector<BlindLogTrial> trials_;
    std::function<std::int64_t()> clockMs_;
    int selections_ = 0;                     // switches on this page
    int lastPlayed_ = -1;                    // position, -1 before the page's first
    std::int64_t pageStartedMs_ = 0;
};

} // namespace earlab
