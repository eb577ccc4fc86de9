#include "app/src/session.h"

#include "app/src/app_options.h"
#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/eq_curve.h"
#include "app/src/preferences.h"

#include "audio/audio_error.h"
#include "audio/engine/scene.h"
#include "exercises/attempt.h"
#include "exercises/eq_bands.h"
#include "exercises/progress_store.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QRandomGenerator>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace earlab::app {

namespace {

QString hz(double f) { return QString::fromLatin1(bandLabel(f)); }
QString db(double g) { return QString("%1%2 dB").arg(g > 0 ? "+" : g < 0 ? "−" : "").arg(std::abs(g)); }
constexpr int kGroup = 10; // number keys 1..9, 0
QString digitFor(int index) { return QString::number((index % kGroup + 1) % kGroup); }
QString clock(double seconds)
{
    const int s = int(std::lround(seconds));
    return QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

Session::Session(ProgressStore* store, DatabaseWriter* writer, AudioOutput* audio, Preferences* preferences,
                 MusicProvider music, QObject* parent)
    : QObject(parent), m_store(store), m_writer(writer), m_audio(audio), m_preferences(preferences),
      m_music(std::move(music)), m_seeds(QRandomGenerator::global()->generate64())
{
    connect(&m_preparation, &QFutureWatcher<Prepared>::finished, this, &Session::onPrepared);
    connect(m_writer, &DatabaseWriter::committed, this,
            [this](quint64 ticket, qint64, const QString& levelError, QThread*) { onCommitted(ticket, levelError); });
    connect(m_writer, &DatabaseWriter::failed, this, &Session::onWriteFailed);
    connect(m_preferences, &Preferences::questionsPerSessionChanged, this, &Session::plannedQuestionCountChanged);
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
}

const std::vector<EqLevel>& Session::levels() const
{
    return kind() == EqExerciseKind::GainIdentification ? eqGainLevels() : eqBandLevels();
}

const EqLevel& Session::currentLevel() const
{
    const auto& all = levels();
    return all[std::size_t(std::clamp(m_level, 1, int(all.size())) - 1)];
}

EqExerciseKind Session::kind() const
{
    return m_exerciseId == QLatin1String(earlab::exerciseId(EqExerciseKind::GainIdentification))
               ? EqExerciseKind::GainIdentification
               : EqExerciseKind::BandIdentification;
}

QString Session::exerciseTitle() const
{
    return kind() == EqExerciseKind::GainIdentification ? tr("EQ gain") : tr("EQ band");
}

QString Session::levelDescription() const
{
    return QString::fromStdString(currentLevel().description);
}

QString Session::prompt() const
{
    const auto& q = m_current.question;
    if (kind() == EqExerciseKind::GainIdentification)
        return tr("How much was %1 boosted or cut?").arg(hz(q.frequencyHz));
    QString text = q.directionAsked ? tr("Which band was boosted or cut?") : tr("Which band was boosted?");
    if (currentLevel().catchRate > 0)
        text += tr(" Or was nothing changed?");
    return text;
}

QString Session::materialTitle() const
{
    return m_loop ? m_loop->material.title : QString();
}

QString Session::skippedNote() const
{
    const auto& skipped = m_current.skippedBandsHz;
    if (skipped.empty())
        return {};
    QStringList names;
    for (double b : skipped)
        names << hz(b);
    return tr("Not asked: %1. This material has too little energy there (more than 30 dB below its "
              "loudest band) for a change to be heard.")
        .arg(names.join(", "));
}

bool Session::directionAsked() const
{
    return m_current.question.directionAsked || kind() == EqExerciseKind::GainIdentification;
}

QString Session::focusBand() const
{
    return kind() == EqExerciseKind::GainIdentification ? hz(m_current.question.frequencyHz) : QString();
}

double Session::hiddenFrequencyHz() const
{
    return m_current.question.flat ? 0.0 : m_current.question.frequencyHz;
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

void Session::start(const QString& id, int count)
{
    m_exerciseId = id == QLatin1String("eq-gain") ? QStringLiteral("eq-gain") : QStringLiteral("eq-band");
    m_questionCount = count > 0 ? count : plannedQuestionCount();
    const int levelCount = int(levels().size());
    int saved = 1;
    try {
        saved = m_store->savedLevel(m_exerciseId).value_or(1);
    } catch (const StoreError& e) {
        setError(e.message());
    }
    m_level = std::clamp(saved, 1, levelCount);
    m_startLevel = m_level;
    // The window carries over between sessions, but only the answers given since the last
    // level change (DifficultyTracker::resume): they are the newest answers, so the newest
    // kWindow - 1 of any level hold all that can count.
    std::vector<PastAnswer> history;
    try {
        for (const Attempt& a : m_store->recentAttempts(m_exerciseId, DifficultyTracker::kWindow - 1))
            history.push_back({a.level, a.correct});
    } catch (const StoreError& e) {
        setError(e.message());
    }
    m_tracker = DifficultyTracker::resume(levelCount, m_level, history);
    m_questionNumber = 0;
    m_pending.reset();
    m_scores.clear();
    m_responses.clear();
    m_correctCount = 0;
    m_bandHits.clear();
    m_levelChangeText.clear();
    m_unusable.clear();
    m_lostMusic.reset();
    m_lostMusicText.clear();
    // A chosen file gone since the last session is reported now, whatever this level plays,
    // so the Library and Home stop showing it as the choice.
    usableMusic();
    emit exerciseChanged();
    emit summaryChanged();
    prepareNext();
}

void Session::prepareNext()
{
    ++m_questionNumber;
    prepare();
}

MaterialRef Session::usableMusic()
{
    // The user's pick when its file is gone, though the provider may already pass it over
    // (the library marks files missing when it loads): it is said all the same.
    const QString pick = m_preferences->materialId();
    if (const QString path = MaterialRef::userFilePath(pick);
        !path.isEmpty() && !m_unusable.contains(pick) && !QFileInfo::exists(path)) {
        MaterialRef gone;
        gone.kind = MaterialRef::Kind::UserFile;
        gone.id = pick;
        gone.path = path;
        loseMusic(gone, {});
    }
    MaterialRef m = m_music ? m_music() : MaterialRef::pinkNoise();
    while (m.isMusic()) {
        if (m_unusable.contains(m.id)) {
            m = MaterialRef::pinkNoise(); // the provider offers nothing else
            break;
        }
        if (QFileInfo::exists(m.path))
            break;
        loseMusic(m, {});
        m = m_music();
    }
    if (m_lostMusic) {
        const auto& [lost, cause] = *m_lostMusic;
        const QString what = cause.isEmpty() ? tr("is no longer there (moved or deleted)")
                                             : tr("cannot be played (%1)").arg(cause);
        m_lostMusicText = tr("The chosen music %1 %2, so the music levels use %3. Choose music in the Library.")
                              .arg(QDir::toNativeSeparators(lost.path), what, m.title);
    }
    return m;
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
    const EqLevel level = currentLevel();
    const EqExerciseKind k = kind();
    const std::uint64_t seed = m_seeds();
    const bool match = m_preferences->loudnessMatching();
    const bool wantsMusic = level.material == Material::Music;
    const MaterialRef material = wantsMusic ? usableMusic() : MaterialRef::pinkNoise();
    m_materialNote = !m_lostMusicText.isEmpty() ? m_lostMusicText
                     : wantsMusic && !material.isMusic()
                         ? tr("This level is meant for music; choose some in the Library. Pink noise for now.")
                         : QString();
    std::shared_ptr<const PreparedLoop> cached = m_loop && m_loop->material.sameLoop(material) ? m_loop : nullptr;

    m_preparingProgress = 0;
    m_preparingText = cached ? tr("Preparing the question…") : tr("Loading %1…").arg(material.title);
    emit preparingChanged();
    setPhase(Preparing);

    QPointer<Session> self(this);
    const auto progress = [self, generation](double f) {
        QMetaObject::invokeMethod(self, [self, generation, f] {
            if (self && self->m_generation == generation) {
                self->m_preparingProgress = f;
                emit self->preparingChanged();
            }
        }, Qt::QueuedConnection);
    };
    m_preparation.setFuture(QtConcurrent::run([cached, material, level, k, seed, match, progress]() {
        Prepared p;
        p.material = material;
        p.matched = match;
        p.loop = cached;
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
        p.question = prepareQuestion(*p.loop, k, level, seed, match);
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
    m_current = p.question;
    m_matched = p.matched;

    Scene scene;
    scene.variants = {{m_loop->audio, Treatment{}, "flat"},
                      {m_loop->audio, m_current.hidden, "hidden change"},
                      {m_loop->audio, Treatment{}, "your answer"}};
    scene.looping = true;
    try {
        m_audio->load(scene);
        if (m_audio->variant() > 1)
            m_audio->select(1);
    } catch (const AudioError& e) {
        setError(QString::fromStdString(e.what()));
    }
    m_selected = -1;
    m_keyGroup = 0;
    m_pending.reset();
    m_answerBoost = true;
    buildOptions();
    m_trueCurve.clear();
    m_answerCurve.clear();
    m_answerVariantReady = false;
    emit questionChanged();
    emit keyGroupChanged();
    emit revealChanged();
    m_shownAt.start();
    setPhase(Question);
}

void Session::buildOptions()
{
    m_options.clear();
    const auto& q = m_current.question;
    if (kind() == EqExerciseKind::GainIdentification) {
        std::vector<double> magnitudes = currentLevel().gainsDb;
        std::sort(magnitudes.begin(), magnitudes.end());
        for (double g : magnitudes)
            m_options.append(QVariantMap{{"label", QString("%1 dB").arg(g)}, {"value", g}, {"flat", false}});
    } else {
        for (double b : q.bandOptionsHz)
            m_options.append(QVariantMap{{"label", hz(b)}, {"value", b}, {"flat", false}});
        if (currentLevel().catchRate > 0)
            m_options.append(QVariantMap{{"label", tr("Flat")}, {"value", 0.0}, {"flat", true}});
    }
}

int Session::numberedCount() const
{
    const int all = int(m_options.size());
    if (all <= kGroup)
        return all;
    int bands = 0;
    for (const auto& o : m_options)
        bands += o.toMap()["flat"].toBool() ? 0 : 1;
    return bands;
}

int Session::keyGroupCount() const
{
    return std::max(1, (numberedCount() + kGroup - 1) / kGroup);
}

QStringList Session::keyLabels() const
{
    const int numbered = numberedCount();
    QStringList labels;
    for (int i = 0; i < m_options.size(); ++i) {
        if (i < numbered)
            labels << (i / kGroup == m_keyGroup ? digitFor(i) : QString());
        else
            labels << (m_options[i].toMap()["flat"].toBool() ? QStringLiteral("F") : QString());
    }
    return labels;
}

QString Session::keyGroupText() const
{
    const int numbered = numberedCount();
    if (keyGroupCount() <= 1)
        return numbered > 0 ? tr("number keys pick") : QString();
    const int first = m_keyGroup * kGroup;
    const int last = std::min(first + kGroup, numbered) - 1;
    const auto label = [this](int i) { return m_options[i].toMap()["label"].toString(); };
    return tr("1–0 pick %1 … %2 · [ ] other bands").arg(label(first), label(last));
}

void Session::setKeyGroup(int group)
{
    group = std::clamp(group, 0, keyGroupCount() - 1);
    if (group == m_keyGroup)
        return;
    m_keyGroup = group;
    emit keyGroupChanged();
}

void Session::moveKeyGroup(int delta)
{
    if (m_phase == Question)
        setKeyGroup(m_keyGroup + delta);
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
    if (m_phase != Question || m_pending || option < -1 || option >= int(m_options.size()))
        return;
    if (option >= 0 && option < numberedCount())
        setKeyGroup(option / kGroup);
    if (option == m_selected)
        return;
    m_selected = option;
    emit selectionChanged();
}

bool Session::pressKey(const QString& key)
{
    if (m_phase == Revealed) {
        const int n = key.toInt();
        if (n >= 1 && n <= 3) {
            hear(n - 1);
            return true;
        }
        return false;
    }
    if (m_phase != Question || m_pending)
        return false;
    if (key.compare("F", Qt::CaseInsensitive) == 0) {
        for (int i = 0; i < m_options.size(); ++i)
            if (m_options[i].toMap()["flat"].toBool()) {
                choose(i);
                return true;
            }
        return false;
    }
    bool isNumber = false;
    const int digit = key.toInt(&isNumber);
    if (!isNumber || key.size() != 1)
        return false;
    const int index = m_keyGroup * kGroup + (digit + kGroup - 1) % kGroup; // 1 -> 0 … 0 -> 9
    if (index >= numberedCount())
        return false;
    choose(index);
    return true;
}

int Session::correctOption() const
{
    const auto& q = m_current.question;
    for (int i = 0; i < m_options.size(); ++i) {
        const auto o = m_options[i].toMap();
        if (q.flat ? o["flat"].toBool()
                   : !o["flat"].toBool() &&
                         std::abs(o["value"].toDouble() -
                                  (kind() == EqExerciseKind::GainIdentification ? std::abs(q.gainDb) : q.frequencyHz)) < 0.01)
            return i;
    }
    return -1;
}

void Session::moveSelection(int delta)
{
    if (m_phase != Question || m_pending || m_options.isEmpty())
        return;
    const int from = m_selected < 0 ? (delta > 0 ? -1 : int(m_options.size())) : m_selected;
    choose(std::clamp(from + delta, 0, int(m_options.size()) - 1));
}

void Session::setAnswerBoost(bool boost)
{
    if (boost == m_answerBoost || m_phase != Question || m_pending)
        return;
    m_answerBoost = boost;
    emit selectionChanged();
}

EqAnswer Session::currentAnswer() const
{
    EqAnswer a;
    const auto o = m_options.value(m_selected).toMap();
    a.flat = o["flat"].toBool();
    const double sign = !directionAsked() || m_answerBoost ? 1.0 : -1.0;
    if (kind() == EqExerciseKind::GainIdentification) {
        a.frequencyHz = m_current.question.frequencyHz;
        a.gainDb = sign * o["value"].toDouble();
    } else if (!a.flat) {
        a.frequencyHz = o["value"].toDouble();
        a.gainDb = sign * 1.0;
    }
    return a;
}

Treatment Session::answerTreatment(const EqAnswer& a) const
{
    Treatment t;
    if (a.flat)
        return t;
    const auto& q = m_current.question;
    double gain = a.gainDb;
    if (kind() == EqExerciseKind::BandIdentification) {
        // The answer names a band and a direction; it is heard with the size of the real change.
        const double magnitude = q.flat ? currentLevel().gainsDb.front() : std::abs(q.gainDb);
        gain = (a.gainDb < 0 ? -1.0 : 1.0) * magnitude;
    }
    t.eq.push_back({FilterType::Peak, a.frequencyHz, gain, q.q});
    return t;
}

QString Session::describe(const EqAnswer& a) const
{
    if (a.flat)
        return tr("Flat (no change)");
    if (kind() == EqExerciseKind::GainIdentification)
        return tr("%1 at %2").arg(db(a.gainDb), hz(a.frequencyHz));
    if (!directionAsked())
        return tr("Boost at %1").arg(hz(a.frequencyHz));
    return (a.gainDb > 0 ? tr("Boost at %1") : tr("Cut at %1")).arg(hz(a.frequencyHz));
}

QString Session::truthText() const
{
    const auto& q = m_current.question;
    if (q.flat)
        return tr("Flat (no change)");
    return tr("%1 at %2, Q %3").arg(db(q.gainDb), hz(q.frequencyHz)).arg(q.q);
}

QString Session::answerText() const
{
    return m_phase == Revealed ? describe(m_answer) : QString();
}

QString Session::verdict() const
{
    if (m_grade.correct)
        return tr("Correct");
    return m_grade.score >= 0.5 ? tr("Close") : tr("Missed");
}

QString Session::formulaText() const
{
    if (m_current.question.flat || m_answer.flat)
        return tr("Flat trials: answering “flat” scores 1, anything else 0; “flat” to a real change scores 0.");
    if (kind() == EqExerciseKind::GainIdentification)
        return tr("score = max(0, 1 − |error| / 6 dB) × (0.5 if the direction is wrong)");
    return tr("score = max(0, 1 − octaves off / 2) × (0.5 if the direction is wrong): "
              "⅓ octave off scores 0.83, one octave 0.5, two or more 0");
}

bool Session::confirm()
{
    if (!canConfirm())
        return false;
    Pending p{0, m_generation, currentAnswer(), {}, 0, *m_tracker, 0};
    p.grade = gradeEqAnswer(m_current.question, p.answer);
    p.responseMs = int(std::min<qint64>(m_shownAt.elapsed(), std::numeric_limits<int>::max()));
    p.levelChange = p.tracker.record(p.grade.correct);

    Attempt attempt;
    attempt.exercise = m_exerciseId;
    attempt.level = m_level;
    attempt.seed = m_current.question.seed;
    attempt.hidden = m_current.question.toJson();
    attempt.answer = p.answer.toJson();
    attempt.score = p.grade.score;
    attempt.correct = p.grade.correct;
    attempt.responseMs = p.responseMs;
    attempt.source = m_loop ? m_loop->material.id : QString();
    attempt.answeredAt = QDateTime::currentDateTimeUtc();
    p.ticket = m_writer->write(attempt, p.levelChange != 0 ? std::optional<int>(p.tracker.level()) : std::nullopt);
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
        emit attemptRecorded(m_exerciseId); // an answer of a session left meanwhile: still counted
        return;
    }
    // Committed: only now may the result be shown.
    Pending p = std::move(*m_pending);
    m_pending.reset();
    setError(levelError);

    m_answer = p.answer;
    m_grade = p.grade;
    m_responseMs = p.responseMs;
    m_scores.push_back(p.grade.score);
    m_responses.push_back(p.responseMs);
    m_correctCount += p.grade.correct ? 1 : 0;
    auto& hits = m_bandHits[m_current.question.flat ? 0.0 : m_current.question.frequencyHz];
    hits.first += p.grade.correct ? 1 : 0;
    hits.second += 1;

    m_levelChangeText.clear();
    *m_tracker = p.tracker;
    if (p.levelChange != 0) {
        m_level = m_tracker->level();
        m_levelChangeText = p.levelChange > 0 ? tr("Level up: %1 — %2").arg(m_level).arg(levelDescription())
                                              : tr("Back to level %1 — %2").arg(m_level).arg(levelDescription());
    }

    m_trueCurve = eqCurve(m_current.question.treatment().eq);
    const Treatment answered = answerTreatment(p.answer);
    m_answerCurve = eqCurve(answered.eq);
    m_answerVariantReady = false;
    setPhase(Revealed);
    emit revealChanged();
    emit summaryChanged();
    emit attemptRecorded(m_exerciseId);

    // "Your answer" is loudness-matched like the hidden change, off the UI thread.
    const unsigned generation = m_generation;
    const auto loop = m_loop;
    const bool match = m_matched;
    QPointer<Session> self(this);
    auto future = QtConcurrent::run([loop, answered, match] { return matchedTreatment(*loop, answered, match); });
    future.then(this, [self, generation](Treatment t) {
        if (!self || self->m_generation != generation || self->m_phase != Revealed)
            return;
        self->m_audio->setTreatment(2, t);
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
    if (m_phase == Question || m_phase == Revealed)
        m_audio->select(std::clamp(variant, 0, m_phase == Revealed ? 2 : 1));
}

void Session::quit()
{
    ++m_generation;
    m_audio->unload();
    setPhase(Idle);
}

double Session::averageScore() const
{
    if (m_scores.empty())
        return 0;
    double sum = 0;
    for (double s : m_scores)
        sum += s;
    return sum / double(m_scores.size());
}

QVariantList Session::bandHits() const
{
    QVariantList out;
    for (const auto& [band, hits] : m_bandHits)
        out.append(QVariantMap{{"label", band == 0.0 ? tr("Flat") : hz(band)},
                               {"correct", hits.first},
                               {"asked", hits.second}});
    return out;
}

QString Session::levelSummary() const
{
    if (m_level > m_startLevel)
        return tr("Promoted from level %1 to level %2: %3").arg(m_startLevel).arg(m_level).arg(levelDescription());
    if (m_level < m_startLevel)
        return tr("Moved back from level %1 to level %2: %3").arg(m_startLevel).arg(m_level).arg(levelDescription());
    return tr("Still at level %1: %2. Promotion at 8 of the last 10 right, a step back below 5.")
        .arg(m_level)
        .arg(levelDescription());
}

double Session::medianResponseSeconds() const
{
    if (m_responses.empty())
        return 0;
    auto v = m_responses;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2] / 1000.0;
}

} // namespace earlab::app
