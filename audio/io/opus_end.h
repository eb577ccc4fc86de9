#pragma once
// The end of an Ogg Opus file written by libsndfile 1.2.0, made clean.
//
// libsndfile's writer (ogg_opus.c, ogg_opus_flush) ends the stream badly in two cases,
// measured on a 12 kHz sine at -1 dBFS faded to zero at its end (decoded by opusdec too, so
// the damage is in the file, not in our decoding):
//  - when the frames left over after the last whole 20 ms packet, plus the encoder's
//    look-ahead (the pre-skip, 312 samples at 48 kHz), need more than one packet, it encodes
//    its packet buffer a second time without clearing it: the last 10 ms of audio again
//    instead of silence, and that ringing lands on the last decoded samples (+15 dBTP on the
//    sine, 24 samples alternating at full scale);
//  - when they fit in 10 ms or less, it shortens the last packet to 2.5, 5 or 10 ms, and the
//    frame-size change rings the same way (+2 dBTP).
// Only a last packet of a whole 20 ms, holding the leftover, the look-ahead and silence, ends
// cleanly. So the writer appends a little silence to reach that case (opusEndPaddingFrames),
// and once the file is closed takes it back off by lowering the end-of-stream page's granule
// position by as much (trimOggOpusEnd): RFC 7845 section 4.4 end trimming, which every
// decoder (libsndfile's, libopusfile's) honours, so the decoded length stays the caller's.

#include <cstdint>
#include <string>

namespace earlab::detail {

// libopus's look-ahead, and so libsndfile's pre-skip, in 48 kHz samples (2.5 ms of MDCT
// overlap plus 4 ms of delay compensation) when the file's own cannot be read.
inline constexpr int kOpusDefaultPreskip = 312;

// The OpusHead pre-skip of the Ogg Opus file being written to `fd` (its header pages are on
// disk once audio has been written), or kOpusDefaultPreskip if it cannot be read. Reads with
// pread: the encoder's file position is left alone.
int opusPreskip(int fd);

// Frames of silence (at fileRate: 8, 12, 16, 24 or 48 kHz) to append after `frames` frames so
// that libsndfile's last packet is a single whole 20 ms packet. 0 when none are needed.
std::uint64_t opusEndPaddingFrames(std::uint64_t frames, int fileRate, int preskip48);

// Lowers the granule position of the end-of-stream page of the Ogg file open as `fd` (the
// FileReplacement's temporary, read and written in place before it is committed) by
// `samples48` (48 kHz samples), its CRC recomputed. Returns an empty string, or what went
// wrong (the file was then left as it was).
std::string trimOggOpusEnd(int fd, std::uint64_t samples48);

} // namespace earlab::detail
