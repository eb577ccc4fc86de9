#include "app/src/session.h"

#include "app/src/app_options.h"
#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/preferences.h"

#include "audio/audio_error.h"
#include "audio/engine/scene.h"
#include "exercises/attempt.h"
#include "exercises/band_focus.h"
#include "exercises/eq_curve.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/progress_store.h"
#include "exercises/saved_difficulty.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace earlab::app {

namespace {

QString clock(double seconds)
{
    const int s = int(std::lround(seconds));
    return QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString variantKey(int index) { return QString(QChar('A' + index)); }

} // namespace

Session::Session(const ExerciseCatalogue* exercises, ProgressStore* store, DatabaseWriter* writer, AudioOutput* audio,
                 Preferences* preferences, MusicProvider music, QObject* parent)
    : QObject(parent), m_exercises(exercises), m_store(store), m_writer(writer), m_audio(audio),
      m_preferences(preferences), m_music(std::move(music)), m_options(new AnswerOptionModel(this)),
      m_seeds(QRandomGenerator::global()->generate64())
{
    m_prefetchPool.setMaxThreadCount(1);
    connect(&m_preparation, &QFutureWatcher<Prepared>::finished, this, &Session::onPrepared);
    connect(m_writer, &DatabaseWriter::committed, this,
            [this](quint64 ticket, qint64, const QString& levelError, QThread*) { onCommitted(ticket, levelError); });
    connect(m_writer, &DatabaseWriter::failed, this, &Session::onWriteFailed);
    connect(m_preferences, &Preferences::questionsPerSessionChanged, this, &Session::plannedQuestionCountChanged);
    connect(m_audio, &AudioOutput::playingChanged, this, [this] {
        if (m_phase == Question && m_audio->playing() && !m_heard) {
            m_heard = true;
            emit selectionChanged();
        }
    });
}

int Session::plannedQuestionCount() const
{
    const int fromCommandLine = appOptions().questionsPerSession;
    return fromCommandLine > 0 ? fromCommandLine : m_preferences->questionsPerSession();
}

Session::~Session()
{
    ++m_generation;
    m_preparation.waitForFinished();
    for (QFuture<Prepared>& f : m_replaced)
        f.waitForFinished();
    for (QFuture<MatchedAnswer>& f : m_answering) // they read the loop and question they copied
        f.waitForFinished();
    m_prefetchPool.waitForDone();
}

QString Session::exerciseId() const { return m_exercise ? m_exercise->id() : QString(); }
QString Session::exerciseTitle() const { return m_exercise ? m_exercise->title() : QString(); }
int Session::levelCount() const { return m_exercise ? m_exercise->levelCount() : 1; }
int Session::level() const { return m_difficulty ? m_difficulty->level() : 1; }

const LevelInfo& Session::currentLevel() const
{
    return m_exercise->level(level());
}

QString Session::levelDescription() const
{
    return m_exercise ? currentLevel().description : QString();
}

QString Session::difficultyText() const
{
    return m_difficulty ? m_difficulty->text() : QString();
}

Session::RevealPanel Session::revealPanel() const
{
    return m_exercise ? RevealPanel(int(m_exercise->revealKind())) : EqCurvesReveal;
}

QString Session::materialTitle() const
{
    return m_loop ? m_loop->material.title : QString();
}

QString Session::materialHeading() const
{
    return m_trackCount >= 2 ? tr("Track %1 of %2: %3").arg(m_trackNumber).arg(m_trackCount).arg(materialTitle())
                             : materialTitle();
}

namespace {
Treatment bandTreatment(const EqBand& band)
{
    Treatment t;
    t.eq.push_back(band);
    return t;
}
} // namespace

QVariantList Session::variants() const
{
    QVariantList out;
    for (std::size_t i = 0; i < m_current.variants.size(); ++i)
        out.append(QVariantMap{{"id", m_current.variants[i].id},
                               {"label", m_current.variants[i].label},
                               {"note", m_current.variants[i].note},
                               {"key", variantKey(int(i))}});
    // An EQ match is heard against the listener's own EQ while it is being dialled.
    if (eqMatch())
        out.append(QVariantMap{{"id", "yours"}, {"label", tr("Yours")}, {"note", tr("your EQ, as you set it")},
                               {"key", variantKey(int(out.size()))}});
    return out;
}

QVariantMap Session::range() const
{
    const ValueRange& r = m_current.range;
    return {{"minimum", r.minimum}, {"maximum", r.maximum}, {"step", r.step}, {"unit", r.unit},
            {"minimumLabel", r.minimumLabel}, {"maximumLabel", r.maximumLabel}};
}

double Session::revealMarker() const
{
    // The EQ plot marks the hidden band; other plots carry their own truth.
    if (m_exercise && m_exercise->revealKind() == RevealKind::EqCurves && !m_current.hidden.value("flat").toBool())
        return m_current.hidden.value("frequency_hz").toDouble();
    return 0.0;
}

void Session::setPhase(Phase phase)
{
    if (phase == m_phase)
        return;
    m_phase = phase;
    emit phaseChanged();
    emit selectionChanged();
}

void Session::setError(const QString& message)
{
    if (message == m_errorMessage)
        return;
    m_errorMessage = message;
    emit errorChanged();
}

void Session::clearError()
{
    setError({});
}

void Session::start(const QString& id, int count, int startLevel)
{
    start(id, count, startLevel, SessionFocus{});
}

void Session::start(const QString& id, int count, int startLevel, const SessionFocus& focus)
{
    m_focus = focus;
    m_exercise = m_exercises->find(id);
    if (!m_exercise)
        m_exercise = m_exercises->all().front().get();
    m_questionCount = count > 0 ? count : plannedQuestionCount();
    QString problem;
    m_difficulty = loadDifficulty(*m_exercise, *m_store, &problem);
    if (!problem.isEmpty())
        setError(problem);
    if (startLevel > 0)
        m_difficulty = Difficulty::startAt(*m_exercise, startLevel);
    m_startLevel = m_difficulty->level();
    m_startText = m_difficulty->text();
    m_sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_endedEarly = false;
    m_questionNumber = 0;
    m_pending.reset();
    m_tally.clear();
    m_levelChangeText.clear();
    m_unusable.clear();
    m_lostMusic.reset();
    m_lostMusicText.clear();
    m_rotation = TrackRotation(m_seeds());
    // A chosen file gone since the last session is reported now, whatever this level plays,
    // so the Library and Home stop showing it as the choice.
    checkChosenMusic();
    updateLostMusicText(musicPool());
    emit exerciseChanged();
    emit summaryChanged();
    prepareNext();
}

void Session::prepareNext()
{
    ++m_questionNumber;
    prepare();
}

void Session::checkChosenMusic()
{
    // The user's picks when their files are gone, though the library may already pass them
    // over (it marks files missing when it loads): they are said all the same.
    const TrainingMusicChoice choice = m_preferences->trainingMusic();
    // (A genre or the whole library names no file: what is gone there is just not offered.)
    const QStringList picks = choice.mode == TrainingMusicChoice::Mode::Several ? choice.several
                              : choice.mode == TrainingMusicChoice::Mode::One   ? QStringList{choice.one}
                                                                                : QStringList{};
    for (const QString& pick : std::as_const(picks))
        if (const QString path = MaterialRef::userFilePath(pick);
            !path.isEmpty() && !m_unusable.contains(pick) && !QFileInfo::exists(path)) {
            MaterialRef gone;
            gone.kind = MaterialRef::Kind::UserFile;
            gone.id = pick;
            gone.path = path;
            loseMusic(gone, {});
        }
}

QList<MaterialRef> Session::musicPool()
{
    QList<MaterialRef> offered;
    if (m_pool)
        offered = m_pool();
    else if (m_music)
        offered = {m_music()};
    QList<MaterialRef> out;
    for (const MaterialRef& m : std::as_const(offered)) {
        if (!m.isMusic() || m_unusable.contains(m.id))
            continue;
        if (!m.missingFile().isEmpty()) {
            loseMusic(m, {});
            // The one-choice provider offers the next usable choice once told.
            if (!m_pool && m_music)
                return musicPool();
            continue;
        }
        out << m;
    }
    return out;
}

void Session::updateLostMusicText(const QList<MaterialRef>& pool)
{
    if (!m_lostMusic)
        return;
    const auto& [lost, cause] = *m_lostMusic;
    const QString what = cause.isEmpty() ? tr("is no longer there (moved or deleted)")
                                         : tr("cannot be played (%1)").arg(cause);
    const TrainingMusicChoice choice = m_preferences->trainingMusic();
    if (m_pool && choice.mode != TrainingMusicChoice::Mode::One) {
        m_lostMusicText = tr("The training music %1 %2, so it is skipped. Choose music in the Library.")
                              .arg(QDir::toNativeSeparators(lost.path), what);
        return;
    }
    const TrackSet instead = tracksFor({MaterialPlan::Source::Training, false, {}}, pool, choice);
    const QString use = instead.tracks.isEmpty() ? MaterialRef::pinkNoise().title : instead.tracks.front().title;
    m_lostMusicText = tr("The chosen music %1 %2, so the music levels use %3. Choose music in the Library.")
                          .arg(QDir::toNativeSeparators(lost.path), what, use);
}

Session::MusicPick Session::pickMusic(TrackRotation& rotation)
{
    const MaterialNeed need = currentLevel().material;
    ExerciseMaterial choice = exerciseMaterialFromName(m_preferences->exerciseMaterial(exerciseId()));
    // A workout item's material stands in for the exercise's own choice on music levels (a
    // noise level stays noise: the plan named what that level played when it was made).
    if (need != MaterialNeed::PinkNoise && m_focus.material == QLatin1String(attempt_material::builtin))
        choice = ExerciseMaterial::Builtin;
    else if (need != MaterialNeed::PinkNoise && m_focus.material == QLatin1String(attempt_material::music))
        choice = ExerciseMaterial::MyMusic;
    MusicPick pick;
    MaterialPlan plan = planMaterial(need, choice, true, true);
    QList<MaterialRef> pool;
    const bool asksForMusic = plan.source != MaterialPlan::Source::PinkNoise;
    if (asksForMusic) {
        pool = musicPool();
        plan = planMaterial(need, choice, pool);
    }
    const TrackSet set = narrowToGenre(tracksFor(plan, pool, m_preferences->trainingMusic()), pool, m_focus.genre);
    const TrackRotation::Pick dealt = rotation.next(set.tracks);
    pick.material = dealt.material;
    pick.number = dealt.number;
    pick.count = dealt.count;
    if (plan.stems && pick.material.stemPaths.isEmpty() && m_multitrack)
        pick.material = m_multitrack();
    const bool wantsMusic = plan.source != MaterialPlan::Source::PinkNoise;
    pick.note = plan.stems && pick.material.stemPaths.isEmpty()
                    ? tr("This level needs a song as stems (a built-in song, or a folder of your stems). "
                         "None is available, so it cannot be asked properly.")
                : wantsMusic && !pick.material.isMusic()
                    ? tr("This level is meant for music; choose some in the Library. Pink noise for now.")
                    : QStringList{plan.note, set.fallback}.filter(QRegularExpression(".")).join(QLatin1Char(' '));
    if (asksForMusic) // (a noise level's empty pool would name pink noise as what music plays)
        updateLostMusicText(pool);
    return pick;
}

void Session::loseMusic(const MaterialRef& music, const QString& cause)
{
    m_unusable.insert(music.id);
    if (!m_lostMusic)
        m_lostMusic = {music, cause};
    emit materialUnusable(music.id, cause); // the library then offers the next usable choice
}

void Session::prepare()
{
    const unsigned generation = ++m_generation;
    const Exercise* exercise = m_exercise;
    const Setting setting = m_difficulty->setting();
    const double focusHz = m_focus.bandHz;
    const std::uint64_t seed = m_seeds();
    const bool match = m_preferences->loudnessMatching();
    const MusicPick pick = pickMusic(m_rotation);
    const MaterialRef material = pick.material;
    m_materialNote = QStringList{m_lostMusicText, pick.note}.filter(QRegularExpression(".")).join(QLatin1Char(' '));
    std::shared_ptr<const PreparedLoop> cached = cachedLoop(material);
    // Loaded ahead while the last question was answered: the worker takes it when it is done.
    const bool ahead = !cached && m_prefetchRunning && m_prefetchMaterial.sameLoop(material);
    const QFuture<std::shared_ptr<const PreparedLoop>> prefetch = m_prefetch;

    m_preparingProgress = 0;
    m_preparingText = cached ? tr("Preparing the question…") : tr("Loading %1…").arg(material.title);
    const int trackNumber = pick.number, trackCount = pick.count;
    emit preparingChanged();
    setPhase(Preparing);

    m_replaced.removeIf([](const QFuture<Prepared>& f) { return f.isFinished(); });
    if (m_preparation.isRunning())
        m_replaced.append(m_preparation.future());
    QPointer<Session> self(this);
    const auto progress = [self, generation](double f) {
        QMetaObject::invokeMethod(self, [self, generation, f] {
            if (self && self->m_generation == generation) {
                self->m_preparingProgress = f;
                emit self->preparingChanged();
            }
        }, Qt::QueuedConnection);
    };
    m_preparation.setFuture(QtConcurrent::run([cached, ahead, prefetch, material, trackNumber, trackCount, exercise,
                                                setting, seed, focusHz, match, progress]() {
        Prepared p;
        p.material = material;
        p.trackNumber = trackNumber;
        p.trackCount = trackCount;
        p.matched = match;
        p.loop = cached;
        if (!p.loop && ahead)
            p.loop = prefetch.result(); // null if it failed: loaded again here, to say why
        if (!p.loop) {
            try {
                p.loop = prepareLoop(material, [&](double f) { progress(0.8 * f); });
            } catch (const AudioError& e) {
                // No loop: onPrepared() applies the rule for music that cannot be used.
                p.missing = e.kind() == AudioErrorKind::FileNotFound;
                p.error = QString::fromStdString(e.what());
                const QString subject = QString::fromStdString(e.subject()) + QStringLiteral(": ");
                if (p.error.startsWith(subject))
                    p.error.remove(0, subject.size()); // the message names the file itself
                return p;
            }
        }
        p.question = askWithFocus(*exercise, setting, seed, factsOf(*p.loop), focusHz);
        // Matched to the flat loop (the reference too when it carries a change of its own) and
        // kept under the limiter's ceiling together, exactly as earlab-cli question writes them.
        p.headroomDb = matchVariants(p.question, *p.loop, match).gainDb;
        progress(1.0);
        return p;
    }));
    m_preparation.setProperty("generation", generation);
}

void Session::onPrepared()
{
    if (m_preparation.property("generation").toUInt() != m_generation || m_phase != Preparing)
        return;
    Prepared p = m_preparation.result();
    if (!p.loop) {
        if (!p.material.isMusic()) { // generated: cannot happen, but never a loop of retries
            setError(p.error);
            return;
        }
        loseMusic(p.material, p.missing ? QString() : p.error);
        prepare(); // the same question, on the next usable choice
        return;
    }
    m_loop = p.loop;
    remember(m_loop);
    m_trackNumber = p.trackNumber;
    m_trackCount = p.trackCount;
    m_current = std::move(p.question);
    m_headroomDb = p.headroomDb;
    m_revealGainDb = 0;
    m_matched = p.matched;

    Scene scene;
    // A stem question mixes the loop's stems live with each variant's stem gains.
    const auto stems = m_current.usesStems ? m_loop->stems : nullptr;
    for (const HeardVariant& v : m_current.variants)
        scene.variants.push_back({stems ? nullptr : m_loop->audio, v.treatment, v.label.toStdString(), {}, stems});
    scene.variants.push_back({stems ? nullptr : m_loop->audio, Treatment{}, "your answer", {}, stems});
    scene.looping = true;
    const bool first = m_questionNumber == 1;
    try {
        m_audio->load(scene);
        if (m_audio->variant() >= int(m_current.variants.size()))
            m_audio->select(m_current.hiddenVariant);
        if (first)
            m_audio->play(); // the first question plays by itself, as later ones go on playing
    } catch (const AudioError& e) {
        setError(QString::fromStdString(e.what()));
    }
    m_selected = -1;
    m_pending.reset();
    m_answerBoost = true;
    m_answerValue = m_current.answerKind == AnswerKind::StereoField
                        ? 0.0
                        : (m_current.range.minimum + m_current.range.maximum) / 2;
    m_heard = m_audio->playing();
    m_answerBand = kEqMatchStartBand;
    m_answerBand.gainDb = std::clamp(0.0, m_current.range.minimum, m_current.range.maximum);
    if (eqMatch())
        playAnswer(bandTreatment(m_answerBand));
    m_options->setOptions(m_current.options);
    m_grade = {};
    m_answerVariantReady = false;
    emit questionChanged();
    emit revealChanged();
    m_shownAt.start();
    setPhase(Question);
    prefetchNext();
}

std::shared_ptr<const PreparedLoop> Session::cachedLoop(const MaterialRef& material)
{
    std::shared_ptr<const PreparedLoop> found;
    for (const auto& loop : std::as_const(m_loops))
        if (loop->material.sameLoop(material)) {
            found = loop;
            break;
        }
    if (found)
        remember(found); // (it reorders m_loops: not while iterating them)
    return found;
}

void Session::remember(const std::shared_ptr<const PreparedLoop>& loop)
{
    m_loops.removeIf([&](const auto& l) { return l->material.sameLoop(loop->material); });
    m_loops.prepend(loop);
    std::size_t bytes = 0;
    for (const auto& l : std::as_const(m_loops))
        bytes += loopBytes(*l);
    while (m_loops.size() > 1 && (m_loops.size() > kCachedLoops || bytes > kCacheBytes)) {
        bytes -= loopBytes(*m_loops.back());
        m_loops.removeLast();
    }
}

std::size_t Session::loopBytes(const PreparedLoop& loop)
{
    const auto size = [](const std::shared_ptr<const AudioBuffer>& b) {
        return b ? b->frames() * b->channelCount() * sizeof(float) : 0;
    };
    std::size_t bytes = size(loop.audio);
    if (loop.stems)
        for (const auto& stem : loop.stems->stems)
            bytes += size(stem);
    return bytes;
}

void Session::prefetchNext()
{
    if (m_questionNumber >= m_questionCount || m_prefetchRunning)
        return;
    // What the next question deals if the level stays (a level change only costs a load).
    TrackRotation ahead = m_rotation;
    const MaterialRef next = pickMusic(ahead).material;
    if (!next.isMusic())
        return;
    for (const auto& loop : std::as_const(m_loops))
        if (loop->material.sameLoop(next))
            return;
    m_prefetchMaterial = next;
    m_prefetchRunning = true;
    m_prefetch = QtConcurrent::run(&m_prefetchPool, [next]() -> std::shared_ptr<const PreparedLoop> {
        try {
            return prepareLoop(next);
        } catch (...) {
            return nullptr; // the question's own preparation meets the problem and says it
        }
    });
    QPointer<Session> self(this);
    m_prefetch.then(this, [self](std::shared_ptr<const PreparedLoop> loop) {
        if (!self)
            return;
        self->m_prefetchRunning = false;
        if (loop)
            self->remember(loop);
    });
}

double Session::loopStartSeconds() const
{
    return m_loop ? m_loop->startSeconds : 0.0;
}

double Session::loopLengthSeconds() const
{
    return m_loop && m_loop->audio ? m_loop->audio->durationSeconds() : 0.0;
}

QString Session::loopText() const
{
    if (!m_loop || !m_loop->material.isMusic())
        return {};
    const double start = loopStartSeconds();
    const QString range = tr("%1–%2").arg(clock(start), clock(start + loopLengthSeconds()));
    if (m_loop->material.kind != MaterialRef::Kind::UserFile)
        return tr("Loop %1").arg(range);
    return m_loop->material.regionPinned ? tr("Loop %1 (your pinned region)").arg(range)
                                         : tr("Loop %1 (the densest part)").arg(range);
}

void Session::choose(int option)
{
    if (m_phase != Question || m_pending || option < -1 || option >= m_options->count())
        return;
    m_options->showGroupOf(option);
    if (option == m_selected)
        return;
    m_selected = option;
    emit selectionChanged();
}

void Session::setAnswerValue(double value)
{
    if (m_phase != Question || m_pending || std::isnan(value))
        return;
    value = std::clamp(value, m_current.range.minimum, m_current.range.maximum);
    if (value == m_answerValue)
        return;
    m_answerValue = value;
    emit selectionChanged();
}

void Session::setAnswerBand(EqBand band)
{
    if (m_phase != Question || m_pending || !eqMatch())
        return;
    band.frequencyHz = std::clamp(band.frequencyHz, kEqMatchMinHz, kEqMatchMaxHz);
    band.gainDb = std::clamp(band.gainDb, m_current.range.minimum, m_current.range.maximum);
    band.q = m_current.answerQFixed ? kEqMatchStartBand.q : std::clamp(band.q, kEqMatchMinQ, kEqMatchMaxQ);
    if (band.frequencyHz == m_answerBand.frequencyHz && band.gainDb == m_answerBand.gainDb && band.q == m_answerBand.q)
        return;
    m_answerBand = band;
    emit selectionChanged();
    playAnswer(bandTreatment(m_answerBand));
}

void Session::setAnswerFrequencyHz(double hz)
{
    EqBand b = m_answerBand;
    b.frequencyHz = hz;
    setAnswerBand(b);
}

void Session::setAnswerGainDb(double db)
{
    EqBand b = m_answerBand;
    b.gainDb = db;
    setAnswerBand(b);
}

void Session::setAnswerQ(double q)
{
    EqBand b = m_answerBand;
    b.q = q;
    setAnswerBand(b);
}

void Session::adjust(const QString& what, int steps)
{
    EqBand b = m_answerBand;
    if (what == QLatin1String("frequency"))
        b.frequencyHz *= std::exp2(steps / 12.0);
    else if (what == QLatin1String("gain"))
        b.gainDb += steps * std::max(m_current.range.step, 0.1);
    else if (what == QLatin1String("q"))
        b.q *= std::exp2(steps / 4.0);
    setAnswerBand(b);
}

QList<QPointF> Session::answerBandCurve() const
{
    return eqMatch() ? eqCurve({m_answerBand}) : QList<QPointF>{};
}

bool Session::canConfirm() const
{
    if (m_phase != Question || m_pending)
        return false;
    switch (m_current.answerKind) {
    case AnswerKind::Bands:
    case AnswerKind::Choice: return m_selected >= 0;
    default: return true;
    }
}

bool Session::pressKey(const QString& key)
{
    if (m_phase == Revealed) {
        const int n = key.toInt();
        if (n >= 1 && n <= int(m_current.variants.size()) + (answerAudible() ? 1 : 0)) {
            hear(n - 1);
            return true;
        }
        return false;
    }
    if (m_phase != Question || m_pending)
        return false;
    const int index = m_options->indexForKey(key);
    if (index < 0)
        return false;
    choose(index);
    return true;
}

int Session::correctOption() const
{
    return m_current.correct.isString() ? m_options->indexOf(m_current.correct.toString())
           : m_current.answerKind == AnswerKind::Choice && m_current.correct.isDouble()
               ? m_options->indexOf(QString::number(std::abs(m_current.correct.toDouble()), 'g', 6))
               : -1;
}

bool Session::correctBoost() const
{
    return !m_current.correct.isDouble() ? m_current.hidden.value("gain_db").toDouble() >= 0
                                         : m_current.correct.toDouble() >= 0;
}

void Session::moveSelection(int delta)
{
    if (m_phase != Question || m_pending)
        return;
    if (eqMatch()) {
        adjust(QStringLiteral("frequency"), delta);
        return;
    }
    if (m_current.answerKind != AnswerKind::Bands && m_current.answerKind != AnswerKind::Choice) {
        setAnswerValue(m_answerValue + delta * m_current.range.step);
        return;
    }
    if (m_options->count() == 0)
        return;
    const int from = m_selected < 0 ? (delta > 0 ? -1 : m_options->count()) : m_selected;
    choose(std::clamp(from + delta, 0, m_options->count() - 1));
}

void Session::moveKeyGroup(int delta)
{
    if (m_phase != Question)
        return;
    if (eqMatch())
        adjust(QStringLiteral("q"), delta);
    else if (m_current.answerKind == AnswerKind::Bands || m_current.answerKind == AnswerKind::Choice)
        m_options->moveGroup(delta);
    else
        setAnswerValue(m_answerValue + delta * 10 * m_current.range.step);
}

void Session::setAnswerBoost(bool boost)
{
    if (boost == m_answerBoost || m_phase != Question || m_pending)
        return;
    m_answerBoost = boost;
    emit selectionChanged();
}

Answer Session::currentAnswer() const
{
    Answer a;
    if (const AnswerOption* o = m_options->at(m_selected))
        a.option = o->id;
    a.direction = !m_current.directionAsked || m_answerBoost ? +1 : -1;
    a.value = m_answerValue;
    a.band = m_answerBand;
    a.heard = m_heard;
    return a;
}

QString Session::verdict() const
{
    if (!m_lastCounted)
        return tr("Not counted");
    if (m_grade.correct)
        return tr("Correct");
    return m_grade.score >= 0.5 ? tr("Close") : tr("Missed");
}

bool Session::confirm()
{
    if (!canConfirm())
        return false;
    const Answer answer = currentAnswer();
    Pending p{0, m_generation, m_exercise->grade(m_current, answer), 0, answer.heard, *m_difficulty, 0};
    p.responseMs = int(std::min<qint64>(m_shownAt.elapsed(), std::numeric_limits<int>::max()));
    // An answer given before anything was heard is kept, flagged, and moves nothing.
    if (p.counted)
        p.change = p.difficulty.record(p.grade.correct);

    Attempt attempt;
    attempt.exercise = m_exercise->id();
    attempt.level = m_current.setting.level;
    attempt.seed = m_current.seed;
    attempt.hidden = m_current.hidden;
    attempt.answer = p.grade.answer;
    attempt.heard = answer.heard;
    attempt.session = m_sessionId;
    attempt.material = m_loop ? factsOf(*m_loop).category : QString();
    attempt.value = m_current.setting.value;
    attempt.format = m_current.format;
    attempt.score = p.grade.score;
    attempt.correct = p.grade.correct;
    attempt.responseMs = p.responseMs;
    attempt.source = m_loop ? m_loop->material.id : QString();
    attempt.answeredAt = QDateTime::currentDateTimeUtc();
    // A staircase's state moves with every answer; a ladder's level only when it changes.
    p.ticket = p.difficulty.isStaircase()
                   ? m_writer->write(attempt, p.difficulty.level(), p.difficulty.state())
                   : m_writer->write(attempt, p.change != 0 ? std::optional<int>(p.difficulty.level()) : std::nullopt);
    m_pending = std::move(p);
    emit selectionChanged(); // saving; no second confirm, no new choice
    return true;
}

void Session::onWriteFailed(quint64 ticket, const QString& message)
{
    if (!m_pending || m_pending->ticket != ticket)
        return;
    m_pending.reset();
    setError(tr("%1 Your answer is still on screen: press Enter to try saving it again.").arg(message));
    emit selectionChanged();
}

void Session::onCommitted(quint64 ticket, const QString& levelError)
{
    if (!m_pending || m_pending->ticket != ticket || m_pending->generation != m_generation || m_phase != Question) {
        emit attemptRecorded(exerciseId()); // an answer of a session left meanwhile: still counted
        return;
    }
    // Committed: only now may the result be shown.
    Pending p = std::move(*m_pending);
    m_pending.reset();
    setError(levelError);

    m_grade = p.grade;
    m_lastCounted = p.counted;
    m_responseMs = p.responseMs;
    if (p.counted)
        m_tally.add(p.grade, p.responseMs);

    m_levelChangeText.clear();
    if (p.change != 0) {
        const QString before = m_difficulty->text();
        *m_difficulty = p.difficulty;
        m_tally.difficultyChanged(m_questionNumber, before, m_difficulty->text());
        if (m_difficulty->isStaircase())
            m_levelChangeText = p.change > 0 ? tr("Harder: the next question asks %1").arg(m_difficulty->text())
                                             : tr("Easier: the next question asks %1").arg(m_difficulty->text());
        else
            m_levelChangeText = p.change > 0 ? tr("Level up: %1 — %2").arg(level()).arg(levelDescription())
                                             : tr("Back to level %1 — %2").arg(level()).arg(levelDescription());
    } else {
        *m_difficulty = p.difficulty;
    }
    if (!p.counted)
        m_levelChangeText = tr("Not counted: you answered before listening. Play the question (Space) before you answer.");

    m_answerVariantReady = false;
    setPhase(Revealed);
    emit revealChanged();
    emit summaryChanged();
    emit attemptRecorded(exerciseId());
    playAnswer(p.grade.answerTreatment.value_or(Treatment{}));
}

void Session::playAnswer(const Treatment& answered)
{
    // "Your answer" is loudness-matched like the hidden change, off the UI thread.
    const unsigned generation = m_generation;
    const auto loop = m_loop;
    const bool match = m_matched;
    const double headroom = m_headroomDb;
    const earlab::Question question = m_current;
    const int slot = int(m_current.variants.size());
    QPointer<Session> self(this);
    auto future = QtConcurrent::run(
        [loop, question, answered, match, headroom] { return matchAnswer(*loop, question, answered, match, headroom); });
    const unsigned request = ++m_answerRequest;
    m_answering.removeIf([](const QFuture<MatchedAnswer>& f) { return f.isFinished(); });
    m_answering.append(future);
    future.then(this, [self, generation, slot, request](MatchedAnswer a) {
        // Only the newest request counts (an EQ match moves the band faster than matching).
        if (!self || self->m_generation != generation || request != self->m_answerRequest ||
            (self->m_phase != Revealed && !self->eqMatch()))
            return;
        // An answer that would peak takes every variant down with it (never the limiter).
        if (a.revealGainDb != self->m_revealGainDb) {
            self->m_revealGainDb = a.revealGainDb;
            for (int i = 0; i < slot; ++i) {
                Treatment t = self->m_current.variants[std::size_t(i)].treatment;
                t.gainDb += a.revealGainDb;
                self->m_audio->setTreatment(i, t);
            }
        }
        self->m_audio->setTreatment(slot, a.treatment);
        self->m_answerVariantReady = true;
        emit self->revealChanged();
    });
}

void Session::next()
{
    if (m_phase != Revealed)
        return;
    if (m_questionNumber >= m_questionCount) {
        ++m_generation;
        m_audio->stop();
        m_endedEarly = false;
        emit summaryChanged();
        setPhase(Finished);
        return;
    }
    prepareNext();
}

void Session::advance()
{
    if (m_phase == Question)
        confirm();
    else if (m_phase == Revealed)
        next();
}

void Session::hear(int variant)
{
    const int variants = int(m_current.variants.size());
    const bool answerHeard = m_phase == Revealed || eqMatch(); // the EQ match's "yours"
    if (m_phase == Question || m_phase == Revealed)
        m_audio->select(std::clamp(variant, 0, answerHeard ? variants : variants - 1));
}

void Session::finishEarly()
{
    if (m_phase != Preparing && m_phase != Question && m_phase != Revealed)
        return;
    // An answer still being written lands in the store all the same (onCommitted counts it
    // for Home); the summary shows what was committed.
    ++m_generation;
    m_pending.reset();
    m_audio->stop();
    m_endedEarly = true;
    emit summaryChanged();
    setPhase(Finished);
}

void Session::quit()
{
    ++m_generation;
    m_audio->unload();
    setPhase(Idle);
}

QString Session::levelSummary() const
{
    if (m_difficulty && m_difficulty->isStaircase()) {
        const ThresholdEstimate t = *m_difficulty->threshold();
        const QString where = tr("Started at %1, now at %2.").arg(m_startText, m_difficulty->text());
        return t.ready ? tr("Your threshold: %1. %2").arg(t.text(), where)
                       : tr("%1 The threshold shows after a few more changes of direction (it needs 6 at the fine step).").arg(where);
    }
    const int now = level();
    const QString description = levelDescription();
    if (now > m_startLevel)
        return tr("Promoted from level %1 to level %2: %3").arg(m_startLevel).arg(now).arg(description);
    if (now < m_startLevel)
        return tr("Moved back from level %1 to level %2: %3").arg(m_startLevel).arg(now).arg(description);
    return tr("Still at level %1: %2. Promotion at 8 of the last 10 right, a step back below 5.")
        .arg(now)
        .arg(description);
}

} // namespace earlab::app
