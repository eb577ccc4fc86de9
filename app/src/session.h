#pragma once
// One training session of N questions of one exercise (exercises/exercise.h: the session knows
// nothing else of it): asks the exercise for each question at the difficulty the store
// remembers, prepares its scene on a worker thread (loop, material facts, loudness matching),
// takes the answer, has the DatabaseWriter commit it on the database thread (the reveal waits
// for its acknowledgement), moves the difficulty, and gives the reveal (the exercise's plot,
// score, the variants and the answer to hear) and the summary.

#include "app/src/answer_option_model.h"
#include "app/src/material.h"
#include "app/src/question_preparation.h"
#include "app/src/session_focus.h"
#include "app/src/session_tally.h"
#include "app/src/training_music.h"

#include "exercises/difficulty.h"
#include "exercises/exercise.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QThreadPool>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <optional>
#include <random>

namespace earlab {
class ExerciseCatalogue;
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
    // exercise.h's AnswerKind and RevealKind, for QML's Loaders.
    enum AnswerPanel { BandsPanel, ChoicePanel, ContinuousPanel, StereoFieldPanel, EqMatchPanel };
    Q_ENUM(AnswerPanel)
    enum RevealPanel { EqCurvesReveal, GainReductionReveal, StereoFieldReveal, LevelsReveal };
    Q_ENUM(RevealPanel)

private:
    Q_PROPERTY(Phase phase READ phase NOTIFY phaseChanged)
    Q_PROPERTY(QString exerciseId READ exerciseId NOTIFY exerciseChanged)
    Q_PROPERTY(QString exerciseTitle READ exerciseTitle NOTIFY exerciseChanged)
    Q_PROPERTY(int levelCount READ levelCount NOTIFY exerciseChanged)
    Q_PROPERTY(int questionCount READ questionCount NOTIFY exerciseChanged) // this session's
    Q_PROPERTY(int plannedQuestionCount READ plannedQuestionCount NOTIFY plannedQuestionCountChanged) // the next one's
    Q_PROPERTY(int level READ level NOTIFY questionChanged)
    Q_PROPERTY(QString levelDescription READ levelDescription NOTIFY questionChanged)
    Q_PROPERTY(QString difficultyText READ difficultyText NOTIFY questionChanged) // "Level 3 of 8", "2.0 dB"
    Q_PROPERTY(int questionNumber READ questionNumber NOTIFY questionChanged)
    Q_PROPERTY(QString prompt READ prompt NOTIFY questionChanged)
    Q_PROPERTY(AnswerPanel answerPanel READ answerPanel NOTIFY questionChanged)
    Q_PROPERTY(RevealPanel revealPanel READ revealPanel NOTIFY exerciseChanged)
    Q_PROPERTY(QString materialTitle READ materialTitle NOTIFY questionChanged)
    // The title as the header shows it: "Track 3 of 7: My song" when music rotates.
    Q_PROPERTY(QString materialHeading READ materialHeading NOTIFY questionChanged)
    Q_PROPERTY(int trackNumber READ trackNumber NOTIFY questionChanged) // in the rotation's round; 0: none
    Q_PROPERTY(int trackCount READ trackCount NOTIFY questionChanged)
    Q_PROPERTY(QString materialNote READ materialNote NOTIFY questionChanged)
    Q_PROPERTY(QString notes READ notes NOTIFY questionChanged) // the question's own notes
    Q_PROPERTY(earlab::app::AnswerOptionModel* answerOptions READ answerOptions CONSTANT)
    // What can be heard: [{id, label, key ("A", "B", …)}], the reference first.
    Q_PROPERTY(QVariantList variants READ variants NOTIFY questionChanged)
    Q_PROPERTY(bool directionAsked READ directionAsked NOTIFY questionChanged)
    Q_PROPERTY(QString focus READ focus NOTIFY questionChanged) // given away on purpose ("1 kHz")
    Q_PROPERTY(bool loudnessMatched READ loudnessMatched NOTIFY questionChanged)
    // Continuous answers: {minimum, maximum, step, unit, minimumLabel, maximumLabel}.
    Q_PROPERTY(QVariantMap range READ range NOTIFY questionChanged)
    Q_PROPERTY(double answerValue READ answerValue WRITE setAnswerValue NOTIFY selectionChanged)
    // EQ match: the listener's own band, heard live as "Yours" while the question is open,
    // and its curve (the target's is never shown before the answer).
    Q_PROPERTY(double answerFrequencyHz READ answerFrequencyHz WRITE setAnswerFrequencyHz NOTIFY selectionChanged)
    Q_PROPERTY(double answerGainDb READ answerGainDb WRITE setAnswerGainDb NOTIFY selectionChanged)
    Q_PROPERTY(double answerQ READ answerQ WRITE setAnswerQ NOTIFY selectionChanged)
    Q_PROPERTY(QList<QPointF> answerBandCurve READ answerBandCurve NOTIFY selectionChanged)
    Q_PROPERTY(bool answerQFixed READ answerQFixed NOTIFY questionChanged)
    Q_PROPERTY(int selectedOption READ selectedOption WRITE choose NOTIFY selectionChanged)
    Q_PROPERTY(bool answerBoost READ answerBoost WRITE setAnswerBoost NOTIFY selectionChanged)
    Q_PROPERTY(bool canConfirm READ canConfirm NOTIFY selectionChanged)
    // Confirmed, waiting for the database writer's acknowledgement.
    Q_PROPERTY(bool saving READ saving NOTIFY selectionChanged)
    // Nothing has been played since the question was shown: an answer now is not counted.
    Q_PROPERTY(bool heard READ heard NOTIFY selectionChanged)
    // Where the loop of the current question comes from (seconds in the material).
    Q_PROPERTY(double loopStartSeconds READ loopStartSeconds NOTIFY questionChanged)
    Q_PROPERTY(double loopLengthSeconds READ loopLengthSeconds NOTIFY questionChanged)
    Q_PROPERTY(QString loopText READ loopText NOTIFY questionChanged)
    Q_PROPERTY(double preparingProgress READ preparingProgress NOTIFY preparingChanged)
    Q_PROPERTY(QString preparingText READ preparingText NOTIFY preparingChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    // The reveal.
    Q_PROPERTY(bool lastCorrect READ lastCorrect NOTIFY revealChanged)
    Q_PROPERTY(bool lastCounted READ lastCounted NOTIFY revealChanged)
    Q_PROPERTY(double lastScore READ lastScore NOTIFY revealChanged)
    Q_PROPERTY(QString verdict READ verdict NOTIFY revealChanged)
    Q_PROPERTY(QString explanation READ explanation NOTIFY revealChanged)
    Q_PROPERTY(QString truthText READ truthText NOTIFY revealChanged)
    Q_PROPERTY(QString answerText READ answerText NOTIFY revealChanged)
    Q_PROPERTY(QString formulaText READ formulaText NOTIFY revealChanged)
    Q_PROPERTY(QString levelChangeText READ levelChangeText NOTIFY revealChanged)
    Q_PROPERTY(QList<QPointF> trueCurve READ trueCurve NOTIFY revealChanged)
    Q_PROPERTY(QList<QPointF> answerCurve READ answerCurve NOTIFY revealChanged)
    Q_PROPERTY(QStringList plotLabels READ plotLabels NOTIFY revealChanged)
    Q_PROPERTY(double revealMarker READ revealMarker NOTIFY revealChanged) // x to mark (Hz for EQ), 0: none
    Q_PROPERTY(double responseSeconds READ responseSeconds NOTIFY revealChanged)
    Q_PROPERTY(bool answerVariantReady READ answerVariantReady NOTIFY revealChanged)
    // The answer names something to hear (an A/B choice does not: there is nothing to add).
    Q_PROPERTY(bool answerAudible READ answerAudible NOTIFY revealChanged)
    // The variant that carried the hidden change, once revealed (-1 before): where that is
    // the question (which is louder, which is compressed) nothing may mark it earlier.
    Q_PROPERTY(int changedVariant READ changedVariant NOTIFY phaseChanged)
    // The summary (and the running tally).
    Q_PROPERTY(int answeredCount READ answeredCount NOTIFY summaryChanged)
    Q_PROPERTY(int correctCount READ correctCount NOTIFY summaryChanged)
    Q_PROPERTY(double averageScore READ averageScore NOTIFY summaryChanged)
    Q_PROPERTY(QVariantList bandHits READ bandHits NOTIFY summaryChanged) // by the grades' categories
    Q_PROPERTY(int startLevel READ startLevel NOTIFY summaryChanged)
    Q_PROPERTY(QString levelSummary READ levelSummary NOTIFY summaryChanged)
    Q_PROPERTY(QString levelPath READ levelPath NOTIFY summaryChanged)
    Q_PROPERTY(bool endedEarly READ endedEarly NOTIFY summaryChanged)
    Q_PROPERTY(double medianResponseSeconds READ medianResponseSeconds NOTIFY summaryChanged)

public:
    using MusicProvider = std::function<MaterialRef()>;
    // What levels that need stems play (App: Library::multitrackMaterial); without one they
    // play the music provider's choice, and a stem question says it needs stems.
    void setMultitrackProvider(MusicProvider provider) { m_multitrack = std::move(provider); }
    // Every usable entry of the library (App: Library::usableMusic), from which the training
    // music (training_music.h) is chosen and rotated per question; without one, the music
    // provider's one choice plays.
    using PoolProvider = std::function<QList<MaterialRef>()>;
    void setMusicPool(PoolProvider pool) { m_pool = std::move(pool); }
    // Prepared loops kept in memory (most recent first), the current one among them: a
    // rotation of a few tracks reloads none of them. At most kCachedLoops of them and
    // kCacheBytes of samples in all (the current one stays whatever its size) (a 15 s stereo loop at 48 kHz is 5.8 MB, a
    // built-in song with its four stems five times that).
    static constexpr int kCachedLoops = 4;
    static constexpr std::size_t kCacheBytes = std::size_t(160) << 20;
    static std::size_t loopBytes(const PreparedLoop& loop);

    // `store` (this thread's connection) is read; every write goes through `writer`.
    Session(const ExerciseCatalogue* exercises, ProgressStore* store, DatabaseWriter* writer, AudioOutput* audio,
            Preferences* preferences, MusicProvider music, QObject* parent = nullptr);
    ~Session() override;

    Phase phase() const { return m_phase; }
    QString exerciseId() const;
    QString exerciseTitle() const;
    int levelCount() const;
    int questionCount() const { return m_questionCount; }
    int level() const;
    QString levelDescription() const;
    QString difficultyText() const;
    int questionNumber() const { return m_questionNumber; }
    QString prompt() const { return m_current.prompt; }
    AnswerPanel answerPanel() const { return AnswerPanel(int(m_current.answerKind)); }
    RevealPanel revealPanel() const;
    QString materialTitle() const;
    QString materialHeading() const;
    int trackNumber() const { return m_trackNumber; }
    int trackCount() const { return m_trackCount; }
    QString materialNote() const { return m_materialNote; }
    QString notes() const { return m_current.notes.join(QLatin1Char('\n')); }
    AnswerOptionModel* answerOptions() const { return m_options; }
    QVariantList variants() const;
    bool directionAsked() const { return m_current.directionAsked; }
    QString focus() const { return m_current.focus; }
    bool loudnessMatched() const { return m_matched && m_current.loudnessMatched; }
    QVariantMap range() const;
    double answerValue() const { return m_answerValue; }
    void setAnswerValue(double value);
    double answerFrequencyHz() const { return m_answerBand.frequencyHz; }
    double answerGainDb() const { return m_answerBand.gainDb; }
    double answerQ() const { return m_answerBand.q; }
    void setAnswerFrequencyHz(double hz);
    void setAnswerGainDb(double db);
    void setAnswerQ(double q);
    QList<QPointF> answerBandCurve() const;
    bool answerQFixed() const { return m_current.answerQFixed; }
    int selectedOption() const { return m_selected; }
    bool answerBoost() const { return m_answerBoost; }
    bool canConfirm() const;
    bool saving() const { return m_pending.has_value(); }
    bool heard() const { return m_heard; }
    double loopStartSeconds() const;
    double loopLengthSeconds() const;
    QString loopText() const;
    double preparingProgress() const { return m_preparingProgress; }
    QString preparingText() const { return m_preparingText; }
    QString errorMessage() const { return m_errorMessage; }

    bool lastCorrect() const { return m_grade.correct; }
    bool lastCounted() const { return m_lastCounted; }
    double lastScore() const { return m_grade.score; }
    QString verdict() const;
    QString explanation() const { return m_grade.explanation; }
    QString truthText() const { return m_grade.truthText; }
    QString answerText() const { return m_phase == Revealed ? m_grade.answerText : QString(); }
    QString formulaText() const { return m_grade.formula; }
    QString levelChangeText() const { return m_levelChangeText; }
    QList<QPointF> trueCurve() const { return m_grade.plot.truth; }
    QList<QPointF> answerCurve() const { return m_grade.plot.answer; }
    QStringList plotLabels() const { return m_grade.plot.labels; }
    double revealMarker() const;
    double responseSeconds() const { return m_responseMs / 1000.0; }
    bool answerVariantReady() const { return m_answerVariantReady; }
    bool answerAudible() const { return m_grade.answerTreatment.has_value(); }
    int changedVariant() const { return m_phase == Revealed ? m_current.hiddenVariant : -1; }

    int answeredCount() const { return m_tally.answered(); }
    int correctCount() const { return m_tally.correct(); }
    double averageScore() const { return m_tally.averageScore(); }
    QVariantList bandHits() const { return m_tally.categories(); }
    int startLevel() const { return m_startLevel; }
    QString levelSummary() const;
    QString levelPath() const { return m_tally.path(); }
    bool endedEarly() const { return m_endedEarly; }
    double medianResponseSeconds() const { return m_tally.medianResponseSeconds(); }

    // count < 1: plannedQuestionCount(). An unknown id starts the catalogue's first exercise.
    // startLevel > 0: start there (a staircase at that rung's value) instead of where the
    // store left the exercise; the choice is saved with the first answer.
    Q_INVOKABLE void start(const QString& exerciseId, int count = 0, int startLevel = 0);
    // The same, for a workout item: its focus band is asked more often (band_focus.h) and its
    // music drawn from its material and genre (session_focus.h), for the whole session.
    void start(const QString& exerciseId, int count, int startLevel, const SessionFocus& focus);
    const SessionFocus& sessionFocus() const { return m_focus; }
    // Tests: the seeds of the questions (and of the music's rotation) from here on come from
    // `seed` instead of the random one the session was made with, so a run is repeatable.
    void setSeed(std::uint64_t seed) { m_seeds.seed(seed); }
    // What start() without a count asks: --questions when given, else the Settings page's.
    int plannedQuestionCount() const;
    Q_INVOKABLE void choose(int option);
    // A key typed on the question or reveal page ("1".."9", "0", "F"): picks an answer, or
    // in the reveal, 1, 2, … hear the variants and then your answer. True if used.
    Q_INVOKABLE bool pressKey(const QString& key);
    Q_INVOKABLE void moveSelection(int delta);
    // [ / ]: the previous or next group of ten numbered answers; on a continuous answer,
    // a step down or up.
    Q_INVOKABLE void moveKeyGroup(int delta);
    Q_INVOKABLE void setAnswerBoost(bool boost);
    // Keys on an EQ match: "frequency" (steps of 1/12 octave), "gain" (steps of the range's
    // step), "q" (steps of 1/4 octave in bandwidth terms: ×2^(1/4)).
    Q_INVOKABLE void adjust(const QString& what, int steps);
    Q_INVOKABLE void toggleDirection() { setAnswerBoost(!m_answerBoost); }
    // Sends the answer to the writer: true if sent. The reveal follows its acknowledgement;
    // a failed write keeps the question on screen with the error.
    Q_INVOKABLE bool confirm();
    Q_INVOKABLE void next();
    Q_INVOKABLE void advance(); // Enter: confirm, then go on
    // The variants in order (0 = the reference), then, in the reveal, your answer.
    Q_INVOKABLE void hear(int variant);
    Q_INVOKABLE void quit();
    // Ends the session now, with the summary of the answers given so far (Esc, confirmed).
    Q_INVOKABLE void finishEarly();
    Q_INVOKABLE void clearError();

    // The question on screen with its hidden parameters, for a simulated listener (tests, the
    // screenshot runner); never shown in QML before the answer.
    const earlab::Question& currentQuestion() const { return m_current; }
    const Exercise* exercise() const { return m_exercise; }
    // The option that answers the question on screen exactly (-1 for continuous answers).
    int correctOption() const;
    bool correctBoost() const;
    // The loop the current question plays (its region of the material and its audio).
    std::shared_ptr<const PreparedLoop> currentLoop() const { return m_loop; }
    // The loops in memory, most recent first (tests: the prefetch and the cache's bound).
    QList<std::shared_ptr<const PreparedLoop>> cachedLoops() const { return m_loops; }
    // The next question's music is being loaded ahead (tests wait for it to end).
    bool prefetching() const { return m_prefetchRunning; }

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
    void attemptRecorded(const QString& exerciseId); // after the store committed it
    // A question could not use this music (the file is gone: cause empty; or it would not
    // decode: cause says why). The session goes on with the next usable choice and says so in
    // materialNote; the library (App connects it) stops offering this one.
    void materialUnusable(const QString& materialId, const QString& cause);

private:
    // What a question plays: its material, where it stands in the rotation, and what to say.
    struct MusicPick {
        MaterialRef material;
        int number = 0, count = 0;
        QString note;
    };

    struct Prepared {
        MaterialRef material;
        int trackNumber = 0, trackCount = 0;
        bool matched = true;                      // loudness matching, as the question was prepared
        std::shared_ptr<const PreparedLoop> loop; // null: the material could not be used
        earlab::Question question;                // variants loudness-matched when asked, under the ceiling
        double headroomDb = 0;                    // the common gain matchVariants gave them (<= 0)
        QString error; // why not (the file's own name left out)
        bool missing = false; // not found
    };

    // An answer sent to the writer, shown once it is committed.
    struct Pending {
        quint64 ticket = 0;
        unsigned generation = 0;
        Grade grade;
        int responseMs = 0;
        bool counted = true;
        Difficulty difficulty; // after this answer
        int change = 0;
    };

    const LevelInfo& currentLevel() const;
    void onCommitted(quint64 ticket, const QString& levelError);
    void onWriteFailed(quint64 ticket, const QString& message);
    void setPhase(Phase phase);
    void setError(const QString& message);
    void prepareNext();
    void prepare(); // the current question number, from the current level's material
    // The usable music, without what this session found it cannot use (a file gone since is
    // lost here: said, and the library told).
    QList<MaterialRef> musicPool();
    // The chosen music (the one pick, the ticked tracks) whose file is gone: lost now.
    void checkChosenMusic();
    // The current level's material for a question, dealt by `rotation` (a copy to look ahead).
    MusicPick pickMusic(TrackRotation& rotation);
    void updateLostMusicText(const QList<MaterialRef>& pool);
    void loseMusic(const MaterialRef& music, const QString& cause);
    std::shared_ptr<const PreparedLoop> cachedLoop(const MaterialRef& material);
    void remember(const std::shared_ptr<const PreparedLoop>& loop);
    // Loads the next question's music in the background while this one is answered.
    void prefetchNext();
    void onPrepared();
    Answer currentAnswer() const;
    void playAnswer(const Treatment& answered);
    bool eqMatch() const { return m_current.answerKind == AnswerKind::EqMatch; }
    double m_headroomDb = 0;   // the current question's common gain (matchVariants), for its answer
    double m_revealGainDb = 0; // the further gain its variants play with for the answer's peak
    void setAnswerBand(EqBand band);

    const ExerciseCatalogue* m_exercises;
    ProgressStore* m_store;
    DatabaseWriter* m_writer;
    AudioOutput* m_audio;
    Preferences* m_preferences;
    MusicProvider m_music;
    MusicProvider m_multitrack;
    PoolProvider m_pool;
    TrackRotation m_rotation;
    int m_trackNumber = 0, m_trackCount = 0;
    QList<std::shared_ptr<const PreparedLoop>> m_loops; // the cache, most recent first
    QThreadPool m_prefetchPool; // its own: a preparation may wait on it, never the reverse
    MaterialRef m_prefetchMaterial;
    QFuture<std::shared_ptr<const PreparedLoop>> m_prefetch;
    bool m_prefetchRunning = false;
    AnswerOptionModel* m_options;

    Phase m_phase = Idle;
    const Exercise* m_exercise = nullptr;
    SessionFocus m_focus; // this session's (a workout item's); none for an ordinary one
    QString m_sessionId;
    int m_questionCount = 10;
    int m_questionNumber = 0;
    int m_startLevel = 1;
    QString m_startText; // the difficulty the session started at
    std::optional<Difficulty> m_difficulty;
    std::mt19937_64 m_seeds;
    unsigned m_generation = 0; // results of an older preparation are dropped

    std::shared_ptr<const PreparedLoop> m_loop;
    earlab::Question m_current;
    QString m_materialNote;
    QSet<QString> m_unusable; // music this session found it cannot use
    std::optional<std::pair<MaterialRef, QString>> m_lostMusic; // the first of it, and why
    QString m_lostMusicText; // said on every question of the session
    bool m_matched = true;
    int m_selected = -1;
    double m_answerValue = 0;
    EqBand m_answerBand = kEqMatchStartBand;
    std::optional<Pending> m_pending;
    bool m_answerBoost = true;
    bool m_heard = false;
    QElapsedTimer m_shownAt;
    double m_preparingProgress = 0;
    QString m_preparingText;
    QString m_errorMessage;
    QFutureWatcher<Prepared> m_preparation;
    // Preparations a newer one replaced while they ran (start() during a preparation): they
    // use the exercise, so the session waits for them too before it goes.
    QList<QFuture<Prepared>> m_replaced;

    Grade m_grade;
    bool m_lastCounted = true;
    int m_responseMs = 0;
    QString m_levelChangeText;
    bool m_answerVariantReady = false;
    unsigned m_answerRequest = 0; // the newest "your answer" matching, of several in flight
    QList<QFuture<MatchedAnswer>> m_answering; // those in flight: the destructor waits for them
    SessionTally m_tally;
    bool m_endedEarly = false;
};

} // namespace earlab::app
