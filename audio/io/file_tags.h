#pragma once
// Tags an audio file carries about its music, as libsndfile reads them (1.2.0, checked by
// tests/exercises/test_library_genre: WAV LIST/INFO "IGNR", FLAC and Ogg Vorbis/Opus "GENRE"
// comments, MP3 ID3v2 "TCON"; AIFF holds no genre for libsndfile).

#include <string>

namespace earlab {

// The file's genre tag with surrounding white space removed, as stored (an ID3 numeric code
// such as "(17)" is not translated); empty when the file has none or cannot be opened. A
// separate, header-only open of the file: call it on a file already decoded (loadAudioFile
// refuses FIFOs and devices, which an open here could block on). Never throws.
std::string genreTag(const std::string& path) noexcept;

} // namespace earlab
