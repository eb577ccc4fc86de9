#include "audio/io/sndfile_reader.h"

#include "audio/audio_error.h"
#include "audio/io/audio_diagnosis.h"
#include "audio/io/audio_file_shared.h"
#include "audio/io/sndfile_format_names.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

namespace earlab::detail {

ReadHandle::~ReadHandle()
{
    mpeg.reset();
    if (file)
        sf_close(file);
    if (fd >= 0)
        ::close(fd);
}

namespace {

// MPEG audio goes to our own libmpg123 handle (mpeg_decoder.h says why); SF_INFO is filled
// as libsndfile would, so the rest of the loader treats it like any other file.
void openMpeg(const std::string& path, ReadHandle& h)
{
    std::string text;
    h.mpeg = MpegDecoder::open(h.fd, text);
    if (!h.mpeg) {
        if (h.header.container == Container::Id3 && h.header.id3WithoutAudio)
            fail(AudioErrorKind::ZeroFrames, path, "the file holds an ID3 tag but no MP3 audio frames");
        fail(AudioErrorKind::NotAudio, path, "not an audio file: the decoder found no audio in it");
    }
    checkChannelCount(path, h.mpeg->channels());
    checkSampleRate(path, h.mpeg->sampleRate());
    const int layer = h.mpeg->layer();
    h.info.samplerate = h.mpeg->sampleRate();
    h.info.channels = h.mpeg->channels();
    h.info.format = SF_FORMAT_MPEG | (layer == 1   ? SF_FORMAT_MPEG_LAYER_I
                                      : layer == 2 ? SF_FORMAT_MPEG_LAYER_II
                                                   : SF_FORMAT_MPEG_LAYER_III);
    h.info.frames = std::max<std::int64_t>(h.mpeg->lengthEstimate(), 0);
    h.info.seekable = SF_FALSE;
}

// Formats whose header states the length in a field libsndfile reads (SF_INFO.frames), so a
// shorter decode means a cut file. For MP3 libsndfile only estimates it (with the padding)
// and for Ogg it reads no length at all: file_header.h reads what those files state.
bool headerStatesLength(const SF_INFO& info)
{
    const int major = info.format & SF_FORMAT_TYPEMASK;
    return major != SF_FORMAT_MPEG && major != SF_FORMAT_OGG;
}

} // namespace

void openForReading(const std::string& path, ReadHandle& h)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR)
            fail(AudioErrorKind::FileNotFound, path, "no such file");
        fail(AudioErrorKind::Unreadable, path, "cannot be examined: " + osError(err));
    }
    checkIsRegularFile(path, st);

    // O_NONBLOCK: should the path be swapped for a FIFO after the stat, open() still returns
    // at once and the fstat below refuses it.
    h.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (h.fd < 0) {
        const int err = errno;
        if (err == ENOENT)
            fail(AudioErrorKind::FileNotFound, path, "no such file");
        fail(AudioErrorKind::Unreadable, path, "cannot be opened: " + osError(err));
    }
    if (::fstat(h.fd, &st) != 0)
        fail(AudioErrorKind::Unreadable, path, "cannot be examined: " + osError(errno));
    checkIsRegularFile(path, st);
    ::fcntl(h.fd, F_SETFL, ::fcntl(h.fd, F_GETFL) & ~O_NONBLOCK);

    h.header = readFileHeader(path);
    if (h.header.mpegAudio) {
        openMpeg(path, h);
        return;
    }

    int code = 0;
    std::string text;
    {
        std::lock_guard lock(sfOpenMutex());
        h.file = sf_open_fd(h.fd, SFM_READ, &h.info, SF_FALSE);
        if (!h.file) {
            code = sf_error(nullptr);
            text = sf_strerror(nullptr);
        }
    }
    if (!h.file)
        failOpen(path, code, text);

    checkChannelCount(path, h.info.channels);
    checkSampleRate(path, h.info.samplerate);

    // libsndfile opens some cut Ogg files and just decodes less; the page structure tells.
    if (h.header.container == Container::Ogg && h.header.oggLastPageIncomplete)
        fail(AudioErrorKind::Truncated, path, "the file is truncated: it ends in the middle of an Ogg page");
}

std::optional<std::int64_t> promisedFrames(const ReadHandle& h)
{
    if (h.header.statedFrames) {
        const int rate = h.header.statedRate;
        if (rate == 0 || rate == h.info.samplerate)
            return h.header.statedFrames;
        return *h.header.statedFrames * h.info.samplerate / rate;
    }
    if (!headerStatesLength(h.info))
        return std::nullopt;
    const int major = h.info.format & SF_FORMAT_TYPEMASK;
    // libsndfile clamps WAV/AIFF lengths to the bytes present; the header itself does not.
    if ((major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX || major == SF_FORMAT_AIFF) && h.header.promisedFrames)
        return h.header.promisedFrames;
    if (h.info.frames > 0)
        return std::int64_t(h.info.frames);
    return std::nullopt;
}

double expectedFrames(const ReadHandle& h)
{
    return double(std::max<std::int64_t>(promisedFrames(h).value_or(h.info.frames), 1));
}

sf_count_t readFrames(ReadHandle& h, float* interleaved, sf_count_t frames)
{
    return h.mpeg ? sf_count_t(h.mpeg->read(interleaved, frames)) : sf_readf_float(h.file, interleaved, frames);
}

std::string decoderError(ReadHandle& h)
{
    if (h.mpeg)
        return h.mpeg->errorText();
    return sf_error(h.file) != SF_ERR_NO_ERROR ? std::string(sf_strerror(h.file)) : std::string();
}

std::int64_t decode(const std::string& path, ReadHandle& h, const BlockSink& sink,
                    const CheckingSink& checkingSink, std::int64_t splitAt,
                    const std::function<std::int64_t()>& takeTail)
{
    const int channels = h.info.channels;
    const std::optional<std::int64_t> promised = promisedFrames(h);

    std::vector<float> chunk(std::size_t(kChunkFrames) * std::size_t(channels));
    std::int64_t total = 0;
    for (;;) {
        sf_count_t want = kChunkFrames;
        if (takeTail && total < splitAt)
            want = std::min<sf_count_t>(want, splitAt - total);
        else if (takeTail && total == splitAt) {
            const std::int64_t tail = takeTail();
            if (tail >= 0) {
                total += tail;
                break;
            }
        }
        const sf_count_t got = readFrames(h, chunk.data(), want);
        if (got <= 0)
            break;
        if (checkingSink) {
            if (!checkingSink(chunk.data(), std::size_t(got)))
                failNonFinite(path, total + firstNonFinite(chunk.data(), std::size_t(got), channels));
            total += got;
            continue;
        }
        const std::int64_t bad = firstNonFinite(chunk.data(), std::size_t(got), channels);
        if (bad >= 0)
            failNonFinite(path, total + bad); // nothing after a NaN is worth decoding
        if (sink)
            sink(chunk.data(), std::size_t(got));
        total += got;
    }
    checkDecodeEnd(path, h, promised, total);
    return total;
}

AudioFileInfo describe(const std::string& path, const ReadHandle& h, std::int64_t frames)
{
    const SF_INFO& info = h.info;
    AudioFileInfo out;
    out.warnings = h.warnings;
    out.path = path;
    out.format = formatName(info);
    out.encoding = encodingName(info);
    out.channels = info.channels;
    out.sampleRate = info.samplerate;
    out.frames = frames;
    out.durationSeconds = double(frames) / double(info.samplerate);
    return out;
}

} // namespace earlab::detail
