#include "cli_support.h"
#include "question_json.h"
#include "question_material_choice.h"

#include "audio/audio_error.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"
#include "audio/io/whole_file.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/question_material.h"

#include <QJsonDocument>
#include <QSet>

#include <filesystem>
#include <system_error>
#include <vector>

namespace earlab::cli {

namespace {

const Exercise& findExercise(const ExerciseCatalogue& catalogue, const QString& id)
{
    if (const Exercise* e = catalogue.find(id))
        return *e;
    QStringList known;
    for (const auto& e : catalogue.all())
        known << e->id();
    throw UsageError(toStd(QStringLiteral("unknown exercise \"%1\"; the exercises are %2 (see earlab-cli exercises)")
                               .arg(readable(id), known.join(QStringLiteral(", ")))));
}

// --level N as the app asks it: a ladder's level N; a staircase's Nth rung, at its value.
Setting settingFor(const Exercise& exercise, int level)
{
    Setting s{level};
    if (exercise.difficultyKind() == DifficultyKind::Staircase)
        s.value = exercise.level(level).value;
    return s;
}

// Variant ids become file names: an id that is not a plain name, or one given twice, would
// write outside the folder or over another variant.
void checkVariantIds(const Question& question)
{
    QSet<QString> seen;
    for (const HeardVariant& v : question.variants) {
        const bool plain = !v.id.isEmpty() && !v.id.contains(QLatin1Char('/')) && v.id != QLatin1String(".") &&
                           v.id != QLatin1String("..") && v.id != QLatin1String("question");
        if (!plain || seen.contains(v.id))
            throw std::runtime_error(toStd(QStringLiteral("%1 names a variant \"%2\", which cannot be a file name "
                                                          "of its own (a bug in the exercise)")
                                               .arg(question.exercise, v.id)));
        seen.insert(v.id);
    }
}

// DIR, created with its parents when missing; an existing folder is used as it is.
void makeFolder(const std::string& dir)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(dir), ec);
    if (ec)
        throw AudioError(AudioErrorKind::WriteFailed, dir, "cannot create the folder: " + ec.message());
    if (!fs::is_directory(fs::path(dir), ec))
        throw AudioError(AudioErrorKind::WriteFailed, dir, "not a folder");
}

// The loop, its errors naming the user's file as typed (prepareLoop names the absolute path).
std::shared_ptr<const PreparedLoop> preparedLoop(const MaterialRef& material, const QString& typed)
{
    try {
        return prepareLoop(material);
    } catch (const AudioError& e) {
        const std::string subject = toStd(material.path);
        const std::string prefix = subject + ": ";
        const std::string message = e.what();
        if (material.kind != MaterialRef::Kind::UserFile || e.subject() != subject || message.rfind(prefix, 0) != 0)
            throw;
        throw AudioError(e.kind(), toStd(typed), message.substr(prefix.size()));
    }
}

std::string inFolder(const std::string& dir, const QString& name) { return dir + '/' + toStd(name); }

// The same file or folder on disk (false when either is not there).
bool sameOnDisk(const std::string& a, const QString& b)
{
    std::error_code error;
    return std::filesystem::equivalent(std::filesystem::path(a), std::filesystem::path(toStd(b)), error) && !error;
}

// The user's material is never written over: not a variant named like the input file in its
// own folder, and nothing written into a folder of stems (its next scan would take the
// variants for stems).
void refuseWritingOverTheMaterial(const std::string& dir, const QStringList& names, const MaterialRef& material)
{
    if (material.mixOfStems && sameOnDisk(dir, material.path))
        throw UsageError(dir + ": is the folder of stems being played; write the question elsewhere");
    QStringList inputs = material.stemPaths;
    if (!material.mixOfStems && !material.path.isEmpty())
        inputs << material.path;
    for (const QString& name : names)
        for (const QString& input : std::as_const(inputs))
            if (sameOnDisk(inFolder(dir, name), input))
                throw UsageError(inFolder(dir, name) + ": is the material being played; write the question elsewhere");
}

} // namespace

int runQuestion(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Write one question of an exercise, as the app would ask it, for a listening test or a check: one WAV "
        "per variant (48 kHz, 32-bit float, one loop length, rendered through the engine's player with its "
        "master section: output level 0 dB, start and end fades, safety limiter at -1 dBFS) and "
        "DIR/question.json with the prompt, the options, the correct answer and the hidden parameters.\n"
        "The same ID, level, seed and material always give the same question. DIR is created if missing; "
        "other files in it are left alone; each file is replaced only once its new content is complete.");
    parser.addPositionalArgument("ID", "The exercise (see earlab-cli exercises).");
    parser.addOption({"level", "The level (1 is the easiest); for a staircase, the Nth rung at its value.", "N"});
    parser.addOption({"seed", "The question's seed: a whole number from 0 to 18446744073709551615.", "S"});
    parser.addOption({"out", "The folder to write into.", "DIR"});
    parser.addOption({"material",
                      "What to play: noise (pink noise), builtin:NAME (a built-in loop: " +
                          (builtinLoopIds().isEmpty() ? QStringLiteral("none in this build")
                                                      : builtinLoopIds().join(QStringLiteral(", "))) +
                          ") or FILE (your audio, its densest 15 s; write ./noise for a file named noise) or DIR (a "
                          "folder of your stems: its audio files, of one length, are one multitrack whose mix "
                          "is their sum). "
                          "Default: what the level plays in the app (pink noise, or the first built-in loop "
                          "for music).",
                      "MATERIAL"});
    if (!parseOrHelp(parser, args, 1, 1))
        return kExitOk;
    for (const char* required : {"level", "seed", "out"})
        if (!parser.isSet(required))
            throw UsageError(std::string("missing --") + required + " (see --help)");

    // Every argument is checked before any work.
    const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
    const Exercise& exercise = findExercise(catalogue, parser.positionalArguments().front());
    const int level = int(parseInteger("--level", parser.value("level"), 1, exercise.levelCount()));
    const std::uint64_t seed = parseUnsigned64("--seed", parser.value("seed"));
    const std::string dir = toStd(parser.value("out"));
    if (dir.empty())
        throw UsageError("--out: the folder name is empty");
    const MaterialRef material = chooseMaterial(exercise, level, parser.value("material"));

    const std::shared_ptr<const PreparedLoop> loop = preparedLoop(material, parser.value("material"));
    const Setting setting = settingFor(exercise, level);
    Question question = exercise.ask(setting, seed, factsOf(*loop));
    refuseStemsIfMissing(question, *loop);
    checkVariantIds(question);
    matchVariants(question, *loop, true); // as Session prepares it: matched, with headroom under the limiter

    // Rendered before anything is written, so a failing render leaves DIR as it was.
    const PlayerConfig master;
    std::vector<AudioBuffer> renders;
    for (const HeardVariant& v : question.variants) // a stem question mixes the stems, as Session plays it
        renders.push_back(question.usesStems ? renderMastered(*loop->stems, v.treatment, master)
                                             : renderMastered(*loop->audio, v.treatment, master));

    QStringList names{QStringLiteral("question.json")};
    for (const HeardVariant& v : question.variants)
        names << variantFileName(v);
    refuseWritingOverTheMaterial(dir, names, material);

    makeFolder(dir);
    QStringList written;
    for (std::size_t i = 0; i < question.variants.size(); ++i) {
        const QString name = variantFileName(question.variants[i]);
        writeAudioFile(inFolder(dir, name), renders[i]);
        written << name;
    }
    // Last: a question.json beside the WAVs says they are complete.
    const QJsonObject json = questionJson(exercise, setting, seed, question, *loop, master);
    writeWholeFile(inFolder(dir, QStringLiteral("question.json")), QJsonDocument(json).toJson(QJsonDocument::Indented).toStdString());
    printOut(QStringLiteral("%1: %2 level %3, seed %4, on %5: %6 (%7 s each) and question.json")
                 .arg(fromStd(dir), exercise.id(), QString::number(level), QString::number(seed), material.title,
                      written.join(QStringLiteral(", ")),
                      QString::number(loop->audio->durationSeconds(), 'f', 3)));
    return kExitOk;
}

} // namespace earlab::cli
