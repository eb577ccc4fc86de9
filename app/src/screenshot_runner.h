#pragma once
// `earlab --screenshot-dir DIR`: drives the real app through every page (a session at its
// real pace, answered by this runner) and saves what the window shows as PNG files.

#include <QDir>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QQuickWindow;

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

class App;

class ScreenshotRunner : public QObject {
    Q_OBJECT
public:
    ScreenshotRunner(QQuickWindow* window, App* app, const QString& directory, QObject* parent = nullptr);
    ~ScreenshotRunner() override;

    void start();

signals:
    void finished(int exitCode);

private:
    struct Step {
        QString what;
        std::function<bool()> ready; // polled until true (or the step times out)
        std::function<void()> action;
    };
    void then(const QString& what, std::function<bool()> ready, std::function<void()> action);
    void grab(const QString& name);
    void answerRightly(bool right);
    // The answer panel set close to the truth, for a question page and its reveal.
    void answerNearly();
    // question-<id>.png and reveal-<id>.png for every exercise of the catalogue.
    void shootEveryExercise();
    void saveLevel(int level); // the eq-band exercise's saved level; a store failure is reported, not thrown
    // A folder of "the user's music" made from the built-in loops, plus one broken file.
    QString makeMusicFolder();
    // Two versions of a built-in mix as a user's comparison might hold: a later, quieter
    // bounce and a polarity-inverted one; empty when the built-in loops are missing.
    QStringList makeCompareFiles();
    // compare-items.png, compare-abx.png, compare-result.png.
    void shootCompare();
    // statistics-empty.png and statistics.png: the Statistics page on a scratch database,
    // empty and then with a generated month of training (sample_history.h); the user's
    // database is neither read for them nor written.
    void shootStatistics();
    void tick();

    QQuickWindow* m_window;
    App* m_app;
    QDir m_dir;
    std::vector<Step> m_steps;
    std::size_t m_next = 0;
    int m_waited = 0;
    int m_failures = 0;
    QTimer m_timer;
    QTemporaryDir m_music;
    QTemporaryDir m_sampleDir;
    std::unique_ptr<ProgressStore> m_sampleStore;
};

} // namespace earlab::app
