#pragma once
// The root of the app's state, one per QML engine (a singleton the engine creates): owns the
// progress store, preferences, audio output, library, the exercise list and the session, and
// decides which page is shown. QML only binds to it.

#include "app/src/audio_output.h"
#include "app/src/banner_state.h"
#include "app/src/database_writer.h"
#include "app/src/exercise_list_model.h"
#include "app/src/library.h"
#include "app/src/loop_preview.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

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
    enum Page { HomePage, ExercisePage, LibraryPage, SettingsPage };
    Q_ENUM(Page)

private:
    Q_PROPERTY(Page page READ page WRITE setPage NOTIFY pageChanged)
    Q_PROPERTY(bool helpVisible READ helpVisible WRITE setHelpVisible NOTIFY helpVisibleChanged)
    Q_PROPERTY(earlab::app::Preferences* preferences READ preferences CONSTANT)
    Q_PROPERTY(earlab::app::AudioOutput* audio READ audio CONSTANT)
    Q_PROPERTY(earlab::app::Session* session READ session CONSTANT)
    Q_PROPERTY(earlab::app::Library* library READ library CONSTANT)
    Q_PROPERTY(earlab::app::LoopPreview* preview READ preview CONSTANT) // the Library page's player
    Q_PROPERTY(earlab::app::ExerciseListModel* exercises READ exercises CONSTANT)
    Q_PROPERTY(QString recoveryMessage READ recoveryMessage NOTIFY recoveryMessageChanged)
    // Why answers cannot be saved this run (read-only file, no database), or empty.
    Q_PROPERTY(QString storeProblem READ storeProblem NOTIFY storeProblemChanged)
    // The one message the window shows (banner_state.h).
    Q_PROPERTY(earlab::app::BannerState* banner READ banner CONSTANT)
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
    void setHelpVisible(bool visible);
    Preferences* preferences() const { return m_preferences; }
    AudioOutput* audio() const { return m_audio; }
    Session* session() const { return m_session; }
    Library* library() const { return m_library; }
    LoopPreview* preview() const { return m_preview; }
    ExerciseListModel* exercises() const { return m_exercises; }
    QString recoveryMessage() const { return m_recoveryMessage; }
    QString storeProblem() const { return m_storeProblem; }
    BannerState* banner() const { return m_banner; }
    QString databasePath() const;
    QString version() const;
    const ExerciseCatalogue& catalogue() const { return m_catalogue; }
    ProgressStore* store() const { return m_store.get(); } // the UI thread's connection: reads
    DatabaseWriter* writer() const { return m_writer; }     // every write, on the database thread

    Q_INVOKABLE void startExercise(const QString& exerciseId);
    Q_INVOKABLE void goHome();
    Q_INVOKABLE void dismissRecovery();
    Q_INVOKABLE void toggleHelp() { setHelpVisible(!m_helpVisible); }
    // Answers the store holds for an exercise (-1 if it cannot say).
    Q_INVOKABLE int attemptCount(const QString& exerciseId) const;

signals:
    void pageChanged();
    void helpVisibleChanged();
    void recoveryMessageChanged();
    void storeProblemChanged();

private:
    void openStore(const QString& path);
    void setStoreProblem(const QString& sentence);

    ExerciseCatalogue m_catalogue = ExerciseCatalogue::standard();
    std::unique_ptr<ProgressStore> m_store;
    BannerState* m_banner;
    DatabaseWriter* m_writer;
    Preferences* m_preferences;
    AudioOutput* m_audio;
    Library* m_library;
    LoopPreview* m_preview;
    ExerciseListModel* m_exercises;
    Session* m_session;
    Page m_page = HomePage;
    bool m_helpVisible = false;
    QString m_recoveryMessage;
    QString m_storeProblem;
};

} // namespace earlab::app
