#include "audio/io/mpeg_decoder.h"

#include <mpg123.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>

namespace earlab::detail {

namespace {

// mpg123_init() fills static tables; the library asks for one call before any handle.
bool initOnce()
{
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] { ok = mpg123_init() == MPG123_OK; });
    return ok;
}

int layerOf(mpg123_handle* h)
{
    mpg123_frameinfo fi{};
    if (mpg123_info(h, &fi) == MPG123_OK && fi.layer >= 1 && fi.layer <= 3)
        return fi.layer;
    return 3;
}

} // namespace

std::unique_ptr<MpegDecoder> MpegDecoder::open(int fd, std::string& error)
{
    if (!initOnce()) {
        error = "libmpg123 cannot start";
        return nullptr;
    }
    int code = MPG123_OK;
    mpg123_handle* h = mpg123_new(nullptr, &code);
    if (!h) {
        error = mpg123_plain_strerror(code);
        return nullptr;
    }
    std::unique_ptr<MpegDecoder> d(new MpegDecoder);
    d->handle_ = h;
    // libsndfile's flags (mpeg_decode.c) less MPG123_NO_FRANKENSTEIN, plus MPG123_QUIET.
    mpg123_param(h, MPG123_REMOVE_FLAGS, MPG123_AUTO_RESAMPLE, 0.0);
    mpg123_param(h, MPG123_ADD_FLAGS, MPG123_FORCE_FLOAT | MPG123_GAPLESS | MPG123_QUIET, 0.0);
    // Damage can leave more than libmpg123's default 1024 bytes between two good frames;
    // search on to the end of the file rather than stop the song there.
    mpg123_param(h, MPG123_RESYNC_LIMIT, -1, 0.0);
    long rate = 0;
    int channels = 0, encoding = 0;
    if (mpg123_open_fd(h, fd) != MPG123_OK || mpg123_getformat(h, &rate, &channels, &encoding) != MPG123_OK) {
        error = mpg123_strerror(h);
        return nullptr;
    }
    // No format table of our own: restricting it to this rate would make libmpg123 fail on a
    // frame whose corrupted header names another; decodeFrame() drops such frames instead.
    d->rate_ = int(rate);
    d->channels_ = channels;
    d->layer_ = layerOf(h);
    return d;
}

MpegDecoder::~MpegDecoder()
{
    if (handle_) {
        mpg123_close(handle_);
        mpg123_delete(handle_);
    }
}

std::int64_t MpegDecoder::lengthEstimate() const
{
    const off_t n = mpg123_length(handle_);
    return n >= 0 ? std::int64_t(n) : -1;
}

bool MpegDecoder::decodeFrame()
{
    pending_.clear();
    pendingPos_ = 0;
    const auto failed = [&](int r) {
        error_ = mpg123_plain_strerror(r == MPG123_ERR ? mpg123_errcode(handle_) : r);
        ended_ = true;
        return false;
    };
    for (;;) {
        // Parse first, decode after: mpg123_decode_frame() does both, and would decode a
        // frame whose damaged header names another layer, where libmpg123's layer II
        // decoder prints on stderr whatever MPG123_QUIET says.
        // The first frame was parsed by open()'s mpg123_getformat() and waits to be decoded.
        const int next = parsedFirst_ ? MPG123_OK : mpg123_framebyframe_next(handle_);
        parsedFirst_ = false;
        if (next == MPG123_DONE) {
            ended_ = true;
            return false;
        }
        if (next != MPG123_OK && next != MPG123_NEW_FORMAT)
            return failed(next);
        mpg123_frameinfo fi{};
        if (mpg123_info(handle_, &fi) != MPG123_OK)
            return failed(MPG123_ERR);
        const std::int64_t pos = std::int64_t(mpg123_framepos(handle_));
        if (nextFramePos_ >= 0 && pos > nextFramePos_)
            ++resyncs_;
        nextFramePos_ = pos + fi.framesize;
        const int channels = fi.mode == MPG123_M_MONO ? 1 : 2;
        if (fi.layer != layer_ || fi.rate != rate_ || channels != channels_) {
            ++dropped_;
            continue;
        }
        off_t num = 0;
        unsigned char* audio = nullptr;
        std::size_t bytes = 0;
        const int r = mpg123_framebyframe_decode(handle_, &num, &audio, &bytes);
        if (r != MPG123_OK)
            return failed(r);
        ++mpegFrames_;
        if (bytes == 0)
            continue; // gapless trimming can swallow a whole frame
        const std::size_t n = bytes / sizeof(float);
        pending_.resize(n);
        std::memcpy(pending_.data(), audio, n * sizeof(float));
        float peak = 0.0f;
        for (float v : pending_)
            peak = std::max(peak, std::abs(v));
        if (peak > kGarbledPeak) {
            std::fill(pending_.begin(), pending_.end(), 0.0f);
            ++muted_;
        }
        return true;
    }
}

std::int64_t MpegDecoder::read(float* dst, std::int64_t frames)
{
    const std::size_t ch = std::size_t(channels_);
    std::int64_t done = 0;
    while (done < frames) {
        if (pendingPos_ == pending_.size()) {
            if (ended_ || !decodeFrame())
                break;
        }
        const std::size_t avail = (pending_.size() - pendingPos_) / ch;
        const std::size_t n = std::min<std::size_t>(avail, std::size_t(frames - done));
        std::memcpy(dst + std::size_t(done) * ch, pending_.data() + pendingPos_, n * ch * sizeof(float));
        pendingPos_ += n * ch;
        done += std::int64_t(n);
    }
    if (done == 0 && !error_.empty())
        return -1;
    return done;
}

} // namespace earlab::detail
