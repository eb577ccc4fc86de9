#include "app/src/preferences.h"

#include <QSettings>

#include <algorithm>

namespace earlab::app {

Preferences::Preferences(const QString& settingsFile, QObject* parent)
    : QObject(parent),
      m_settings(settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                        : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    m_deviceName = m_settings->value("audio/device").toString();
    m_bufferFrames = std::clamp(m_settings->value("audio/bufferFrames", 256).toInt(), 64, 4096);
    m_crossfadeMs = std::clamp(m_settings->value("audio/crossfadeMs", 10.0).toDouble(), 0.0, 50.0);
    m_outputLevelDb = std::clamp(m_settings->value("audio/outputLevelDb", -6.0).toDouble(), -60.0, 0.0);
    m_loudnessMatching = m_settings->value("audio/loudnessMatching", true).toBool();
    m_materialId = m_settings->value("library/material").toString();
    m_trainingMode = TrainingMusicChoice::modeName(
        TrainingMusicChoice::modeFromName(m_settings->value("training/musicMode").toString()));
    m_trainingTracks = m_settings->value("training/musicTracks").toStringList();
    m_trainingGenre = m_settings->value("training/musicGenre").toString();
    m_questionsPerSession =
        std::clamp(m_settings->value("training/questionsPerSession", 10).toInt(), kMinQuestions, kMaxQuestions);
    bool ok = false;
    const double offset = m_settings->value("hearing/calibrationOffsetDb").toDouble(&ok);
    if (ok && std::isfinite(offset)) { // a hand-edited file with garbage: not calibrated
        m_calibrationOffsetDb = offset;
        m_calibratedAt = m_settings->value("hearing/calibratedAt").toDateTime();
        m_calibrationOutputLevelDb = m_settings->value("hearing/calibrationOutputLevelDb").toDouble();
    }
}

void Preferences::setCalibration(double offsetDb, double outputLevelDb, const QDateTime& at)
{
    if (!std::isfinite(offsetDb)) {
        m_calibrationOffsetDb = std::numeric_limits<double>::quiet_NaN();
        m_calibratedAt = {};
        m_settings->remove("hearing/calibrationOffsetDb");
        m_settings->remove("hearing/calibratedAt");
        m_settings->remove("hearing/calibrationOutputLevelDb");
    } else {
        m_calibrationOffsetDb = offsetDb;
        m_calibratedAt = at.toUTC();
        m_calibrationOutputLevelDb = outputLevelDb;
        m_settings->setValue("hearing/calibrationOffsetDb", offsetDb);
        m_settings->setValue("hearing/calibratedAt", m_calibratedAt);
        m_settings->setValue("hearing/calibrationOutputLevelDb", outputLevelDb);
    }
    emit calibrationChanged();
}

Preferences::~Preferences() = default;

void Preferences::setDeviceName(const QString& name)
{
    if (name == m_deviceName)
        return;
    m_deviceName = name;
    m_settings->setValue("audio/device", name);
    emit deviceNameChanged();
}

void Preferences::setBufferFrames(int frames)
{
    frames = std::clamp(frames, 64, 4096);
    if (frames == m_bufferFrames)
        return;
    m_bufferFrames = frames;
    m_settings->setValue("audio/bufferFrames", frames);
    emit bufferFramesChanged();
}

void Preferences::setCrossfadeMs(double ms)
{
    ms = std::clamp(ms, 0.0, 50.0);
    if (ms == m_crossfadeMs)
        return;
    m_crossfadeMs = ms;
    m_settings->setValue("audio/crossfadeMs", ms);
    emit crossfadeMsChanged();
}

void Preferences::setOutputLevelDb(double db)
{
    db = std::clamp(db, -60.0, 0.0);
    if (db == m_outputLevelDb)
        return;
    m_outputLevelDb = db;
    m_settings->setValue("audio/outputLevelDb", db);
    emit outputLevelDbChanged();
}

void Preferences::setLoudnessMatching(bool on)
{
    if (on == m_loudnessMatching)
        return;
    m_loudnessMatching = on;
    m_settings->setValue("audio/loudnessMatching", on);
    emit loudnessMatchingChanged();
}

void Preferences::setMaterialId(const QString& id)
{
    if (id == m_materialId)
        return;
    m_materialId = id;
    m_settings->setValue("library/material", id);
    emit materialIdChanged();
}

void Preferences::setTrainingMode(const QString& mode)
{
    const QString name = TrainingMusicChoice::modeName(TrainingMusicChoice::modeFromName(mode));
    if (name == m_trainingMode)
        return;
    m_trainingMode = name;
    m_settings->setValue("training/musicMode", name);
    emit trainingMusicChanged();
}

void Preferences::setTrainingTracks(const QStringList& ids)
{
    if (ids == m_trainingTracks)
        return;
    m_trainingTracks = ids;
    m_settings->setValue("training/musicTracks", ids);
    emit trainingMusicChanged();
}

void Preferences::setTrainingTicked(const QString& materialId, bool ticked)
{
    QStringList ids = m_trainingTracks;
    ids.removeAll(materialId);
    if (ticked)
        ids << materialId;
    setTrainingTracks(ids);
}

void Preferences::setTrainingGenre(const QString& genre)
{
    if (genre == m_trainingGenre)
        return;
    m_trainingGenre = genre;
    m_settings->setValue("training/musicGenre", genre);
    emit trainingMusicChanged();
}

TrainingMusicChoice Preferences::trainingMusic() const
{
    return {TrainingMusicChoice::modeFromName(m_trainingMode), m_materialId, m_trainingTracks, m_trainingGenre};
}

QString Preferences::exerciseMaterial(const QString& exerciseId) const
{
    return exerciseMaterialName(exerciseMaterialFromName(m_settings->value("training/material/" + exerciseId).toString()));
}

void Preferences::setExerciseMaterial(const QString& exerciseId, const QString& choice)
{
    const QString name = exerciseMaterialName(exerciseMaterialFromName(choice));
    if (exerciseId.isEmpty() || name == exerciseMaterial(exerciseId))
        return;
    m_settings->setValue("training/material/" + exerciseId, name);
    emit exerciseMaterialChanged(exerciseId);
}

void Preferences::setQuestionsPerSession(int count)
{
    count = std::clamp(count, kMinQuestions, kMaxQuestions);
    if (count == m_questionsPerSession)
        return;
    m_questionsPerSession = count;
    m_settings->setValue("training/questionsPerSession", count);
    emit questionsPerSessionChanged();
}

} // namespace earlab::app
