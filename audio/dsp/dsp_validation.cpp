#include "audio/dsp/dsp_validation.h"

#include "audio/audio_error.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace earlab::dsp {

void requireInRange(const char* subject, const char* parameter, double value, double lo,
                    double hi, const char* unit)
{
    if (value >= lo && value <= hi)
        return;
    char text[256];
    std::snprintf(text, sizeof text, "%s = %g %s is outside the allowed range [%g to %g] %s",
                  parameter, value, unit, lo, hi, unit);
    throw AudioError(AudioErrorKind::InvalidArgument, subject, text);
}

void requirePositive(const char* subject, const char* parameter, double value, const char* unit)
{
    if (value > 0.0 && std::isfinite(value))
        return;
    char text[256];
    std::snprintf(text, sizeof text, "%s = %g %s must be finite and greater than 0 %s",
                  parameter, value, unit, unit);
    throw AudioError(AudioErrorKind::InvalidArgument, subject, text);
}

} // namespace earlab::dsp
