#include "exercises/holm_correction.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace earlab {

HolmResult holmCorrection(std::span<const double> pValues, double alpha)
{
    if (!(alpha > 0.0 && alpha < 1.0))
        throw std::invalid_argument("Holm correction: alpha " + std::to_string(alpha) + " is outside 0 .. 1");
    for (std::size_t i = 0; i < pValues.size(); ++i)
        if (!(pValues[i] >= 0.0 && pValues[i] <= 1.0))
            throw std::invalid_argument("Holm correction: p-value " + std::to_string(i + 1) + " ("
                                        + std::to_string(pValues[i]) + ") is outside 0 .. 1");

    const std::size_t m = pValues.size();
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Stable, so equal p-values keep their input order (their adjusted values are equal anyway).
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return pValues[a] < pValues[b]; });

    HolmResult result{std::vector<double>(m), std::vector<bool>(m)};
    double running = 0.0;
    for (std::size_t rank = 0; rank < m; ++rank) {
        const std::size_t i = order[rank];
        running = std::max(running, std::min(1.0, double(m - rank) * pValues[i]));
        result.adjusted[i] = running;
        result.rejected[i] = running <= alpha;
    }
    return result;
}

} // namespace earlab
