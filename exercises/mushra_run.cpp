#include "mushra_run.h"

#include "blind_schedule.h"
#include "monotonic_clock.h"
#include "mushra_stimuli.h"

#include <QStringList>

#include <cmath>
#include <stdexcept>

namespace earlab {

MushraRun::MushraRun(int stimuli, int pages, const BlindSeed& seed, bool requireAllPlayed,
                     std::function<std::int64_t()> clockMs)
    : stimuli_(stimuli), pages_(pages), seed_(seed), requireAllPlayed_(requireAllPlayed),
      clockMs_(clockMs ? std::move(clockMs) : monotonicMs)
{
    if (stimuli < 2 || stimuli > kMaxMushraStimuli)
        throw std::invalid_argument("a MUSHRA page rates 2 to " + std::to_string(kMaxMushraStimuli) + " items, not " +
                                    std::to_string(stimuli));
    if (pages < 1 || pages > 100)
        throw std::invalid_argument("a MUSHRA run has 1 to 100 pages, not " + std::to_string(pages));
    startPage();
}

void MushraRun::startPage()
{
    order_ = finished() ? std::vector<int>() : mushraOrder(seed_, std::uint32_t(page()), stimuli_);
    played_.assign(std::size_t(stimuli_), false);
    rating_.assign(std::size_t(stimuli_), std::nullopt);
    selections_ = 0;
    lastPlayed_ = -1;
    pageStartedMs_ = clockMs_();
}

void MushraRun::checkPosition(int position) const
{
    if (finished())
        throw std::logic_error("the MUSHRA run has ended");
    if (position < 0 || position >= stimuli_)
        throw std::invalid_argument("position " + std::to_string(position) + " is not on the page");
}

int MushraRun::stimulusAt(int position) const
{
    checkPosition(position);
    return order_[std::size_t(position)];
}

void MushraRun::played(int position)
{
    checkPosition(position);
    played_[std::size_t(position)] = true;
    if (lastPlayed_ >= 0 && lastPlayed_ != position)
        ++selections_; // a switch, counted as BlindRun counts them: changes of what plays
    lastPlayed_ = position;
}

bool MushraRun::wasPlayed(int position) const
{
    checkPosition(position);
    return played_[std::size_t(position)];
}

void MushraRun::rate(int position, double rating)
{
    checkPosition(position);
    if (!(rating >= 0.0 && rating <= 100.0))
        throw std::invalid_argument("a rating is 0 to 100");
    rating_[std::size_t(position)] = int(std::lround(rating));
}

std::optional<int> MushraRun::ratingAt(int position) const
{
    checkPosition(position);
    return rating_[std::size_t(position)];
}

QString MushraRun::notReady() const
{
    if (finished())
        return QStringLiteral("the run has ended");
    for (std::size_t p = 0; p < rating_.size(); ++p) {
        if (requireAllPlayed_ && !played_[p])
            return QStringLiteral("play every item first");
        if (!rating_[p])
            return QStringLiteral("rate every item first");
    }
    return {};
}

const BlindLogTrial& MushraRun::submit(const QDateTime& now)
{
    const QString why = notReady();
    if (!why.isEmpty())
        throw std::logic_error(why.toStdString());
    std::vector<int> byStimulus(std::size_t(stimuli_), 0);
    QStringList order;
    for (int p = 0; p < stimuli_; ++p) {
        byStimulus[std::size_t(order_[std::size_t(p)])] = *rating_[std::size_t(p)];
        order << QString::number(order_[std::size_t(p)]);
    }
    QStringList answer;
    for (int r : byStimulus)
        answer << QString::number(r);
    BlindLogTrial t;
    t.time = now.toUTC();
    t.truth = order.join(QLatin1Char(' '));
    t.answer = answer.join(QLatin1Char(' '));
    t.correct = false;
    t.responseMs = qint64(clockMs_() - pageStartedMs_);
    t.switches = selections_;
    ratings_.push_back(std::move(byStimulus));
    trials_.push_back(t);
    startPage();
    return trials_.back();
}

std::vector<double> MushraRun::ratingsOf(int stimulus) const
{
    if (stimulus < 0 || stimulus >= stimuli_)
        throw std::invalid_argument("stimulus " + std::to_string(stimulus) + " does not exist");
    std::vector<double> out;
    for (const auto& page : ratings_)
        out.push_back(double(page[std::size_t(stimulus)]));
    return out;
}

} // namespace earlab
