#pragma once
// The root of the app's state, one per QML engine (a singleton the engine creates): owns the
// progress store, preferences, audio output, library, the exercise list and the session, and
// decides which page is shown. QML only binds to it.

#include "app/src/audio_output.h"
#include "app/src/banner_state.h"
#include "app/src/compare_controller.h"
#include "app/src/data_transfer.h"
#include "app/src/database_writer.h"
#include "app/src/exercise_list_model.h"
#include "app/src/hearing_care.h"
#include "app/src/library.h"
#include "app/src/listening_controller.h"
#include "app/src/loop_preview.h"
#include "app/src/preferences.h"
#include "app/src/session.h"
#include "app/src/workout.h"
#include "app/src/statistics_model.h"

#include "exercises/exercise_catalogue.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

class App : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    enum Page { HomePage, ExercisePage, LibraryPage, SettingsPage, ComparePage, StatisticsPage };
    Q_ENUM(Page)

private:
    Q_PROPERTY(Page page READ page WRITE setPage NOTIFY pageChanged)
    Q_PROPERTY(bool helpVisible READ helpVisible WRITE setHelpVisible NOTIFY helpVisibleChanged)
    // A popup has the keys (the window's shortcuts stand aside).
    Q_PROPERTY(bool modalOpen READ modalOpen WRITE setModalOpen NOTIFY modalOpenChanged)
    // Esc during a session asks before ending it.
    Q_PROPERTY(bool confirmingEnd READ confirmingEnd WRITE setConfirmingEnd NOTIFY confirmingEndChanged)
    Q_PROPERTY(earlab::app::Preferences* preferences READ preferences CONSTANT)
    Q_PROPERTY(earlab::app::AudioOutput* audio READ audio CONSTANT)
    Q_PROPERTY(earlab::app::Session* session READ session CONSTANT)
    Q_PROPERTY(earlab::app::Library* library READ library CONSTANT)
    Q_PROPERTY(earlab::app::LoopPreview* preview READ preview CONSTANT) // the Library page's player
    Q_PROPERTY(earlab::app::ExerciseListModel* exercises READ exercises CONSTANT)
    // The listening view a library track opens in (markers, genre): on the Library page.
    Q_PROPERTY(earlab::app::ListeningController* listening READ listening CONSTANT)
    // The Compare page: sighted A/B, ABX and blind preference on the user's files.
    Q_PROPERTY(earlab::app::CompareController* compare READ compare CONSTANT)
    // Settings' "Your data": export and import of the history, on the writer's thread.
    Q_PROPERTY(earlab::app::DataTransfer* dataTransfer READ dataTransfer CONSTANT)
    // The Statistics page: the progress review, refreshed while it is shown.
    Q_PROPERTY(earlab::app::StatisticsModel* statistics READ statistics CONSTANT)
    Q_PROPERTY(QString recoveryMessage READ recoveryMessage NOTIFY recoveryMessageChanged)
    // Why answers cannot be saved this run (read-only file, no database), or empty.
    Q_PROPERTY(QString storeProblem READ storeProblem NOTIFY storeProblemChanged)
    // The one message the window shows (banner_state.h).
    Q_PROPERTY(earlab::app::BannerState* banner READ banner CONSTANT)
    // Home's "Today's workout" (workout.h) and hearing care (hearing_care.h).
    Q_PROPERTY(earlab::app::Workout* workout READ workout CONSTANT)
    Q_PROPERTY(earlab::app::HearingCare* hearing READ hearing CONSTANT)
    Q_PROPERTY(QString databasePath READ databasePath CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)

public:
    explicit App(QObject* parent = nullptr);
    ~App() override;

    // The QML engine's factory; the last App created is also reachable from C++.
    static App* create(QQmlEngine* qml, QJSEngine* js);
    static App* instance();

    Page page() const { return m_page; }
    void setPage(Page page);
    bool helpVisible() const { return m_helpVisible; }
    bool modalOpen() const { return m_modalOpen; }
    void setModalOpen(bool open);
    bool confirmingEnd() const { return m_confirmingEnd; }
    void setConfirmingEnd(bool asking);
    void setHelpVisible(bool visible);
    Preferences* preferences() const { return m_preferences; }
    AudioOutput* audio() const { return m_audio; }
    Session* session() const { return m_session; }
    Library* library() const { return m_library; }
    LoopPreview* preview() const { return m_preview; }
    ListeningController* listening() const { return m_listening; }
    ExerciseListModel* exercises() const { return m_exercises; }
    CompareController* compare() const { return m_compare; }
    DataTransfer* dataTransfer() const { return m_dataTransfer; }
    StatisticsModel* statistics() const { return m_statistics; }
    QString recoveryMessage() const { return m_recoveryMessage; }
    QString storeProblem() const { return m_storeProblem; }
    BannerState* banner() const { return m_banner; }
    Workout* workout() const { return m_workout; }
    HearingCare* hearing() const { return m_hearing; }
    QString databasePath() const;
    QString version() const;
    const ExerciseCatalogue& catalogue() const { return m_catalogue; }
    ProgressStore* store() const { return m_store.get(); } // the UI thread's connection: reads
    DatabaseWriter* writer() const { return m_writer; }     // every write, on the database thread

    Q_INVOKABLE void startExercise(const QString& exerciseId);
    // Starts at `level` (1-based; a staircase at that rung's value) instead of where it was left.
    Q_INVOKABLE void startExerciseAt(const QString& exerciseId, int level);
    // Back to level 1 (after the user confirmed): through the writer, one transaction; the
    // history stays, marked by the reset's time.
    Q_INVOKABLE void resetExercise(const QString& exerciseId);
    // The levels an exercise can start at: [{number, text}] ("3 — 9 octave bands, ±12 dB").
    Q_INVOKABLE QVariantList levelsOf(const QString& exerciseId) const;
    // Esc in a session: the first press asks (confirmingEnd), endSession() ends it with a
    // summary of the answers given so far.
    Q_INVOKABLE void endSession();
    // M on Home: the chosen exercise's start options (its card opens them).
    Q_INVOKABLE void openStartOptions(const QString& exerciseId) { emit startOptionsRequested(exerciseId); }
    Q_INVOKABLE void goHome();
    Q_INVOKABLE void dismissRecovery();
    Q_INVOKABLE void toggleHelp() { setHelpVisible(!m_helpVisible); }
    // The catalogue's exercises as [{id, title}], for the Statistics page's filter and names.
    Q_INVOKABLE QVariantList exerciseTitles() const;
    // Answers the store holds for an exercise (-1 if it cannot say).
    Q_INVOKABLE int attemptCount(const QString& exerciseId) const;

signals:
    void pageChanged();
    void helpVisibleChanged();
    void modalOpenChanged();
    void confirmingEndChanged();
    void startOptionsRequested(const QString& exerciseId);
    void recoveryMessageChanged();
    void storeProblemChanged();

private:
    void openStore(const QString& path);
    void setStoreProblem(const QString& sentence);
    // Every session starts here: the preview and Compare give the output up first.
    void beginSession(const QString& exerciseId, int count, int level, const SessionFocus& focus = {});
    void connectWorkout();

    ExerciseCatalogue m_catalogue = ExerciseCatalogue::standard();
    std::unique_ptr<ProgressStore> m_store;
    BannerState* m_banner;
    DatabaseWriter* m_writer;
    Preferences* m_preferences;
    AudioOutput* m_audio;
    Library* m_library;
    LoopPreview* m_preview;
    ListeningController* m_listening;
    ExerciseListModel* m_exercises;
    Session* m_session;
    CompareController* m_compare;
    DataTransfer* m_dataTransfer;
    Workout* m_workout;
    HearingCare* m_hearing;
    StatisticsModel* m_statistics;
    Page m_page = HomePage;
    bool m_helpVisible = false;
    bool m_modalOpen = false;
    bool m_confirmingEnd = false;
    QString m_recoveryMessage;
    QString m_storeProblem;
};

} // namespace earlab::app
