#include "audio/io/sndfile_format_names.h"

namespace earlab::detail {

namespace {

// libsndfile's own name for a major format or an encoding we have no word for.
std::string libsndfileName(int format)
{
    SF_FORMAT_INFO fi{};
    fi.format = format;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &fi, sizeof fi) == 0 && fi.name)
        return fi.name;
    return "unknown";
}

} // namespace

std::string formatName(const SF_INFO& info)
{
    const int major = info.format & SF_FORMAT_TYPEMASK;
    const int sub = info.format & SF_FORMAT_SUBMASK;
    switch (major) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX: return "WAV";
    case SF_FORMAT_RF64: return "RF64";
    case SF_FORMAT_W64: return "Wave64";
    case SF_FORMAT_AIFF: return "AIFF";
    case SF_FORMAT_FLAC: return "FLAC";
    case SF_FORMAT_CAF: return "CAF";
    case SF_FORMAT_AU: return "AU";
    case SF_FORMAT_OGG:
        if (sub == SF_FORMAT_VORBIS) return "Ogg Vorbis";
        if (sub == SF_FORMAT_OPUS) return "Opus";
        return "Ogg";
    case SF_FORMAT_MPEG:
        if (sub == SF_FORMAT_MPEG_LAYER_III) return "MP3";
        if (sub == SF_FORMAT_MPEG_LAYER_II) return "MP2";
        return "MPEG audio";
    default: break;
    }
    return libsndfileName(major);
}

std::string encodingName(const SF_INFO& info)
{
    const int sub = info.format & SF_FORMAT_SUBMASK;
    switch (sub) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8: return "PCM 8-bit";
    case SF_FORMAT_PCM_16: return "PCM 16-bit";
    case SF_FORMAT_PCM_24: return "PCM 24-bit";
    case SF_FORMAT_PCM_32: return "PCM 32-bit";
    case SF_FORMAT_FLOAT: return "float 32-bit";
    case SF_FORMAT_DOUBLE: return "float 64-bit";
    case SF_FORMAT_ULAW: return "mu-law";
    case SF_FORMAT_ALAW: return "A-law";
    case SF_FORMAT_IMA_ADPCM: return "IMA ADPCM";
    case SF_FORMAT_MS_ADPCM: return "MS ADPCM";
    case SF_FORMAT_VORBIS: return "Vorbis";
    case SF_FORMAT_OPUS: return "Opus";
    case SF_FORMAT_MPEG_LAYER_I: return "MPEG layer I";
    case SF_FORMAT_MPEG_LAYER_II: return "MPEG layer II";
    case SF_FORMAT_MPEG_LAYER_III: return "MPEG layer III";
    default: break;
    }
    return libsndfileName(sub);
}

} // namespace earlab::detail
