#include "exercises/width_exercise.h"

#include "exercises/difficulty.h"
#include "exercises/seeded_random.h"
#include "exercises/sided_amount.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace earlab {

namespace {

const QStringList kSides = {QStringLiteral("narrower"), QStringLiteral("wider")};
const QStringList kSideLabels = {QStringLiteral("Narrower"), QStringLiteral("Wider")};

QString pct(double v) { return formatValue(v, QStringLiteral("%")); }

// The side's level change a width gives, dB; a floor for mono so the bar can be drawn.
double sideGainDb(double widthPercent) { return std::max(-40.0, 20.0 * std::log10(std::max(widthPercent, 1e-6) / 100.0)); }

} // namespace

WidthExercise::WidthExercise() : StaircaseExercise(QStringLiteral("%"))
{
    // 100 % narrower is mono and 100 % wider doubles the side (+6 dB); then steps of about
    // 1.4 down to 2 % (side -0.18 / +0.17 dB).
    m_levels = sidedRungs({100, 70, 50, 35, 25, 18, 12, 8, 5, 3, 2}, unit(), kWidthAmountFromLevel,
                          QStringLiteral("width changed by %1: %2, stereo music"), QStringLiteral("narrower or wider"),
                          QStringLiteral("narrower or wider, and by how much"));
}

QString WidthExercise::summary() const
{
    return QStringLiteral("Was the stereo image made narrower or wider, and by how much? Stereo music.");
}

double WidthExercise::sideToMidDb(const AudioBuffer& audio)
{
    if (audio.channelCount() < 2)
        return audio.frames() > 0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    double mid = 0, side = 0;
    const auto& l = audio.channels[0];
    const auto& r = audio.channels[1];
    for (std::size_t i = 0; i < l.size(); ++i) {
        const double m = 0.5 * (double(l[i]) + r[i]), s = 0.5 * (double(l[i]) - r[i]);
        mid += m * m;
        side += s * s;
    }
    if (mid <= 0 && side <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    if (mid <= 0)
        return std::numeric_limits<double>::infinity();
    return side <= 0 ? -std::numeric_limits<double>::infinity() : 10.0 * std::log10(side / mid);
}

Question WidthExercise::ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const
{
    const double c = clampedValue(setting);
    const int levelNumber = levelForValue(c);
    SeededRandom rng(seed);
    WidthQuestion wq;
    wq.wider = rng.below(2) == 1;
    wq.changePercent = c;
    wq.widthPercent = std::clamp(100.0 + (wq.wider ? c : -c), 0.0, 200.0);
    if (levelNumber >= kWidthAmountFromLevel)
        wq.amounts = amountChoices(m_levels, c, rng);

    Question q;
    q.exercise = id();
    q.setting = {levelNumber, c};
    q.seed = seed;
    q.prompt = wq.amounts.empty() ? QStringLiteral("Is the processed mix narrower or wider?")
                                  : QStringLiteral("Is the processed mix narrower or wider, and by how much?");
    q.answerKind = AnswerKind::Choice;
    Treatment processed;
    processed.widthPercent = wq.widthPercent;
    q.variants = {{"flat", "Flat", "the mix as it is", Treatment{}},
                  {"processed", "Processed", "the mix with its width changed", processed}};
    q.options = sidedOptions(kSides, kSideLabels, wq.amounts, unit());
    q.correct = sidedCorrect(kSides, wq.wider ? 1 : 0, wq.amounts, c);
    q.hidden = {{"width_percent", wq.widthPercent},
                {"direction", kSides[wq.wider ? 1 : 0]},
                {"change_percent", c},
                {"amount_asked", !wq.amounts.empty()}};
    if (material.loop) {
        const double smr = sideToMidDb(*material.loop);
        if (!(smr >= kWidthMonoBelowDb)) // also NaN (silence) and -inf (mono)
            q.notes << (std::isfinite(smr)
                            ? QString("This music is nearly mono (its side signal is %1 dB below its mid): a width "
                                      "change can hardly be heard. Stereo music works best.")
                                  .arg(-smr, 0, 'f', 0)
                            : QStringLiteral("This music is mono (no side signal): a width change cannot be heard. "
                                             "Stereo music works best."));
    }
    q.detail = wq;
    return q;
}

Grade WidthExercise::grade(const Question& question, const Answer& answer) const
{
    const WidthQuestion& wq = std::any_cast<const WidthQuestion&>(question.detail);
    const SidedAnswer a = parseSided(kSides, wq.amounts, answer.option);
    const int truth = wq.wider ? 1 : 0;

    Grade g;
    g.correct = a.found && a.side == truth;
    g.score = g.correct ? amountScore(wq.amounts, wq.changePercent, a.amount) : 0.0;
    g.formula = QString::fromLatin1(kSidedAmountFormula);
    g.truthText = QString("%1 by %2 (width %3)").arg(kSideLabels[truth], pct(wq.changePercent), pct(wq.widthPercent));
    const double amount = std::isnan(a.amount) ? wq.changePercent : a.amount;
    const double answeredWidth = std::clamp(100.0 + (a.side == 1 ? amount : -amount), 0.0, 200.0);
    if (!a.found)
        g.answerText = QStringLiteral("No answer");
    else if (wq.amounts.empty())
        g.answerText = kSideLabels[a.side];
    else
        g.answerText = QString("%1 by %2").arg(kSideLabels[a.side], pct(a.amount));
    g.explanation = QString("The mix was made %1 by %2 (width %3); you answered “%4”: %5.")
                        .arg(kSides[truth], pct(wq.changePercent), pct(wq.widthPercent), g.answerText,
                             g.correct ? (g.score < 1 ? QString("the right way, score %1").arg(g.score)
                                                      : QStringLiteral("right"))
                                       : QStringLiteral("wrong"));
    g.category = kSides[truth];
    g.categoryLabel = kSideLabels[truth];
    g.categoryOrder = truth;
    // Bars: the side signal's level against the flat mix, dB.
    g.plot.kind = RevealKind::Levels;
    g.plot.labels = {QStringLiteral("Side")};
    g.plot.yUnit = QStringLiteral("dB");
    g.plot.truth = {{0, sideGainDb(wq.widthPercent)}};
    if (a.found) {
        g.answer = {{"direction", kSides[a.side]}, {"width_percent", answeredWidth}};
        Treatment t;
        t.widthPercent = answeredWidth;
        g.answerTreatment = t;
        g.plot.answer = {{0, sideGainDb(answeredWidth)}};
    }
    return g;
}

} // namespace earlab
