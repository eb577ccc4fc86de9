#pragma once
// Internal to audio/io: the words AudioFileInfo::format and ::encoding use for what
// libsndfile (or the MPEG decoder, which fills SF_INFO alike) reports.

#include <sndfile.h>

#include <string>

namespace earlab::detail {

std::string formatName(const SF_INFO& info);   // "WAV", "FLAC", "Ogg Vorbis", "MP3", ...
std::string encodingName(const SF_INFO& info); // "PCM 24-bit", "Vorbis", "MPEG layer III", ...

} // namespace earlab::detail
