#include "app/src/app.h"

#include "app/src/app_options.h"
#include "app/src/blind_log_saving.h"

#include "exercises/practice_evidence.h"
#include "exercises/progress_store.h"

#include <QCoreApplication>
#include <QPointer>
#include <QQmlEngine>

namespace earlab::app {

namespace {
QPointer<App> g_last;
}

App::App(QObject* parent)
    : QObject(parent), m_store(std::make_unique<ProgressStore>()), m_banner(new BannerState(this))
{
    const AppOptions& options = appOptions();
    openStore(options.databasePathSet ? options.databasePath : ProgressStore::defaultPath());
    m_writer = new DatabaseWriter(this);
    connect(m_writer, &DatabaseWriter::waitingChanged, m_banner, &BannerState::setWaitingForSpace);
    connect(m_writer, &DatabaseWriter::openFailed, this, [this](const QString& message) {
        setStoreProblem(tr("%1 Training works, but neither your answers nor changes to the library can be saved. "
                           "To keep your progress, "
                           "restart EarLab, or start it with --db and another file.").arg(message));
    });
    m_writer->openFor(m_store.get());
    m_preferences = new Preferences(options.settingsFile, this);
    m_audio = new AudioOutput(m_preferences, this);
    m_library = new Library(m_store.get(), m_writer, m_preferences, this);
    const auto libraryChanged = [this] { m_banner->setLibraryProblem(m_library->problem()); };
    connect(m_library, &Library::problemChanged, m_banner, libraryChanged);
    libraryChanged(); // the library may have failed to load
    m_exercises = new ExerciseListModel(&m_catalogue, m_store.get(), this);
    m_preview = new LoopPreview(m_audio, this);
    m_listening = new ListeningController(m_audio, m_library, m_store.get(), m_writer, this);
    connect(m_listening, &ListeningController::trackChanged, m_preview, [this] {
        if (m_listening->active())
            m_preview->stop(); // the track's scene takes the output
    });
    // Its blindLogFinished(log) is for the progress store's blind logs (not kept yet).
    m_compare = new CompareController(m_audio, this);
    new BlindLogSaving(m_compare, m_writer, m_compare); // scored runs' logs into the progress database
    m_session = new Session(&m_catalogue, m_store.get(), m_writer, m_audio, m_preferences, [this] { return m_library->musicMaterial(); }, this);
    m_statistics = new StatisticsModel(*m_store, this);
    // New answers and blind logs show on the page while it is open; otherwise it is
    // computed when it opens (setPage), not after every answer of a session.
    const auto historyChanged = [this] {
        if (m_page == StatisticsPage)
            m_statistics->refresh();
    };
    connect(m_writer, &DatabaseWriter::committed, m_statistics, historyChanged);
    connect(m_writer, &DatabaseWriter::jobDone, m_statistics, historyChanged);
    m_session->setMultitrackProvider([this] { return m_library->multitrackMaterial(); });
    // Training music (training_music.h): the session rotates it, the Library and Home say it.
    m_session->setMusicPool([this] { return m_library->usableMusic(); });
    m_exercises->setMusicLine([this](const Exercise& e, int level) {
        const QList<MaterialRef> usable = m_library->usableMusic();
        const auto choice = exerciseMaterialFromName(m_preferences->exerciseMaterial(e.id()));
        const MaterialPlan plan = planMaterial(e.level(level).material, choice, usable);
        return std::pair{planText(plan, m_preferences->trainingMusic(), usable), plan.note};
    });
    for (auto changed : {&Preferences::trainingMusicChanged, &Preferences::materialIdChanged})
        connect(m_preferences, changed, m_library, &Library::trainingChanged);
    connect(m_library, &Library::trainingChanged, m_exercises, &ExerciseListModel::refreshMusic);
    connect(m_preferences, &Preferences::exerciseMaterialChanged, m_exercises, &ExerciseListModel::refreshMusic);
    connect(m_session, &Session::attemptRecorded, m_exercises, &ExerciseListModel::refresh);
    m_dataTransfer = new DataTransfer(m_writer, this);
    connect(m_dataTransfer, &DataTransfer::finished, m_exercises, [this](bool imported) {
        if (imported) // levels and counts from the answers just added
            m_exercises->refresh();
    });
    // Direct: the session asks the library for the next choice right after.
    connect(m_session, &Session::materialUnusable, m_library, &Library::markUnusable);
    connect(m_session, &Session::errorChanged, m_banner, [this] { m_banner->setSessionError(m_session->errorMessage()); });
    const auto audioChanged = [this] { m_banner->setAudioProblem(m_audio->available() ? QString() : m_audio->statusMessage()); };
    connect(m_audio, &AudioOutput::statusChanged, m_banner, audioChanged);
    audioChanged();
    connectWorkout();
    if (options.autoOpenAudio)
        m_audio->retry();
    g_last = this;
}

void App::openStore(const QString& path)
{
    try {
        m_store->open(path);
        m_recoveryMessage = m_store->recoveryMessage();
        m_banner->setRepaired(m_recoveryMessage);
        if (!m_store->readOnlyReason().isEmpty()) {
            setStoreProblem(tr("EarLab cannot write to its progress database %1: %2. Training works, and this "
                               "session's answers count until EarLab closes, but neither they nor changes to the library are "
                               "saved. To keep your "
                               "progress, fix that and restart EarLab, or start it with --db and another file.")
                                .arg(m_store->sourcePath(), m_store->readOnlyReason()));
        }
    } catch (const StoreError& e) {
        // Never a dead end: train on, in memory, and say plainly that nothing is kept.
        setStoreProblem(tr("%1 Training works, and this session's answers count until EarLab closes, but neither "
                           "they nor changes to the library are saved. To keep your progress, start EarLab with --db and a file you can write.")
                            .arg(e.message()));
        m_store->open(QString());
    }
}

void App::connectWorkout()
{
    m_workout = new Workout(
        [this] { return gatherPracticeEvidence(m_catalogue, *m_store, m_library->usableMusic()); },
        [this](const PlanItem& item) { beginSession(item.exercise, item.questions, 0, Workout::sessionFocus(item)); },
        this);
    m_hearing = new HearingCare(m_preferences, m_audio, m_banner, this);
    m_hearing->setOutputGuard([this] {
        const auto phase = m_session->phase();
        if (phase != Session::Idle && phase != Session::Finished)
            return tr("End the training session first: the calibration noise would take its place.");
        m_preview->stop();
        m_compare->leave();
        return QString();
    });
    connect(m_session, &Session::phaseChanged, this, [this] {
        const auto phase = m_session->phase();
        m_hearing->setTraining(phase != Session::Idle && phase != Session::Finished);
        if (phase == Session::Finished)
            m_workout->sessionFinished(m_session->exerciseId());
    });
    m_workout->refresh();
}

void App::setStoreProblem(const QString& sentence)
{
    if (sentence == m_storeProblem)
        return;
    m_storeProblem = sentence;
    m_banner->setNotSaved(sentence);
    emit storeProblemChanged();
}

App::~App()
{
    // Hearing care listens to the audio output and the session, which stop as they go.
    disconnect(m_session, &Session::phaseChanged, this, nullptr);
    delete m_hearing;
    m_hearing = nullptr;
    delete m_preview; // waits for a decode under way
    m_preview = nullptr;
    delete m_listening; // waits for a decode under way
    m_listening = nullptr;
    delete m_compare; // waits for a preparation under way
    m_compare = nullptr;
    delete m_session; // before the store and the audio output it uses
    m_session = nullptr;
    delete m_library; // its scanner stops before the store closes
    m_library = nullptr;
    delete m_writer; // every answer submitted is committed before the store closes
    m_writer = nullptr;
}

App* App::create(QQmlEngine*, QJSEngine*)
{
    return new App; // owned by the QML engine that asked for it
}

App* App::instance()
{
    return g_last.data();
}

QString App::databasePath() const
{
    return m_store->sourcePath();
}

QString App::version() const
{
    return QCoreApplication::applicationVersion();
}

void App::setPage(Page page)
{
    if (page == m_page)
        return;
    if (m_page == ExercisePage && page != ExercisePage)
        m_session->quit(); // every answer given is already in the store
    if (m_page == LibraryPage && page != LibraryPage) {
        m_preview->release();
        m_listening->close();
    }
    if (m_page == ComparePage && page != ComparePage)
        m_compare->leave(); // the training's crossfade again; a blind run under way is stopped
    if (m_page == SettingsPage && page != SettingsPage)
        m_hearing->stopCalibration();
    m_page = page;
    if (page == ComparePage)
        m_compare->enter();
    if (page == HomePage)
        m_workout->refresh(); // today's answers count (not while a workout runs: it keeps its plan)
    if (page == StatisticsPage)
        m_statistics->refresh();
    emit pageChanged();
}

void App::setHelpVisible(bool visible)
{
    if (visible == m_helpVisible)
        return;
    m_helpVisible = visible;
    emit helpVisibleChanged();
}

void App::beginSession(const QString& exerciseId, int count, int level, const SessionFocus& focus)
{
    m_preview->stop(); // the session's scene takes the output
    m_listening->close();
    m_compare->leave();
    if (m_page == SettingsPage)
        m_hearing->stopCalibration();
    m_page = ExercisePage;
    m_session->start(exerciseId, count, level, focus);
    emit pageChanged();
}

void App::startExercise(const QString& exerciseId)
{
    beginSession(exerciseId, 0, 0);
}

void App::startExerciseAt(const QString& exerciseId, int level)
{
    beginSession(exerciseId, 0, std::max(1, level));
}

void App::resetExercise(const QString& exerciseId)
{
    if (!m_catalogue.find(exerciseId))
        return;
    m_writer->submit(tr("Could not reset the exercise"),
                     [exerciseId](ProgressStore& store) { store.resetExercise(exerciseId); });
    m_writer->flush();
    m_exercises->refresh();
}

QVariantList App::levelsOf(const QString& exerciseId) const
{
    QVariantList out;
    const Exercise* e = m_catalogue.find(exerciseId);
    if (!e)
        return out;
    for (const LevelInfo& l : e->levels()) {
        const QString what = e->difficultyKind() == DifficultyKind::Staircase
                                 ? QString("%1 — %2").arg(formatValue(l.value, e->unit()), l.description)
                                 : QString("Level %1 — %2").arg(l.number).arg(l.description);
        out.append(QVariantMap{{"number", l.number}, {"text", what}});
    }
    return out;
}

void App::setModalOpen(bool open)
{
    if (open == m_modalOpen)
        return;
    m_modalOpen = open;
    emit modalOpenChanged();
}

void App::setConfirmingEnd(bool asking)
{
    if (asking == m_confirmingEnd)
        return;
    m_confirmingEnd = asking;
    emit confirmingEndChanged();
}

void App::endSession()
{
    setConfirmingEnd(false);
    m_session->finishEarly();
}

void App::goHome()
{
    setPage(HomePage);
}

QVariantList App::exerciseTitles() const
{
    QVariantList out;
    for (const auto& exercise : m_catalogue.all())
        out.append(QVariantMap{{QStringLiteral("id"), exercise->id()}, {QStringLiteral("title"), exercise->title()}});
    return out;
}

int App::attemptCount(const QString& exerciseId) const
{
    try {
        return m_store->attemptCount(exerciseId);
    } catch (const StoreError&) {
        return -1;
    }
}

void App::dismissRecovery()
{
    if (m_recoveryMessage.isEmpty())
        return;
    m_recoveryMessage.clear();
    m_banner->setRepaired({});
    emit recoveryMessageChanged();
}

} // namespace earlab::app
