#include "app/src/compare_controller.h"

#include "app/src/audio_output.h"

#include "audio/audio_error.h"
#include "exercises/blind_log_file.h"
#include "exercises/blind_test_planner.h"
#include "exercises/comparison_log.h"
#include "exercises/comparison_scene.h"
#include "exercises/holm_correction.h"
#include "exercises/library_scan.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace earlab::app {

namespace {
constexpr int kMaxTrials = 100; // the page's range; BlindRun itself takes up to 1000
constexpr double kAlpha = 0.05;

QString number(double value, int decimals) { return QString::number(value, 'f', decimals); }

// p as the result shows it: four significant digits, never "0".
QString pText(double p) { return p < 1e-4 ? QStringLiteral("%1").arg(p, 0, 'e', 2) : number(p, 4); }
} // namespace

CompareController::CompareController(AudioOutput* audio, QObject* parent)
    : QObject(parent), m_audio(audio), m_items(new CompareItemModel(this)), m_crossfadeMs(kComparisonCrossfadeMs),
      m_seedSource(&BlindSeed::generate), m_appVersion(QCoreApplication::applicationVersion()),
      m_mushra(new CompareMushra(audio, this))
{
    connect(&m_preparation, &QFutureWatcher<Prepared>::finished, this, &CompareController::onPrepared);
    connect(&m_retrim, &QFutureWatcher<Retrimmed>::finished, this, &CompareController::onRetrimmed);
    connect(m_mushra, &CompareMushra::finished, this, &CompareController::finishMushra);
    connect(m_mushra, &CompareMushra::failed, this, [this](const QString& message) {
        setError(message);
        endRunAudio();
        setPhase(Ready);
        emit runChanged();
    });
}

CompareController::~CompareController()
{
    if (m_cancel)
        m_cancel->store(true);
    m_preparation.waitForFinished(); // its progress calls are queued to this object: finish first
    m_retrim.waitForFinished();
}

bool CompareController::canPrepare() const
{
    const auto n = std::size_t(m_items->rowCount());
    return n >= kMinComparisonItems && n <= kMaxComparisonItems && m_phase != Preparing && m_phase != Running;
}

QStringList CompareController::fileNames() const
{
    QStringList names;
    for (const QString& path : m_items->paths())
        names << QFileInfo(path).fileName();
    return names;
}

void CompareController::setPhase(Phase phase)
{
    if (phase == m_phase)
        return;
    m_phase = phase;
    emit phaseChanged();
    emit itemsChanged(); // canPrepare depends on the phase
}

void CompareController::setError(const QString& message)
{
    if (message == m_error)
        return;
    m_error = message;
    emit errorChanged();
}

// New files: the preparation is no longer theirs.
void CompareController::setPaths(const QStringList& paths)
{
    if (m_phase == Preparing || m_phase == Running)
        return;
    if (m_comparison && m_shown)
        m_audio->unload();
    m_comparison.reset();
    ++m_comparisonGeneration;
    m_log.reset();
    m_items->setPaths(paths);
    m_pairA = 0;
    m_pairB = 1;
    m_sightedItem = 0;
    resetSightedTools();
    setPhase(Picking);
    emit itemsChanged();
    emit settingsChanged();
    emit sightedItemChanged();
}

void CompareController::addUrls(const QList<QUrl>& urls)
{
    QStringList paths;
    for (const QUrl& url : urls)
        paths << (url.isLocalFile() ? url.toLocalFile() : url.toString());
    addFiles(paths);
}

void CompareController::addFiles(const QStringList& paths)
{
    if (paths.isEmpty() || m_phase == Preparing || m_phase == Running)
        return;
    QStringList all = m_items->paths();
    QStringList refused;
    for (const QString& path : paths) {
        if (std::size_t(all.size()) < kMaxComparisonItems)
            all << path;
        else
            refused << QFileInfo(path).fileName();
    }
    setError(refused.isEmpty() ? QString()
                               : tr("A comparison holds at most %1 files; not added: %2.")
                                     .arg(kMaxComparisonItems)
                                     .arg(refused.join(QStringLiteral(", "))));
    setPaths(all);
}

void CompareController::addFilesWithDialog()
{
    QStringList patterns;
    for (const auto& ext : audioFileExtensions())
        patterns << QStringLiteral("*.") + ext;
    addFiles(QFileDialog::getOpenFileNames(nullptr, tr("Add files to compare"), QDir::homePath(),
                                           tr("Audio files (%1);;All files (*)").arg(patterns.join(' '))));
}

void CompareController::exportLogWithDialog(bool json)
{
    if (!m_log)
        return;
    const QString name = QStringLiteral("earlab-%1-log.%2").arg(blindModeId(m_log->mode), json ? QStringLiteral("json") : QStringLiteral("txt"));
    const QString path = QFileDialog::getSaveFileName(nullptr, tr("Export the log"), QDir::home().filePath(name),
                                                      json ? tr("JSON (*.json)") : tr("Text (*.txt)"));
    if (!path.isEmpty())
        exportLog(QUrl::fromLocalFile(path), json);
}

void CompareController::removeItem(int row)
{
    QStringList all = m_items->paths();
    if (row < 0 || row >= all.size())
        return;
    all.removeAt(row);
    setError({});
    setPaths(all);
}

void CompareController::clearItems()
{
    setError({});
    setPaths({});
}

void CompareController::prepare()
{
    if (!canPrepare())
        return;
    if (m_comparison && m_shown)
        m_audio->unload();
    m_comparison.reset();
    ++m_comparisonGeneration;
    m_items->clearFigures();
    setError({});
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_progress = 0;
    m_stage = tr("Starting");
    emit progressChanged();
    setPhase(Preparing);
    std::vector<std::string> paths;
    for (const QString& p : m_items->paths())
        paths.push_back(p.toStdString());
    auto cancel = m_cancel;
    // The same files prepared again keep their trims (other files reset them: setPaths).
    std::vector<double> trims = m_trims.size() == paths.size() ? m_trims : std::vector<double>{};
    // Queued to this object: the destructor waits for the worker, so `this` outlives every call.
    auto report = [this](double fraction, const std::string& stage) {
        QMetaObject::invokeMethod(this, [this, fraction, s = QString::fromStdString(stage)] { onProgress(fraction, s); },
                                  Qt::QueuedConnection);
    };
    m_preparation.setFuture(QtConcurrent::run([paths, cancel, report, trims]() {
        Prepared out;
        ComparisonOptions options;
        options.sampleRate = kEngineSampleRate; // the app's engine plays them as they are
        options.progress = report;
        options.trimDb = trims;
        options.cancelled = [cancel] { return cancel->load(); };
        try {
            out.comparison = std::make_shared<const Comparison>(prepareComparison(paths, options));
            out.overview = levelOverview(*out.comparison->items[0].audio).toBytes();
        } catch (const ComparisonCancelled&) {
            out.cancelled = true;
        } catch (const AudioError& e) {
            out.error = QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            out.error = tr("Not enough memory to prepare these %1 files").arg(paths.size());
        }
        return out;
    }));
}

void CompareController::onProgress(double fraction, const QString& stage)
{
    if (m_phase != Preparing)
        return;
    m_progress = std::clamp(fraction, 0.0, 1.0);
    m_stage = stage;
    emit progressChanged();
}

void CompareController::cancel()
{
    if (m_phase == Preparing && m_cancel)
        m_cancel->store(true);
}

void CompareController::onPrepared()
{
    Prepared p = m_preparation.result();
    m_cancel.reset();
    if (!p.comparison) {
        m_stage = p.cancelled ? tr("Cancelled") : QString();
        emit progressChanged();
        setError(p.error);
        setPhase(Picking);
        return;
    }
    m_comparison = std::move(p.comparison);
    ++m_comparisonGeneration;
    m_items->setFigures(*m_comparison);
    m_referenceOverview = p.overview;
    m_trims.clear();
    for (const ComparisonItem& item : m_comparison->items)
        m_trims.push_back(item.trimDb);
    m_differenceItem = std::clamp(m_differenceItem, 1, int(m_comparison->items.size()) - 1);
    setLoopRegion(m_loopStart, m_loopLength); // held inside this preparation's region
    emit sightedToolsChanged();
    m_progress = 1;
    m_stage = tr("Ready");
    emit progressChanged();
    setPhase(Ready);
    if (m_shown)
        loadSighted();
}

void CompareController::setCrossfadeMs(double ms)
{
    ms = std::clamp(std::isfinite(ms) ? ms : kComparisonCrossfadeMs, 0.0, 50.0);
    if (ms == m_crossfadeMs)
        return;
    m_crossfadeMs = ms;
    if (m_shown)
        m_audio->setCrossfadeOverride(m_crossfadeMs);
    emit crossfadeMsChanged();
}

void CompareController::setMode(Mode mode)
{
    if (mode == m_mode || m_phase == Running)
        return;
    m_mode = mode;
    emit settingsChanged();
}

void CompareController::setPairA(int item)
{
    if (item == m_pairA || item < 0 || item >= m_items->rowCount() || m_phase == Running)
        return;
    if (item == m_pairB)
        m_pairB = m_pairA; // a pair is two different items: swap
    m_pairA = item;
    emit settingsChanged();
}

void CompareController::setPairB(int item)
{
    if (item == m_pairB || item < 0 || item >= m_items->rowCount() || m_phase == Running)
        return;
    if (item == m_pairA)
        m_pairA = m_pairB;
    m_pairB = item;
    emit settingsChanged();
}

void CompareController::setTrials(int trials)
{
    trials = std::clamp(trials, 1, kMaxTrials);
    if (trials == m_trials || m_phase == Running)
        return;
    m_trials = trials;
    emit settingsChanged();
}

void CompareController::setPractice(bool on)
{
    if (on == m_practice || m_phase == Running)
        return;
    m_practice = on;
    emit settingsChanged();
}

QString CompareController::plannerText() const
{
    return QString::fromStdString(plannerSentence(m_trials, kAlpha));
}

int CompareController::trial() const
{
    return m_phase == Running && m_run ? m_run->trial() + 1 : 0;
}

int CompareController::plannedTrials() const
{
    return m_run ? m_run->plannedTrials() : m_trials;
}

QString CompareController::listening() const
{
    if (m_phase != Running || !m_run)
        return {};
    if (!m_run->playing())
        return {}; // the trial is silent until the listener's first choice
    switch (*m_run->playing()) {
    case BlindRun::Choice::A:
        return m_runMode == Abx ? QStringLiteral("A") : QStringLiteral("1");
    case BlindRun::Choice::B:
        return m_runMode == Abx ? QStringLiteral("B") : QStringLiteral("2");
    case BlindRun::Choice::X:
        return QStringLiteral("X");
    }
    return {};
}

QStringList CompareController::listenChoices() const
{
    if (m_phase != Running || m_runMode == Mushra)
        return {};
    return m_runMode == Abx ? QStringList{"A", "B", "X"} : QStringList{"1", "2"};
}

QVariantList CompareController::answerOptions() const
{
    if (m_phase != Running || m_runMode == Mushra)
        return {};
    const auto option = [](const char* id, const QString& text, const char* key) {
        return QVariantMap{{"id", id}, {"text", text}, {"key", key}};
    };
    if (m_runMode == Abx)
        return {option("A", tr("X is A"), "Shift+A"), option("B", tr("X is B"), "Shift+B")};
    return {option("1", tr("Prefer 1"), "←"), option("none", tr("No preference"), "N"),
            option("2", tr("Prefer 2"), "→")};
}

QStringList CompareController::runFiles() const
{
    if (m_phase != Running || m_runMode == Mushra)
        return {};
    const QStringList names = fileNames();
    return {names.value(m_runItems[0]), names.value(m_runItems[1])};
}

void CompareController::loadSighted()
{
    if (!m_comparison)
        return;
    m_audio->load(sightedScene());
    m_sightedItem = std::clamp(m_sightedItem, 0, int(m_comparison->items.size()) - 1);
    m_audio->select(m_differenceOn ? int(m_comparison->items.size()) : m_sightedItem);
    emit sightedItemChanged();
}

void CompareController::pressNumber(int number)
{
    if (m_phase == Running) {
        if (m_runMode == Mushra)
            m_mushra->listen(number - 1);
        if (m_runMode == Preference && (number == 1 || number == 2))
            listen(QString::number(number));
        return;
    }
    if ((m_phase != Ready && m_phase != Result) || !m_comparison)
        return;
    if (number < 1 || number > int(m_comparison->items.size()))
        return;
    m_sightedItem = number - 1;
    m_differenceOn = false;
    m_audio->select(m_sightedItem);
    emit sightedItemChanged();
}

void CompareController::togglePlay()
{
    m_audio->togglePlay();
}

void CompareController::startRun()
{
    if ((m_phase != Ready && m_phase != Result) || !m_comparison || m_mode == Sighted || m_pairA == m_pairB ||
        m_retrim.isRunning()) // a run plays the trims as shown
        return;
    if (m_mode == Mushra) {
        startMushra();
        return;
    }
    m_runMode = m_mode;
    m_runPractice = m_practice;
    m_runItems = {m_pairA, m_pairB};
    m_run = std::make_unique<BlindRun>(m_runMode == Abx ? BlindMode::Abx : BlindMode::Preference, m_trials,
                                       m_seedSource());
    Scene scene = comparisonScene(*m_comparison, m_runItems);
    scene.loop = loopRegion(); // the sighted loop region, the same for every item
    beginRun(&scene);
}

// A run starts: the last one's result is gone, the variant hidden before the run's scene is
// loaded (so no variant of the run is ever signalled), and every trial or page starts silent
// (blind_run.h): the first choice starts playback.
void CompareController::beginRun(const Scene* scene)
{
    m_feedback.clear();
    m_log.reset();
    m_result.clear();
    m_logText.clear();
    m_exportMessage.clear();
    setSaveMessage({}, false);
    m_exportFailed = false;
    m_audio->setVariantHidden(true);
    m_audio->stop();
    m_differenceOn = false; // never during a run; the sighted scene loads again after it
    emit sightedItemChanged();
    if (scene)
        m_audio->load(*scene);
    setPhase(Running);
    emit runChanged();
    emit resultChanged();
    emit exportMessageChanged();
}

void CompareController::setSaveMessage(const QString& message, bool failed)
{
    if (message == m_saveMessage && failed == m_saveFailed)
        return;
    m_saveMessage = message;
    m_saveFailed = failed;
    emit saveMessageChanged();
}

void CompareController::listen(const QString& choice)
{
    if (m_phase != Running || !m_run)
        return;
    std::optional<BlindRun::Choice> c;
    if (m_runMode == Abx) {
        if (choice == "A")
            c = BlindRun::Choice::A;
        else if (choice == "B")
            c = BlindRun::Choice::B;
        else if (choice == "X")
            c = BlindRun::Choice::X;
    } else if (choice == "1") {
        c = BlindRun::Choice::A;
    } else if (choice == "2") {
        c = BlindRun::Choice::B;
    }
    if (!c)
        return;
    const bool first = !m_run->playing();
    const int variant = m_run->select(*c);
    if (first)
        m_audio->playFromSilence(variant);
    else
        m_audio->select(variant);
    emit runChanged();
}

void CompareController::answer(const QString& option)
{
    if (m_phase != Running || !m_run || m_run->finished())
        return;
    std::optional<AbItem> a;
    if (m_runMode == Abx) {
        if (option != "A" && option != "B")
            return;
        a = option == "A" ? AbItem::A : AbItem::B;
    } else {
        if (option == "1")
            a = AbItem::A;
        else if (option == "2")
            a = AbItem::B;
        else if (option != "none")
            return;
    }
    const BlindLogTrial t = m_run->answer(a);
    if (m_runPractice) {
        const QString fileA = QFileInfo(m_items->paths().value(m_runItems[0])).fileName();
        const QString fileB = QFileInfo(m_items->paths().value(m_runItems[1])).fileName();
        if (m_runMode == Abx)
            m_feedback = (t.correct ? tr("Right: X was %1 (%2).") : tr("Wrong: X was %1 (%2)."))
                             .arg(t.truth, t.truth == "A" ? fileA : fileB);
        else
            m_feedback = tr("1 was %1, 2 was %2.")
                             .arg(t.truth == "A" ? fileA : fileB, t.truth == "A" ? fileB : fileA);
    }
    if (m_run->finished()) {
        finishRun();
        return;
    }
    // The next trial starts silent: a change heard from the X just answered to what plays
    // next would say whether the answer was right (blind_run.h).
    m_audio->stop();
    emit runChanged();
}

BlindLog CompareController::currentLog(bool ended) const
{
    return comparisonBlindLog(*m_comparison, m_runItems, logSetup(), *m_run, ended);
}

BlindLogSetup CompareController::logSetup() const
{
    BlindLogSetup setup;
    setup.appVersion = m_appVersion;
    setup.device = m_audio->deviceName();
    setup.sampleRate = m_comparison->sampleRate;
    setup.bufferFrames = m_audio->framesPerBuffer();
    setup.crossfadeMs = m_crossfadeMs;
    return setup;
}

void CompareController::finishRun()
{
    BlindLog log = currentLog(true);
    const BlindLogSummary& s = log.summary;
    const QString fileA = QFileInfo(m_items->paths().value(m_runItems[0])).fileName();
    const QString fileB = QFileInfo(m_items->paths().value(m_runItems[1])).fileName();
    QVariantMap r;
    r["mode"] = m_runMode == Abx ? QStringLiteral("abx") : QStringLiteral("preference");
    r["practice"] = m_runPractice;
    r["fileA"] = fileA;
    r["fileB"] = fileB;
    r["k"] = s.k;
    r["n"] = s.n;
    r["ties"] = s.ties;
    r["pText"] = s.pValue ? pText(*s.pValue) : QStringLiteral("—");
    if (s.pValue)
        r["p"] = *s.pValue;
    r["dPrimeText"] = s.dPrime ? tr("d′ %1 (95 %: %2 to %3), %4")
                                     .arg(number(*s.dPrime, 2), number(s.dPrimeLow.value_or(0), 2),
                                          s.dPrimeHigh && std::isfinite(*s.dPrimeHigh) ? number(*s.dPrimeHigh, 2)
                                                                                       : QStringLiteral("∞"),
                                          s.dPrimeModel)
                               : tr("d′ not computed (no trials counted)");
    const std::optional<int> needed = correctNeeded(m_run->plannedTrials(), kAlpha);
    const bool significant = s.pValue && *s.pValue < kAlpha;
    QString verdict;
    if (m_runMode == Abx) {
        verdict = significant ? tr("Significant (p < 0.05): you heard a difference between A and B.")
                              : tr("Not significant (p ≥ 0.05): %1 of %2 is within what guessing gives. That does not "
                                   "show the two sound the same.").arg(s.k).arg(s.n);
        if (needed)
            verdict += ' ' + tr("The planner asked for %1 of %2.").arg(*needed).arg(m_run->plannedTrials());
    } else if (s.n == 0) {
        verdict = tr("No preference in any trial.");
    } else if (significant) {
        // The p value is two-sided (blind_log_summary.h): which item it favours is the count's.
        verdict = s.k * 2 >= s.n ? tr("A (%1) preferred, significantly (p < 0.05).").arg(fileA)
                                 : tr("B (%1) preferred, significantly (p < 0.05).").arg(fileB);
    } else {
        verdict = tr("No significant preference (p ≥ 0.05).");
    }
    r["verdict"] = verdict;
    m_run.reset();
    if (!m_runPractice && s.pValue) {
        m_sessionRuns.append(QVariantMap{{"pair", QStringLiteral("%1 vs %2").arg(fileA, fileB)},
                                         {"mode", r["mode"]},
                                         {"k", s.k},
                                         {"n", s.n},
                                         {"p", *s.pValue},
                                         {"pText", r["pText"]}});
        updateHolm();
    }
    showResult(std::move(log), r, m_runPractice);
}

// A run ended (any mode): its result and log shown, a scored run's log offered for saving.
void CompareController::showResult(BlindLog log, QVariantMap result, bool practice)
{
    QJsonObject json;
    try {
        json = log.toJson();
    } catch (const std::invalid_argument& e) {
        setError(tr("The run's log cannot be written: %1").arg(QString::fromUtf8(e.what())));
    }
    m_result = std::move(result);
    m_logText = log.toText();
    m_log = std::move(log);
    m_feedback = practice ? m_feedback : QString();
    endRunAudio();
    setPhase(Result);
    emit runChanged();
    emit resultChanged();
    if (!practice && !json.isEmpty())
        emit blindLogFinished(json);
}

// MUSHRA (compare_mushra.h): the run is CompareMushra's; the phase, result and log are ours.
void CompareController::startMushra()
{
    m_runMode = Mushra;
    m_runPractice = m_practice;
    setError({});
    beginRun(nullptr); // CompareMushra loads the scene once its stimuli are built
    m_mushra->start(m_comparison, m_seedSource(), m_runPractice, loopRegion());
}

void CompareController::finishMushra()
{
    BlindLog log = m_mushra->log(logSetup());
    QVariantMap r = m_mushra->result();
    m_feedback = m_mushra->feedback();
    m_mushra->clear();
    showResult(std::move(log), std::move(r), m_runPractice);
}

void CompareController::updateHolm()
{
    std::vector<double> ps;
    for (const QVariant& v : std::as_const(m_sessionRuns))
        ps.push_back(v.toMap().value("p").toDouble());
    const HolmResult holm = holmCorrection(ps, kAlpha);
    for (qsizetype i = 0; i < m_sessionRuns.size(); ++i) {
        QVariantMap m = m_sessionRuns[i].toMap();
        m["pHolm"] = holm.adjusted[std::size_t(i)];
        m["pHolmText"] = pText(holm.adjusted[std::size_t(i)]);
        m_sessionRuns[i] = m;
    }
}

// The run is over: the listener may hear every item, labelled, again.
void CompareController::endRunAudio()
{
    const bool wasPlaying = m_audio->playing();
    m_audio->select(0); // the variant QML reads again once shown: the run's last is no clue
    m_audio->setVariantHidden(false);
    if (m_shown) {
        loadSighted();
        if (wasPlaying)
            m_audio->play();
    }
}

void CompareController::stopRun()
{
    if (m_phase != Running)
        return;
    m_run.reset();
    m_mushra->stop();
    m_feedback.clear();
    endRunAudio();
    setPhase(Ready);
    emit runChanged();
}

void CompareController::closeResult()
{
    if (m_phase == Result)
        setPhase(Ready);
}

void CompareController::exportLog(const QUrl& file, bool json)
{
    if (!m_log)
        return;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    try {
        saveBlindLog(path.toStdString(), *m_log, json ? BlindLogFileFormat::Json : BlindLogFileFormat::Text);
        m_exportMessage = tr("Saved %1.").arg(path);
        m_exportFailed = false;
    } catch (const AudioError& e) {
        m_exportMessage = QString::fromStdString(e.what());
        m_exportFailed = true;
    } catch (const std::invalid_argument& e) {
        m_exportMessage = tr("%1: %2").arg(path, QString::fromUtf8(e.what()));
        m_exportFailed = true;
    }
    emit exportMessageChanged();
}

void CompareController::enter()
{
    if (m_shown)
        return;
    m_shown = true;
    m_audio->setCrossfadeOverride(m_crossfadeMs);
    if (m_comparison && m_phase != Preparing)
        loadSighted();
}

void CompareController::leave()
{
    if (!m_shown)
        return;
    stopRun();
    m_shown = false;
    m_audio->stop();
    if (m_comparison)
        m_audio->unload();
    m_audio->setCrossfadeOverride(std::nullopt);
}

// --- Sighted tools ----------------------------------------------------------------------

void CompareController::resetSightedTools()
{
    m_trims.clear();
    m_differenceOn = false;
    m_differenceItem = 1;
    m_referenceOverview.clear();
    m_loopStart = m_loopLength = 0;
    emit sightedToolsChanged();
}

// Every item, then the difference (item N - item 1 as played): one playhead, one crossfade.
Scene CompareController::sightedScene() const
{
    Scene scene = comparisonScene(*m_comparison);
    Variant difference;
    difference.source = comparisonDifference(*m_comparison, m_differenceItem, 0);
    difference.label = "difference";
    scene.variants.push_back(std::move(difference));
    scene.loop = loopRegion();
    return scene;
}

void CompareController::setTrim(int row, double db)
{
    if ((m_phase != Ready && m_phase != Result) || !m_comparison || row < 0 || row >= int(m_comparison->items.size()))
        return;
    db = std::clamp(std::isfinite(db) ? std::round(db * 10.0) / 10.0 : 0.0, -60.0, 24.0); // the field's 0.1 dB
    if (m_trims.size() != m_comparison->items.size())
        m_trims.assign(m_comparison->items.size(), 0.0);
    if (db == m_trims[std::size_t(row)])
        return;
    m_trims[std::size_t(row)] = db;
    if (!m_retrim.isRunning()) // else onRetrimmed applies the latest trims next
        startRetrim();
}

void CompareController::startRetrim()
{
    m_retrimGeneration = m_comparisonGeneration;
    m_retrim.setFuture(QtConcurrent::run([base = m_comparison, trims = m_trims]() {
        Retrimmed out;
        out.trims = trims;
        try {
            out.comparison = std::make_shared<const Comparison>(retrimComparison(*base, trims));
        } catch (const AudioError& e) {
            out.error = QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            out.error = tr("Not enough memory to apply the trim");
        }
        return out;
    }));
    emit sightedToolsChanged();
}

void CompareController::onRetrimmed()
{
    Retrimmed r = m_retrim.result();
    if (m_retrimGeneration != m_comparisonGeneration || !m_comparison) {
        emit sightedToolsChanged(); // prepared again or dropped meanwhile: the result is of nothing shown
        return;
    }
    if (!r.comparison) {
        setError(r.error);
        m_trims.clear();
        for (const ComparisonItem& item : m_comparison->items)
            m_trims.push_back(item.trimDb); // the field shows what is applied
        m_items->setFigures(*m_comparison);
        emit sightedToolsChanged();
        return;
    }
    m_comparison = std::move(r.comparison);
    m_items->setFigures(*m_comparison);
    if (m_shown && m_phase != Running)
        loadSighted(); // AudioOutput::load plays on if it was playing
    if (r.trims != m_trims && (m_phase == Ready || m_phase == Result))
        startRetrim(); // asked for while this one ran
    else
        emit sightedToolsChanged();
}

void CompareController::setDifferenceItem(int item)
{
    if (item == m_differenceItem || item < 1 || item >= m_items->rowCount() || m_phase == Running)
        return;
    m_differenceItem = item;
    if (m_comparison && m_shown)
        loadSighted();
    emit sightedToolsChanged();
}

QString CompareController::differenceNullText() const
{
    if (!m_comparison || std::size_t(m_differenceItem) >= m_comparison->items.size())
        return {};
    return tr("%1 − 1: null %2").arg(m_differenceItem + 1).arg(
        CompareItemModel::nullDepthText(m_comparison->items[std::size_t(m_differenceItem)], m_differenceItem));
}

void CompareController::pressDifference()
{
    if ((m_phase != Ready && m_phase != Result) || !m_comparison)
        return;
    m_differenceOn = true;
    m_audio->select(int(m_comparison->items.size())); // the scene's last variant
    emit sightedItemChanged();
}

double CompareController::referenceSeconds() const
{
    return m_comparison ? double(m_comparison->commonEnd - m_comparison->commonBegin) / m_comparison->sampleRate : 0.0;
}

LoopRegion CompareController::loopRegion() const
{
    if (!m_comparison || m_loopLength <= 0)
        return {};
    const auto frames = std::int64_t(m_comparison->commonEnd - m_comparison->commonBegin);
    const std::int64_t start =
        std::clamp(std::int64_t(std::llround(m_loopStart * m_comparison->sampleRate)), std::int64_t(0), frames - 1);
    const std::int64_t end =
        std::clamp(start + std::int64_t(std::llround(m_loopLength * m_comparison->sampleRate)), start + 1, frames);
    return {start, end};
}

void CompareController::setLoopRegion(double startSeconds, double lengthSeconds)
{
    if (!std::isfinite(startSeconds) || !std::isfinite(lengthSeconds))
        return;
    const double whole = referenceSeconds();
    double start = std::max(0.0, startSeconds), length = std::max(0.0, lengthSeconds);
    if (whole > 0) {
        length = std::min(length, whole);
        start = std::min(start, whole - length);
    }
    if (length >= whole && whole > 0)
        start = length = 0; // the whole region: no loop region of its own
    if (start == m_loopStart && length == m_loopLength)
        return;
    m_loopStart = start;
    m_loopLength = length;
    if (m_comparison && m_shown && m_phase != Running && m_phase != Preparing)
        m_audio->setLoopRegion(loopRegion());
    emit sightedToolsChanged();
}

} // namespace earlab::app
