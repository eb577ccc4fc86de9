#include "question_cli.h"

#include "exercises/exercise_catalogue.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace earlab::test {

namespace {
constexpr int kTimeoutMs = 120000;
}

QString CliRun::describe() const
{
    return QStringLiteral("exit %1%2\nstdout: %3\nstderr: %4")
        .arg(run.exitCode)
        .arg(run.crashed ? QStringLiteral(" (crashed)") : run.finished ? QString() : QStringLiteral(" (timed out)"))
        .arg(out(), err());
}

CliRun cli(const QStringList& args) { return {runProcess(QStringLiteral(EARLAB_CLI), args, kTimeoutMs)}; }

CliRun question(const QString& id, int level, quint64 seed, const QString& dir, const QStringList& more)
{
    return cli(QStringList{"question", id, "--level", QString::number(level), "--seed", QString::number(seed),
                           "--out", dir} +
               more);
}

QJsonObject readQuestionJson(const QString& dir, QString* error)
{
    QFile f(dir + "/question.json");
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.fileName() + ": " + f.errorString();
        return {};
    }
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = f.fileName() + ": not a JSON object (" + parse.errorString() + ")";
        return {};
    }
    return doc.object();
}

LoadedAudio loadAsWritten(const QString& path)
{
    LoadOptions o;
    o.stereo = false;
    return loadAudioFile(path.toStdString(), o);
}

QList<CatalogueEntry> catalogueExercises()
{
    QList<CatalogueEntry> out;
    const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
    for (const auto& e : catalogue.all()) {
        CatalogueEntry entry{e->id(), e->levelCount(), e->difficultyKind() == DifficultyKind::Staircase, e->unit(), {}, {}};
        for (const LevelInfo& l : e->levels()) {
            entry.rungValues.push_back(l.value);
            entry.multitrack.push_back(l.material == MaterialNeed::Multitrack);
        }
        out.append(entry);
    }
    return out;
}

QList<int> levelsToCover(const CatalogueEntry& e) { return e.levels > 1 ? QList<int>{1, e.levels} : QList<int>{1}; }

} // namespace earlab::test
