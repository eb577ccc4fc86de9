#include "question_json.h"

#include <QJsonArray>

#include <cmath>

namespace earlab::cli {

namespace {

QString answerKindName(AnswerKind kind)
{
    switch (kind) {
    case AnswerKind::Bands: return QStringLiteral("bands");
    case AnswerKind::Choice: return QStringLiteral("choice");
    case AnswerKind::Continuous: return QStringLiteral("continuous");
    case AnswerKind::StereoField: return QStringLiteral("stereo_field");
    case AnswerKind::EqMatch: return QStringLiteral("eq_match");
    }
    return {};
}

bool hasOptions(AnswerKind kind) { return kind == AnswerKind::Bands || kind == AnswerKind::Choice; }

double rounded(double v, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

QJsonObject rangeJson(const ValueRange& r)
{
    QJsonObject o{{"minimum", r.minimum}, {"maximum", r.maximum}, {"step", r.step}, {"unit", r.unit}};
    if (!r.minimumLabel.isEmpty())
        o.insert("minimum_label", r.minimumLabel);
    if (!r.maximumLabel.isEmpty())
        o.insert("maximum_label", r.maximumLabel);
    return o;
}

} // namespace

QString difficultyKindName(DifficultyKind kind)
{
    return kind == DifficultyKind::Staircase ? QStringLiteral("staircase") : QStringLiteral("ladder");
}

QJsonObject exerciseJson(const Exercise& exercise)
{
    QJsonObject o{{"id", exercise.id()},
                  {"title", exercise.title()},
                  {"summary", exercise.summary()},
                  {"levels", exercise.levelCount()},
                  {"kind", difficultyKindName(exercise.difficultyKind())}};
    if (exercise.difficultyKind() == DifficultyKind::Staircase)
        o.insert("unit", exercise.unit());
    return o;
}

QString variantFileName(const HeardVariant& variant) { return variant.id + QStringLiteral(".wav"); }

QJsonObject questionJson(const Exercise& exercise, const Setting& asked, std::uint64_t seed,
                         const Question& question, const PreparedLoop& loop, const PlayerConfig& master)
{
    QJsonArray variants;
    for (const HeardVariant& v : question.variants)
        variants.append(QJsonObject{{"id", v.id}, {"file", variantFileName(v)}, {"label", v.label}});
    QJsonObject o{{"exercise", question.exercise},
                  {"title", exercise.title()},
                  {"kind", difficultyKindName(exercise.difficultyKind())},
                  {"level", asked.level},
                  {"seed", QString::number(seed)},
                  {"prompt", question.prompt},
                  {"answer_kind", answerKindName(question.answerKind)},
                  {"loudness_matched", question.loudnessMatched},
                  {"variants", variants},
                  {"correct", question.correct},
                  {"hidden", question.hidden},
                  {"sample_rate", master.sampleRate},
                  {"master", QJsonObject{{"output_level_db", master.outputLevelDb},
                                         {"limiter_ceiling_db", master.limiterCeilingDb}}},
                  {"material", QJsonObject{{"id", loop.material.id},
                                           {"title", loop.material.title},
                                           {"loop_start_s", rounded(loop.startSeconds, 6)},
                                           {"loop_length_s", rounded(loop.audio->durationSeconds(), 6)}}}};
    if (hasOptions(question.answerKind)) {
        QJsonArray options;
        for (const AnswerOption& a : question.options)
            options.append(QJsonObject{{"id", a.id}, {"label", a.label}});
        o.insert("options", options);
        if (question.directionAsked)
            o.insert("direction_asked", true);
    } else {
        o.insert("range", rangeJson(question.range));
    }
    if (exercise.difficultyKind() == DifficultyKind::Staircase) {
        o.insert("value", asked.value);
        o.insert("unit", exercise.unit());
    }
    if (loop.stems) {
        QJsonObject material = o.value("material").toObject();
        material.insert("stems", QJsonArray::fromStringList(loop.material.stemNames));
        o.insert("material", material);
    }
    if (!question.focus.isEmpty())
        o.insert("focus", question.focus);
    if (!question.notes.isEmpty())
        o.insert("notes", QJsonArray::fromStringList(question.notes));
    return o;
}

} // namespace earlab::cli
