#pragma once
// How much gain reduction a compressor setting really applies to a loop, and the threshold
// that makes it apply a wanted amount: what the compression exercise asks about.
//
// The measure ("N dB of gain reduction"): the loop is cut into 50 ms blocks; a block's gain
// reduction is the level difference between the dry and the compressed block (energy of
// both channels, 10 log10(dry / compressed)); the measure is the mean of that over the
// loudest 10 % of the dry loop's blocks. Why: what people call "6 dB of gain reduction" is
// what a compressor's meter swings to on the loud parts (the hits), read through the meter's
// ballistics of tens of milliseconds. The instantaneous maximum of the trace is a single
// sample's peak no meter shows, and a mean over the whole loop counts the gaps between hits
// where the compressor has released. The same measure is taken from two renders (dry and
// compressed, renderedGainReductionDb), so the claim can be checked against what plays.
//
// The model: the compressor of audio/dsp/compressor.h in Peak detection with a hard knee,
// stereo-linked, started from rest as an offline render starts it. Its gain reduction
// depends only on the per-frame level max(|L|, |R|) in dB, which is computed once; each
// threshold tried then costs one pass of the gain computer and the attack/release one-pole
// (no render, no exp per frame outside the loudest blocks). It performs the compressor's
// operations (same fastLn, same floor, same one-pole), so the trace equals the real one to
// rounding; tests/exercises/test_gain_reduction.cpp checks it against real renders.

#include "audio/audio_buffer.h"
#include "audio/treatment.h"

#include <QList>
#include <QPointF>

#include <cstddef>
#include <vector>

namespace earlab {

inline constexpr double kGainReductionBlockSeconds = 0.05;
inline constexpr double kGainReductionLoudestFraction = 0.10;

// What the measure needs of a loop, computed once per loop.
struct LoopDynamics {
    double sampleRate = 48000.0;
    std::size_t blockFrames = 2400;
    std::vector<double> levelDb;          // per frame: 20 log10 max(|L|, |R|) as the detector sees it
    std::vector<double> energy;           // per frame: L^2 + R^2
    std::vector<std::size_t> loudBlocks;  // the loudest 10 % of blocks (by dry energy), ascending
    std::vector<double> loudBlockEnergy;  // their dry energy, same order
    double peakDb = -200.0;               // the loop's sample peak, dBFS
    bool empty() const { return levelDb.empty() || loudBlocks.empty(); }
};

LoopDynamics analyseDynamics(const AudioBuffer& loop);

// The measure above from two renders of the same loop (stereo or mono, same length), dB.
double renderedGainReductionDb(const LoopDynamics& dynamics, const AudioBuffer& compressed);

// The measure of the model's gain reduction with `settings`, dB. settings: Peak detection,
// hard knee (anything else throws std::invalid_argument: the model would not match).
double modelGainReductionDb(const LoopDynamics& dynamics, const CompressorSettings& settings);

// The whole compressed loop as the model sees it: its trace, its sample peak and how much
// quieter it got overall (energy, both channels), from which the peak after loudness matching
// is foreseen (peakDb + levelDropDb; BS.1770 weights and gates, so this is an estimate).
struct CompressedLoop {
    std::vector<float> trace; // per frame, dB
    double peakDb = -200.0;   // dBFS, before loudness matching
    double levelDropDb = 0.0; // 10 log10(dry energy / compressed energy) over the whole loop
};
CompressedLoop compressLoop(const LoopDynamics& dynamics, const CompressorSettings& settings);

struct ThresholdSearch {
    double thresholdDb = 0.0;     // dBFS, in [kLowestThresholdDb, 0]
    double gainReductionDb = 0.0; // the measure at that threshold
    bool reached = false;         // within kGainReductionToleranceDb of the target
};

inline constexpr double kLowestThresholdDb = -60.0; // CompressorSettings' range
inline constexpr double kGainReductionToleranceDb = 0.5;

// The threshold at which `settings` (ratio, attack, release; its threshold ignored) reduces
// the loop by targetDb by the measure: regula falsi (Illinois) on the threshold, bracketed
// by -60 dBFS and the loop's peak (the measure falls monotonically as the threshold rises),
// to 0.02 dB of the target. When even the lowest
// threshold falls short by more than kGainReductionToleranceDb, `reached` is false.
ThresholdSearch findThreshold(const LoopDynamics& dynamics, CompressorSettings settings, double targetDb);

// A per-frame trace as at most maxPoints points (seconds, dB), each the largest value of its
// span, so the hits a meter shows are not averaged away.
QList<QPointF> downsampleTrace(const std::vector<float>& trace, double sampleRate, int maxPoints = 600);

} // namespace earlab
