#pragma once
// Real audio files for the tests of folders of stems and genre tags: stems of known content
// written through EarLab's own writer, and files carrying a genre tag written with
// libsndfile itself (sf_set_string before the frames), as a tagging program leaves them.
// Header-only; a test that includes it links PkgConfig::SNDFILE.

#include "audio/audio_buffer.h"
#include "audio/io/audio_file.h"

#include <QDir>
#include <QString>

#include <sndfile.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace earlab::test {

// `seconds` of stereo audio at `rate` Hz: a sine at `hz` under a slow tremolo that is loudest at
// `loudestAt` seconds (so the densest 15 s is known), peak about 0.25; frames rounded to the
// nearest, plus `extraFrames`.
inline AudioBuffer stemSignal(double hz, double seconds, double rate, double loudestAt = 10.0, long extraFrames = 0)
{
    const auto frames = std::size_t(std::llround(seconds * rate) + extraFrames);
    AudioBuffer b = AudioBuffer::silence(2, frames, rate);
    constexpr double kPi = 3.14159265358979323846;
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = double(i) / rate;
        const double envelope = 0.05 + 0.2 * std::exp(-std::pow((t - loudestAt) / 6.0, 2.0));
        const float v = float(envelope * std::sin(2.0 * kPi * hz * t));
        b.channels[0][i] = v;
        b.channels[1][i] = 0.8f * v;
    }
    return b;
}

// Writes `audio` to `path` as EarLab writes files (writeAudioFile).
inline void writeStem(const QString& path, const AudioBuffer& audio)
{
    writeAudioFile(QDir::toNativeSeparators(path).toStdString(), audio);
}

// Writes `audio` (interleaved from planar) with a genre tag; the format from the extension:
// .wav (float), .flac, .ogg (Vorbis), .opus, .mp3, .aiff. False if libsndfile refused.
inline bool writeTagged(const QString& path, const AudioBuffer& audio, const char* genre)
{
    SF_INFO info{};
    info.samplerate = int(audio.sampleRate);
    info.channels = int(audio.channelCount());
    const QString ext = path.section(QLatin1Char('.'), -1).toLower();
    if (ext == "wav")
        info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    else if (ext == "flac")
        info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_24;
    else if (ext == "ogg")
        info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    else if (ext == "opus")
        info.format = SF_FORMAT_OGG | SF_FORMAT_OPUS;
    else if (ext == "mp3")
        info.format = SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
    else
        info.format = SF_FORMAT_AIFF | SF_FORMAT_PCM_24;
    SNDFILE* file = sf_open(path.toStdString().c_str(), SFM_WRITE, &info);
    if (!file)
        return false;
    bool ok = sf_set_string(file, SF_STR_GENRE, genre) == 0;
    std::vector<float> interleaved(audio.frames() * audio.channelCount());
    for (std::size_t i = 0; i < audio.frames(); ++i)
        for (std::size_t c = 0; c < audio.channelCount(); ++c)
            interleaved[i * audio.channelCount() + c] = audio.channels[c][i];
    ok = sf_writef_float(file, interleaved.data(), sf_count_t(audio.frames())) == sf_count_t(audio.frames()) && ok;
    return sf_close(file) == 0 && ok;
}

} // namespace earlab::test
