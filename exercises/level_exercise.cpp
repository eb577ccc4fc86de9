#include "exercises/level_exercise.h"

#include "exercises/difficulty.h"
#include "exercises/seeded_random.h"
#include "exercises/sided_amount.h"

#include "audio/io/loudness.h"

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

const QStringList kSides = {QStringLiteral("a"), QStringLiteral("b")};
const QStringList kSideLabels = {QStringLiteral("A louder"), QStringLiteral("B louder")};

const LevelQuestion& levelOf(const Question& q) { return std::any_cast<const LevelQuestion&>(q.detail); }

QString db(double v) { return formatValue(v, QStringLiteral("dB")); }

double samplePeakDb(const AudioBuffer& audio)
{
    float peak = 0;
    for (const auto& c : audio.channels)
        for (float x : c)
            peak = std::max(peak, std::abs(x));
    return 20.0 * std::log10(double(peak));
}

} // namespace

LevelExercise::LevelExercise() : StaircaseExercise(QStringLiteral("dB"))
{
    // Ratios of about 1.3 to 1.5 between rungs, the 3-down/1-up steps' order of size; 0.1 dB
    // is below the ~0.2-0.5 dB just-noticeable level difference for music.
    m_levels = sidedRungs({6, 4, 3, 2, 1.5, 1, 0.7, 0.5, 0.3, 0.2, 0.1}, unit(), kLevelAmountFromLevel,
                          QStringLiteral("%1 apart: %2, music"), QStringLiteral("which is louder"),
                          QStringLiteral("which is louder and by how many dB"));
}

QString LevelExercise::summary() const
{
    return QStringLiteral("Two plays of the same music, one louder: which one, and by how many dB? "
                          "From 6 dB down to 0.1 dB.");
}

double LevelExercise::maxGainDb(const MaterialFacts& material)
{
    double peak = kLevelUnknownPeakDbtp;
    if (material.loop && material.loop->frames() > 0) {
        peak = samplePeakDb(*material.loop);
        if (std::isfinite(peak)) // true peak of silence is -inf as well; libebur128 needs sound
            peak = std::max(peak, measureLoudness(*material.loop).truePeakDbtp);
    }
    return kLevelCeilingDb - kLevelHeadroomMarginDb - peak;
}

Question LevelExercise::ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const
{
    const double d = clampedValue(setting);
    const int levelNumber = levelForValue(d);
    SeededRandom rng(seed);

    LevelQuestion lq;
    lq.louder = int(rng.below(2));
    lq.differenceDb = d;
    lq.maxGainDb = maxGainDb(material);
    lq.commonDb = std::max(-40.0, std::min(0.0, lq.maxGainDb - d / 2));
    lq.gainDb[lq.louder] = lq.commonDb + d / 2;
    lq.gainDb[1 - lq.louder] = lq.commonDb - d / 2;
    if (levelNumber >= kLevelAmountFromLevel)
        lq.amounts = amountChoices(m_levels, d, rng);

    Question q;
    q.exercise = id();
    q.setting = {levelNumber, d};
    q.seed = seed;
    q.loudnessMatched = false;
    q.answerKind = AnswerKind::Choice;
    q.prompt = lq.amounts.empty() ? QStringLiteral("Which one is louder, A or B?")
                                  : QStringLiteral("Which one is louder, and by how many dB?");
    Treatment a, b;
    a.gainDb = lq.gainDb[0];
    b.gainDb = lq.gainDb[1];
    q.variants = {{"a", "A", "the music at one level", a}, {"b", "B", "the music at another level", b}};
    q.hiddenVariant = lq.louder;
    q.options = sidedOptions(kSides, kSideLabels, lq.amounts, unit());
    q.correct = sidedCorrect(kSides, lq.louder, lq.amounts, d);
    q.hidden = {{"louder", kSides[lq.louder]},
                {"difference_db", d},
                {"gain_a_db", lq.gainDb[0]},
                {"gain_b_db", lq.gainDb[1]},
                {"amount_asked", !lq.amounts.empty()}};
    if (lq.commonDb < 0)
        q.notes << QString("Both play %1 below the music's own level, so that the louder one stays under the "
                           "%2 dBFS safety limit and nothing alters the difference.")
                       .arg(db(-lq.commonDb))
                       .arg(kLevelCeilingDb);
    q.detail = lq;
    return q;
}

Grade LevelExercise::grade(const Question& question, const Answer& answer) const
{
    const LevelQuestion& lq = levelOf(question);
    const SidedAnswer a = parseSided(kSides, lq.amounts, answer.option);
    const double d = lq.differenceDb;
    const QString louder = lq.louder == 0 ? QStringLiteral("A") : QStringLiteral("B");
    const QString quieter = lq.louder == 0 ? QStringLiteral("B") : QStringLiteral("A");

    Grade g;
    g.correct = a.found && a.side == lq.louder;
    g.score = g.correct ? amountScore(lq.amounts, d, a.amount) : 0.0;
    g.formula = QString::fromLatin1(kSidedAmountFormula);
    g.truthText = QString("%1 louder than %2 by %3").arg(louder, quieter, db(d));
    const double answeredDiff = std::isnan(a.amount) ? d : a.amount;
    const QString side = a.side == 0 ? QStringLiteral("A") : QStringLiteral("B");
    if (!a.found)
        g.answerText = QStringLiteral("No answer");
    else if (lq.amounts.empty())
        g.answerText = QString("%1 louder").arg(side);
    else
        g.answerText = QString("%1 louder by %2").arg(side, db(a.amount));
    g.explanation = QString("%1 was %2 louder than %3; you answered “%4”: %5.")
                        .arg(louder, db(d), quieter, g.answerText)
                        .arg(g.correct ? (g.score < 1 ? QString("the right one, score %1").arg(g.score)
                                                      : QStringLiteral("right"))
                                       : QStringLiteral("wrong"));
    g.category = kSides[lq.louder];
    g.categoryLabel = QString("%1 louder").arg(louder);
    g.categoryOrder = lq.louder;
    if (a.found) {
        g.answer = {{"louder", kSides[a.side]}};
        if (!std::isnan(a.amount))
            g.answer.insert("difference_db", a.amount);
    }

    // Heard: B as the answer describes it against A, never above the headroom limit.
    if (a.found) {
        Treatment t;
        const double wanted = lq.gainDb[0] + (a.side == 1 ? answeredDiff : -answeredDiff);
        t.gainDb = std::max(-60.0, std::min(wanted, lq.maxGainDb));
        g.answerTreatment = t;
        if (t.gainDb < wanted - 1e-9)
            g.explanation += QString(" Your answer is heard %1 quieter than it says, to stay under the safety limit.")
                                 .arg(db(wanted - t.gainDb));
    }
    // Bars relative to the two variants' mean level.
    g.plot.kind = RevealKind::Levels;
    g.plot.labels = {QStringLiteral("A"), QStringLiteral("B")};
    g.plot.yUnit = QStringLiteral("dB");
    g.plot.truth = {{0, lq.gainDb[0] - lq.commonDb}, {1, lq.gainDb[1] - lq.commonDb}};
    if (a.found) {
        const double s = a.side == 1 ? 1.0 : -1.0;
        g.plot.answer = {{0, -s * answeredDiff / 2}, {1, s * answeredDiff / 2}};
    }
    return g;
}

} // namespace earlab
