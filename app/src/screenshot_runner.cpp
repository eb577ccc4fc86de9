#include "app/src/screenshot_runner.h"

#include "app/src/app.h"
#include "app/src/sample_history.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file.h"
#include "exercises/blind_schedule.h"
#include "exercises/eq_levels.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/progress_store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QQuickItem>
#include <QQuickWindow>

#include <cmath>
#include <cstdio>
#include <memory>

namespace earlab::app {

namespace {
constexpr int kTickMs = 50;
constexpr int kStepTimeoutMs = 60000;
constexpr int kSettleMs = 400; // lets bindings, layouts and the painted curve settle

// The first item named `name` at or under `item`, through the visual children (a list's
// delegates are not QObject children of the list).
QQuickItem* findItem(QQuickItem* item, const QString& name)
{
    if (!item || item->objectName() == name)
        return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findItem(child, name))
            return found;
    return nullptr;
}
} // namespace

ScreenshotRunner::ScreenshotRunner(QQuickWindow* window, App* app, const QString& directory, QObject* parent)
    : QObject(parent), m_window(window), m_app(app), m_dir(directory)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &ScreenshotRunner::tick);
}

ScreenshotRunner::~ScreenshotRunner()
{
    if (m_sampleStore)
        m_app->statistics()->setStore(*m_app->store()); // before the scratch store closes
}

void ScreenshotRunner::then(const QString& what, std::function<bool()> ready, std::function<void()> action)
{
    m_steps.push_back({what, std::move(ready), std::move(action)});
}

void ScreenshotRunner::grab(const QString& name)
{
    const QString path = m_dir.filePath(name + ".png");
    const QImage image = m_window->grabWindow();
    if (image.isNull() || !image.save(path)) {
        std::fprintf(stderr, "earlab: could not write %s\n", qPrintable(path));
        ++m_failures;
    } else {
        std::printf("%s\n", qPrintable(path));
    }
}

void ScreenshotRunner::saveLevel(int level)
{
    // Straight into the store, as a returning user's saved level. The database may be the
    // user's own and fail (a full disk): the pages are still worth taking, so say why the
    // level may differ and go on, as the app itself would.
    try {
        m_app->store()->saveLevel(QStringLiteral("eq-band"), level);
    } catch (const StoreError& e) {
        std::fprintf(stderr, "earlab: screenshots: %s\n", qPrintable(e.message()));
    }
}

void ScreenshotRunner::answerRightly(bool right)
{
    Session* s = m_app->session();
    const int n = s->answerOptions()->count();
    const int truth = s->correctOption();
    s->choose(right ? truth : (truth + 1) % n);
    s->setAnswerBoost(s->correctBoost());
    s->confirm();
}

void ScreenshotRunner::answerNearly()
{
    Session* s = m_app->session();
    const Question& q = s->currentQuestion();
    switch (q.answerKind) {
    case AnswerKind::Bands:
    case AnswerKind::Choice:
        s->choose(std::max(0, s->correctOption()));
        s->setAnswerBoost(s->correctBoost());
        break;
    case AnswerKind::Continuous:
    case AnswerKind::StereoField:
        // A near miss shows both markers apart.
        s->setAnswerValue(q.correct.toDouble() * 0.8);
        break;
    case AnswerKind::EqMatch:
        s->setAnswerFrequencyHz(q.hidden.value("frequency_hz").toDouble(1000) * 1.25);
        s->setAnswerGainDb(q.hidden.value("gain_db").toDouble() - 2.0);
        s->setAnswerQ(q.hidden.value("q").toDouble(1.41));
        break;
    }
}

void ScreenshotRunner::shootEveryExercise()
{
    Session* s = m_app->session();
    auto settled = std::make_shared<QElapsedTimer>();
    const auto settle = [settled] { settled->start(); };
    const auto isSettled = [settled] { return settled->isValid() && settled->elapsed() >= kSettleMs; };
    for (const auto& exercise : m_app->catalogue().all()) {
        const QString id = exercise->id();
        then("start " + id, [] { return true; }, [=, this] { m_app->startExercise(id); });
        then("question " + id, [s] { return s->phase() == Session::Question; }, [=, this] {
            answerNearly();
            m_app->audio()->select(s->currentQuestion().hiddenVariant);
            settle();
        });
        then("question shot " + id, isSettled, [=, this] { grab("question-" + id); s->confirm(); });
        then("reveal " + id, [s] { return s->phase() == Session::Revealed && s->answerVariantReady(); }, settle);
        then("reveal shot " + id, isSettled, [=, this] { grab("reveal-" + id); m_app->goHome(); });
    }
}

QString ScreenshotRunner::makeMusicFolder()
{
    if (!m_music.isValid())
        return {};
    const QString folder = m_music.filePath(QStringLiteral("My music"));
    QDir().mkpath(folder);
    // Built-in mixes and stems under names a user's exports might have.
    const QList<std::pair<QString, QString>> copies = {
        {QStringLiteral("pop-rock"), QStringLiteral("Sunday demo (mix v3).wav")},
        {QStringLiteral("electronic"), QStringLiteral("Night drive - rough master.wav")},
        {QStringLiteral("jazz"), QStringLiteral("Trio session take 2.wav")},
    };
    int n = 0;
    for (const auto& [material, title] : builtinMaterials()) {
        for (const auto& [key, name] : copies)
            if (material.id.contains(key))
                n += QFile::copy(material.path, folder + QLatin1Char('/') + name) ? 1 : 0;
    }
    QFile broken(folder + QStringLiteral("/Bounce (interrupted).wav"));
    if (broken.open(QIODevice::WriteOnly))
        broken.write("RIFF....WAVEfmt cut off here");
    return n > 0 ? folder : QString();
}

QStringList ScreenshotRunner::makeCompareFiles()
{
    if (!m_music.isValid())
        return {};
    QString source;
    for (const auto& [material, title] : builtinMaterials())
        if (material.id.contains(QStringLiteral("pop-rock")) && source.isEmpty())
            source = material.path;
    if (source.isEmpty())
        return {};
    const QString folder = m_music.filePath(QStringLiteral("Mixes"));
    QDir().mkpath(folder);
    try {
        const AudioBuffer mix = loadAudioFile(source.toStdString()).audio;
        // v4 comes 480 frames later and 2 dB down; the master is inverted, 37 frames early.
        const auto version = [&mix](std::int64_t lag, float gain) {
            AudioBuffer out = AudioBuffer::silence(mix.channelCount(), mix.frames(), mix.sampleRate);
            const auto n = std::int64_t(mix.frames());
            for (std::size_t c = 0; c < mix.channelCount(); ++c)
                for (std::int64_t i = 0; i < n; ++i)
                    out.channels[c][std::size_t(i)] = gain * mix.channels[c][std::size_t(((i - lag) % n + n) % n)];
            return out;
        };
        const QStringList paths = {folder + QStringLiteral("/Sunday demo (mix v3).wav"),
                                   folder + QStringLiteral("/Sunday demo (mix v4).wav"),
                                   folder + QStringLiteral("/Sunday demo (master).wav")};
        writeAudioFile(paths[0].toStdString(), mix);
        writeAudioFile(paths[1].toStdString(), version(480, 0.794f));
        writeAudioFile(paths[2].toStdString(), version(-37, -0.9f));
        return paths;
    } catch (const AudioError& e) {
        std::fprintf(stderr, "earlab: screenshots: no comparison: %s\n", e.what());
        return {};
    }
}

void ScreenshotRunner::shootCompare()
{
    const QStringList files = makeCompareFiles();
    if (files.isEmpty())
        return;
    CompareController* c = m_app->compare();
    auto settled = std::make_shared<QElapsedTimer>();
    const auto settle = [settled] { settled->start(); };
    const auto isSettled = [settled] { return settled->isValid() && settled->elapsed() >= kSettleMs; };
    then("compare", [] { return true; }, [=, this] {
        m_app->setPage(App::ComparePage);
        c->addFiles(files);
        c->prepare();
    });
    then("compare prepared", [c] { return c->phase() != CompareController::Preparing; }, [=] {
        c->setMode(CompareController::Abx);
        c->setPairB(1);
        settle();
    });
    then("compare items shot", isSettled, [=, this] {
        grab("compare-items");
        // Sighted: a trim on item 2, a loop region on item 1's waveform, the difference playing.
        c->setMode(CompareController::Sighted);
        c->setTrim(1, -0.5);
        c->setLoopRegion(2.0, 6.0);
        c->pressDifference();
        settle();
    });
    then("compare sighted shot", [=] { return !c->retrimming() && isSettled(); }, [=, this] {
        grab("compare-sighted");
        c->setMode(CompareController::Abx);
        c->startRun();
        // Two trials answered; on the third the listener is on X.
        for (int i = 0; i < 2 && c->run(); ++i)
            c->answer(abItemName(abxX(c->run()->seed(), std::uint32_t(i))));
        c->listen("X");
        settle();
    });
    then("compare abx shot", isSettled, [=, this] {
        grab("compare-abx");
        // The rest mostly right: 13 of 16.
        while (c->phase() == CompareController::Running && c->run()) {
            const int i = c->run()->trial();
            const AbItem x = abxX(c->run()->seed(), std::uint32_t(i));
            c->answer(abItemName(i == 4 || i == 9 || i == 13 ? (x == AbItem::A ? AbItem::B : AbItem::A) : x));
        }
        settle();
    });
    then("compare result shot", isSettled, [=, this] {
        grab("compare-result");
        c->closeResult();
        c->setMode(CompareController::Mushra);
        CompareMushra* m = c->mushra();
        m->setPages(4);
        m->setMidAnchor(true);
        c->startRun();
    });
    // MUSHRA: ratings a listener might give: the hidden reference near the top, the versions
    // below it, the anchors low (stimuli: the two versions, hidden reference, 3.5 and 7 kHz).
    const auto rating = [](int stimulus, int page) {
        static const int base[] = {78, 64, 96, 14, 41};
        return base[stimulus] + (page * 7 + stimulus * 3) % 11 - 5;
    };
    const auto ratePage = [c, rating](int positions) {
        CompareMushra* m = c->mushra();
        const int page = m->page() - 1;
        for (int p = 0; p < positions; ++p) {
            c->pressNumber(p + 1);
            m->rate(p, rating(m->run()->stimulusAt(p), page));
        }
    };
    then("compare mushra built", [c] { return !c->mushra()->building(); }, [=] {
        // Page 1 submitted; on page 2 three of five rated, the third playing.
        ratePage(c->mushra()->positionCount());
        c->mushra()->submit();
        ratePage(3);
        settle();
    });
    then("compare mushra shot", isSettled, [=, this] {
        grab("compare-mushra");
        CompareMushra* m = c->mushra();
        while (c->phase() == CompareController::Running && m->run()) {
            ratePage(m->positionCount());
            m->submit();
        }
        settle();
    });
    then("compare mushra result shot", isSettled, [=, this] {
        grab("compare-mushra-result");
        m_app->goHome();
    });
}

void ScreenshotRunner::shootStatistics()
{
    try {
        m_sampleStore = std::make_unique<ProgressStore>();
        m_sampleStore->open(m_sampleDir.filePath(QStringLiteral("sample-progress.sqlite")));
    } catch (const StoreError& e) {
        std::fprintf(stderr, "earlab: screenshots: no statistics: %s\n", qPrintable(e.message()));
        m_sampleStore.reset();
        return;
    }
    StatisticsModel* stats = m_app->statistics();
    auto settled = std::make_shared<QElapsedTimer>();
    const auto settle = [settled] { settled->start(); };
    const auto isSettled = [settled] { return settled->isValid() && settled->elapsed() >= kSettleMs; };
    then("statistics empty", [] { return true; }, [=, this] {
        stats->setStore(*m_sampleStore);
        m_app->setPage(App::StatisticsPage);
        settle();
    });
    then("statistics empty shot", isSettled, [=, this] {
        grab("statistics-empty");
        try {
            writeSampleHistory(*m_sampleStore);
        } catch (const StoreError& e) {
            std::fprintf(stderr, "earlab: screenshots: %s\n", qPrintable(e.message()));
            ++m_failures;
        }
        stats->refresh();
        settle();
    });
    then("statistics shot", isSettled, [=, this] {
        grab("statistics");
        stats->setStore(*m_app->store());
        m_app->goHome();
    });
}

void ScreenshotRunner::start()
{
    Session* s = m_app->session();
    auto settled = std::make_shared<QElapsedTimer>();
    const auto settle = [settled] { settled->start(); };
    const auto isSettled = [settled] { return settled->isValid() && settled->elapsed() >= kSettleMs; };
    const auto phaseIs = [s](Session::Phase p) { return [s, p] { return s->phase() == p; }; };

    // A level with boosts and cuts on nine octave bands shows the whole question page.
    saveLevel(m_app->library()->hasBuiltinMusic() ? 4 : 3);
    m_app->exercises()->refresh();

    then("settings", [] { return true; }, [=, this] { m_app->setPage(App::SettingsPage); settle(); });
    then("settings shot", isSettled, [=, this] { grab("settings"); });
    Library* library = m_app->library();
    const QString folder = makeMusicFolder();
    then("library", [] { return true; }, [=, this] {
        m_app->setPage(App::LibraryPage);
        if (!folder.isEmpty())
            library->addPaths({folder});
        settle();
    });
    if (!folder.isEmpty())
        then("library scanning shot",
             [=] { return library->scanning() && library->scanDone() >= 1 && library->scanFileProgress() > 0.3; },
             [=, this] { grab("library-scanning"); });
    then("library scanned", [=] { return !library->scanning(); }, [=] {
        // One file with a loop of the user's own.
        for (int row = 0; row < library->rowCount(); ++row) {
            const QModelIndex i = library->index(row);
            if (library->data(i, Library::KindRole).toString() == "file" &&
                library->data(i, Library::StatusRole).toString() == "ready") {
                library->pinRegion(library->data(i, Library::MaterialIdRole).toString(), 8.0, 12.0);
                break;
            }
        }
        settle();
    });
    // The loop editor, open on the first of the user's files (the one pinned above).
    auto loopRow = std::make_shared<int>(-1);
    then("library shot", isSettled, [=, this] {
        grab("library");
        for (int row = 0; row < library->rowCount() && *loopRow < 0; ++row)
            if (library->data(library->index(row), Library::PinnedRole).toBool())
                *loopRow = row;
        if (QQuickItem* list = findItem(m_window->contentItem(), "materialList"); list && *loopRow >= 0)
            QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, *loopRow), Q_ARG(int, 1)); // Center
        settle();
    });
    then("loop editor", isSettled, [=, this] {
        if (QQuickItem* row = findItem(m_window->contentItem(), QString("materialRow_%1").arg(*loopRow)))
            row->setProperty("editing", true);
        settle();
    });
    then("library loop shot", isSettled, [=, this] {
        grab("library-loop");
        if (QQuickItem* row = findItem(m_window->contentItem(), QString("materialRow_%1").arg(*loopRow)))
            row->setProperty("editing", false);
        // The library's problem, said by the window's one banner: a loop that is not inside the file.
        if (*loopRow >= 0)
            library->pinRegion(library->data(library->index(*loopRow), Library::MaterialIdRole).toString(), 0.0, 1e6);
        settle();
    });
    then("library problem shot", isSettled, [=, this] {
        grab("library-problem");
        library->clearProblem();
        // The listening view on that file, with a few notes as a first listen leaves them.
        if (*loopRow >= 0)
            m_app->listening()->open(library->data(library->index(*loopRow), Library::MaterialIdRole).toString());
    });
    ListeningController* listening = m_app->listening();
    then("listening decoded", [=] { return !listening->active() || !listening->loading(); }, [=] {
        if (listening->ready() && listening->markers()->rowCount() == 0) {
            const double d = listening->duration();
            listening->addMarker(0.12 * d, "balance", tr("vocal sits behind the guitars in the verse"));
            listening->addMarker(0.31 * d, "tone", tr("harsh vocal S, around 7 kHz"));
            listening->addMarker(0.55 * d, "dynamics", tr("chorus does not lift: bus compressor pumping?"));
            listening->addMarker(0.78 * d, "space", tr("reverb tail masks the snare"));
        }
    });
    then("listening markers", [=] { return listening->pendingWrites() == 0; }, [=, this] {
        if (listening->markers()->rowCount() > 1)
            listening->loopMarker(listening->markers()->markers()[1].id);
        m_app->audio()->stop(); // a still picture: the playhead where it is put
        listening->seek(0.4 * listening->duration());
        settle();
    });
    then("listening shot", isSettled, [=, this] {
        grab("listening");
        listening->close();
    });
    then("start", [] { return true; }, [=, this] { m_app->startExercise("eq-band"); });
    then("question", phaseIs(Session::Question), [=, this] {
        s->choose(std::min(3, s->answerOptions()->count() - 1));
        s->setAnswerBoost(false);
        m_app->audio()->select(1);
        settle();
    });
    then("exercise shot", isSettled, [=, this] { grab("exercise"); m_app->setHelpVisible(true); settle(); });
    then("help shot", isSettled, [=, this] { grab("help"); m_app->setHelpVisible(false); s->confirm(); settle(); });
    then("reveal", [=, this] { return isSettled() && s->phase() == Session::Revealed && s->answerVariantReady(); },
         [=, this] { m_app->audio()->select(1); settle(); });
    then("reveal shot", isSettled, [=, this] { grab("reveal"); s->next(); });
    // The rest of the session: mostly right answers, picked from what the reveal then shows.
    for (int i = 2; i <= m_app->session()->questionCount(); ++i) {
        then(QString("question %1").arg(i), phaseIs(Session::Question), [=, this] {
            answerRightly(i % 4 != 0);
        });
        then(QString("reveal %1").arg(i), phaseIs(Session::Revealed), [=, this] { s->next(); });
    }
    then("summary", phaseIs(Session::Finished), settle);
    then("summary shot", isSettled, [=, this] { grab("summary"); m_app->goHome(); settle(); });
    then("home shot", isSettled, [=, this] {
        grab("home");
        // A third-octave level: 26 bands, reached by number keys in groups of ten.
        saveLevel(6);
        m_app->startExercise("eq-band");
    });
    then("third-octave question", phaseIs(Session::Question), [=] {
        s->moveKeyGroup(1);
        s->pressKey("0"); // the 20th band
        settle();
    });
    then("third-octave shot", isSettled, [=, this] {
        grab("exercise-third-octave");
        m_app->goHome();
    });
    shootEveryExercise();
    shootCompare();
    shootStatistics();
    then("no device", [] { return true; }, [=, this] {
        m_app->audio()->openDevice("no-such-device");
        settle();
    });
    then("no-device shot", isSettled, [=, this] { grab("no-device"); });
    m_timer.start();
}

void ScreenshotRunner::tick()
{
    if (m_next >= m_steps.size()) {
        m_timer.stop();
        emit finished(m_failures == 0 ? 0 : 1);
        return;
    }
    Step& step = m_steps[m_next];
    if (step.ready()) {
        step.action();
        ++m_next;
        m_waited = 0;
        return;
    }
    m_waited += kTickMs;
    if (m_waited > kStepTimeoutMs) {
        std::fprintf(stderr, "earlab: screenshots: timed out waiting for %s\n", qPrintable(step.what));
        m_timer.stop();
        emit finished(1);
    }
}

} // namespace earlab::app
