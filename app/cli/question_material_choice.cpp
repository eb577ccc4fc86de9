#include "question_material_choice.h"

#include "cli_support.h"

#include "exercises/library_scan_stems.h"

#include <QFileInfo>

#if EARLAB_HAVE_ASSETS
#include "assets/builtin_material.h"
#endif

namespace earlab::cli {

namespace {

constexpr QLatin1String kBuiltinPrefix("builtin:");

QString knownLoops()
{
    const QStringList ids = builtinLoopIds();
    return ids.isEmpty() ? QStringLiteral("this build has no built-in material")
                         : QStringLiteral("the built-in loops are ") + ids.join(QStringLiteral(", "));
}

// A built-in loop as the app's Library offers it (app/src/builtin_catalog.cpp): its mix, the
// loop region picked when it is loaded; with its stems for a level that mixes them.
MaterialRef builtinLoop(const QString& name, const QString& asTyped, bool withStems)
{
#if EARLAB_HAVE_ASSETS
    if (const BuiltinLoop* loop = findBuiltinLoop(toStd(name))) {
        MaterialRef m;
        m.kind = MaterialRef::Kind::Builtin;
        m.id = QString(kBuiltinPrefix) + QString::fromStdString(loop->id);
        m.title = QString::fromStdString(loop->title);
        m.path = QString::fromStdString(materialPath(loop->mixFile));
        if (withStems)
            for (const auto& [stem, file] : loop->stems) {
                m.stemNames << QString::fromStdString(stem);
                m.stemPaths << QString::fromStdString(materialPath(file));
            }
        return m;
    }
#else
    (void)withStems;
#endif
    throw UsageError(toStd(asTyped + QStringLiteral(": no such built-in loop; ") + knownLoops()));
}

MaterialRef userFile(const QString& typed)
{
    // prepareLoop() opens MaterialRef::path as UTF-8: a name with other bytes would be opened
    // under another name, so it is refused rather than reported as missing.
    if (toStd(typed) != typed.toStdString())
        throw UsageError(readable(typed).toStdString() +
                         ": a file name that is not UTF-8 cannot be used as question material yet; "
                         "rename it or link to it under a UTF-8 name");
    const QFileInfo info(typed);
    if (info.isDir()) {
        // A folder of stems, checked and measured as the app's Library does when it is added
        // (so its loop region is the one the app plays, picked on the stems' sum).
        const ScanResult scan = scanStemFolder(info.absoluteFilePath());
        if (!scan.ok)
            throw UsageError(readable(scan.error).toStdString());
        return stemFolderMaterial(scan);
    }
    MaterialRef m;
    m.kind = MaterialRef::Kind::UserFile;
    m.path = info.absoluteFilePath();
    m.id = QStringLiteral("file:") + m.path;
    m.title = info.fileName();
    return m;
}

QString what(const Exercise& exercise, int level)
{
    return QStringLiteral("level %1 of %2").arg(level).arg(exercise.id());
}

// `subject` ("level 3 of stems") mixes a multitrack source's stems, which `material` lacks.
[[noreturn]] void refuseStems(const QString& subject, const MaterialRef& material)
{
    const std::string needs = toStd(subject) + " mixes the stems of a multitrack source (a built-in loop: " +
                              toStd(builtinLoopIds().join(QStringLiteral(", "))) + "; or a folder of your stems)";
    if (material.kind == MaterialRef::Kind::UserFile)
        throw UsageError(readable(material.path).toStdString() + ": a single file has no stems, and " + needs);
    throw UsageError(toStd(material.title) + " has no stems, and " + needs);
}

} // namespace

QStringList builtinLoopIds()
{
    QStringList ids;
#if EARLAB_HAVE_ASSETS
    for (const BuiltinLoop& loop : builtinLoops())
        ids << QString::fromStdString(loop.id);
#endif
    return ids;
}

MaterialRef chooseMaterial(const Exercise& exercise, int level, const QString& option)
{
    const MaterialNeed need = exercise.level(level).material;
    const bool stems = need == MaterialNeed::Multitrack;
    MaterialRef chosen;
    if (option == QLatin1String("noise"))
        chosen = MaterialRef::pinkNoise();
    else if (option.startsWith(kBuiltinPrefix))
        chosen = builtinLoop(option.mid(kBuiltinPrefix.size()), option, stems);
    else if (!option.isEmpty())
        chosen = userFile(option);
    else if (need == MaterialNeed::PinkNoise)
        chosen = MaterialRef::pinkNoise();
    else if (const QStringList ids = builtinLoopIds(); !ids.isEmpty())
        chosen = builtinLoop(ids.front(), ids.front(), stems); // as the app: the first built-in song
    else
        throw UsageError(toStd(what(exercise, level)) + " plays music, and this build has no built-in "
                         "material: give --material FILE");
    if (stems && chosen.stemPaths.isEmpty())
        refuseStems(what(exercise, level), chosen);
    return chosen;
}

void refuseStemsIfMissing(const Question& question, const PreparedLoop& loop)
{
    if (loop.stems || (!question.usesStems && loop.material.stemPaths.isEmpty()))
        return;
    // prepareLoop() loads every stem a material names, or throws naming the file: a question
    // without them had material without stems.
    refuseStems(QStringLiteral("this %1 question").arg(question.exercise), loop.material);
}

} // namespace earlab::cli
