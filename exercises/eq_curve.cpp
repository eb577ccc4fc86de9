#include "exercises/eq_curve.h"

#include "audio/dsp/biquad_design.h"
#include "audio/engine/player_config.h"

#include <cmath>

namespace earlab {

QList<QPointF> eqCurve(const std::vector<EqBand>& eq, int points)
{
    std::vector<dsp::BiquadCoefficients> designs;
    for (const auto& band : eq)
        designs.push_back(dsp::designBiquad(band, kEngineSampleRate));
    QList<QPointF> out;
    out.reserve(points);
    const double span = std::log(kCurveMaxHz / kCurveMinHz);
    for (int i = 0; i < points; ++i) {
        const double hz = kCurveMinHz * std::exp(span * i / (points - 1));
        double db = 0.0;
        for (const auto& c : designs)
            db += dsp::magnitudeDb(c, hz, kEngineSampleRate);
        out.append(QPointF(hz, db));
    }
    return out;
}

} // namespace earlab
