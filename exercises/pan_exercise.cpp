#include "exercises/pan_exercise.h"

#include "exercises/difficulty.h"
#include "exercises/seeded_random.h"
#include "exercises/sided_amount.h"
#include "exercises/stem_exercise.h"

#include "audio/dsp/gain_pan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace earlab {

double panIldDb(double pan)
{
    const dsp::GainPanParams g = dsp::makeGainPanParams(0.0, std::clamp(pan, -1.0, 1.0));
    if (g.left == 0.0f)
        return std::numeric_limits<double>::infinity();
    if (g.right == 0.0f)
        return -std::numeric_limits<double>::infinity();
    return 20.0 * std::log10(double(g.right) / double(g.left));
}

double panForIldDb(double ildDb)
{
    return std::clamp(4.0 / std::numbers::pi * std::atan(std::pow(10.0, ildDb / 20.0)) - 1.0, -1.0, 1.0);
}

namespace {

QString position(double pan)
{
    if (std::abs(pan) < 0.005)
        return QStringLiteral("centre");
    return QString("%1 %2").arg(std::abs(pan), 0, 'f', 2).arg(pan < 0 ? "left" : "right");
}

// For statistics: which part of the field the truth was in.
void categorise(Grade& g, double pan)
{
    const int side = pan < -0.05 ? -1 : pan > 0.05 ? 1 : 0;
    g.category = side < 0 ? QStringLiteral("left") : side > 0 ? QStringLiteral("right") : QStringLiteral("centre");
    g.categoryLabel = side < 0 ? QStringLiteral("Left") : side > 0 ? QStringLiteral("Right") : QStringLiteral("Centre");
    g.categoryOrder = side;
}

ValueRange field()
{
    return {-1.0, 1.0, 0.01, QString(), QStringLiteral("Left"), QStringLiteral("Right")};
}

} // namespace

// ---- pan --------------------------------------------------------------------------------

const std::vector<PanLevel>& PanExercise::panLevels()
{
    // Coarse to fine: the tolerance is half the grid step, so on the grids the nearest
    // position is the right answer; then any position, within 0.1 and 0.05. Near the centre a
    // pan of 0.05 is an ILD of 0.7 dB, about the just-noticeable ILD. Then one stem on the
    // first three grids: within the mix it moves less of the sound.
    static const std::vector<PanLevel> levels = {{1, 0.5, 0.25},        {2, 0.25, 0.125},      {3, 0.05, 0.1},
                                                 {4, 0.01, 0.05},       {5, 0.5, 0.25, true},  {6, 0.25, 0.125, true},
                                                 {7, 0.05, 0.1, true}};
    return levels;
}

Treatment PanExercise::placed(const PanQuestion& pq, double pan)
{
    Treatment t;
    if (pq.stem < 0) {
        t.pan = pan;
        return t;
    }
    t.stems.assign(pq.names.size(), StemMix{});
    t.stems[std::size_t(pq.stem)].pan = pan;
    return t;
}

PanExercise::PanExercise()
{
    for (const PanLevel& l : panLevels()) {
        const int positions = int(std::lround(2.0 / l.gridStep)) + 1;
        const QString where = l.gridStep >= 0.25 ? QString("%1 positions").arg(positions) : QStringLiteral("any position");
        if (l.stem)
            m_levels.push_back({l.number, QString("one stem: %1, correct within ±%2; stems (built-in songs or your folders)")
                                              .arg(where).arg(l.tolerance), MaterialNeed::Multitrack});
        else
            m_levels.push_back({l.number, QString("%1, correct within ±%2, music").arg(where).arg(l.tolerance),
                                MaterialNeed::Music});
    }
}

QString PanExercise::summary() const
{
    return QStringLiteral("Where was the mix's balance, or one stem, moved? Point at it on the stereo field.");
}

namespace {

// "Where is the bass placed?", "Where are the drums placed?"
QString stemPrompt(const std::string& name)
{
    const QString n = QString::fromStdString(name);
    const bool plural = n.endsWith('s') && !n.endsWith(QLatin1String("ss"));
    return QString("Where %1 the %2 placed?").arg(plural ? "are" : "is", n);
}

} // namespace

Question PanExercise::ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const
{
    const PanLevel& level = panLevels()[std::size_t(std::clamp(setting.level, 1, levelCount()) - 1)];
    SeededRandom rng(seed);
    const int steps = int(std::lround(2.0 / level.gridStep));
    PanQuestion pq;
    pq.pan = std::clamp(-1.0 + level.gridStep * double(rng.below(std::size_t(steps) + 1)), -1.0, 1.0);
    pq.pan = std::round(pq.pan * 100.0) / 100.0; // on the answer's own 0.01 steps
    pq.tolerance = level.tolerance;
    std::vector<std::size_t> audible;
    if (level.stem && material.stems) {
        pq.names = material.stems->names;
        audible = audibleStems(*material.stems);
    }
    if (level.stem) { // drawn with or without stems, so a seed means one question
        const std::size_t pick = rng.below(std::max<std::size_t>(audible.size(), 1));
        pq.stem = audible.empty() ? -1 : int(audible[pick]);
    }

    Question q;
    q.exercise = id();
    q.setting = {level.number};
    q.seed = seed;
    q.answerKind = AnswerKind::StereoField;
    q.range = field();
    q.usesStems = pq.stem >= 0;
    if (pq.stem >= 0) {
        const std::string& name = pq.names[std::size_t(pq.stem)];
        q.prompt = stemPrompt(name);
        q.variants = {{"reference", "Reference", "every stem where the mix has it", Treatment{}},
                      {"processed", "Processed", QString("the %1 moved, the rest as mixed").arg(QString::fromStdString(name)),
                       placed(pq, pq.pan)}};
        q.hidden = {{"pan", pq.pan}, {"stem", QString::fromStdString(name)}};
    } else {
        q.prompt = QStringLiteral("Where is the balance of the processed mix?");
        q.variants = {{"reference", "Reference", "the mix in the centre", Treatment{}},
                      {"processed", "Processed", "the mix with its balance moved", placed(pq, pq.pan)}};
        q.hidden = {{"pan", pq.pan}, {"stem", QJsonValue::Null}};
        if (level.stem)
            q.notes << QStringLiteral("This level places one stem of a multitrack source (a built-in song, or a "
                                      "folder of stems of one length); this material has none with sound in it, "
                                      "so the whole mix is placed.");
    }
    q.correct = pq.pan;
    q.detail = pq;
    return q;
}

Grade PanExercise::grade(const Question& question, const Answer& answer) const
{
    const PanQuestion& pq = std::any_cast<const PanQuestion&>(question.detail);
    Grade g;
    g.formula = QString("score = max(0, 1 − |answer − truth| / 0.5); correct within ±%1").arg(pq.tolerance);
    const QString what = pq.stem >= 0 ? stemLabel(pq.names[std::size_t(pq.stem)]) : QStringLiteral("Balance");
    const QString subject = pq.stem >= 0 ? QString("The %1").arg(QString::fromStdString(pq.names[std::size_t(pq.stem)]))
                                         : QStringLiteral("The balance");
    g.truthText = QString("%1 %2").arg(what, position(pq.pan));
    categorise(g, pq.pan);
    g.plot.kind = RevealKind::StereoField;
    g.plot.truth = {{pq.pan, 0}};
    if (std::isnan(answer.value)) {
        g.answerText = QStringLiteral("No answer");
        g.explanation = QString("%1 was %2; no position was given.").arg(subject, position(pq.pan));
        return g;
    }
    const double a = std::clamp(answer.value, -1.0, 1.0);
    const double error = std::abs(a - pq.pan);
    g.score = score(pq.pan, a);
    g.correct = error <= pq.tolerance + 1e-9;
    g.answerText = QString("%1 %2").arg(what, position(a));
    g.explanation = QString("%1 was %2, you placed it %3: %4 off, score %5.")
                        .arg(subject, position(pq.pan), position(a))
                        .arg(error, 0, 'f', 2)
                        .arg(g.score, 0, 'f', 2);
    g.answer = {{"pan", a},
                {"stem", pq.stem >= 0 ? QJsonValue(QString::fromStdString(pq.names[std::size_t(pq.stem)])) : QJsonValue()}};
    g.answerTreatment = placed(pq, a); // the same stem (or the mix) at the answered position
    g.plot.answer = {{a, 0}};
    return g;
}

// ---- pan-direction ----------------------------------------------------------------------

namespace {
const QStringList kSides = {QStringLiteral("left"), QStringLiteral("right")};
constexpr int kNever = std::numeric_limits<int>::max(); // the amount is never asked
} // namespace

PanDirectionExercise::PanDirectionExercise() : StaircaseExercise(QStringLiteral("dB"))
{
    m_levels = sidedRungs({6, 4, 3, 2, 1.5, 1, 0.7, 0.5, 0.3, 0.2}, unit(), int(kNever),
                          QStringLiteral("%1 between A and B: %2, music"), QStringLiteral("left or right"), {});
}

QString PanDirectionExercise::summary() const
{
    return QStringLiteral("Is B left or right of A? From 6 dB of interchannel level difference down to 0.2 dB.");
}

Question PanDirectionExercise::ask(const Setting& setting, std::uint64_t seed, const MaterialFacts&) const
{
    const double d = clampedValue(setting);
    SeededRandom rng(seed);
    PanDirectionQuestion pq;
    pq.right = rng.below(2) == 1;
    pq.ildDb = d;
    pq.panA = kBaseSpread * (2.0 * rng.unit() - 1.0);
    pq.panB = panForIldDb(panIldDb(pq.panA) + (pq.right ? d : -d));

    Question q;
    q.exercise = id();
    q.setting = {levelForValue(d), d};
    q.seed = seed;
    q.prompt = QStringLiteral("Is B left or right of A?");
    q.answerKind = AnswerKind::Choice;
    q.options = sidedOptions(kSides, {QStringLiteral("Left"), QStringLiteral("Right")}, {}, unit());
    Treatment a, b;
    a.pan = pq.panA;
    b.pan = pq.panB;
    q.variants = {{"a", "A", "the mix placed near the centre", a}, {"b", "B", "the mix moved left or right", b}};
    q.correct = pq.right ? QStringLiteral("right") : QStringLiteral("left");
    q.hidden = {{"direction", q.correct}, {"ild_db", d}, {"pan_a", pq.panA}, {"pan_b", pq.panB}};
    q.detail = pq;
    return q;
}

Grade PanDirectionExercise::grade(const Question& question, const Answer& answer) const
{
    const PanDirectionQuestion& pq = std::any_cast<const PanDirectionQuestion&>(question.detail);
    const bool known = answer.option == QLatin1String("left") || answer.option == QLatin1String("right");
    const bool right = answer.option == QLatin1String("right");
    const QString truth = pq.right ? QStringLiteral("right") : QStringLiteral("left");
    Grade g;
    g.correct = known && right == pq.right;
    g.score = g.correct ? 1.0 : 0.0;
    g.formula = QStringLiteral("score = 1 for the right side, 0 otherwise");
    g.truthText = QString("B %1 %2 of A (pan %3 → %4)")
                      .arg(formatValue(pq.ildDb, unit()), truth)
                      .arg(pq.panA, 0, 'f', 2)
                      .arg(pq.panB, 0, 'f', 2);
    g.answerText = known ? QString("B %1 of A").arg(answer.option) : QStringLiteral("No answer");
    g.explanation = QString("B was %1 %2 of A; you answered %3: %4.")
                        .arg(formatValue(pq.ildDb, unit()), truth, known ? answer.option : QStringLiteral("nothing"),
                             g.correct ? QStringLiteral("right") : QStringLiteral("wrong"));
    g.category = truth;
    g.categoryLabel = pq.right ? QStringLiteral("Right") : QStringLiteral("Left");
    g.categoryOrder = pq.right ? 1 : -1;
    g.plot.kind = RevealKind::StereoField;
    g.plot.truth = {{pq.panA, 0}, {pq.panB, 0}};
    if (known) {
        g.answer = {{"direction", answer.option}};
        // Heard: B moved the same ILD the way the answer says.
        Treatment t;
        t.pan = panForIldDb(panIldDb(pq.panA) + (right ? pq.ildDb : -pq.ildDb));
        g.answerTreatment = t;
        g.plot.answer = {{pq.panA, 0}, {t.pan, 0}};
    }
    return g;
}

} // namespace earlab
