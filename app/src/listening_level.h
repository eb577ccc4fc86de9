#pragma once
// The listening level in dB SPL, estimated from the output meter and a calibration the user
// makes once (Settings, "Calibrate output level"): EarLab plays pink noise at a known RMS
// level, the user reads an SPL meter (or a phone app) at the listening position and enters
// the reading. From then on
//
//     estimated SPL = output RMS (dBFS, after EarLab's output level) + offset,
//     offset        = SPL reading − (kCalibrationNoiseDbfs + EarLab's output level then).
//
// The meter sits after EarLab's output level, so changing that level later is accounted for;
// what EarLab cannot see is the volume after it (the interface's knob, the amplifier, the
// system mixer): the estimate holds only while that stays where it was at calibration.
// docs/practice_plan.md has the procedure.

#include <cmath>
#include <limits>

namespace earlab::app {

// The calibration noise's RMS level in every channel, dBFS, before EarLab's output level.
inline constexpr double kCalibrationNoiseDbfs = -20.0;
// An SPL meter's "slow" time weighting, s: the displayed level follows music this smoothly.
inline constexpr double kListeningLevelSeconds = 1.0;
// Below this output level (dBFS RMS) nothing is shown: silence has no SPL worth a number.
inline constexpr double kListeningLevelFloorDbfs = -80.0;

// The offset of a calibration: `readingDbSpl`, the meter's reading [30 to 130 dB SPL],
// while EarLab played the calibration noise at its output level `outputLevelDb` [-60 to 0].
double calibrationOffsetDb(double readingDbSpl, double outputLevelDb);
// The estimate for an output RMS level `outputRmsDbfs`; NaN without a calibration (NaN offset).
double estimatedSplDb(double outputRmsDbfs, double offsetDb);

// The mean power of the two channels as one level, dBFS: what the calibration noise reads
// as kCalibrationNoiseDbfs + output level (each channel has that RMS). -120 for silence.
double stereoRmsDbfs(double leftRms, double rightRms);

// An exponential average of power with time constant kListeningLevelSeconds, fed with
// irregular intervals (the meter is polled, not clocked).
class LevelAverager {
public:
    // `rmsDbfs`, the level of the last buffer; `elapsedSeconds` since the previous add (>= 0).
    void add(double rmsDbfs, double elapsedSeconds);
    void reset() { m_power = -1; }
    double levelDbfs() const; // -120 before the first add
private:
    double m_power = -1; // < 0: empty
};

} // namespace earlab::app
