#pragma once
// The built-in musical loops: what the app offers besides the user's own music and pink
// noise (pink noise is no file: the app makes it with dsp::makePinkNoise). The audio itself
// is synthesised at build time by earlab-make-assets (assets/generator/) into
// materialDirectory(); this catalogue only names it. Plain C++, standard library only.

#include <string>
#include <utility>
#include <vector>

namespace earlab {

struct BuiltinLoop {
    std::string id;     // stable key for the progress store: "builtin:<id>" ("pop-rock", ...)
    std::string title;  // shown in the UI ("Pop-rock in G")
    std::string style;  // "pop-rock", "electronic", "acoustic-jazz"
    double bpm = 0;     // beats per minute, quarter notes
    double seconds = 0; // exact loop length, s (a whole number of bars; the loop is seamless)
    std::string mixFile; // file name inside materialDirectory(): the sum of the stems
    std::vector<std::pair<std::string, std::string>> stems; // name -> file name, in the order
                                                            // drums, bass, harmony, melody
};

// The three loops, in a fixed order. Every file is 48 kHz stereo 32-bit float WAV; the mix
// is the exact sample sum of its stems (mix gain 1 for every stem), peaks below -1 dBFS and
// measures -16 LUFS integrated unless that would leave too little headroom for a stem raised
// 6 dB (acoustic-jazz: -17.6 LUFS); every stem is clearly audible in it (muting any one
// lowers the mix by at least 1 LU; tests/assets/test_stem_balance.cpp).
const std::vector<BuiltinLoop>& builtinLoops();

// The loop with this id, or nullptr.
const BuiltinLoop* findBuiltinLoop(const std::string& id);

// Where the generated files are, first match wins:
//   1. $EARLAB_MATERIAL_DIR, if set and not empty (taken as it is, even if missing);
//   2. the build tree's material directory, when the running executable lives inside the
//      build tree and the directory exists (running from the build);
//   3. <executable dir>/../share/earlab/material, if it exists (installed, relocatable);
//   4. the build tree's material directory, if it exists;
//   5. the configured install prefix's share/earlab/material (may not exist: callers report
//      the missing file by its full path).
std::string materialDirectory();

// materialDirectory() joined with a file name from the catalogue.
std::string materialPath(const std::string& fileName);

} // namespace earlab
