#pragma once
// MPEG audio (MP3, MP2) decoded with libmpg123 directly rather than through libsndfile.
// Internal to audio/io.
//
// Why not libsndfile's MPEG reader: its mpg123 handle is private (psf->codec_data), so
// MPG123_QUIET cannot be set and every damaged frame prints "[src/libmpg123/...] error: ..."
// on the process's stderr; and it sets MPG123_NO_FRANKENSTEIN and treats a mid-stream
// format change as the end, so one damaged frame header ends the song (a 60 s file with 3000
// flipped bytes decoded as 1.46 s, exit 0). Redirecting fd 2 around each decode call would
// have captured the chatter, but fd 2 is process-wide: while a worker decodes, every other
// thread's log lines would land in the capture too. A handle of our own is thread-safe,
// silent (MPG123_QUIET), and lets us count the damage ourselves: each resynchronisation is a
// gap between one frame's end and the next frame's start, frames at a different layer, rate
// or channel count (a corrupted header) are dropped, and frames that decode to samples far
// above full scale (corrupted scale factors) are muted, each counted. Same flags as libsndfile
// otherwise (float output, gapless, no resampling), so the samples are the ones it gives.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct mpg123_handle_struct; // mpg123.h's mpg123_handle

namespace earlab::detail {

class MpegDecoder {
public:
    // Opens the stream on `fd` (not taken over: the caller closes it) and reads the first
    // frame. Returns nullptr if libmpg123 finds no MPEG audio; `error` then holds its text.
    static std::unique_ptr<MpegDecoder> open(int fd, std::string& error);
    ~MpegDecoder();
    MpegDecoder(const MpegDecoder&) = delete;
    MpegDecoder& operator=(const MpegDecoder&) = delete;

    int sampleRate() const { return rate_; }
    int channels() const { return channels_; }
    int layer() const { return layer_; }          // 1, 2 or 3
    std::int64_t lengthEstimate() const;          // libmpg123's, frames; -1 if unknown

    // Decodes up to `frames` interleaved float frames into dst. Returns the count, 0 at the
    // end; -1 on a decoder error (errorText()).
    std::int64_t read(float* dst, std::int64_t frames);

    const std::string& errorText() const { return error_; }
    std::int64_t framesDecoded() const { return mpegFrames_; } // MPEG frames played
    int resyncs() const { return resyncs_; }                    // gaps where bytes were skipped
    int droppedFrames() const { return dropped_; }              // frames at a wrong format
    int mutedFrames() const { return muted_; }                  // frames decoded to garbage, muted

    // A damaged frame's scale factors can decode to samples thousands of times full scale
    // (a 60 s file with 3000 flipped bytes measured +69 LUFS instead of -31): a frame with a
    // sample above +6 dBFS is muted, its length kept. A lossy encode of a master limited at
    // 0 dBFS decodes to overs of a dB or two, never near +6 dB. (At +12 dBFS the damaged
    // file still measured +3 to +8 dB too loud; at +6 dBFS, 1 dB.)
    static constexpr float kGarbledPeak = 2.0f;

private:
    MpegDecoder() = default;
    bool decodeFrame(); // refills pending_; false at the end or on an error

    ::mpg123_handle_struct* handle_ = nullptr;
    int rate_ = 0, channels_ = 0, layer_ = 3;
    std::vector<float> pending_;
    std::size_t pendingPos_ = 0;
    std::int64_t nextFramePos_ = -1;
    std::int64_t mpegFrames_ = 0;
    int resyncs_ = 0, dropped_ = 0, muted_ = 0;
    bool ended_ = false;
    bool parsedFirst_ = true;
    std::string error_;
};

} // namespace earlab::detail
