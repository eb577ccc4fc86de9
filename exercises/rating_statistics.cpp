#include "exercises/rating_statistics.h"

#include "exercises/student_t.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace earlab {

RatingSummary summariseRatings(std::span<const double> ratings)
{
    if (ratings.empty())
        throw std::invalid_argument("ratings: an item has no ratings");
    for (std::size_t i = 0; i < ratings.size(); ++i)
        if (!std::isfinite(ratings[i]))
            throw std::invalid_argument("ratings: rating " + std::to_string(i + 1) + " is not a number");

    RatingSummary s;
    s.count = int(ratings.size());
    double sum = 0.0;
    for (double r : ratings)
        sum += r;
    s.mean = sum / s.count;
    s.low = s.high = s.mean;
    if (s.count < 2)
        return s;
    // Two passes: the deviations from the mean, not sum of squares minus square of sums,
    // which cancels catastrophically for ratings close together.
    double squares = 0.0;
    for (double r : ratings)
        squares += (r - s.mean) * (r - s.mean);
    s.standardDeviation = std::sqrt(squares / (s.count - 1));
    const double halfWidth = studentTQuantile(0.975, s.count - 1) * s.standardDeviation / std::sqrt(double(s.count));
    s.low = s.mean - halfWidth;
    s.high = s.mean + halfWidth;
    return s;
}

namespace {

// How many of `ratings` are on the wrong side of 90 (below when `below`, else above).
int countPastNinety(std::span<const double> ratings, bool below, const char* stimulus)
{
    int count = 0;
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        const double r = ratings[i];
        if (!(r >= 0.0 && r <= 100.0))
            throw std::invalid_argument(std::string("MUSHRA screening: the ") + stimulus + "'s rating on page " +
                                        std::to_string(i + 1) + " (" + std::to_string(r) + ") is outside 0 .. 100");
        if (below ? r < 90.0 : r > 90.0)
            ++count;
    }
    return count;
}

// More than 15 % of `items`, in whole numbers: 3 of 20 is exactly 15 % and must not count.
bool moreThan15Percent(int count, int items)
{
    return count * 100 > 15 * items;
}

} // namespace

MushraScreening screenMushraRun(std::span<const double> hiddenReferenceRatings, std::span<const double> midAnchorRatings)
{
    MushraScreening s;
    s.items = int(hiddenReferenceRatings.size());
    s.hiddenReferenceBelow90 = countPastNinety(hiddenReferenceRatings, true, "hidden reference");
    s.midAnchorItems = int(midAnchorRatings.size());
    s.midAnchorAbove90 = countPastNinety(midAnchorRatings, false, "7 kHz anchor");
    if (s.items > 0)
        s.fraction = double(s.hiddenReferenceBelow90) / s.items;
    if (s.midAnchorItems > 0)
        s.midAnchorFraction = double(s.midAnchorAbove90) / s.midAnchorItems;
    s.excludedByReference = moreThan15Percent(s.hiddenReferenceBelow90, s.items);
    s.excludedByMidAnchor = moreThan15Percent(s.midAnchorAbove90, s.midAnchorItems);
    s.excluded = s.excludedByReference || s.excludedByMidAnchor;
    return s;
}

} // namespace earlab
