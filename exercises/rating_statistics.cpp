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

MushraScreening screenMushraRun(std::span<const double> hiddenReferenceRatings)
{
    MushraScreening s;
    s.items = int(hiddenReferenceRatings.size());
    for (std::size_t i = 0; i < hiddenReferenceRatings.size(); ++i) {
        const double r = hiddenReferenceRatings[i];
        if (!(r >= 0.0 && r <= 100.0))
            throw std::invalid_argument("MUSHRA screening: the hidden reference's rating on page "
                                        + std::to_string(i + 1) + " (" + std::to_string(r) + ") is outside 0 .. 100");
        if (r < 90.0)
            ++s.hiddenReferenceBelow90;
    }
    if (s.items == 0)
        return s;
    s.fraction = double(s.hiddenReferenceBelow90) / s.items;
    // In whole numbers: 3 of 20 is exactly 15 % and must not count as more.
    s.excluded = s.hiddenReferenceBelow90 * 100 > 15 * s.items;
    return s;
}

} // namespace earlab
