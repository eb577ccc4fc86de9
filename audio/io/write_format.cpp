#include "audio/io/write_format.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file.h"
#include "audio/io/audio_file_shared.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>

namespace earlab::detail {

std::string lowerExtension(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return {};
    std::string ext = path.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

WriteFormat writeFormatFor(const std::string& path, const std::string& ext)
{
    if (ext == ".wav") return {SF_FORMAT_WAV | SF_FORMAT_FLOAT, false, false};
    if (ext == ".flac") return {SF_FORMAT_FLAC | SF_FORMAT_PCM_24, true, false};
    if (ext == ".aif" || ext == ".aiff") return {SF_FORMAT_AIFF | SF_FORMAT_PCM_24, true, false};
    if (ext == ".ogg") return {SF_FORMAT_OGG | SF_FORMAT_VORBIS, false, true};
    if (ext == ".opus") return {SF_FORMAT_OGG | SF_FORMAT_OPUS, false, true};
    if (ext == ".mp3") return {SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, false, true};
    fail(AudioErrorKind::InvalidArgument, path,
         (ext.empty() ? std::string("the file name has no extension") : "unknown extension \"" + ext + "\"") +
             "; use .wav, .flac, .aif, .aiff, .ogg, .opus or .mp3");
}

void checkWritableFormat(const std::string& path, const std::string& ext, double sampleRate, std::size_t channelCount,
                         int rate)
{
    if (!std::isfinite(sampleRate) || sampleRate <= 0.0 || sampleRate > 4.0e6)
        fail(AudioErrorKind::InvalidArgument, path, "the buffer's sample rate " + std::to_string(sampleRate) + " Hz is not valid");
    if (channelCount > std::size_t(kMaxChannels))
        fail(AudioErrorKind::InvalidArgument, path, "cannot write " + std::to_string(channelCount) + " channels (at most " + std::to_string(kMaxChannels) + ")");
    if (ext == ".mp3") {
        constexpr int rates[] = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
        if (std::find(std::begin(rates), std::end(rates), rate) == std::end(rates))
            fail(AudioErrorKind::InvalidArgument, path,
                 "MP3 files can only be written at 8, 11.025, 12, 16, 22.05, 24, 32, 44.1 or 48 kHz, not " +
                     std::to_string(rate) + " Hz");
        if (channelCount > 2)
            fail(AudioErrorKind::InvalidArgument, path, "MP3 holds at most 2 channels, not " + std::to_string(channelCount));
    }
    if (ext == ".flac" && channelCount > 8)
        fail(AudioErrorKind::InvalidArgument, path, "FLAC holds at most 8 channels, not " + std::to_string(channelCount));
}

int fileRateFor(const std::string& ext, int rate)
{
    if (ext == ".opus" && rate != 8000 && rate != 12000 && rate != 16000 && rate != 24000 && rate != 48000)
        return 48000;
    return rate;
}

} // namespace earlab::detail
