#include "exercises/eq_exercise.h"

#include "exercises/band_energy.h"
#include "exercises/eq_bands.h"
#include "exercises/eq_curve.h"

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

constexpr double kAudibleWithinDb = 30.0;

QString hz(double f) { return QString::fromLatin1(bandLabel(f)); }
QString db(double g) { return QString("%1%2 dB").arg(g > 0 ? "+" : g < 0 ? "−" : "").arg(std::abs(g)); }
QString bandId(double f) { return QString::number(f, 'g', 6); }

const EqQuestion& eqOf(const Question& question) { return std::any_cast<const EqQuestion&>(question.detail); }

} // namespace

EqExercise::EqExercise(EqExerciseKind kind) : m_kind(kind)
{
    for (const EqLevel& l : eqLevels())
        m_levels.push_back({l.number, QString::fromStdString(l.description),
                            l.material == Material::Music ? MaterialNeed::Music : MaterialNeed::PinkNoise});
}

const std::vector<EqLevel>& EqExercise::eqLevels() const
{
    return m_kind == EqExerciseKind::GainIdentification ? eqGainLevels() : eqBandLevels();
}

QString EqExercise::id() const { return QString::fromLatin1(exerciseId(m_kind)); }

QString EqExercise::title() const
{
    return m_kind == EqExerciseKind::GainIdentification ? QStringLiteral("EQ gain") : QStringLiteral("EQ band");
}

QString EqExercise::summary() const
{
    return m_kind == EqExerciseKind::GainIdentification
               ? QStringLiteral("The band is shown: how many dB was it boosted or cut?")
               : QStringLiteral("Which band was boosted or cut? From octaves on pink noise to third-octaves on music.");
}

std::vector<double> EqExercise::audibleBandsHz(const EqLevel& level, const MaterialFacts& material)
{
    const bool thirds = level.bandWidthOctaves < 0.5;
    const auto centres = thirds ? thirdOctaveCentresHz() : octaveCentresHz();
    const auto& levelsDb = thirds ? material.thirdLevelsDb : material.octaveLevelsDb;
    if (levelsDb.size() != centres.size())
        return {};
    return audibleBands(centres, levelsDb, kAudibleWithinDb);
}

Question EqExercise::ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const
{
    return askFocused(setting, seed, material, 0);
}

Question EqExercise::askFocused(const Setting& setting, std::uint64_t seed, const MaterialFacts& material,
                                double focusHz) const
{
    const EqLevel& level = eqLevels()[std::size_t(std::clamp(setting.level, 1, levelCount()) - 1)];
    const EqQuestion eq = makeEqQuestion(m_kind, level, seed, audibleBandsHz(level, material), focusHz);
    const bool gain = m_kind == EqExerciseKind::GainIdentification;

    Question q;
    q.exercise = id();
    q.setting = {level.number};
    q.seed = seed;
    q.detail = eq;
    q.hidden = eq.toJson();
    q.variants = {{"flat", "Flat", "the music as it is", Treatment{}},
                  {"processed", "Processed", "with the hidden change", eq.treatment()}};
    q.directionAsked = gain || eq.directionAsked;
    if (gain) {
        q.answerKind = AnswerKind::Choice;
        q.focus = hz(eq.frequencyHz);
        q.prompt = QString("How much was %1 boosted or cut?").arg(q.focus);
        std::vector<double> magnitudes = level.gainsDb;
        std::sort(magnitudes.begin(), magnitudes.end());
        for (double g : magnitudes)
            q.options.push_back({bandId(g), QString("%1 dB").arg(g), g, false});
        q.correct = eq.gainDb;
    } else {
        q.answerKind = AnswerKind::Bands;
        q.prompt = eq.directionAsked ? QStringLiteral("Which band was boosted or cut?")
                                     : QStringLiteral("Which band was boosted?");
        if (level.catchRate > 0)
            q.prompt += QStringLiteral(" Or was nothing changed?");
        for (double b : eq.bandOptionsHz)
            q.options.push_back({bandId(b), hz(b), b, false});
        if (level.catchRate > 0)
            q.options.push_back({"flat", "Flat", 0.0, true});
        q.correct = eq.flat ? QStringLiteral("flat") : bandId(eq.frequencyHz);
    }

    QStringList skipped;
    for (double b : level.bandsHz)
        if (std::none_of(eq.bandOptionsHz.begin(), eq.bandOptionsHz.end(), [b](double o) { return std::abs(o - b) < 0.5; }))
            skipped << hz(b);
    if (!skipped.isEmpty())
        q.notes << QString("Not asked: %1. This material has too little energy there (more than 30 dB below its "
                           "loudest band) for a change to be heard.")
                       .arg(skipped.join(", "));
    if (const QString note = focusNote(eq.bandOptionsHz, focusHz); !note.isEmpty())
        q.notes << note;
    return q;
}

Grade EqExercise::grade(const Question& question, const Answer& answer) const
{
    const EqQuestion& q = eqOf(question);
    const bool gain = m_kind == EqExerciseKind::GainIdentification;
    const auto chosen = std::find_if(question.options.begin(), question.options.end(),
                                     [&](const AnswerOption& o) { return o.id == answer.option; });
    EqAnswer a;
    a.flat = chosen != question.options.end() && chosen->flat;
    const double sign = !question.directionAsked || answer.direction >= 0 ? 1.0 : -1.0;
    if (chosen != question.options.end() && !a.flat) {
        if (gain) {
            a.frequencyHz = q.frequencyHz;
            a.gainDb = sign * chosen->value;
        } else {
            a.frequencyHz = chosen->value;
            a.gainDb = sign;
        }
    }
    const EqGrade eg = gradeEqAnswer(q, a);

    Grade g;
    g.score = eg.score;
    g.correct = eg.correct;
    g.explanation = eg.explanation;
    g.answer = a.toJson();
    g.truthText = q.flat ? QStringLiteral("Flat (no change)")
                         : QString("%1 at %2, Q %3").arg(db(q.gainDb), hz(q.frequencyHz)).arg(q.q);
    if (a.flat)
        g.answerText = QStringLiteral("Flat (no change)");
    else if (gain)
        g.answerText = QString("%1 at %2").arg(db(a.gainDb), hz(a.frequencyHz));
    else if (!question.directionAsked)
        g.answerText = QString("Boost at %1").arg(hz(a.frequencyHz));
    else
        g.answerText = QString(a.gainDb > 0 ? "Boost at %1" : "Cut at %1").arg(hz(a.frequencyHz));
    if (q.flat || a.flat)
        g.formula = QStringLiteral("Flat trials: answering “flat” scores 1, anything else 0; “flat” to a real change scores 0.");
    else if (gain)
        g.formula = QStringLiteral("score = max(0, 1 − |error| / 6 dB) × (0.5 if the direction is wrong)");
    else
        g.formula = QStringLiteral("score = max(0, 1 − octaves off / 2) × (0.5 if the direction is wrong): "
                                   "⅓ octave off scores 0.83, one octave 0.5, two or more 0");
    g.category = q.flat ? QStringLiteral("flat") : bandId(q.frequencyHz);
    g.categoryLabel = q.flat ? QStringLiteral("Flat") : hz(q.frequencyHz);
    g.categoryOrder = q.flat ? 0.0 : q.frequencyHz;

    // The answer is heard with the size of the real change: band answers name only a band
    // and a direction.
    Treatment answered;
    if (!a.flat) {
        double g2 = a.gainDb;
        if (!gain) {
            const EqLevel& level = eqLevels()[std::size_t(std::clamp(q.level, 1, levelCount()) - 1)];
            const double magnitude = q.flat ? level.gainsDb.front() : std::abs(q.gainDb);
            g2 = (a.gainDb < 0 ? -1.0 : 1.0) * magnitude;
        }
        answered.eq.push_back({FilterType::Peak, a.frequencyHz, g2, q.q});
    }
    g.answerTreatment = answered;
    g.plot.kind = RevealKind::EqCurves;
    g.plot.truth = eqCurve(q.treatment().eq);
    g.plot.answer = eqCurve(answered.eq);
    g.plot.xUnit = QStringLiteral("Hz");
    g.plot.yUnit = QStringLiteral("dB");
    return g;
}

} // namespace earlab
