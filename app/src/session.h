#pragma once
// One training session of N EQ questions: asks the exercise for each question at the level
// the store remembers, prepares its scene on a worker thread, takes the answer, has the
// DatabaseWriter commit it on the database thread (the reveal waits for its acknowledgement),
// adapts the level, and gives the reveal (curves, score, three variants to hear) and the
// summary.
//
// Number keys with many bands (third-octave levels: up to 26): the bands are numbered in
// groups of ten; 1..9, 0 pick within the current group, [ and ] (or Page Up / Page Down)
// move between groups, and choosing a band (mouse, Left/Right) makes its group current.
// Up to ten answers (every octave and gain level) are one group, flat included; with more,
// "flat" is F.

#include "app/src/material.h"
#include "app/src/question_preparation.h"

#include "exercises/difficulty_tracker.h"
#include "exercises/eq_levels.h"
#include "exercises/eq_question.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

class DatabaseWriter;
class AudioOutput;
class Preferences;

class Session : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Session belongs to App")
public:
    enum Phase { Idle, Preparing, Question, Revealed, Finished };
    Q_ENUM(Phase)

private:
    Q_PROPERTY(Phase phase READ phase NOTIFY phaseChanged)
    Q_PROPERTY(QString exerciseId READ exerciseId NOTIFY exerciseChanged)
    Q_PROPERTY(QString exerciseTitle READ exerciseTitle NOTIFY exerciseChanged)
    Q_PROPERTY(int levelCount READ levelCount NOTIFY exerciseChanged)
    Q_PROPERTY(int questionCount READ questionCount NOTIFY exerciseChanged) // this session's
    Q_PROPERTY(int plannedQuestionCount READ plannedQuestionCount NOTIFY plannedQuestionCountChanged) // the next one's
    Q_PROPERTY(int level READ level NOTIFY questionChanged)
    Q_PROPERTY(QString levelDescription READ levelDescription NOTIFY questionChanged)
    Q_PROPERTY(int questionNumber READ questionNumber NOTIFY questionChanged)
    Q_PROPERTY(QString prompt READ prompt NOTIFY questionChanged)
    Q_PROPERTY(QString materialTitle READ materialTitle NOTIFY questionChanged)
    Q_PROPERTY(QString materialNote READ materialNote NOTIFY questionChanged)
    Q_PROPERTY(QString skippedNote READ skippedNote NOTIFY questionChanged)
    Q_PROPERTY(QVariantList options READ options NOTIFY questionChanged)
    Q_PROPERTY(bool directionAsked READ directionAsked NOTIFY questionChanged)
    Q_PROPERTY(QString focusBand READ focusBand NOTIFY questionChanged) // gain exercise: the band shown
    Q_PROPERTY(bool loudnessMatched READ loudnessMatched NOTIFY questionChanged)
    Q_PROPERTY(int selectedOption READ selectedOption WRITE choose NOTIFY selectionChanged)
    Q_PROPERTY(bool answerBoost READ answerBoost WRITE setAnswerBoost NOTIFY selectionChanged)
    Q_PROPERTY(bool canConfirm READ canConfirm NOTIFY selectionChanged)
    // Confirmed, waiting for the database writer's acknowledgement.
    Q_PROPERTY(bool saving READ saving NOTIFY selectionChanged)
    // Number keys: each option's key in the current group ("" when it has none).
    Q_PROPERTY(QStringList keyLabels READ keyLabels NOTIFY keyGroupChanged)
    Q_PROPERTY(int keyGroup READ keyGroup NOTIFY keyGroupChanged)
    Q_PROPERTY(int keyGroupCount READ keyGroupCount NOTIFY questionChanged)
    Q_PROPERTY(QString keyGroupText READ keyGroupText NOTIFY keyGroupChanged)
    // Where the loop of the current question comes from (seconds in the material).
    Q_PROPERTY(double loopStartSeconds READ loopStartSeconds NOTIFY questionChanged)
    Q_PROPERTY(double loopLengthSeconds READ loopLengthSeconds NOTIFY questionChanged)
    Q_PROPERTY(QString loopText READ loopText NOTIFY questionChanged)
    Q_PROPERTY(double preparingProgress READ preparingProgress NOTIFY preparingChanged)
    Q_PROPERTY(QString preparingText READ preparingText NOTIFY preparingChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    // The reveal.
    Q_PROPERTY(bool lastCorrect READ lastCorrect NOTIFY revealChanged)
    Q_PROPERTY(double lastScore READ lastScore NOTIFY revealChanged)
    Q_PROPERTY(QString verdict READ verdict NOTIFY revealChanged)
    Q_PROPERTY(QString explanation READ explanation NOTIFY revealChanged)
    Q_PROPERTY(QString truthText READ truthText NOTIFY revealChanged)
    Q_PROPERTY(QString answerText READ answerText NOTIFY revealChanged)
    Q_PROPERTY(QString formulaText READ formulaText NOTIFY revealChanged)
    Q_PROPERTY(QString levelChangeText READ levelChangeText NOTIFY revealChanged)
    Q_PROPERTY(QList<QPointF> trueCurve READ trueCurve NOTIFY revealChanged)
    Q_PROPERTY(QList<QPointF> answerCurve READ answerCurve NOTIFY revealChanged)
    Q_PROPERTY(double hiddenFrequencyHz READ hiddenFrequencyHz NOTIFY revealChanged)
    Q_PROPERTY(double responseSeconds READ responseSeconds NOTIFY revealChanged)
    Q_PROPERTY(bool answerVariantReady READ answerVariantReady NOTIFY revealChanged)
    // The summary (and the running tally).
    Q_PROPERTY(int answeredCount READ answeredCount NOTIFY summaryChanged)
    Q_PROPERTY(int correctCount READ correctCount NOTIFY summaryChanged)
    Q_PROPERTY(double averageScore READ averageScore NOTIFY summaryChanged)
    Q_PROPERTY(QVariantList bandHits READ bandHits NOTIFY summaryChanged)
    Q_PROPERTY(int startLevel READ startLevel NOTIFY summaryChanged)
    Q_PROPERTY(QString levelSummary READ levelSummary NOTIFY summaryChanged)
    Q_PROPERTY(double medianResponseSeconds READ medianResponseSeconds NOTIFY summaryChanged)

public:
    using MusicProvider = std::function<MaterialRef()>;

    // `store` (this thread's connection) is read; every write goes through `writer`.
    Session(ProgressStore* store, DatabaseWriter* writer, AudioOutput* audio, Preferences* preferences,
            MusicProvider music, QObject* parent = nullptr);
    ~Session() override;

    Phase phase() const { return m_phase; }
    QString exerciseId() const { return m_exerciseId; }
    QString exerciseTitle() const;
    int levelCount() const { return int(levels().size()); }
    int questionCount() const { return m_questionCount; }
    int level() const { return m_level; }
    QString levelDescription() const;
    int questionNumber() const { return m_questionNumber; }
    QString prompt() const;
    QString materialTitle() const;
    QString materialNote() const { return m_materialNote; }
    QString skippedNote() const;
    QVariantList options() const { return m_options; }
    bool directionAsked() const;
    QString focusBand() const;
    bool loudnessMatched() const { return m_matched; }
    int selectedOption() const { return m_selected; }
    bool answerBoost() const { return m_answerBoost; }
    bool canConfirm() const { return m_phase == Question && m_selected >= 0 && !m_pending; }
    bool saving() const { return m_pending.has_value(); }
    QStringList keyLabels() const;
    int keyGroup() const { return m_keyGroup; }
    int keyGroupCount() const;
    QString keyGroupText() const;
    double loopStartSeconds() const;
    double loopLengthSeconds() const;
    QString loopText() const;
    double preparingProgress() const { return m_preparingProgress; }
    QString preparingText() const { return m_preparingText; }
    QString errorMessage() const { return m_errorMessage; }

    bool lastCorrect() const { return m_grade.correct; }
    double lastScore() const { return m_grade.score; }
    QString verdict() const;
    QString explanation() const { return m_grade.explanation; }
    QString truthText() const;
    QString answerText() const;
    QString formulaText() const;
    QString levelChangeText() const { return m_levelChangeText; }
    QList<QPointF> trueCurve() const { return m_trueCurve; }
    QList<QPointF> answerCurve() const { return m_answerCurve; }
    double hiddenFrequencyHz() const;
    double responseSeconds() const { return m_responseMs / 1000.0; }
    bool answerVariantReady() const { return m_answerVariantReady; }

    int answeredCount() const { return int(m_scores.size()); }
    int correctCount() const { return m_correctCount; }
    double averageScore() const;
    QVariantList bandHits() const;
    int startLevel() const { return m_startLevel; }
    QString levelSummary() const;
    double medianResponseSeconds() const;

    // count < 1: plannedQuestionCount().
    Q_INVOKABLE void start(const QString& exerciseId, int count = 0);
    // What start() without a count asks: --questions when given, else the Settings page's.
    int plannedQuestionCount() const;
    Q_INVOKABLE void choose(int option);
    // A key typed on the question or reveal page ("1".."9", "0", "F"): picks an answer, or
    // in the reveal, 1/2/3 hear flat / the hidden change / your answer. True if used.
    Q_INVOKABLE bool pressKey(const QString& key);
    Q_INVOKABLE void moveSelection(int delta);
    // [ / ]: the previous or next group of ten numbered answers.
    Q_INVOKABLE void moveKeyGroup(int delta);
    Q_INVOKABLE void setAnswerBoost(bool boost);
    Q_INVOKABLE void toggleDirection() { setAnswerBoost(!m_answerBoost); }
    // Sends the answer to the writer: true if sent. The reveal follows its acknowledgement;
    // a failed write keeps the question on screen with the error.
    Q_INVOKABLE bool confirm();
    Q_INVOKABLE void next();
    Q_INVOKABLE void advance(); // Enter: confirm, then go on
    Q_INVOKABLE void hear(int variant); // 0 flat, 1 hidden change, 2 your answer
    Q_INVOKABLE void quit();
    Q_INVOKABLE void clearError();

    // The right answer to the question on screen, for a simulated listener (tests, the
    // screenshot runner); never shown in QML before the answer.
    const EqQuestion& currentQuestion() const { return m_current.question; }
    int correctOption() const;
    // The loop the current question plays (its region of the material and its audio).
    std::shared_ptr<const PreparedLoop> currentLoop() const { return m_loop; }
    bool correctBoost() const { return m_current.question.gainDb >= 0; }

signals:
    void phaseChanged();
    void exerciseChanged();
    void plannedQuestionCountChanged();
    void questionChanged();
    void selectionChanged();
    void preparingChanged();
    void errorChanged();
    void revealChanged();
    void summaryChanged();
    void keyGroupChanged();
    void attemptRecorded(const QString& exerciseId); // after the store committed it
    // A question could not use this music (the file is gone: cause empty; or it would not
    // decode: cause says why). The session goes on with the next usable choice and says so in
    // materialNote; the library (App connects it) stops offering this one.
    void materialUnusable(const QString& materialId, const QString& cause);

private:
    struct Prepared {
        MaterialRef material;
        bool matched = true;                      // loudness matching, as the question was prepared
        std::shared_ptr<const PreparedLoop> loop; // null: the material could not be used
        PreparedQuestion question;
        QString error; // why not (the file's own name left out)
        bool missing = false; // not found
    };

    // An answer sent to the writer, shown once it is committed.
    struct Pending {
        quint64 ticket = 0;
        unsigned generation = 0;
        EqAnswer answer;
        EqGrade grade;
        int responseMs = 0;
        DifficultyTracker tracker; // after this answer
        int levelChange = 0;
    };

    const std::vector<EqLevel>& levels() const;
    int numberedCount() const; // options that number keys reach
    void setKeyGroup(int group);
    void onCommitted(quint64 ticket, const QString& levelError);
    void onWriteFailed(quint64 ticket, const QString& message);
    const EqLevel& currentLevel() const;
    EqExerciseKind kind() const;
    void setPhase(Phase phase);
    void setError(const QString& message);
    void prepareNext();
    void prepare(); // the current question number, from the current level's material
    // The one rule for music that cannot be used: the provider's choice when its file is
    // there; else say so (materialNote, naming the file), let the library know, and go on
    // with the next usable choice (pink noise when none is left).
    MaterialRef usableMusic();
    void loseMusic(const MaterialRef& music, const QString& cause);
    void onPrepared();
    void buildOptions();
    EqAnswer currentAnswer() const;
    Treatment answerTreatment(const EqAnswer& answer) const;
    QString describe(const EqAnswer& answer) const;

    ProgressStore* m_store;
    DatabaseWriter* m_writer;
    AudioOutput* m_audio;
    Preferences* m_preferences;
    MusicProvider m_music;

    Phase m_phase = Idle;
    QString m_exerciseId;
    int m_questionCount = 10;
    int m_questionNumber = 0;
    int m_level = 1;
    int m_startLevel = 1;
    std::optional<DifficultyTracker> m_tracker;
    std::mt19937_64 m_seeds;
    unsigned m_generation = 0; // results of an older preparation are dropped

    std::shared_ptr<const PreparedLoop> m_loop;
    PreparedQuestion m_current;
    QString m_materialNote;
    QSet<QString> m_unusable; // music this session found it cannot use
    std::optional<std::pair<MaterialRef, QString>> m_lostMusic; // the first of it, and why
    QString m_lostMusicText; // said on every question of the session
    bool m_matched = true;
    QVariantList m_options;
    int m_selected = -1;
    int m_keyGroup = 0;
    std::optional<Pending> m_pending;
    bool m_answerBoost = true;
    QElapsedTimer m_shownAt;
    double m_preparingProgress = 0;
    QString m_preparingText;
    QString m_errorMessage;
    QFutureWatcher<Prepared> m_preparation;

    EqAnswer m_answer;
    EqGrade m_grade;
    int m_responseMs = 0;
    QString m_levelChangeText;
    QList<QPointF> m_trueCurve;
    QList<QPointF> m_answerCurve;
    bool m_answerVariantReady = false;

    std::vector<double> m_scores;
    std::vector<int> m_responses;
    int m_correctCount = 0;
    std::map<double, std::pair<int, int>> m_bandHits; // band Hz (0 = flat trial) -> {correct, asked}
};

} // namespace earlab::app
