#pragma once
// The Compare page (issue 8 §2, §5): the user's own files prepared for comparison
// (exercises/comparison_items.h, on a worker thread), played on the app's engine as one
// scene (comparison_scene.h), and compared sighted (keys 1..8), by ABX or by blind
// preference (exercises/blind_run.h), or rated MUSHRA-style (compare_mushra.h), ending in the
// result and its log (blind_log.h).
//
// Nothing gives an item away: the BlindRun, its seed and the variant the engine plays stay in
// C++. During a run QML sees only the trial number, the trials planned, what the listener
// chose to hear ("A", "B", "X"; "1", "2"), the answer options, and at the end the result.
// AudioOutput hides its variant and meter meanwhile (setVariantHidden). test_compare_controller
// compares every property QML can read between runs whose seeds give different X.
//
// While the page is shown its crossfade (crossfadeMs, default kComparisonCrossfadeMs) is the
// engine's; leaving the page (leave()) gives the training's back, stops the sound, and stops a
// run under way (nothing saved).
//
// A scored run that ends emits blindLogFinished with the log's JSON, for the progress store's
// blind logs (BlindLogStore, not connected yet: nothing keeps it so far). Practice runs show
// the truth after each answer and emit nothing.

#include "app/src/compare_item_model.h"
#include "app/src/compare_mushra.h"

#include "exercises/blind_log.h"
#include "exercises/blind_run.h"
#include "exercises/comparison_items.h"
#include "audio/engine/scene.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace earlab::app {

class AudioOutput;

class CompareController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CompareController belongs to App")
public:
    enum Mode { Sighted, Abx, Preference, Mushra };
    Q_ENUM(Mode)
    // Where the page is: picking files, preparing, prepared (sighted listening and the run's
    // settings), in a blind run, showing a blind run's result.
    enum Phase { Picking, Preparing, Ready, Running, Result };
    Q_ENUM(Phase)

private:
    Q_PROPERTY(earlab::app::CompareItemModel* items READ items CONSTANT)
    Q_PROPERTY(Phase phase READ phase NOTIFY phaseChanged)
    Q_PROPERTY(bool canPrepare READ canPrepare NOTIFY itemsChanged)
    Q_PROPERTY(QStringList fileNames READ fileNames NOTIFY itemsChanged) // the items' names, in order
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)   // 0..1 while preparing
    Q_PROPERTY(QString stage READ stage NOTIFY progressChanged)       // what is being done
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)          // names the file and cause
    Q_PROPERTY(double crossfadeMs READ crossfadeMs WRITE setCrossfadeMs NOTIFY crossfadeMsChanged)
    Q_PROPERTY(Mode mode READ mode WRITE setMode NOTIFY settingsChanged)
    Q_PROPERTY(int pairA READ pairA WRITE setPairA NOTIFY settingsChanged)   // item index
    Q_PROPERTY(int pairB READ pairB WRITE setPairB NOTIFY settingsChanged)
    Q_PROPERTY(int trials READ trials WRITE setTrials NOTIFY settingsChanged) // 1..100
    Q_PROPERTY(bool practice READ practice WRITE setPractice NOTIFY settingsChanged)
    Q_PROPERTY(QString plannerText READ plannerText NOTIFY settingsChanged)
    Q_PROPERTY(int sightedItem READ sightedItem NOTIFY sightedItemChanged) // sighted: what plays
    // The run, as the listener may see it.
    Q_PROPERTY(Mode runMode READ runMode NOTIFY runChanged)
    Q_PROPERTY(bool runPractice READ runPractice NOTIFY runChanged)
    Q_PROPERTY(int trial READ trial NOTIFY runChanged)                 // 1-based, while running
    Q_PROPERTY(int plannedTrials READ plannedTrials NOTIFY runChanged)
    Q_PROPERTY(QString listening READ listening NOTIFY runChanged)     // "A", "B", "X", "1", "2"; "" until the trial's first choice
    Q_PROPERTY(QStringList listenChoices READ listenChoices NOTIFY runChanged)
    Q_PROPERTY(QVariantList answerOptions READ answerOptions NOTIFY runChanged) // [{id, text, key}]
    Q_PROPERTY(QString feedback READ feedback NOTIFY runChanged)       // practice: the last truth
    // The run's items A and B by file name: known to the listener (ABX names them; preference
    // hides only which is behind 1 and 2).
    Q_PROPERTY(QStringList runFiles READ runFiles NOTIFY runChanged)
    // The result of the run that ended.
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QString logText READ logText NOTIFY resultChanged)
    Q_PROPERTY(QString exportMessage READ exportMessage NOTIFY exportMessageChanged)
    Q_PROPERTY(bool exportFailed READ exportFailed NOTIFY exportMessageChanged)
    // Whether the last scored run's log reached the progress database (BlindLogSaving).
    Q_PROPERTY(QString saveMessage READ saveMessage NOTIFY saveMessageChanged)
    Q_PROPERTY(bool saveFailed READ saveFailed NOTIFY saveMessageChanged)
    // This session's scored runs: [{pair, mode, k, n, p, pHolm}] (Holm across them).
    Q_PROPERTY(QVariantList sessionRuns READ sessionRuns NOTIFY resultChanged)
    // MUSHRA-style rating: its settings and, while it runs, its pages (compare_mushra.h).
    Q_PROPERTY(earlab::app::CompareMushra* mushra READ mushra CONSTANT)

    // --- Sighted tools (issue 8: trim, the difference, the loop region) -------------------
    // Trims are set per item with setTrim (the items table shows them, TrimRole); they are
    // the Comparison's (so a blind log records them) and kept until other files are picked.
    // The difference: item `differenceItem` minus item 1 as played, the sighted scene's last
    // variant (differenceOn while it plays, key D); never during a blind run.
    Q_PROPERTY(bool differenceOn READ differenceOn NOTIFY sightedItemChanged)
    Q_PROPERTY(int differenceItem READ differenceItem WRITE setDifferenceItem NOTIFY sightedToolsChanged)
    Q_PROPERTY(QString differenceNullText READ differenceNullText NOTIFY sightedToolsChanged)
    // Item 1's waveform (LevelOverview::toBytes, for LoopOverviewItem) and the loop region on
    // it, s on item 1's timeline over the common region: every item loops it, sighted and blind.
    Q_PROPERTY(QByteArray referenceOverview READ referenceOverview NOTIFY sightedToolsChanged)
    Q_PROPERTY(double referenceSeconds READ referenceSeconds NOTIFY sightedToolsChanged)
    Q_PROPERTY(double loopStartSeconds READ loopStartSeconds NOTIFY sightedToolsChanged)
    Q_PROPERTY(double loopLengthSeconds READ loopLengthSeconds NOTIFY sightedToolsChanged)
    // A trim being applied (on a worker: seconds for long files); no run starts meanwhile
    // (startRun does nothing, the Start button is disabled), so a run plays the trims shown.
    Q_PROPERTY(bool retrimming READ retrimming NOTIFY sightedToolsChanged)
    // --- end of the sighted tools' properties ----------------------------------------------

public:
    CompareController(AudioOutput* audio, QObject* parent = nullptr);
    ~CompareController() override;

    CompareItemModel* items() const { return m_items; }
    Phase phase() const { return m_phase; }
    bool canPrepare() const;
    QStringList fileNames() const;
    double progress() const { return m_progress; }
    QString stage() const { return m_stage; }
    QString error() const { return m_error; }
    double crossfadeMs() const { return m_crossfadeMs; }
    void setCrossfadeMs(double ms);
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    int pairA() const { return m_pairA; }
    void setPairA(int item);
    int pairB() const { return m_pairB; }
    void setPairB(int item);
    int trials() const { return m_trials; }
    void setTrials(int trials);
    bool practice() const { return m_practice; }
    void setPractice(bool on);
    QString plannerText() const;
    int sightedItem() const { return m_sightedItem; }
    Mode runMode() const { return m_runMode; }
    bool runPractice() const { return m_runPractice; }
    int trial() const;
    int plannedTrials() const;
    QString listening() const;
    QStringList listenChoices() const;
    QVariantList answerOptions() const;
    QString feedback() const { return m_feedback; }
    QStringList runFiles() const;
    QVariantMap result() const { return m_result; }
    QString logText() const { return m_logText; }
    QString exportMessage() const { return m_exportMessage; }
    QString saveMessage() const { return m_saveMessage; }
    bool saveFailed() const { return m_saveFailed; }
    void setSaveMessage(const QString& message, bool failed);
    bool exportFailed() const { return m_exportFailed; }
    QVariantList sessionRuns() const { return m_sessionRuns; }
    CompareMushra* mushra() const { return m_mushra; }

    // --- Sighted tools ---
    bool differenceOn() const { return m_differenceOn; }
    int differenceItem() const { return m_differenceItem; }
    void setDifferenceItem(int item);
    QString differenceNullText() const;
    QByteArray referenceOverview() const { return m_referenceOverview; }
    double referenceSeconds() const;
    double loopStartSeconds() const { return m_loopStart; }
    double loopLengthSeconds() const { return m_loopLength; }
    // dB, -60..+24, applied on the prepared audio (retrimComparison) on a worker thread;
    // Ready/Result only. Trims asked for while one is applied are applied after it, the last
    // one winning; trims() already holds them.
    Q_INVOKABLE void setTrim(int row, double db);
    bool retrimming() const { return m_retrim.isRunning(); }
    Q_INVOKABLE void pressDifference(); // key D: the difference plays (again D: item N)
    // The loop region every item plays, s on item 1's waveform; kept inside the common region.
    Q_INVOKABLE void setLoopRegion(double startSeconds, double lengthSeconds);
    LoopRegion loopRegion() const; // frames, for the scenes (and tests)
    // --- end of the sighted tools ---

    Q_INVOKABLE void addUrls(const QList<QUrl>& urls);
    Q_INVOKABLE void addFiles(const QStringList& paths);
    Q_INVOKABLE void addFilesWithDialog();           // "Add files…": several at once
    Q_INVOKABLE void exportLogWithDialog(bool json); // Export: asks where, then exportLog
    Q_INVOKABLE void removeItem(int row);
    Q_INVOKABLE void clearItems();
    Q_INVOKABLE void prepare();
    Q_INVOKABLE void cancel();
    Q_INVOKABLE void pressNumber(int number); // sighted: item number (1-based); run: "1"/"2"
    Q_INVOKABLE void startRun();
    Q_INVOKABLE void listen(const QString& choice); // "A", "B", "X"; preference "1", "2"
    Q_INVOKABLE void answer(const QString& option); // ABX "A"/"B"; preference "1"/"2"/"none"
    Q_INVOKABLE void stopRun();                     // abandons a run under way: nothing saved
    Q_INVOKABLE void closeResult();                 // back to Ready
    Q_INVOKABLE void exportLog(const QUrl& file, bool json);
    Q_INVOKABLE void togglePlay();

    // The page was shown / left (App::setPage).
    void enter();
    void leave();

    // Tests: where the next runs' seeds come from (default BlindSeed::generate), and the
    // comparison as prepared. Not reachable from QML.
    void setSeedSource(std::function<BlindSeed()> source) { m_seedSource = std::move(source); }
    const Comparison* comparison() const { return m_comparison.get(); }
    const BlindRun* run() const { return m_run.get(); }
    void setAppVersion(const QString& version) { m_appVersion = version; }

signals:
    void phaseChanged();
    void itemsChanged();
    void progressChanged();
    void errorChanged();
    void crossfadeMsChanged();
    void settingsChanged();
    void sightedItemChanged();
    void runChanged();
    void resultChanged();
    void exportMessageChanged();
    void saveMessageChanged();
    void sightedToolsChanged();
    // A scored run ended: its log (BlindLog::toJson), once per run; for BlindLogStore::save.
    void blindLogFinished(const QJsonObject& log);

private:
    struct Prepared {
        std::shared_ptr<const Comparison> comparison;
        QByteArray overview; // item 1's as played (LevelOverview::toBytes)
        QString error;
        bool cancelled = false;
    };
    void setPhase(Phase phase);
    void setError(const QString& message);
    void setPaths(const QStringList& paths);
    void onPrepared();
    void onProgress(double fraction, const QString& stage);
    void loadSighted();
    void loadPair();
    void finishRun();
    void endRunAudio();
    BlindLog currentLog(bool ended) const;
    BlindLogSetup logSetup() const;
    void showResult(BlindLog log, QVariantMap result, bool practice);
    void beginRun(const Scene* scene);
    void startMushra();
    void finishMushra();
    void updateHolm();
    // --- Sighted tools ---
    Scene sightedScene() const;
    void resetSightedTools(); // other files, or a new preparation
    void startRetrim();
    void onRetrimmed();
    // --- end of the sighted tools ---

    AudioOutput* m_audio;
    CompareItemModel* m_items;
    Phase m_phase = Picking;
    double m_progress = 0;
    QString m_stage;
    QString m_error;
    double m_crossfadeMs;
    Mode m_mode = Abx;
    int m_pairA = 0, m_pairB = 1;
    int m_trials = 16;
    bool m_practice = false;
    int m_sightedItem = 0;
    bool m_shown = false;

    QFutureWatcher<Prepared> m_preparation;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<const Comparison> m_comparison;

    std::function<BlindSeed()> m_seedSource;
    std::unique_ptr<BlindRun> m_run;
    std::vector<int> m_runItems; // {A, B} as indices into the comparison
    Mode m_runMode = Abx;
    bool m_runPractice = false;
    QString m_feedback;
    std::optional<BlindLog> m_log; // of the run that ended
    QVariantMap m_result;
    QString m_logText;
    QString m_exportMessage;
    QString m_saveMessage;
    bool m_saveFailed = false;
    bool m_exportFailed = false;
    QVariantList m_sessionRuns;
    QString m_appVersion;
    CompareMushra* m_mushra;

    // --- Sighted tools ---
    std::vector<double> m_trims; // per item, dB, as asked for; empty: none set
    struct Retrimmed {
        std::shared_ptr<const Comparison> comparison; // null on error
        std::vector<double> trims;                    // the trims it applied
        QString error;
    };
    QFutureWatcher<Retrimmed> m_retrim;
    // Bumped whenever m_comparison is replaced by a preparation or dropped: a retrim of an
    // older comparison is not applied.
    int m_comparisonGeneration = 0;
    int m_retrimGeneration = 0;
    bool m_differenceOn = false;
    int m_differenceItem = 1;
    QByteArray m_referenceOverview;
    double m_loopStart = 0, m_loopLength = 0; // s; length 0: the whole common region
    // --- end of the sighted tools ---
};

} // namespace earlab::app
