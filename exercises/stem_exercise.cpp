#include "exercises/stem_exercise.h"

#include "exercises/seeded_random.h"

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

constexpr double kRungsDb[] = {6, 4, 3, 2, 1.5, 1, 0.7, 0.5};
constexpr int kSizeSteps = 3; // amount rungs: the change is 1, 2 or 3 times the value

QString number(double v) { return QString::number(v, 'g', 3); }
QString signedDb(double g) { return QString("%1%2 dB").arg(g > 0 ? "+" : g < 0 ? "−" : "").arg(number(std::abs(g))); }

// Every stem at 0 dB, centre, except `stem` at `gainDb` (none when stem < 0).
Treatment stemTreatment(std::size_t count, int stem, double gainDb)
{
    Treatment t;
    t.stems.assign(count, StemMix{});
    if (stem >= 0 && std::size_t(stem) < count)
        t.stems[std::size_t(stem)].gainDb = gainDb;
    return t;
}

double meanSquareDb(const AudioBuffer& a)
{
    double sum = 0;
    for (const auto& c : a.channels)
        for (float v : c)
            sum += double(v) * double(v);
    const double n = double(std::max<std::size_t>(a.frames() * a.channelCount(), 1));
    return 10 * std::log10(sum / n + 1e-30);
}

const StemQuestion& stemOf(const Question& q) { return std::any_cast<const StemQuestion&>(q.detail); }

} // namespace

QString stemLabel(const std::string& name)
{
    QString s = QString::fromStdString(name);
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

std::vector<std::size_t> audibleStems(const Multitrack& mt)
{
    std::vector<double> levels;
    for (const auto& s : mt.stems)
        levels.push_back(s ? meanSquareDb(*s) : -300.0);
    const double top = levels.empty() ? 0 : *std::max_element(levels.begin(), levels.end());
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < levels.size(); ++k)
        if (levels[k] > -200 && levels[k] >= top - kStemAudibleWithinDb)
            out.push_back(k);
    return out;
}

StemExercise::StemExercise() : StaircaseExercise(QStringLiteral("dB"))
{
    int n = 0;
    for (double v : kRungsDb) {
        ++n;
        const QString mode = asksAmount(n)      ? QStringLiteral("which stem, which way and how much (1, 2 or 3 × %1 dB)").arg(number(v))
                             : asksDirection(n) ? QStringLiteral("which stem, raised or lowered")
                                                : QStringLiteral("which stem was raised");
        m_levels.push_back({n, QString("%1 dB: %2; stems (built-in songs or your folders)").arg(number(v), mode), MaterialNeed::Multitrack, v});
    }
}

QString StemExercise::summary() const
{
    return QStringLiteral("One stem of the mix was raised or lowered: which one, which way, and by how much?");
}

QString StemExercise::optionId(const std::string& stem, double sizeDb)
{
    const QString name = QString::fromStdString(stem);
    return sizeDb > 0 ? QString("%1@%2").arg(name, number(sizeDb)) : name;
}

Question StemExercise::ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const
{
    StemQuestion s;
    s.level = std::clamp(setting.level, 1, levelCount());
    s.valueDb = askedValue({s.level, setting.value});
    s.directionAsked = asksDirection(s.level);
    s.amountAsked = asksAmount(s.level);
    std::vector<std::size_t> asked;
    if (material.stems) {
        s.names = material.stems->names;
        asked = audibleStems(*material.stems);
    }

    // The same draws whether or not stems are known, so a seed means one change.
    SeededRandom rng(seed);
    const std::size_t pick = rng.below(std::max<std::size_t>(asked.size(), 1));
    const double sign = s.directionAsked && rng.below(2) == 0 ? -1.0 : 1.0;
    double size = s.valueDb;
    if (s.amountAsked) {
        for (int k = 1; k <= kSizeSteps; ++k)
            s.sizesDb.push_back(k * s.valueDb);
        size = s.sizesDb[rng.below(s.sizesDb.size())];
    }
    s.gainDb = sign * size;
    s.stem = asked.empty() ? -1 : int(asked[pick]);

    Question q;
    q.exercise = id();
    q.setting = {s.level, s.valueDb};
    q.seed = seed;
    q.answerKind = AnswerKind::Choice;
    q.directionAsked = s.directionAsked;
    q.loudnessMatched = true;
    q.usesStems = true;
    q.variants = {{"reference", "Reference", "every stem as mixed", stemTreatment(s.names.size(), -1, 0)},
                  {"processed", "Processed", "one stem raised or lowered", stemTreatment(s.names.size(), s.stem, s.gainDb)}};
    q.prompt = s.amountAsked      ? QStringLiteral("Which stem was raised or lowered, and by how much?")
               : s.directionAsked ? QStringLiteral("Which stem was raised or lowered?")
                                  : QStringLiteral("Which stem was raised?");
    QStringList silent;
    for (std::size_t k = 0; k < s.names.size(); ++k) {
        const std::string& name = s.names[k];
        if (std::find(asked.begin(), asked.end(), k) == asked.end()) {
            silent << stemLabel(name);
            continue;
        }
        if (s.amountAsked)
            for (double size : s.sizesDb)
                q.options.push_back({optionId(name, size), QString("%1 %2 dB").arg(stemLabel(name), number(size)), size, false});
        else
            q.options.push_back({optionId(name), stemLabel(name), 0.0, false});
    }
    q.hidden = {{"stem", s.stem >= 0 ? QJsonValue(QString::fromStdString(s.names[std::size_t(s.stem)])) : QJsonValue()},
                {"gain_db", s.gainDb},
                {"value_db", s.valueDb},
                {"direction_asked", s.directionAsked},
                {"amount_asked", s.amountAsked}};
    if (s.stem >= 0)
        q.correct = optionId(s.names[std::size_t(s.stem)], s.amountAsked ? std::abs(s.gainDb) : 0.0);
    else if (!s.names.empty())
        q.notes << QStringLiteral("No stem of this loop has any sound in it: there is nothing to ask.");
    else
        q.notes << QStringLiteral("Stem balance needs a multitrack source (a built-in song, or a folder of stems "
                                  "of one length): this material has no stems, so there is nothing to ask.");
    if (!silent.isEmpty() && s.stem >= 0)
        q.notes << QString("Not asked: %1. Silent in this loop (more than %2 dB below the loudest stem), so a "
                           "change to it could not be heard.")
                       .arg(silent.join(", "))
                       .arg(kStemAudibleWithinDb);
    q.detail = s;
    return q;
}

Grade StemExercise::grade(const Question& question, const Answer& answer) const
{
    const StemQuestion& s = stemOf(question);
    const auto chosen = std::find_if(question.options.begin(), question.options.end(),
                                     [&](const AnswerOption& o) { return o.id == answer.option; });
    int answeredStem = -1;
    for (std::size_t k = 0; k < s.names.size() && chosen != question.options.end(); ++k)
        if (chosen->id == optionId(s.names[k], s.amountAsked ? chosen->value : 0.0))
            answeredStem = int(k);
    const double direction = !s.directionAsked || answer.direction >= 0 ? 1.0 : -1.0;
    // Without the amount asked, the answer is heard with the true size.
    const double size = s.amountAsked && chosen != question.options.end() ? chosen->value : std::abs(s.gainDb);
    const double answeredGain = answeredStem >= 0 ? direction * size : 0.0;

    const bool stemRight = answeredStem >= 0 && answeredStem == s.stem;
    const bool directionRight = (direction > 0) == (s.gainDb > 0);
    const bool sizeRight = std::abs(size - std::abs(s.gainDb)) < 1e-9;
    Grade g;
    g.correct = stemRight && directionRight && sizeRight;
    g.score = g.correct ? 1.0 : stemRight ? 0.5 : 0.0;
    const QString truthName = s.stem >= 0 ? stemLabel(s.names[std::size_t(s.stem)]) : QStringLiteral("No stem");
    const QString answerName = answeredStem >= 0 ? stemLabel(s.names[std::size_t(answeredStem)]) : QStringLiteral("No stem");
    g.truthText = QString("%1 %2").arg(truthName, signedDb(s.gainDb));
    g.answerText = answeredStem >= 0 ? QString("%1 %2").arg(answerName, signedDb(answeredGain)) : QStringLiteral("No answer");
    g.formula = QStringLiteral("score 1 when the stem, and what the level asks of the way and the size, are right; "
                               "0.5 for the right stem with the wrong way or size; 0 for another stem");
    g.explanation = g.correct ? QString("Right: %1 was changed by %2.").arg(truthName, signedDb(s.gainDb))
                              : QString("%1 was changed by %2; you answered %3 (score %4).")
                                    .arg(truthName, signedDb(s.gainDb), g.answerText)
                                    .arg(g.score);
    g.category = s.stem >= 0 ? QString::fromStdString(s.names[std::size_t(s.stem)]) : QString();
    g.categoryLabel = truthName;
    g.categoryOrder = s.stem;
    g.answer = {{"stem", answeredStem >= 0 ? QJsonValue(QString::fromStdString(s.names[std::size_t(answeredStem)])) : QJsonValue()},
                {"gain_db", answeredGain},
                {"option", answer.option}};
    if (answeredStem >= 0)
        g.answerTreatment = stemTreatment(s.names.size(), answeredStem, answeredGain);
    g.plot.kind = RevealKind::Levels;
    g.plot.yUnit = QStringLiteral("dB");
    for (std::size_t k = 0; k < s.names.size(); ++k) {
        g.plot.labels << stemLabel(s.names[k]);
        g.plot.truth << QPointF(double(k), int(k) == s.stem ? s.gainDb : 0.0);
        g.plot.answer << QPointF(double(k), int(k) == answeredStem ? answeredGain : 0.0);
    }
    return g;
}

} // namespace earlab
