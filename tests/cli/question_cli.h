#pragma once
// What the earlab-cli question tests share: running the real binary, reading what
// `question` wrote (question.json, the WAVs with the library's loader), and the exercises the
// catalogue holds, so that every test covers an exercise added later without a change here.

#include "support/process_runner.h"

#include "audio/io/audio_file.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace earlab::test {

struct CliRun {
    ProcessRun run;
    QString out() const { return QString::fromUtf8(run.out); }
    QString err() const { return QString::fromUtf8(run.err); }
    QStringList errLines() const { return err().trimmed().split('\n', Qt::SkipEmptyParts); }
    // For failure messages: the exit status and both streams.
    QString describe() const;
};

// earlab-cli with `args`, waited for up to two minutes.
CliRun cli(const QStringList& args);

// earlab-cli question ID --level N --seed S --out DIR [more...].
CliRun question(const QString& id, int level, quint64 seed, const QString& dir, const QStringList& more = {});


// DIR/question.json parsed; an empty object (and `error` set) when missing or not an object.
QJsonObject readQuestionJson(const QString& dir, QString* error);

// A WAV as written: its own rate and channels, no conversion.
LoadedAudio loadAsWritten(const QString& path);

// Every exercise of ExerciseCatalogue::standard(): id and number of levels, in Home's order.
struct CatalogueEntry {
    QString id;
    int levels = 1;
    bool staircase = false;
    QString unit;
    std::vector<double> rungValues; // a staircase's value per level, NaN for a ladder
    std::vector<bool> multitrack;   // per level: it plays a multitrack source's stems
};
QList<CatalogueEntry> catalogueExercises();

// The levels every exercise is tried at: the first and the last.
QList<int> levelsToCover(const CatalogueEntry& e);

} // namespace earlab::test
