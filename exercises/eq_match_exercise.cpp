#include "exercises/eq_match_exercise.h"

#include "exercises/band_energy.h"
#include "exercises/eq_bands.h"
#include "exercises/eq_curve.h"
#include "exercises/seeded_random.h"

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

constexpr double kAudibleWithinDb = 30.0; // as the EQ exercises (eq_exercise.cpp)
constexpr double kFixedQ = kEqMatchStartBand.q; // what the listener's band starts with

// "250 Hz", "1.23 kHz".
QString hz(double f)
{
    return f < 1000.0 ? QString("%1 Hz").arg(f, 0, 'g', 3) : QString("%1 kHz").arg(f / 1000.0, 0, 'g', 3);
}
QString signedNumber(double g) { return QString("%1%2").arg(g > 0 ? "+" : g < 0 ? "−" : "").arg(std::abs(g), 0, 'g', 3); }
QString db(double g) { return signedNumber(g) + " dB"; }
QString qText(double q) { return QString::number(q, 'g', 3); }

double roundTo(double x, double step) { return std::round(x / step) * step; }
double significant3(double x)
{
    const double scale = std::pow(10.0, std::floor(std::log10(x)) - 2.0);
    return std::round(x / scale) * scale;
}

const EqMatchLevel& levelOf(int number)
{
    const auto& all = eqMatchLevels();
    return all[std::size_t(std::clamp(number, 1, int(all.size())) - 1)];
}

// The listener's band as dialled, inside the controls' ranges (a NaN from a broken answer is
// the start band's value).
EqBand dialledBand(const EqBand& answer)
{
    EqBand b{FilterType::Peak, answer.frequencyHz, answer.gainDb, answer.q};
    if (!std::isfinite(b.frequencyHz))
        b.frequencyHz = kEqMatchStartBand.frequencyHz;
    if (!std::isfinite(b.gainDb))
        b.gainDb = 0.0;
    if (!std::isfinite(b.q))
        b.q = kEqMatchStartBand.q;
    b.frequencyHz = std::clamp(b.frequencyHz, kEqMatchMinHz, kEqMatchMaxHz);
    b.gainDb = std::clamp(b.gainDb, kEqMatchMinGainDb, kEqMatchMaxGainDb);
    b.q = std::clamp(b.q, kEqMatchMinQ, kEqMatchMaxQ);
    return b;
}

// The third-octave centres a level's hidden band may sit at, before the audibility rule.
std::vector<double> levelCentresHz(const EqMatchLevel& level)
{
    std::vector<double> span;
    for (double c : thirdOctaveCentresHz())
        if (c >= level.minHz - 0.5 && c <= level.maxHz + 0.5)
            span.push_back(c);
    return span;
}

// The octave band a frequency belongs to, for statistics.
double nearestOctaveHz(double f)
{
    const auto octaves = octaveCentresHz();
    return *std::min_element(octaves.begin(), octaves.end(), [f](double a, double b) {
        return std::abs(std::log2(a / f)) < std::abs(std::log2(b / f));
    });
}

} // namespace

// The ladder: wide bands (Q fixed at the start band's 1.41, about an octave) on pink noise
// first, where only frequency and gain are to find; then cuts, music, and Q to find as well,
// narrower and smaller. D is about the distance of a flat answer to the level's smallest
// change (e.g. 4.2 dB for +9 dB at Q 1.41), so leaving the band flat scores about 0.3 at most
// (and is never correct);
// the tolerance allows about 1/6 octave or 3 dB off on a wide band at level 1.
const std::vector<EqMatchLevel>& eqMatchLevels()
{
    static const std::vector<EqMatchLevel> levels = {
        {1, MaterialNeed::PinkNoise, 100, 10000, 9, 12, false, kFixedQ, kFixedQ, 1.5, 5.0,
         "one wide boost, +9 to +12 dB, Q fixed at 1.41: find frequency and gain, pink noise"},
        {2, MaterialNeed::PinkNoise, 63, 12500, 9, 12, true, kFixedQ, kFixedQ, 1.5, 5.0,
         "one wide boost or cut, ±9 to ±12 dB, Q fixed at 1.41, pink noise"},
        {3, MaterialNeed::Music, 63, 12500, 6, 12, true, kFixedQ, kFixedQ, 1.5, 4.0,
         "one wide boost or cut, ±6 to ±12 dB, Q fixed at 1.41, music"},
        {4, MaterialNeed::Music, 50, 16000, 6, 12, true, 0.7, 4.0, 1.0, 4.0,
         "boost or cut ±6 to ±12 dB, Q 0.7 to 4 (graded), music"},
        {5, MaterialNeed::Music, 50, 16000, 4, 9, true, 1.0, 6.0, 1.0, 3.0,
         "boost or cut ±4 to ±9 dB, Q 1 to 6, music"},
        {6, MaterialNeed::Music, 50, 16000, 3, 6, true, 2.0, 8.0, 1.0, 2.5,
         "narrow boost or cut ±3 to ±6 dB, Q 2 to 8, music"},
    };
    return levels;
}

EqCurveDistance eqCurveDistance(const EqBand& a, const EqBand& b)
{
    const QList<QPointF> ca = eqCurve({a});
    const QList<QPointF> cb = eqCurve({b});
    qsizetype first = -1, last = -1;
    for (qsizetype i = 0; i < ca.size(); ++i)
        if (std::abs(ca[i].y()) > kEqMatchRegionDb || std::abs(cb[i].y()) > kEqMatchRegionDb) {
            if (first < 0)
                first = i;
            last = i;
        }
    EqCurveDistance d;
    if (first < 0)
        return d;
    double sum = 0.0;
    for (qsizetype i = first; i <= last; ++i)
        sum += (ca[i].y() - cb[i].y()) * (ca[i].y() - cb[i].y());
    d.rmsDb = std::sqrt(sum / double(last - first + 1));
    d.fromHz = ca[first].x();
    d.toHz = ca[last].x();
    return d;
}

EqMatchExercise::EqMatchExercise()
{
    for (const EqMatchLevel& l : eqMatchLevels())
        m_levels.push_back({l.number, QString::fromLatin1(l.description), l.material});
}

QString EqMatchExercise::summary() const
{
    return QStringLiteral("Dial your own EQ band until it sounds like the hidden one: frequency and gain, then Q.");
}

std::vector<double> EqMatchExercise::hiddenCentresHz(const EqMatchLevel& level, const MaterialFacts& material)
{
    const std::vector<double> span = levelCentresHz(level);
    const auto all = thirdOctaveCentresHz();
    if (material.thirdLevelsDb.size() != all.size())
        return span;
    const auto audible = audibleBands(all, material.thirdLevelsDb, kAudibleWithinDb);
    std::vector<double> out;
    for (double c : span)
        if (std::find(audible.begin(), audible.end(), c) != audible.end())
            out.push_back(c);
    // A loop with energy in almost none of the level's bands still gets questions; the UI's
    // material choice is then a poor fit, as for the EQ exercises.
    return out.size() >= 2 ? out : span;
}

Question EqMatchExercise::ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const
{
    return askFocused(setting, seed, material, 0);
}

Question EqMatchExercise::askFocused(const Setting& setting, std::uint64_t seed, const MaterialFacts& material,
                                     double focusHz) const
{
    const EqMatchLevel& level = levelOf(setting.level);
    const std::vector<double> centres = hiddenCentresHz(level, material);

    // Every draw happens whatever the level, so the sequence is the same shape for a seed.
    SeededRandom rng(seed);
    const double centre = focusedBand(centres, centres[rng.below(centres.size())], focusHz, seed);
    const double jitterOctaves = (rng.unit() - 0.5) / 3.0; // within ±1/6 octave of the centre
    const int gainSteps = int(std::lround((level.maxGainDb - level.minGainDb) / kEqMatchGainStepDb));
    const double magnitude = level.minGainDb + kEqMatchGainStepDb * double(rng.below(std::size_t(gainSteps + 1)));
    const bool cut = rng.below(2) == 1 && level.cuts;
    const double qUnit = rng.unit();

    EqMatchQuestion detail;
    detail.level = level.number;
    detail.qFixed = level.qFixed();
    detail.hidden.type = FilterType::Peak;
    detail.hidden.frequencyHz = std::clamp(significant3(centre * std::exp2(jitterOctaves)), kEqMatchMinHz, kEqMatchMaxHz);
    detail.hidden.gainDb = cut ? -magnitude : magnitude;
    detail.hidden.q = level.qFixed() ? level.minQ
                                     : roundTo(level.minQ * std::pow(level.maxQ / level.minQ, qUnit), 0.1);

    Treatment hidden;
    hidden.eq.push_back(detail.hidden);

    Question q;
    q.exercise = id();
    q.setting = {level.number};
    q.seed = seed;
    q.answerKind = AnswerKind::EqMatch;
    q.range = {kEqMatchMinGainDb, kEqMatchMaxGainDb, kEqMatchGainStepDb, QStringLiteral("dB"),
               QStringLiteral("−15 dB"), QStringLiteral("+15 dB")};
    q.variants = {{"flat", "Flat", "the music as it is", Treatment{}},
                  {"target", "Target", "the hidden EQ", hidden}};
    q.hiddenVariant = 1;
    q.loudnessMatched = true;
    q.hidden = {{"frequency_hz", detail.hidden.frequencyHz}, {"gain_db", detail.hidden.gainDb},
                {"q", detail.hidden.q}, {"filter", "peak"}, {"q_fixed", detail.qFixed}};
    q.answerQFixed = detail.qFixed;
    q.correct = QJsonObject{{"frequency_hz", detail.hidden.frequencyHz}, {"gain_db", detail.hidden.gainDb},
                            {"q", detail.hidden.q}};
    q.prompt = detail.qFixed
                   ? QString("Match the target: set your band's frequency and gain until it sounds the same "
                             "(Q is fixed at %1 here).").arg(qText(detail.hidden.q))
                   : QStringLiteral("Match the target: set your band's frequency, gain and Q until it sounds the same.");
    if (detail.qFixed)
        q.notes << QString("Q is fixed at %1 at this level: your band is graded with Q %1, whatever its Q is set to.")
                       .arg(qText(detail.hidden.q));
    if (centres.size() < levelCentresHz(level).size())
        q.notes << QStringLiteral("The target sits only where this material has energy (within 30 dB of its loudest "
                                  "third-octave band).");
    q.detail = detail;
    if (const QString note = focusNote(centres, focusHz); !note.isEmpty())
        q.notes << note;
    return q;
}

Grade EqMatchExercise::grade(const Question& question, const Answer& answer) const
{
    const EqMatchQuestion& q = std::any_cast<const EqMatchQuestion&>(question.detail);
    const EqMatchLevel& level = levelOf(q.level);
    const EqBand dialled = dialledBand(answer.band);
    EqBand mine = dialled; // as graded, heard in the reveal and drawn
    if (q.qFixed)
        mine.q = q.hidden.q;
    const EqCurveDistance d = eqCurveDistance(q.hidden, mine);

    Grade g;
    g.score = std::max(0.0, 1.0 - d.rmsDb / level.zeroScoreDb);
    g.correct = d.rmsDb <= level.toleranceDb;
    const QString qPart = q.qFixed ? QString("Q fixed at %1").arg(qText(q.hidden.q))
                                   : QString("Q %1 vs %2").arg(qText(mine.q), qText(q.hidden.q));
    g.explanation = QString("Your curve is %1 dB RMS from the target over %2–%3: frequency %4 vs %5, gain %6 vs %7 dB, "
                            "%8; %9 the %10 dB tolerance, score %11.")
                        .arg(d.rmsDb, 0, 'f', 1)
                        .arg(hz(d.fromHz), hz(d.toHz), hz(mine.frequencyHz), hz(q.hidden.frequencyHz), signedNumber(mine.gainDb),
                             signedNumber(q.hidden.gainDb), qPart, g.correct ? "within" : "outside")
                        .arg(level.toleranceDb, 0, 'g', 2)
                        .arg(g.score, 0, 'f', 2);
    g.truthText = QString("%1 at %2, Q %3").arg(db(q.hidden.gainDb), hz(q.hidden.frequencyHz), qText(q.hidden.q));
    g.answerText = QString("%1 at %2, Q %3").arg(db(mine.gainDb), hz(mine.frequencyHz), qText(mine.q));
    g.formula = QString("d = RMS of the difference between the two curves in dB, over the span where either departs "
                        "from 0 dB by more than %1 dB; score = max(0, 1 − d / %2 dB); correct when d ≤ %3 dB%4")
                    .arg(kEqMatchRegionDb)
                    .arg(level.zeroScoreDb)
                    .arg(level.toleranceDb)
                    .arg(q.qFixed ? QString(" (Q fixed at %1)").arg(qText(q.hidden.q)) : QString());
    const double octave = nearestOctaveHz(q.hidden.frequencyHz);
    g.category = QString::number(octave, 'g', 6);
    g.categoryLabel = QString::fromLatin1(bandLabel(octave));
    g.categoryOrder = octave;
    g.answer = {{"frequency_hz", mine.frequencyHz}, {"gain_db", mine.gainDb}, {"q", dialled.q},
                {"q_graded", mine.q}, {"distance_db", d.rmsDb}};
    Treatment answered;
    answered.eq.push_back(mine);
    g.answerTreatment = answered;
    g.plot.kind = RevealKind::EqCurves;
    g.plot.truth = eqCurve({q.hidden});
    g.plot.answer = eqCurve({mine});
    g.plot.xUnit = QStringLiteral("Hz");
    g.plot.yUnit = QStringLiteral("dB");
    return g;
}

} // namespace earlab
