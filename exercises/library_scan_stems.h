#pragma once
// A folder of the user's stems as one multitrack source: its audio files (not recursive, at
// least 2, at most kMaxStems, read as any file the library scans) are the stems, named after
// their files and sorted as audioFilesIn sorts them; there is no mix file, the mix is their
// sum at unity gain. The stems must have one length: the same duration to within one sample
// period (of the lower rate when two files' rates differ). Stems at other rates than the
// first file's are resampled to it for the scan (prepareLoop resamples every stem to the
// engine's rate, as it does any file), and the sum is as long as the shortest stem, which is
// at most one sample shorter than the others.
//
// A scan of a folder measures that mix as scanFile measures a file (loudness, octave levels,
// the densest 15 s, the overview), so everything the library does with files (regions,
// pinning, loudness matching) holds for it.

#include "exercises/library_scan.h"
#include "exercises/material_ref.h"

#include "audio/audio_buffer.h"
#include "audio/io/audio_file.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace earlab {

// Why `folder` cannot be a folder of stems, judged from its listing alone (no file is
// opened): "<folder>: not a folder", "<folder>: a folder of stems needs at least 2 audio
// files (…); it holds 1", "… holds 40 audio files; a multitrack has at most 32 stems". Empty
// when it may be one: its scan decides.
QString stemFolderRefusal(const QString& folder);

// Scans `folder` as one multitrack (result.stemFolder = true, result.stems its files),
// with progress and cancel as scanFile. Refused (ok = false, one message naming the file
// and the cause) besides the listing's refusals and the scan of a file's: a stem that
// cannot be read (the reader's diagnosis of that file), a silent or too short stem, and
// stems of different lengths: "<file> is 3:12.4 long, the others 3:12.0" (the length most
// files share; more decimals when those would look the same). format: the stems' formats
// ("WAV", or "WAV + FLAC"); channels: the most any stem has; sampleRate: the first stem's;
// warnings: every stem's; genre: the first stem's genre tag that is not empty.
ScanResult scanStemFolder(const QString& folder, const std::function<void(double)>& progress = {},
                          const std::atomic<bool>* cancel = nullptr);

// The stems' names: their files' base names ("Bass.wav" → "Bass"); the whole file name for
// files whose base names coincide ("kick.wav", "kick.flac").
QStringList stemNames(const QStringList& stemFiles);

// The folder a successful scanStemFolder measured as material (a UserFile with its stems,
// `path` the folder, mixOfStems, its region and genre).
MaterialRef stemFolderMaterial(const ScanResult& scan);

// The stems' sum at unity gain: each file decoded with `options` (its progress replaced:
// `progress` gets the stem's index and that file's fraction), one stem in memory at a time
// besides the sum. Throws AudioError naming the file that cannot be decoded; an empty list
// gives an empty buffer.
AudioBuffer loadStemMix(const QStringList& stemFiles, const LoadOptions& options,
                        const std::function<void(int, double)>& progress = {});

// Adds `stem` into `mix` at unity gain (`mix` empty: it becomes `stem`). Both at one rate and
// channel count; the sum is as long as the shorter of the two.
void addStem(AudioBuffer& mix, AudioBuffer&& stem);

} // namespace earlab
