#include "cli_support.h"
#include "question_json.h"

#include "exercises/exercise_catalogue.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace earlab::cli {

int runExercises(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "List the exercises, in the order the app's Home shows them: id (for earlab-cli question), title, "
        "number of levels and difficulty kind (ladder: levels; staircase: rungs of a quantity in its unit).");
    parser.addOption({"json", "Print a JSON array of objects: id, title, summary, levels (the number of levels), "
                              "kind (\"ladder\" or \"staircase\"), and unit for a staircase."});
    if (!parseOrHelp(parser, args, 0, 0))
        return kExitOk;

    const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
    if (parser.isSet("json")) {
        QJsonArray all;
        for (const auto& e : catalogue.all())
            all.append(exerciseJson(*e));
        printOut(QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Indented)).trimmed());
        return kExitOk;
    }
    QStringList lines;
    for (const auto& e : catalogue.all()) {
        const QString unit = e->unit().isEmpty() ? QString() : QStringLiteral(", in %1").arg(e->unit());
        // One multi-argument arg(): a title holding "%1" stays as it is.
        lines << QStringLiteral("%1  %2 (%3 levels, %4%5): %6")
                     .arg(e->id().leftJustified(14), e->title(), QString::number(e->levelCount()),
                          difficultyKindName(e->difficultyKind()), unit, e->summary());
    }
    printOut(lines.join(QLatin1Char('\n')));
    return kExitOk;
}

} // namespace earlab::cli
