#include "exercises/eq_question.h"

#include "exercises/band_focus.h"
#include "exercises/eq_bands.h"
#include "exercises/seeded_random.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

std::vector<double> usableBands(const EqLevel& level, std::span<const double> audible)
{
    if (audible.empty())
        return level.bandsHz;
    std::vector<double> out;
    for (double b : level.bandsHz)
        if (std::any_of(audible.begin(), audible.end(), [b](double a) { return std::abs(a - b) < 0.5; }))
            out.push_back(b);
    // A loop with energy in almost no band of the level still gets questions on all of them;
    // the UI says the material is a poor fit.
    return out.size() >= 2 ? out : level.bandsHz;
}

QJsonArray toArray(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

QString hz(double f) { return QString::fromLatin1(bandLabel(f)); }
QString db(double g) { return QString("%1%2 dB").arg(g > 0 ? "+" : "").arg(g); }

// "2 octaves", "1 octave", "⅓ octave", "1⅔ octaves": band distances are whole thirds of an
// octave (between exact centres), so they read as such; anything else with two decimals.
QString octavesText(double d)
{
    const double thirds = std::round(3.0 * d);
    if (std::abs(3.0 * d - thirds) > 1e-6)
        return QString("%1 octaves").arg(d, 0, 'f', 2);
    const int whole = int(thirds) / 3;
    const int rest = int(thirds) % 3;
    const QString number = (whole > 0 || rest == 0 ? QString::number(whole) : QString()) +
                           (rest == 1 ? QString::fromUtf8("⅓") : rest == 2 ? QString::fromUtf8("⅔") : QString());
    const bool one = thirds >= 1 && thirds <= 3; // "⅓ octave" … "1 octave"
    return QString("%1 octave%2").arg(number, one ? "" : "s");
}

} // namespace

const char* exerciseId(EqExerciseKind kind)
{
    return kind == EqExerciseKind::BandIdentification ? "eq-band" : "eq-gain";
}

Treatment EqQuestion::treatment() const
{
    Treatment t;
    if (!flat)
        t.eq.push_back({FilterType::Peak, frequencyHz, gainDb, q});
    return t;
}

QJsonObject EqQuestion::toJson() const
{
    return {{"kind", exerciseId(kind)},  {"flat", flat},   {"frequency_hz", frequencyHz},
            {"gain_db", gainDb},         {"q", q},         {"band_options_hz", toArray(bandOptionsHz)},
            {"gain_options_db", toArray(gainOptionsDb)}, {"direction_asked", directionAsked}};
}

QJsonObject EqAnswer::toJson() const
{
    return {{"flat", flat}, {"frequency_hz", frequencyHz}, {"gain_db", gainDb}};
}

EqQuestion makeEqQuestion(EqExerciseKind kind, const EqLevel& level, std::uint64_t seed,
                          std::span<const double> audibleBandsHz, double focusHz)
{
    SeededRandom rng(seed);
    EqQuestion q;
    q.kind = kind;
    q.level = level.number;
    q.seed = seed;
    q.q = level.q;
    q.directionAsked = level.cuts;
    q.bandOptionsHz = usableBands(level, audibleBandsHz);
    if (kind == EqExerciseKind::GainIdentification)
        for (double g : level.gainsDb) {
            q.gainOptionsDb.push_back(g);
            if (level.cuts)
                q.gainOptionsDb.push_back(-g);
        }
    std::sort(q.gainOptionsDb.begin(), q.gainOptionsDb.end());

    // Every draw happens whatever the outcome, so one answer's parameters never shift the
    // next question's for the same seed sequence.
    const bool flat = rng.unit() < level.catchRate;
    const double band =
        focusedBand(q.bandOptionsHz, q.bandOptionsHz[rng.below(q.bandOptionsHz.size())], focusHz, seed);
    const double magnitude = level.gainsDb[rng.below(level.gainsDb.size())];
    const bool cut = level.cuts && rng.below(2) == 1;

    q.flat = flat && kind == EqExerciseKind::BandIdentification;
    q.frequencyHz = band;
    q.gainDb = q.flat ? 0.0 : (cut ? -magnitude : magnitude);
    return q;
}

EqGrade gradeEqAnswer(const EqQuestion& q, const EqAnswer& a)
{
    EqGrade g;
    if (q.flat || a.flat) {
        g.correct = q.flat && a.flat;
        g.score = g.correct ? 1.0 : 0.0;
        g.explanation = q.flat ? (a.flat ? "Right: nothing was changed." : "Nothing was changed: this was a flat trial.")
                               : QString("There was a change: %1 at %2.").arg(db(q.gainDb), hz(q.frequencyHz));
        return g;
    }
    const bool rightDirection = (a.gainDb > 0) == (q.gainDb > 0) || !q.directionAsked;
    const double directionFactor = rightDirection ? 1.0 : 0.5;

    if (q.kind == EqExerciseKind::BandIdentification) {
        const double d = octavesBetween(a.frequencyHz, q.frequencyHz);
        g.score = std::max(0.0, 1.0 - d / 2.0) * directionFactor;
        g.correct = d < 0.01 && rightDirection;
        g.explanation = QString("It was %1 at %2; you answered %3%4: %5 off%6, score %7.")
                            .arg(db(q.gainDb), hz(q.frequencyHz), q.directionAsked ? (a.gainDb > 0 ? "a boost at " : "a cut at ") : "",
                                 hz(a.frequencyHz), octavesText(d))
                            .arg(rightDirection ? "" : ", wrong direction (×0.5)")
                            .arg(g.score, 0, 'f', 2);
    } else {
        const double error = std::abs(a.gainDb - q.gainDb);
        g.score = std::max(0.0, 1.0 - error / 6.0) * directionFactor;
        g.correct = error < 0.01;
        g.explanation = QString("It was %1 at %2; you answered %3: %4 dB off%5, score %6.")
                            .arg(db(q.gainDb), hz(q.frequencyHz), db(a.gainDb))
                            .arg(error, 0, 'f', 1)
                            .arg(rightDirection ? "" : ", wrong direction (×0.5)")
                            .arg(g.score, 0, 'f', 2);
    }
    return g;
}

} // namespace earlab
