#pragma once
// Range checks shared by the make*() functions of the dsp blocks. They run off the audio
// thread only: they format a message and throw.

namespace earlab::dsp {

// Throws AudioError(InvalidArgument) naming `parameter`, its value and the allowed range
// unless lo <= value <= hi. NaN is always rejected (the comparison is written so).
void requireInRange(const char* subject, const char* parameter, double value, double lo,
                    double hi, const char* unit);

// Throws AudioError(InvalidArgument) unless value is finite and > 0 (a sample rate).
void requirePositive(const char* subject, const char* parameter, double value, const char* unit);

} // namespace earlab::dsp
