#pragma once
// The slow part of a question, run on a worker thread (the app's) or at once (earlab-cli question): decode the material, cut the loop,
// measure its band energies, and loudness-match the variants. Pure functions of their
// inputs (no Qt objects, no engine), so they can run anywhere.

#include "exercises/material_ref.h"

#include "audio/audio_buffer.h"
#include "audio/treatment.h"
#include "exercises/exercise.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace earlab {

inline constexpr double kLoopSeconds = 15.0;

// The loop an exercise plays from one material, analysed once and reused for every question.
struct PreparedLoop {
    MaterialRef material;
    std::shared_ptr<const AudioBuffer> audio; // stereo, engine rate, just the loop region
    double startSeconds = 0;                  // where the loop starts in the material
    std::vector<double> octaveLevelsDb;       // bandLevelsDb over octaveCentresHz()
    std::vector<double> thirdLevelsDb;        // bandLevelsDb over thirdOctaveCentresHz(), 1/3 octave
    std::shared_ptr<const Multitrack> stems;  // the same region of each stem, for a multitrack material
};

// Throws AudioError when the file cannot be decoded. progress: 0..1, from this thread.
std::shared_ptr<const PreparedLoop> prepareLoop(const MaterialRef& material,
                                                const std::function<void(double)>& progress = {});

// What an exercise's ask() may know of the loop (exercise.h).
MaterialFacts factsOf(const PreparedLoop& loop);

// `treatment` with its gain set so it sounds as loud as the flat loop (unchanged when
// matching is off, or the treatment is flat, or the loop is silent).
Treatment matchedTreatment(const PreparedLoop& loop, Treatment treatment, bool matchLoudness);

} // namespace earlab
