#pragma once
// Hearing care: how long the user has listened since the last break (a banner suggests one
// after 45 minutes, break_reminder.h), and the listening level in dB SPL against a calibration
// the user makes once in Settings (listening_level.h). The clock is injectable so tests run
// the 45 minutes in no time; the app's is monotonic (sleep and clock changes do not count).

#include "app/src/break_reminder.h"
#include "app/src/listening_level.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace earlab::app {

class AudioOutput;
class BannerState;
class Preferences;

class HearingCare : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("HearingCare belongs to App")
    Q_PROPERTY(int listenedMinutes READ listenedMinutes NOTIFY listeningChanged)
    Q_PROPERTY(bool breakDue READ breakDue NOTIFY listeningChanged)
    Q_PROPERTY(bool calibrated READ calibrated NOTIFY calibrationChanged)
    Q_PROPERTY(bool calibrating READ calibrating NOTIFY calibrationChanged)
    // "Calibrated on 3 Dec 2026 (offset 96.0 dB)." or "Not calibrated."
    Q_PROPERTY(QString calibrationText READ calibrationText NOTIFY calibrationChanged)
    // Why the last calibration step failed (a reading out of range, a session running), or "".
    Q_PROPERTY(QString calibrationProblem READ calibrationProblem NOTIFY calibrationChanged)
    // The estimate while something plays and a calibration exists (NaN otherwise).
    Q_PROPERTY(double listeningLevelDb READ listeningLevelDb NOTIFY levelChanged)
    Q_PROPERTY(QString listeningLevelText READ listeningLevelText NOTIFY levelChanged) // "≈ 78 dB SPL", or ""

public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic
    // The SPL readings saveCalibration() accepts, dB SPL.
    static constexpr double kMinReading = 30.0, kMaxReading = 130.0;

    HearingCare(Preferences* preferences, AudioOutput* audio, BannerState* banner, QObject* parent = nullptr);

    // Replaces the clock (tests); the count restarts at the new clock's now.
    void setClock(Clock clock);
    // A training session runs (listening time counts even while nothing plays: the user is
    // answering from what they heard).
    void setTraining(bool training);
    // Asked before the calibration noise takes the output: false (with the reason) refuses.
    void setOutputGuard(std::function<QString()> guard) { m_guard = std::move(guard); }

    int listenedMinutes() const;
    bool breakDue() const;
    bool calibrated() const;
    bool calibrating() const { return m_calibrating; }
    QString calibrationText() const;
    QString calibrationProblem() const { return m_calibrationProblem; }
    double listeningLevelDb() const;
    QString listeningLevelText() const;

    // Re-reads the clock: updates the minutes and the banner. The app's timer calls it every
    // 15 s; tests call it after moving their clock.
    Q_INVOKABLE void update();
    // "I took a break" (and dismissing the suggestion): the count starts again now.
    Q_INVOKABLE void tookBreak();
    // Plays the calibration noise (kCalibrationNoiseDbfs RMS per channel, looped); false when
    // the output cannot be taken now (calibrationProblem says why).
    Q_INVOKABLE bool startCalibration();
    Q_INVOKABLE void stopCalibration();
    // Saves the SPL meter's reading for the noise playing now; false (calibrationProblem says
    // why) for a reading outside kMinReading..kMaxReading or while the noise is not playing.
    Q_INVOKABLE bool saveCalibration(double readingDbSpl);
    Q_INVOKABLE void forgetCalibration();

signals:
    void listeningChanged();
    void calibrationChanged();
    void levelChanged();

private:
    void evaluateListening();
    void meter();
    void setProblem(const QString& problem);

    Preferences* m_preferences;
    AudioOutput* m_audio;
    BannerState* m_banner;
    Clock m_clock;
    BreakReminder m_reminder;
    QTimer m_timer;
    std::function<QString()> m_guard;
    bool m_training = false;
    bool m_calibrating = false;
    QString m_calibrationProblem;
    LevelAverager m_level;
    qint64 m_lastMeterMs = -1;
    int m_shownMinutes = 0;
    bool m_shownDue = false;
};

} // namespace earlab::app
