#include "app/src/hearing_care.h"

#include "app/src/audio_output.h"
#include "app/src/banner_state.h"
#include "app/src/preferences.h"

#include "audio/dsp/pink_noise.h"
#include "audio/engine/player_config.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>

#include <cmath>
#include <limits>
#include <memory>

namespace earlab::app {

namespace {
constexpr int kUpdateMs = 15000;
constexpr double kCalibrationLoopSeconds = 10.0;
constexpr std::uint64_t kCalibrationSeed = 20;

HearingCare::Clock monotonicClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}
} // namespace

HearingCare::HearingCare(Preferences* preferences, AudioOutput* audio, BannerState* banner, QObject* parent)
    : QObject(parent), m_preferences(preferences), m_audio(audio), m_banner(banner), m_clock(monotonicClock()),
      m_reminder(m_clock())
{
    m_timer.setInterval(kUpdateMs);
    connect(&m_timer, &QTimer::timeout, this, &HearingCare::update);
    m_timer.start();
    connect(m_audio, &AudioOutput::playingChanged, this, &HearingCare::evaluateListening);
    connect(m_audio, &AudioOutput::playingChanged, this, &HearingCare::meter); // stopped: no level
    connect(m_audio, &AudioOutput::positionChanged, this, &HearingCare::meter);
    connect(m_preferences, &Preferences::calibrationChanged, this, [this] {
        emit calibrationChanged();
        emit levelChanged();
    });
}

void HearingCare::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_reminder = BreakReminder(m_clock());
    m_lastMeterMs = -1;
    evaluateListening();
}

void HearingCare::setTraining(bool training)
{
    m_training = training;
    evaluateListening();
}

void HearingCare::evaluateListening()
{
    m_reminder.setListening(m_training || m_audio->playing(), m_clock());
    update();
}

int HearingCare::listenedMinutes() const { return int(m_reminder.listenedMs(m_clock()) / 60000); }

bool HearingCare::breakDue() const { return m_reminder.breakDue(m_clock()); }

void HearingCare::update()
{
    const int minutes = listenedMinutes();
    const bool due = breakDue();
    if (minutes != m_shownMinutes || due != m_shownDue) {
        m_shownMinutes = minutes;
        m_shownDue = due;
        emit listeningChanged();
    }
    m_banner->setBreakSuggestion(
        due ? tr("You have listened for %1 minutes without a break. Ears tire before they tell you: a pause of "
                 "%2 minutes in quiet lets them recover, and the answers after it count for more.")
                  .arg(minutes)
                  .arg(kNaturalBreakMs / 60000)
            : QString());
}

void HearingCare::tookBreak()
{
    m_reminder.tookBreak(m_clock());
    m_reminder.setListening(false, m_clock());
    evaluateListening();
}

bool HearingCare::calibrated() const { return m_preferences->calibrated(); }

QString HearingCare::calibrationText() const
{
    if (!calibrated())
        return tr("Not calibrated.");
    return tr("Calibrated on %1 (offset %2 dB), with EarLab's output level then at %3 dB.")
        .arg(QLocale().toString(m_preferences->calibratedAt().toLocalTime().date(), QLocale::ShortFormat))
        .arg(m_preferences->calibrationOffsetDb(), 0, 'f', 1)
        .arg(m_preferences->calibrationOutputLevelDb(), 0, 'f', 1);
}

void HearingCare::setProblem(const QString& problem)
{
    m_calibrationProblem = problem;
    emit calibrationChanged();
}

bool HearingCare::startCalibration()
{
    if (m_guard) {
        const QString why = m_guard();
        if (!why.isEmpty()) {
            setProblem(why);
            return false;
        }
    }
    Scene scene;
    Variant noise;
    noise.source = std::make_shared<const AudioBuffer>(dsp::makePinkNoise(
        kCalibrationLoopSeconds, kEngineSampleRate, kCalibrationNoiseDbfs, kCalibrationSeed, 2, false));
    noise.label = "calibration noise";
    scene.variants.push_back(std::move(noise));
    m_audio->setLooping(true);
    m_audio->load(scene);
    m_audio->select(0);
    m_audio->play();
    m_calibrating = true;
    setProblem({});
    return true;
}

void HearingCare::stopCalibration()
{
    if (!m_calibrating)
        return;
    m_audio->stop();
    m_audio->unload();
    m_calibrating = false;
    emit calibrationChanged();
}

bool HearingCare::saveCalibration(double readingDbSpl)
{
    if (!m_calibrating) {
        setProblem(tr("Play the calibration noise first, then enter what the meter reads."));
        return false;
    }
    if (!std::isfinite(readingDbSpl) || readingDbSpl < kMinReading || readingDbSpl > kMaxReading) {
        setProblem(tr("%1 dB SPL is not a reading of this noise: enter the meter's value, between %2 and %3 dB SPL.")
                       .arg(readingDbSpl)
                       .arg(kMinReading)
                       .arg(kMaxReading));
        return false;
    }
    const double level = m_preferences->outputLevelDb();
    m_preferences->setCalibration(calibrationOffsetDb(readingDbSpl, level), level, QDateTime::currentDateTimeUtc());
    stopCalibration();
    setProblem({});
    return true;
}

void HearingCare::forgetCalibration()
{
    m_preferences->setCalibration(std::numeric_limits<double>::quiet_NaN(), 0, {});
}

void HearingCare::meter()
{
    const qint64 now = m_clock();
    if (!m_audio->playing()) {
        if (m_lastMeterMs >= 0) {
            m_level.reset();
            m_lastMeterMs = -1;
            emit levelChanged();
        }
        return;
    }
    m_level.add(m_audio->rmsDb(), m_lastMeterMs < 0 ? 0.0 : double(now - m_lastMeterMs) / 1000.0);
    m_lastMeterMs = now;
    emit levelChanged();
}

double HearingCare::listeningLevelDb() const
{
    if (m_lastMeterMs < 0 || !calibrated() || m_level.levelDbfs() < kListeningLevelFloorDbfs)
        return std::numeric_limits<double>::quiet_NaN();
    return estimatedSplDb(m_level.levelDbfs(), m_preferences->calibrationOffsetDb());
}

QString HearingCare::listeningLevelText() const
{
    const double spl = listeningLevelDb();
    return std::isnan(spl) ? QString() : tr("≈ %1 dB SPL").arg(std::lround(spl));
}

} // namespace earlab::app
