#pragma once
// What the music levels play, question after question: the user's set of training music (one
// track, several ticked ones, a genre, the whole library) and, per exercise, whether the
// levels play what they say, pink noise, built-in music or the user's own. Pure: given the
// usable library entries and the choices it says which tracks a question may play, and a
// seeded rotation deals them out (every track once before any repeats, never the same twice
// in a row when there are two or more). Session asks it at every question; Home's card and
// the start options describe the same plan in words.

#include "app/src/material.h"

#include "exercises/exercise.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <random>

namespace earlab::app {

// The Library's "Training music" control.
struct TrainingMusicChoice {
    enum class Mode { One, Several, Genre, All };
    Mode mode = Mode::One;
    QString one;          // Mode::One: the chosen material id (Preferences::materialId)
    QStringList several;  // Mode::Several: the ticked ids
    QString genre;        // Mode::Genre: a genre as genreOf() names it

    static Mode modeFromName(const QString& name); // "one", "several", "genre", "all"; else One
    static QString modeName(Mode mode);
};

// An exercise's own choice (the start options): "level", "noise", "builtin", "mine".
enum class ExerciseMaterial { AsLevel, PinkNoise, Builtin, MyMusic };
ExerciseMaterial exerciseMaterialFromName(const QString& name); // unknown: AsLevel
QString exerciseMaterialName(ExerciseMaterial choice);

// A material's genre as the Library offers it: empty genres are "Unknown genre".
QString genreOf(const MaterialRef& material);

// Where a question's material comes from, once the level's need and the exercise's choice
// are weighed, and what to tell the listener about it ("" when it is what was asked for).
struct MaterialPlan {
    enum class Source {
        PinkNoise,
        Training, // the Library's set of training music
        Builtin,  // the built-in loops
        Mine,     // the user's own files (those of the training set first)
    };
    Source source = Source::PinkNoise;
    bool stems = false; // only multitrack sources (a stem level)
    QString note;
};
// hasMine: the library holds usable files of the user's; hasMyStems: usable stem folders.
MaterialPlan planMaterial(MaterialNeed need, ExerciseMaterial choice, bool hasMine, bool hasMyStems);
// The same, with what the user has read from the usable entries.
MaterialPlan planMaterial(MaterialNeed need, ExerciseMaterial choice, const QList<MaterialRef>& usable);

// The tracks a plan may play out of `usable` (every entry of the library that can be played,
// built-ins first), with a note when it had to fall back (an empty set). Multitrack plans
// keep only sources with stems.
struct TrackSet {
    QList<MaterialRef> tracks;
    QString fallback; // why the tracks are not the ones chosen; "" when they are
};
TrackSet tracksFor(const MaterialPlan& plan, const QList<MaterialRef>& usable, const TrainingMusicChoice& choice);

// A workout item's genre (session_focus.h) over a set: the set's tracks of that genre (genreOf,
// compared without case, as the planner folds the library's genres), else any usable music of
// it (a built-in loop's style counts), else the set as it was, with a fallback note saying so.
TrackSet narrowToGenre(const TrackSet& set, const QList<MaterialRef>& usable, const QString& genre);

// One line for Home's card: "Music: your library, rotated", "Pink noise", …
QString planText(const MaterialPlan& plan, const TrainingMusicChoice& choice, const QList<MaterialRef>& usable);
// The training set in a few words: "My song", "3 tracks, rotated", "Funk, rotated".
QString trainingText(const TrainingMusicChoice& choice, const QList<MaterialRef>& usable);

// Deals the tracks of a set in a seeded shuffled order: each round plays every track once
// (tracks that leave the set are skipped, tracks that join it are dealt into the rest of the
// round), and a new round never starts with the track that ended the last one.
class TrackRotation {
public:
    explicit TrackRotation(std::uint64_t seed = 0) : m_random(seed) {}

    struct Pick {
        MaterialRef material; // pink noise when `tracks` is empty
        int number = 0;       // 1-based within the round
        int count = 0;        // tracks in the set
    };
    Pick next(const QList<MaterialRef>& tracks);
    // What next() would deal, without dealing it (to load it ahead).
    Pick peek(const QList<MaterialRef>& tracks) const
    {
        TrackRotation copy = *this;
        return copy.next(tracks);
    }

private:
    std::mt19937_64 m_random;
    QStringList m_order;  // this round's ids still to play
    QSet<QString> m_dealt; // this round's ids played
    QString m_last;
};

} // namespace earlab::app
