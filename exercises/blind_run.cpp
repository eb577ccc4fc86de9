#include "blind_run.h"

#include "monotonic_clock.h"

#include <stdexcept>

namespace earlab {

namespace {
AbItem other(AbItem item) { return item == AbItem::A ? AbItem::B : AbItem::A; }
} // namespace

BlindRun::BlindRun(BlindMode mode, int plannedTrials, const BlindSeed& seed, std::function<std::int64_t()> clockMs)
    : mode_(mode), planned_(plannedTrials), seed_(seed), clockMs_(clockMs ? std::move(clockMs) : monotonicMs)
{
    if (mode != BlindMode::Abx && mode != BlindMode::Preference)
        throw std::invalid_argument("a blind run is ABX or preference; MUSHRA pages are rated, not answered");
    if (plannedTrials < 1 || plannedTrials > 1000)
        throw std::invalid_argument("a blind run has 1 to 1000 trials, not " + std::to_string(plannedTrials));
    trials_.reserve(std::size_t(plannedTrials));
    trialStartedMs_ = clockMs_();
}

AbItem BlindRun::itemBehind(Choice choice) const
{
    const auto t = std::uint32_t(trial());
    if (mode_ == BlindMode::Abx) {
        if (choice == Choice::X)
            return abxX(seed_, t);
        return choice == Choice::A ? AbItem::A : AbItem::B;
    }
    if (choice == Choice::X)
        throw std::invalid_argument("a preference trial has no X");
    const AbItem first = preferenceFirst(seed_, t);
    return choice == Choice::A ? first : other(first);
}

int BlindRun::variantFor(Choice choice) const { return itemBehind(choice) == AbItem::A ? 0 : 1; }

int BlindRun::select(Choice choice)
{
    const int variant = variantFor(choice); // refuses a preference X before anything changes
    if (playing_ && choice != *playing_ && !finished())
        ++switches_;
    playing_ = choice;
    return variant;
}

const BlindLogTrial& BlindRun::answer(std::optional<AbItem> answer, const QDateTime& now)
{
    if (finished())
        throw std::logic_error("the run has ended: all " + std::to_string(planned_) + " trials are answered");
    if (mode_ == BlindMode::Abx && !answer)
        throw std::invalid_argument("an ABX trial is answered A or B");
    BlindLogTrial t;
    t.time = now.toUTC();
    const std::int64_t nowMs = clockMs_();
    t.responseMs = qint64(nowMs - trialStartedMs_);
    t.switches = switches_;
    if (mode_ == BlindMode::Abx) {
        const AbItem x = abxX(seed_, std::uint32_t(trial()));
        t.truth = abItemName(x);
        t.answer = abItemName(*answer);
        t.correct = *answer == x;
    } else {
        const AbItem first = preferenceFirst(seed_, std::uint32_t(trial()));
        t.truth = abItemName(first);
        // The label the listener preferred, recorded as the item behind it.
        t.answer = answer ? abItemName(*answer == AbItem::A ? first : other(first)) : QStringLiteral("none");
        t.correct = t.answer == abItemName(AbItem::A); // the log's rule: "correct" = item A preferred
    }
    trials_.push_back(t);
    trialStartedMs_ = nowMs;
    switches_ = 0;
    playing_.reset();
    return trials_.back();
}

} // namespace earlab
