#include "audio/io/audio_diagnosis.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file_shared.h"
#include "audio/io/sndfile_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace earlab::detail {

namespace {

// libsndfile's internal code for "File does not exist or is not a regular file". Its MPEG
// reader returns it for any file mpg123 cannot parse; by then we have already checked that
// the path is an existing regular file, so the text would mislead and is left out.
constexpr int kSfeBadFile = 7;

std::string rateText(double rate)
{
    if (rate == std::floor(rate) && rate < 1e12)
        return std::to_string(static_cast<long long>(rate)) + " Hz";
    return std::to_string(rate) + " Hz";
}

std::string truncatedCause(std::int64_t promised, std::int64_t held)
{
    return "the file is truncated: header promises " + std::to_string(promised) + " frames, file holds " +
           std::to_string(held);
}

// An MP3's stated frame count may or may not include its information frame, depending on
// the encoder: a decode one MPEG frame short is not a cut file.
std::int64_t statedSlack(const ReadHandle& h)
{
    return h.mpeg ? (h.mpeg->layer() == 1 ? 384 : (h.mpeg->layer() == 3 && h.info.samplerate < 32000) ? 576 : 1152) : 0;
}

std::string secondsText(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", seconds);
    return text;
}

// Damaged MPEG frames the decoder skipped (resynchronising after junk, or a header corrupted
// into another layer, rate or channel count) or muted (decoded to noise above +6 dBFS): a
// warning naming the file, or none. With a stated frame count the skipped frames are
// counted exactly; without one, each resync skipped at least one frame.
void noteMpegDamage(const std::string& path, ReadHandle& h, const std::optional<std::int64_t>& promised,
                    std::int64_t total)
{
    const MpegDecoder& d = *h.mpeg;
    if (d.resyncs() == 0 && d.droppedFrames() == 0 && d.mutedFrames() == 0)
        return;
    const bool counted = h.header.mpegStatedFrames.has_value();
    const std::int64_t skipped =
        counted ? std::max<std::int64_t>(*h.header.mpegStatedFrames - d.framesDecoded(), d.droppedFrames())
                : d.droppedFrames() + d.resyncs();
    const auto frames = [](std::int64_t n) { return std::to_string(n) + (n == 1 ? " damaged MPEG frame was" : " damaged MPEG frames were"); };
    std::string cause;
    if (skipped > 0)
        cause = (counted ? "" : "at least ") + frames(skipped) + " skipped";
    if (d.mutedFrames() > 0)
        cause += skipped > 0 ? " and " + std::to_string(d.mutedFrames()) + " muted" : frames(d.mutedFrames()) + " muted";
    cause += " (the decoder lost sync " + std::to_string(d.resyncs()) + (d.resyncs() == 1 ? " time" : " times");
    if (d.mutedFrames() > 0)
        cause += "; muted frames decoded to noise above +6 dBFS";
    if (promised && total < *promised)
        cause += "; " + secondsText(double(*promised - total) / h.info.samplerate) + " s of the " +
                 secondsText(double(*promised) / h.info.samplerate) + " s the header states are missing";
    h.warnings.push_back(path + ": " + cause + ")");
}

} // namespace

void checkIsRegularFile(const std::string& path, const struct stat& st)
{
    if (S_ISDIR(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is a folder, not an audio file");
    if (S_ISFIFO(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is a named pipe (FIFO), not an audio file");
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is a device, not an audio file");
    if (S_ISSOCK(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is a socket, not an audio file");
    if (!S_ISREG(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is not a regular file");
    if (st.st_size == 0)
        fail(AudioErrorKind::NotAudio, path, "empty file (0 bytes)");
}

void checkSampleRate(const std::string& path, double rate)
{
    if (!(rate >= kMinSampleRate && rate <= kMaxSampleRate))
        fail(AudioErrorKind::AbsurdSampleRate, path,
             "sample rate " + rateText(rate) + " is outside the playable range " + std::to_string(kMinSampleRate) +
                 " to " + std::to_string(kMaxSampleRate) + " Hz; the header is probably damaged");
}

void checkChannelCount(const std::string& path, int channels)
{
    if (channels <= 0)
        fail(AudioErrorKind::AbsurdChannelCount, path, "the header says the file has 0 channels");
    if (channels > kMaxChannels)
        fail(AudioErrorKind::AbsurdChannelCount, path,
             "the file has " + std::to_string(channels) + " channels; EarLab plays at most " +
                 std::to_string(kMaxChannels));
}

[[noreturn]] void failOpen(const std::string& path, int code, const std::string& sfText)
{
    const FileHeader h = readFileHeader(path);
    const std::string libsndfile = " (libsndfile: " + sfText + ")";

    if (h.container == Container::Wav || h.container == Container::Aiff) {
        if (h.channels)
            checkChannelCount(path, *h.channels);
        if (h.sampleRate)
            checkSampleRate(path, *h.sampleRate);
        if (h.wavFormatTag && !isKnownWavFormatTag(*h.wavFormatTag)) {
            char tag[8];
            std::snprintf(tag, sizeof tag, "0x%04X", *h.wavFormatTag);
            fail(AudioErrorKind::UnsupportedEncoding, path,
                 std::string("WAV file with an unsupported encoding (format tag ") + tag + ")" + libsndfile);
        }
        if (h.channels && !h.hasAudioChunk) {
            if (h.promisedFrames && *h.promisedFrames > 0)
                fail(AudioErrorKind::Truncated, path, truncatedCause(*h.promisedFrames, 0) + " (no audio data chunk)");
            fail(AudioErrorKind::ZeroFrames, path, "the file has a header but no audio data" + libsndfile);
        }
    }
    if (h.container == Container::Ogg && h.oggLastPageIncomplete)
        fail(AudioErrorKind::Truncated, path, "the file is truncated: it ends in the middle of an Ogg page" + libsndfile);
    if (h.container == Container::Id3 && h.id3WithoutAudio)
        fail(AudioErrorKind::ZeroFrames, path, "the file holds an ID3 tag but no MP3 audio frames");

    switch (code) {
    case SF_ERR_UNRECOGNISED_FORMAT:
        fail(AudioErrorKind::NotAudio, path, "not an audio file in any format EarLab reads" + libsndfile);
    case SF_ERR_SYSTEM:
        fail(AudioErrorKind::Unreadable, path, "cannot be read" + libsndfile);
    case SF_ERR_UNSUPPORTED_ENCODING:
        fail(AudioErrorKind::UnsupportedEncoding, path, "the file's encoding is not supported" + libsndfile);
    case SF_ERR_MALFORMED_FILE:
        fail(AudioErrorKind::NotAudio, path, "the file is damaged: its header cannot be parsed" + libsndfile);
    case kSfeBadFile:
        fail(AudioErrorKind::NotAudio, path, "not an audio file: the decoder found no audio in it");
    default:
        fail(AudioErrorKind::NotAudio, path, "not a readable audio file" + libsndfile);
    }
}

std::int64_t firstNonFinite(const float* chunk, std::size_t frames, int channels)
{
    const std::size_t n = frames * std::size_t(channels);
    bool finite = true;
    for (std::size_t i = 0; i < n; ++i)
        finite &= std::isfinite(chunk[i]);
    if (finite)
        return -1;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(chunk[i]))
            return std::int64_t(i / std::size_t(channels));
    return -1;
}

[[noreturn]] void failNonFinite(const std::string& path, std::int64_t firstBad)
{
    fail(AudioErrorKind::DecodeFailed, path,
         "the file holds invalid samples (NaN or infinity) from frame " + std::to_string(firstBad) +
             "; it is damaged");
}

void checkDecodeEnd(const std::string& path, ReadHandle& h, const std::optional<std::int64_t>& promised,
                    std::int64_t total)
{
    const std::string text = decoderError(h);
    if (!text.empty()) {
        const std::string decoder = h.mpeg ? " (libmpg123: " : " (libsndfile: ";
        // An MP3 that holds every byte its header states was not cut but is damaged.
        if (promised && total < *promised && !(h.mpeg && !h.header.mpegBytesShort))
            fail(AudioErrorKind::Truncated, path, truncatedCause(*promised, total) + decoder + text + ")");
        fail(AudioErrorKind::DecodeFailed, path,
             "decoding stopped after " + std::to_string(total) + " frames: " + text);
    }
    if (h.mpeg) {
        // Short, and the stream holds every byte it states, but damaged frames were
        // skipped: the song is all there bar those frames, which the warning counts.
        const bool damaged = h.mpeg->resyncs() > 0 || h.mpeg->droppedFrames() > 0;
        const bool cut = promised && total + statedSlack(h) < *promised && (h.header.mpegBytesShort || !damaged);
        if (cut)
            fail(AudioErrorKind::Truncated, path, truncatedCause(*promised, total));
        noteMpegDamage(path, h, promised, total);
    } else if (promised && total < *promised) {
        fail(AudioErrorKind::Truncated, path, truncatedCause(*promised, total));
    }
    if (total == 0)
        fail(AudioErrorKind::ZeroFrames, path, "the file has a valid header but no audio (0 frames)");
}

} // namespace earlab::detail
