#include "app/src/compare_mushra.h"

#include "app/src/audio_output.h"

#include "audio/audio_error.h"
#include "exercises/comparison_log.h"
#include "exercises/rating_statistics.h"

#include <QFileInfo>

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace earlab::app {

namespace {
QString number(double value, int decimals) { return QString::number(value, 'f', decimals); }

QString kindId(MushraStimulus::Kind kind)
{
    switch (kind) {
    case MushraStimulus::Kind::Item:
        return QStringLiteral("item");
    case MushraStimulus::Kind::HiddenReference:
        return QStringLiteral("hiddenReference");
    case MushraStimulus::Kind::LowAnchor:
        return QStringLiteral("lowAnchor");
    case MushraStimulus::Kind::MidAnchor:
        return QStringLiteral("midAnchor");
    }
    return {};
}

std::vector<double> ratingsOfKind(const MushraRun& run, const std::vector<MushraStimulus>& stimuli,
                                  MushraStimulus::Kind kind)
{
    for (std::size_t s = 0; s < stimuli.size(); ++s)
        if (stimuli[s].kind == kind)
            return run.ratingsOf(int(s));
    return {};
}
} // namespace

CompareMushra::CompareMushra(AudioOutput* audio, QObject* parent) : QObject(parent), m_audio(audio)
{
    connect(&m_build, &QFutureWatcher<Built>::finished, this, &CompareMushra::onBuilt);
}

CompareMushra::~CompareMushra()
{
    m_build.waitForFinished();
}

void CompareMushra::setPages(int pages)
{
    pages = std::clamp(pages, 1, kMaxMushraPages);
    if (pages == m_pages || active())
        return;
    m_pages = pages;
    emit settingsChanged();
}

void CompareMushra::setOption(bool MushraOptions::*option, bool on)
{
    if (m_options.*option == on || active())
        return;
    m_options.*option = on;
    emit settingsChanged();
}

void CompareMushra::setOpenReference(bool on) { setOption(&MushraOptions::openReference, on); }
void CompareMushra::setHiddenReference(bool on) { setOption(&MushraOptions::hiddenReference, on); }
void CompareMushra::setLowAnchor(bool on) { setOption(&MushraOptions::lowAnchor, on); }
void CompareMushra::setMidAnchor(bool on) { setOption(&MushraOptions::midAnchor, on); }

void CompareMushra::setRequireAllPlayed(bool on)
{
    if (on == m_requireAllPlayed || active())
        return;
    m_requireAllPlayed = on;
    emit settingsChanged();
}

int CompareMushra::page() const
{
    return m_run && !m_run->finished() ? m_run->page() + 1 : 0;
}

QVariantList CompareMushra::positions() const
{
    QVariantList out;
    for (int p = 0; p < positionCount(); ++p)
        out.append(QVariantMap{{"name", QString::number(p + 1)},
                               {"played", m_run->wasPlayed(p)},
                               {"rating", m_run->ratingAt(p).value_or(-1)}});
    return out;
}

QString CompareMushra::notReady() const
{
    if (!m_run || m_run->finished())
        return {};
    const QString why = m_run->notReady();
    if (why == QLatin1String("play every item first"))
        return tr("Play every item first.");
    if (why == QLatin1String("rate every item first"))
        return tr("Rate every item first.");
    return why;
}

void CompareMushra::start(std::shared_ptr<const Comparison> comparison, const BlindSeed& seed, bool practice,
                          LoopRegion loop)
{
    m_loop = loop;
    if (active() || !comparison)
        return;
    m_comparison = std::move(comparison);
    m_seed = seed;
    m_practice = practice;
    m_runOptions = m_options;
    m_feedback.clear();
    m_building = true;
    emit runChanged();
    // The anchors filter the whole reference: off the GUI thread. The worker holds its own
    // share of the comparison, so stop() can drop ours at any time.
    m_build.setFuture(QtConcurrent::run([c = m_comparison, options = m_runOptions]() {
        Built out;
        try {
            out.stimuli = mushraStimuli(*c, options);
        } catch (const AudioError& e) {
            out.error = QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            out.error = tr("Not enough memory to build the MUSHRA anchors");
        }
        return out;
    }));
}

void CompareMushra::onBuilt()
{
    Built built = m_build.result();
    if (!m_building)
        return; // stopped meanwhile
    m_building = false;
    if (built.error.isEmpty() && (int(built.stimuli.size()) < 2 || int(built.stimuli.size()) > kMaxMushraStimuli))
        built.error = tr("A MUSHRA page rates 2 to %1 items; these settings give %2. Add files, or turn on the "
                         "hidden reference or an anchor.")
                          .arg(kMaxMushraStimuli)
                          .arg(built.stimuli.size());
    if (!built.error.isEmpty()) {
        m_comparison.reset();
        emit runChanged();
        emit failed(built.error);
        return;
    }
    m_stimuli = std::move(built.stimuli);
    m_run = std::make_unique<MushraRun>(int(m_stimuli.size()), m_pages, m_seed, m_requireAllPlayed);
    m_pagePlayed = false;
    m_listening = -1;
    m_referencePlaying = false;
    m_audio->stop(); // every page starts silent, as ABX trials do
    Scene scene = mushraScene(*m_comparison, m_stimuli, m_runOptions.openReference);
    scene.loop = m_loop;
    m_audio->load(std::move(scene));
    // Play (Space) before any choice is the open reference, or silence without one; never the
    // stimulus whose variant number happened to be selected before.
    m_audio->select(0);
    emit runChanged();
    emit started();
}

void CompareMushra::listen(int position)
{
    if (!m_run || m_run->finished() || position < 0 || position >= m_run->stimuli())
        return;
    m_run->played(position);
    const int variant = m_run->variantFor(position);
    if (m_pagePlayed)
        m_audio->select(variant);
    else
        m_audio->playFromSilence(variant);
    m_pagePlayed = true;
    m_listening = position;
    m_referencePlaying = false;
    emit runChanged();
}

void CompareMushra::listenReference()
{
    if (!hasReference() || m_run->finished())
        return;
    if (m_pagePlayed)
        m_audio->select(0);
    else
        m_audio->playFromSilence(0);
    m_pagePlayed = true;
    m_listening = -1;
    m_referencePlaying = true;
    emit runChanged();
}

void CompareMushra::rate(int position, double rating)
{
    if (!m_run || m_run->finished() || position < 0 || position >= m_run->stimuli() || !std::isfinite(rating))
        return;
    m_run->rate(position, std::clamp(rating, 0.0, 100.0));
    emit runChanged();
}

void CompareMushra::submit()
{
    if (!m_run || m_run->finished() || !m_run->notReady().isEmpty())
        return;
    if (m_practice) {
        QStringList labels;
        for (int p = 0; p < m_run->stimuli(); ++p)
            labels << tr("%1 was %2").arg(p + 1).arg(QString::fromStdString(m_stimuli[std::size_t(m_run->stimulusAt(p))].label));
        m_feedback = tr("Page %1: %2.").arg(m_run->page() + 1).arg(labels.join(QStringLiteral(", ")));
    }
    m_run->submit();
    m_pagePlayed = false;
    m_listening = -1;
    m_referencePlaying = false;
    if (m_run->finished()) {
        emit runChanged();
        emit finished();
        return;
    }
    // The next page starts silent: what plays on at the submit would tie a position of the
    // next page to one of this page. Play before a choice: the reference or silence, as above.
    m_audio->stop();
    m_audio->select(0);
    emit runChanged();
}

void CompareMushra::stop()
{
    if (!active())
        return;
    m_building = false; // onBuilt drops what the worker still delivers
    clear();
}

void CompareMushra::clear()
{
    m_run.reset();
    m_stimuli.clear();
    m_comparison.reset();
    m_pagePlayed = false;
    m_listening = -1;
    m_referencePlaying = false;
    emit runChanged();
}

BlindLog CompareMushra::log(const BlindLogSetup& setup) const
{
    return mushraBlindLog(*m_comparison, m_stimuli, setup, *m_run, true);
}

QVariantMap CompareMushra::result() const
{
    QVariantMap r;
    r["mode"] = QStringLiteral("mushra");
    r["practice"] = m_practice;
    r["pages"] = m_run->pages();
    QVariantList stimuli;
    for (std::size_t s = 0; s < m_stimuli.size(); ++s) {
        const std::vector<double> ratings = m_run->ratingsOf(int(s));
        RatingSummary sum = summariseRatings(ratings);
        // The t interval knows no scale; a rating cannot leave 0-100, so neither does its
        // interval on the page (ratings near the top, few pages: "91.9 to 101.1" read as a bug).
        sum.low = std::max(0.0, sum.low);
        sum.high = std::min(100.0, sum.high);
        const QString label = QString::fromStdString(m_stimuli[s].label);
        stimuli.append(QVariantMap{
            {"label", label},
            {"kind", kindId(m_stimuli[s].kind)},
            {"mean", sum.mean},
            {"low", sum.low},
            {"high", sum.high},
            {"count", sum.count},
            {"text", sum.hasInterval() ? tr("%1: %2 (95 %: %3 to %4, %5 pages)")
                                             .arg(label, number(sum.mean, 1), number(sum.low, 1), number(sum.high, 1))
                                             .arg(sum.count)
                                       : tr("%1: %2 (one page, no interval)").arg(label, number(sum.mean, 1))}});
    }
    r["stimuli"] = stimuli;
    const std::vector<double> hidden = ratingsOfKind(*m_run, m_stimuli, MushraStimulus::Kind::HiddenReference);
    const std::vector<double> mid = ratingsOfKind(*m_run, m_stimuli, MushraStimulus::Kind::MidAnchor);
    const MushraScreening sc = screenMushraRun(hidden, mid);
    r["excluded"] = sc.excluded;
    r["hiddenReferenceBelow90"] = sc.hiddenReferenceBelow90;
    r["midAnchorAbove90"] = sc.midAnchorAbove90;
    QStringList parts;
    if (sc.items > 0)
        parts << tr("hidden reference below 90 on %1 of %2 pages (%3 %)")
                     .arg(sc.hiddenReferenceBelow90)
                     .arg(sc.items)
                     .arg(number(100 * sc.fraction, 0));
    if (sc.midAnchorItems > 0)
        parts << tr("7 kHz anchor above 90 on %1 of %2 pages (%3 %)")
                     .arg(sc.midAnchorAbove90)
                     .arg(sc.midAnchorItems)
                     .arg(number(100 * sc.midAnchorFraction, 0));
    if (parts.isEmpty())
        r["verdict"] = tr("No post-screening: the run had no hidden reference or 7 kHz anchor.");
    else if (sc.excluded)
        r["verdict"] = tr("Post-screening (BS.1534-3) excludes this run: %1; more than 15 % of pages.")
                           .arg(parts.join(QStringLiteral("; ")));
    else
        r["verdict"] = tr("Post-screening (BS.1534-3) keeps this run: %1; at most 15 % of pages may miss.")
                           .arg(parts.join(QStringLiteral("; ")));
    return r;
}

} // namespace earlab::app
