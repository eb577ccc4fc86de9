#pragma once
// A band as sentences name it: "250 Hz", "1 kHz" for an ISO centre (bandLabel), else the
// number with "Hz" (a focus stored from an older level, a measured centre). The workout's
// reasons and the questions' notes say the same band the same way.

#include "exercises/eq_bands.h"

#include <QString>

namespace earlab {

inline QString bandName(double hz)
{
    const QString label = QString::fromLatin1(bandLabel(hz));
    return label == QLatin1String("?") ? QString("%1 Hz").arg(hz) : label;
}

} // namespace earlab
