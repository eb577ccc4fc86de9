#include "exercises/compression_exercise.h"

#include "exercises/seeded_random.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

// Draws per question before giving up on reaching the target (each draw costs a threshold search).
constexpr int kMaxDraws = 6;
// The loudest blocks of typical music peak about here; the threshold without a loop.
constexpr double kNominalLoudPeakDb = -6.0;
// The estimate of the matched peak is energy-based (BS.1770 weights and gates): keep a margin.
constexpr double kPeakMarginDb = 0.5;
constexpr double kLimitingRatio = 20.0;

// The staircase's rungs, dB of gain reduction, easiest first.
constexpr double kDetectionRungsDb[] = {12, 9, 6, 4, 3, 2, 1.5, 1};

struct SettingsLevel {
    CompressionAsk ask;
    double gainReductionDb;
    std::vector<double> ratios; // the ratio options (Ratio questions)
    const char* description;
};

const std::vector<SettingsLevel>& settingsLevels()
{
    static const std::vector<SettingsLevel> levels = {
        {CompressionAsk::Ratio, 8, {2, kLimitingRatio}, "Ratio: 2:1 or limiting, at 8 dB of gain reduction"},
        {CompressionAsk::Attack, 8, {}, "Attack: fast (1 ms) or slow (30 ms), 4:1 at 8 dB"},
        {CompressionAsk::Release, 8, {}, "Release: fast (50 ms) or slow (400 ms), 4:1 at 8 dB"},
        {CompressionAsk::Ratio, 8, {2, 4, 8, kLimitingRatio}, "Ratio: 2:1, 4:1, 8:1 or limiting, at 8 dB"},
        {CompressionAsk::AttackRelease, 8, {}, "Attack and release, fast or slow each, 4:1 at 8 dB"},
        {CompressionAsk::Ratio, 4, {2, 4, 8, kLimitingRatio}, "Ratio: 2:1, 4:1, 8:1 or limiting, at 4 dB"},
    };
    return levels;
}

QString ratioId(double r) { return QString::number(r, 'g', 4); }
QString ratioLabel(double r) { return r >= kLimitingRatio ? QStringLiteral("Limiting (20:1)") : QString("%1:1").arg(r); }
QString speed(bool fast) { return fast ? QStringLiteral("fast") : QStringLiteral("slow"); }
QString attackReleaseId(bool fastAttack, bool fastRelease) { return speed(fastAttack) + "-" + speed(fastRelease); }
QString attackReleaseLabel(bool fastAttack, bool fastRelease)
{
    return QString("%1 attack, %2 release").arg(fastAttack ? "Fast" : "Slow", speed(fastRelease));
}
QString variantLabel(int index) { return index == 0 ? QStringLiteral("A") : QStringLiteral("B"); }
QString dbText(double v) { return QString("%1 dB").arg(v, 0, 'f', 1); }

QString settingText(const CompressorSettings& s)
{
    return QString("%1, threshold %2 dBFS, attack %3 ms, release %4 ms")
        .arg(ratioLabel(s.ratio))
        .arg(s.thresholdDb, 0, 'f', 1)
        .arg(s.attackMs)
        .arg(s.releaseMs);
}

QString askName(CompressionAsk ask)
{
    switch (ask) {
    case CompressionAsk::Compressed: return QStringLiteral("compressed");
    case CompressionAsk::Ratio: return QStringLiteral("ratio");
    case CompressionAsk::Attack: return QStringLiteral("attack");
    case CompressionAsk::Release: return QStringLiteral("release");
    case CompressionAsk::AttackRelease: return QStringLiteral("attack_release");
    }
    return {};
}

const CompressionQuestion& compressionOf(const Question& q) { return std::any_cast<const CompressionQuestion&>(q.detail); }

// The answer's value for what was asked (an option id).
QString truthId(const CompressionQuestion& c)
{
    const bool fastAttack = c.settings.attackMs == kFastAttackMs, fastRelease = c.settings.releaseMs == kFastReleaseMs;
    switch (c.ask) {
    case CompressionAsk::Compressed: return c.compressedVariant == 0 ? QStringLiteral("a") : QStringLiteral("b");
    case CompressionAsk::Ratio: return ratioId(c.settings.ratio);
    case CompressionAsk::Attack: return speed(fastAttack);
    case CompressionAsk::Release: return speed(fastRelease);
    case CompressionAsk::AttackRelease: return attackReleaseId(fastAttack, fastRelease);
    }
    return {};
}

// The setting an answer names, at the question's threshold (nullopt for "which is compressed").
std::optional<CompressorSettings> answeredSetting(const CompressionQuestion& c, const QString& option)
{
    CompressorSettings s = c.settings;
    switch (c.ask) {
    case CompressionAsk::Compressed: return std::nullopt;
    case CompressionAsk::Ratio: {
        bool ok = false;
        s.ratio = option.toDouble(&ok);
        if (!ok)
            return std::nullopt;
        return s;
    }
    case CompressionAsk::Attack: s.attackMs = option == "fast" ? kFastAttackMs : kSlowAttackMs; return s;
    case CompressionAsk::Release: s.releaseMs = option == "fast" ? kFastReleaseMs : kSlowReleaseMs; return s;
    case CompressionAsk::AttackRelease:
        s.attackMs = option.startsWith("fast") ? kFastAttackMs : kSlowAttackMs;
        s.releaseMs = option.endsWith("fast") ? kFastReleaseMs : kSlowReleaseMs;
        return s;
    }
    return std::nullopt;
}

// One setting drawn for a question: what is not asked stays at 4:1, fast attack, slow release
// on the settings ladder; the detection staircase draws everything.
CompressorSettings drawSetting(CompressionAsk ask, bool drawAll, const std::vector<double>& ratios, SeededRandom& rng)
{
    CompressorSettings s;
    s.detection = Detection::Peak;
    s.kneeDb = 0.0;
    s.makeupDb = 0.0; // the app loudness-matches the variants
    s.ratio = 4.0;
    s.attackMs = kFastAttackMs;
    s.releaseMs = kSlowReleaseMs;
    if (drawAll || ask == CompressionAsk::Ratio) {
        const std::vector<double> all(std::begin(kCompressionRatios), std::end(kCompressionRatios));
        const auto& from = ratios.empty() ? all : ratios;
        s.ratio = from[rng.below(from.size())];
    }
    if (drawAll || ask == CompressionAsk::Attack || ask == CompressionAsk::AttackRelease)
        s.attackMs = rng.below(2) ? kSlowAttackMs : kFastAttackMs;
    if (drawAll || ask == CompressionAsk::Release || ask == CompressionAsk::AttackRelease)
        s.releaseMs = rng.below(2) ? kSlowReleaseMs : kFastReleaseMs;
    return s;
}

} // namespace

CompressionExercise::CompressionExercise(CompressionExerciseKind kind) : m_kind(kind)
{
    if (kind == CompressionExerciseKind::Detection) {
        int n = 1;
        for (double g : kDetectionRungsDb)
            m_levels.push_back({n++, QString("%1 dB of gain reduction: which of A/B is compressed").arg(g),
                                MaterialNeed::Transients, g});
    } else {
        int n = 1;
        for (const SettingsLevel& l : settingsLevels())
            m_levels.push_back({n++, QString::fromLatin1(l.description), MaterialNeed::Transients});
    }
}

QString CompressionExercise::id() const
{
    return m_kind == CompressionExerciseKind::Detection ? QStringLiteral("compression")
                                                        : QStringLiteral("compression-settings");
}

QString CompressionExercise::title() const
{
    return m_kind == CompressionExerciseKind::Detection ? QStringLiteral("Compression")
                                                        : QStringLiteral("Compressor settings");
}

QString CompressionExercise::summary() const
{
    return m_kind == CompressionExerciseKind::Detection
               ? QStringLiteral("Which of A and B is compressed? From 12 dB of gain reduction down to 1 dB.")
               : QStringLiteral("B is compressed: which ratio, how fast an attack, how fast a release?");
}

DifficultyKind CompressionExercise::difficultyKind() const
{
    return m_kind == CompressionExerciseKind::Detection ? DifficultyKind::Staircase : DifficultyKind::Ladder;
}

QString CompressionExercise::unit() const
{
    return m_kind == CompressionExerciseKind::Detection ? QStringLiteral("dB") : QString();
}

CompressionAsk CompressionExercise::askAt(int level) const
{
    if (m_kind == CompressionExerciseKind::Detection)
        return CompressionAsk::Compressed;
    return settingsLevels()[std::size_t(std::clamp(level, 1, levelCount()) - 1)].ask;
}

Question CompressionExercise::ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const
{
    const bool detection = m_kind == CompressionExerciseKind::Detection;
    const int levelNumber = std::clamp(detection && setting.hasValue() ? levelForValue(setting.value) : setting.level, 1, levelCount());
    const SettingsLevel* settingsLevel = detection ? nullptr : &settingsLevels()[std::size_t(levelNumber - 1)];
    const std::vector<double> noRatios;
    const std::vector<double>& ratios = settingsLevel ? settingsLevel->ratios : noRatios;

    CompressionQuestion c;
    c.ask = askAt(levelNumber);
    c.targetDb = detection ? (setting.hasValue() ? std::clamp(setting.value, kDetectionRungsDb[std::size(kDetectionRungsDb) - 1],
                                                              kDetectionRungsDb[0])
                                                 : level(levelNumber).value)
                           : settingsLevel->gainReductionDb;

    SeededRandom rng(seed);
    c.compressedVariant = detection ? int(rng.below(2)) : 1;

    Question q;
    q.exercise = id();
    q.setting = {levelNumber, detection ? c.targetDb : std::numeric_limits<double>::quiet_NaN()};
    q.seed = seed;
    q.loudnessMatched = true;

    if (material.loop && material.loop->frames() > 0) {
        auto dynamics = std::make_shared<const LoopDynamics>(analyseDynamics(*material.loop));
        c.dynamics = dynamics;
        c.measured = !dynamics->empty();
    }
    if (c.measured) {
        // Draw until a setting reaches the target without peaking above the ceiling once
        // matched; keep the one closest to that otherwise, and say so. The staircase draws a
        // new setting (A/B is drawn apart, so no answer grows likelier); the settings ladder
        // keeps its setting, since redrawing would favour the answers that pass (fast
        // attacks), and asks at 1 dB less gain reduction instead.
        bool found = false;
        double bestShortfall = 1e9;
        const double levelTargetDb = c.targetDb;
        double targetDb = c.targetDb;
        QString why;
        CompressorSettings s = drawSetting(c.ask, detection, ratios, rng);
        for (int draw = 0; draw < kMaxDraws && !found; ++draw) {
            if (draw > 0 && detection)
                s = drawSetting(c.ask, detection, ratios, rng);
            else if (draw > 0)
                targetDb = std::max(1.0, targetDb - 1.0);
            const ThresholdSearch t = findThreshold(*c.dynamics, s, targetDb);
            s.thresholdDb = t.thresholdDb;
            const CompressedLoop loop = compressLoop(*c.dynamics, s);
            const double matchedPeak = loop.peakDb + loop.levelDropDb;
            const double shortfall = std::max(levelTargetDb - t.gainReductionDb, 0.0) +
                                     std::max(matchedPeak - (kCompressionPeakCeilingDb - kPeakMarginDb), 0.0);
            found = t.reached && matchedPeak <= kCompressionPeakCeilingDb - kPeakMarginDb;
            if (found || shortfall < bestShortfall) {
                bestShortfall = shortfall;
                c.settings = s;
                c.targetDb = targetDb;
                c.gainReductionDb = t.gainReductionDb;
                c.truthTrace = downsampleTrace(loop.trace, c.dynamics->sampleRate);
                why = !t.reached ? QString("reaches only %1 of gain reduction on this loop").arg(dbText(t.gainReductionDb))
                                 : QString("would peak at %1 dBFS once loudness-matched").arg(matchedPeak, 0, 'f', 1);
            }
        }
        if (!found)
            q.notes << QString("No setting tried reaches %1 of gain reduction cleanly on this loop: this one (%2) %3. "
                               "Music with stronger hits suits this exercise better.")
                           .arg(dbText(levelTargetDb), settingText(c.settings), why);
        else if (c.targetDb < levelTargetDb)
            q.notes << QString("Asked at %1 of gain reduction, not %2: at %2 this setting would peak above %3 dBFS "
                               "once loudness-matched.")
                           .arg(dbText(c.targetDb), dbText(levelTargetDb))
                           .arg(kCompressionPeakCeilingDb);
    } else {
        c.settings = drawSetting(c.ask, detection, ratios, rng);
        c.settings.thresholdDb = std::clamp(kNominalLoudPeakDb - c.targetDb / (1.0 - 1.0 / c.settings.ratio),
                                            kLowestThresholdDb, 0.0);
        c.gainReductionDb = c.targetDb;
        q.notes << QString("The gain reduction is unmeasured (no loop to measure it on): the threshold assumes the "
                           "loud parts peak at %1 dBFS.")
                       .arg(kNominalLoudPeakDb);
    }

    Treatment dry;
    Treatment wet;
    wet.compress = true;
    wet.compressor = c.settings;
    const bool aCompressed = c.compressedVariant == 0;
    const QString dryNote = QStringLiteral("the music as it is"), wetNote = QStringLiteral("compressed");
    q.variants = {{"a", "A", detection ? QString() : dryNote, aCompressed ? wet : dry},
                  {"b", "B", detection ? QString() : wetNote, aCompressed ? dry : wet}};
    q.hiddenVariant = c.compressedVariant;

    switch (c.ask) {
    case CompressionAsk::Compressed:
        q.prompt = QStringLiteral("Which one is compressed, A or B?");
        q.options = {{"a", "A", 0, false}, {"b", "B", 1, false}};
        break;
    case CompressionAsk::Ratio:
        q.prompt = QStringLiteral("B is compressed: at which ratio?");
        for (double r : ratios)
            q.options.push_back({ratioId(r), ratioLabel(r), r, false});
        break;
    case CompressionAsk::Attack:
        q.prompt = QStringLiteral("B is compressed: with a fast or a slow attack?");
        q.options = {{"fast", "Fast attack (1 ms)", kFastAttackMs, false}, {"slow", "Slow attack (30 ms)", kSlowAttackMs, false}};
        break;
    case CompressionAsk::Release:
        q.prompt = QStringLiteral("B is compressed: with a fast or a slow release?");
        q.options = {{"fast", "Fast release (50 ms)", kFastReleaseMs, false},
                     {"slow", "Slow release (400 ms)", kSlowReleaseMs, false}};
        break;
    case CompressionAsk::AttackRelease:
        q.prompt = QStringLiteral("B is compressed: how fast are its attack and its release?");
        for (bool fastAttack : {true, false})
            for (bool fastRelease : {true, false})
                q.options.push_back({attackReleaseId(fastAttack, fastRelease), attackReleaseLabel(fastAttack, fastRelease),
                                     double(q.options.size()), false});
        break;
    }
    q.answerKind = AnswerKind::Choice;
    if (!detection)
        q.focus = QString("about %1 of gain reduction").arg(dbText(c.gainReductionDb));
    q.correct = truthId(c);

    q.hidden = {{"compressed", c.compressedVariant == 0 ? "a" : "b"},
                {"threshold_db", c.settings.thresholdDb},
                {"ratio", c.settings.ratio},
                {"attack_ms", c.settings.attackMs},
                {"release_ms", c.settings.releaseMs},
                {"gain_reduction_db", c.gainReductionDb},
                {"target_gain_reduction_db", c.targetDb},
                {"gain_reduction_measured", c.measured},
                {"asked", askName(c.ask)}};
    q.detail = c;
    return q;
}

Grade CompressionExercise::grade(const Question& question, const Answer& answer) const
{
    const CompressionQuestion& c = compressionOf(question);
    const QString truth = truthId(c);
    const auto chosen = std::find_if(question.options.begin(), question.options.end(),
                                     [&](const AnswerOption& o) { return o.id == answer.option; });
    const auto truthOption = std::find_if(question.options.begin(), question.options.end(),
                                          [&](const AnswerOption& o) { return o.id == truth; });
    const QString answerLabel = chosen != question.options.end() ? chosen->label : QStringLiteral("no answer");

    Grade g;
    g.correct = chosen != question.options.end() && answer.option == truth;
    g.score = g.correct ? 1.0 : 0.0;
    g.answer = {{"option", answer.option}};
    const QString wet = variantLabel(c.compressedVariant);
    g.truthText = QString("%1 compressed: %2, %3 of gain reduction%4")
                      .arg(wet, settingText(c.settings), dbText(c.gainReductionDb),
                           c.measured ? QString() : QStringLiteral(" (unmeasured)"));
    if (c.ask == CompressionAsk::Compressed) {
        g.answerText = chosen != question.options.end() ? QString("%1 compressed").arg(answerLabel) : answerLabel;
        g.explanation = QString("%1 was compressed, by %2 of gain reduction; you answered %3.")
                            .arg(wet, dbText(c.gainReductionDb), g.answerText);
    } else {
        g.answerText = answerLabel;
        g.explanation = QString("B was compressed with %1 (%2 of gain reduction); you answered %3.")
                            .arg(truthOption != question.options.end() ? truthOption->label : truth,
                                 dbText(c.gainReductionDb), answerLabel);
    }
    g.formula = QString("score = 1 for the right choice, else 0 (%1 choices: chance is %2 %)")
                    .arg(question.options.size())
                    .arg(100 / std::max<int>(1, int(question.options.size())));
    g.category = truth;
    g.categoryLabel = truthOption != question.options.end() ? truthOption->label : truth;
    g.categoryOrder = truthOption != question.options.end() ? double(truthOption - question.options.begin()) : 0.0;

    g.plot.kind = RevealKind::GainReduction;
    g.plot.xUnit = QStringLiteral("s");
    g.plot.yUnit = QStringLiteral("dB");
    g.plot.truth = c.truthTrace;
    if (chosen != question.options.end()) {
        if (const auto s = answeredSetting(c, answer.option)) {
            Treatment t;
            t.compress = true;
            t.compressor = *s;
            g.answerTreatment = t;
            if (c.dynamics)
                g.plot.answer = downsampleTrace(compressLoop(*c.dynamics, *s).trace, c.dynamics->sampleRate);
        }
    }
    return g;
}

} // namespace earlab
