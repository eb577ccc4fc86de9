#pragma once
// Internal to audio/io: what the writer makes of a file name: the format its extension
// names, the rates and channel counts that format holds, and the rate the file will hold.

#include <sndfile.h>

#include <cstddef>
#include <string>

namespace earlab::detail {

struct WriteFormat {
    int format = 0;
    bool integer24 = false; // round to the 24-bit grid and clip
    bool lossy = false;
};

// ".flac" for "Song.FLAC"; empty when the file name has no extension.
std::string lowerExtension(const std::string& path);

// The format for extension `ext` (from lowerExtension(path)); InvalidArgument naming `path`
// for an unknown or missing extension.
WriteFormat writeFormatFor(const std::string& path, const std::string& ext);

// What the format can hold: rate and channel count (the checks after the buffer's own);
// `rate` is the rate the file will hold (fileRateFor).
void checkWritableFormat(const std::string& path, const std::string& ext, double sampleRate, std::size_t channelCount,
                         int rate);

// The rate the file holds for `rate` given: Opus streams exist at five rates only (decoders
// play them at 48 kHz anyway), so any other rate goes to 48 kHz.
int fileRateFor(const std::string& ext, int rate);

} // namespace earlab::detail
