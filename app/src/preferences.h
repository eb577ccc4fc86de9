#pragma once
// The user's settings, persisted with QSettings the moment they change.

#include "app/src/training_music.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <cmath>
#include <limits>
#include <memory>

class QSettings;

namespace earlab::app {

class Preferences : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Preferences belong to App")
    // Output device name as findOutputDevice() takes it; empty = the system default.
    Q_PROPERTY(QString deviceName READ deviceName WRITE setDeviceName NOTIFY deviceNameChanged)
    // Frames per buffer [64 to 4096]; smaller = less latency, more risk of dropouts.
    Q_PROPERTY(int bufferFrames READ bufferFrames WRITE setBufferFrames NOTIFY bufferFramesChanged)
    // Variant switch crossfade, ms [0 to 50].
    Q_PROPERTY(double crossfadeMs READ crossfadeMs WRITE setCrossfadeMs NOTIFY crossfadeMsChanged)
    // Master output level, dB [-60 to 0].
    Q_PROPERTY(double outputLevelDb READ outputLevelDb WRITE setOutputLevelDb NOTIFY outputLevelDbChanged)
    // Processed variants matched in integrated loudness (BS.1770) to flat.
    Q_PROPERTY(bool loudnessMatching READ loudnessMatching WRITE setLoudnessMatching NOTIFY loudnessMatchingChanged)
    // The music levels' one track (training music mode "one").
    Q_PROPERTY(QString materialId READ materialId WRITE setMaterialId NOTIFY materialIdChanged)
    // The set of training music (training_music.h): "one", "several" (the ticked
    // trainingTracks), "genre" (trainingGenre) or "all" of the library, rotated per question.
    Q_PROPERTY(QString trainingMode READ trainingMode WRITE setTrainingMode NOTIFY trainingMusicChanged)
    Q_PROPERTY(QStringList trainingTracks READ trainingTracks WRITE setTrainingTracks NOTIFY trainingMusicChanged)
    Q_PROPERTY(QString trainingGenre READ trainingGenre WRITE setTrainingGenre NOTIFY trainingMusicChanged)
    // Questions in a training session [kMinQuestions to kMaxQuestions], 10 by default.
    Q_PROPERTY(int questionsPerSession READ questionsPerSession WRITE setQuestionsPerSession NOTIFY
                   questionsPerSessionChanged)
    Q_PROPERTY(QList<int> sessionLengths READ sessionLengths CONSTANT) // the Settings page's choices
    Q_PROPERTY(QList<int> bufferSizes READ bufferSizes CONSTANT)
    // Hearing care (listening_level.h): the output level calibration's offset, dB (SPL minus
    // dBFS RMS at the output); NaN while never calibrated. When it was made, UTC.
    Q_PROPERTY(double calibrationOffsetDb READ calibrationOffsetDb NOTIFY calibrationChanged)
    Q_PROPERTY(QDateTime calibratedAt READ calibratedAt NOTIFY calibrationChanged)

public:
    explicit Preferences(const QString& settingsFile, QObject* parent = nullptr);
    ~Preferences() override;

    QString deviceName() const { return m_deviceName; }
    int bufferFrames() const { return m_bufferFrames; }
    double crossfadeMs() const { return m_crossfadeMs; }
    double outputLevelDb() const { return m_outputLevelDb; }
    bool loudnessMatching() const { return m_loudnessMatching; }
    QString materialId() const { return m_materialId; }
    QString trainingMode() const { return m_trainingMode; }
    QStringList trainingTracks() const { return m_trainingTracks; }
    QString trainingGenre() const { return m_trainingGenre; }
    // All of it, as TrainingMusic takes it.
    TrainingMusicChoice trainingMusic() const;
    // Ticks or unticks a track for "several".
    Q_INVOKABLE void setTrainingTicked(const QString& materialId, bool ticked);
    // An exercise's own choice of material: "level" (as the level says, the default),
    // "noise", "builtin" or "mine" (training_music.h's ExerciseMaterial).
    Q_INVOKABLE QString exerciseMaterial(const QString& exerciseId) const;
    Q_INVOKABLE void setExerciseMaterial(const QString& exerciseId, const QString& choice);
    QList<int> bufferSizes() const { return {64, 128, 256, 512, 1024, 2048, 4096}; }
    static constexpr int kMinQuestions = 1;
    static constexpr int kMaxQuestions = 100;
    int questionsPerSession() const { return m_questionsPerSession; }
    QList<int> sessionLengths() const { return {5, 10, 15, 20, 30, 50}; }
    double calibrationOffsetDb() const { return m_calibrationOffsetDb; }
    QDateTime calibratedAt() const { return m_calibratedAt; }
    double calibrationOutputLevelDb() const { return m_calibrationOutputLevelDb; } // outputLevelDb then
    bool calibrated() const { return !std::isnan(m_calibrationOffsetDb); }
    // Saves a calibration made at `at` with the output level at `outputLevelDb`; a
    // non-finite offset forgets it.
    void setCalibration(double offsetDb, double outputLevelDb, const QDateTime& at);

    void setDeviceName(const QString& name);
    void setBufferFrames(int frames);
    void setCrossfadeMs(double ms);
    void setOutputLevelDb(double db);
    void setLoudnessMatching(bool on);
    void setMaterialId(const QString& id);
    void setTrainingMode(const QString& mode);
    void setTrainingTracks(const QStringList& ids);
    void setTrainingGenre(const QString& genre);
    void setQuestionsPerSession(int count);

signals:
    void deviceNameChanged();
    void bufferFramesChanged();
    void crossfadeMsChanged();
    void outputLevelDbChanged();
    void loudnessMatchingChanged();
    void materialIdChanged();
    void trainingMusicChanged();
    void exerciseMaterialChanged(const QString& exerciseId);
    void questionsPerSessionChanged();
    void calibrationChanged();

private:
    std::unique_ptr<QSettings> m_settings;
    QString m_deviceName;
    int m_bufferFrames = 256;
    double m_crossfadeMs = 10.0;
    double m_outputLevelDb = -6.0;
    bool m_loudnessMatching = true;
    QString m_materialId;
    QString m_trainingMode = QStringLiteral("one");
    QStringList m_trainingTracks;
    QString m_trainingGenre;
    int m_questionsPerSession = 10;
    double m_calibrationOffsetDb = std::numeric_limits<double>::quiet_NaN();
    QDateTime m_calibratedAt;
    double m_calibrationOutputLevelDb = 0;
};

} // namespace earlab::app
