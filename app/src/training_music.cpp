#include "app/src/training_music.h"

#include <QCoreApplication>

#include <algorithm>

namespace earlab::app {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("TrainingMusic", text); }

using Mode = TrainingMusicChoice::Mode;
using Source = MaterialPlan::Source;

const std::pair<Mode, const char*> kModes[] = {
    {Mode::One, "one"}, {Mode::Several, "several"}, {Mode::Genre, "genre"}, {Mode::All, "all"}};
const std::pair<ExerciseMaterial, const char*> kMaterials[] = {{ExerciseMaterial::AsLevel, "level"},
                                                               {ExerciseMaterial::PinkNoise, "noise"},
                                                               {ExerciseMaterial::Builtin, "builtin"},
                                                               {ExerciseMaterial::MyMusic, "mine"}};

template <typename T, std::size_t N>
T fromName(const std::pair<T, const char*> (&table)[N], const QString& name)
{
    for (const auto& [value, text] : table)
        if (name == QLatin1String(text))
            return value;
    return table[0].first;
}

template <typename T, std::size_t N>
QString toName(const std::pair<T, const char*> (&table)[N], T value)
{
    for (const auto& [v, text] : table)
        if (v == value)
            return QString::fromLatin1(text);
    return QString::fromLatin1(table[0].second);
}

template <typename Keep>
QList<MaterialRef> filtered(const QList<MaterialRef>& from, Keep keep)
{
    QList<MaterialRef> out;
    std::copy_if(from.begin(), from.end(), std::back_inserter(out), keep);
    return out;
}

bool isMine(const MaterialRef& m) { return m.kind == MaterialRef::Kind::UserFile; }
bool isBuiltin(const MaterialRef& m) { return m.kind == MaterialRef::Kind::Builtin; }

// The training set as chosen, within `pool`; empty when nothing chosen can play there.
QList<MaterialRef> chosen(const TrainingMusicChoice& choice, const QList<MaterialRef>& pool)
{
    switch (choice.mode) {
    case Mode::One: return filtered(pool, [&](const MaterialRef& m) { return m.id == choice.one; });
    case Mode::Several:
        return filtered(pool, [&](const MaterialRef& m) { return choice.several.contains(m.id); });
    case Mode::Genre: return filtered(pool, [&](const MaterialRef& m) { return genreOf(m) == choice.genre; });
    case Mode::All: return pool;
    }
    return pool;
}

} // namespace

TrainingMusicChoice::Mode TrainingMusicChoice::modeFromName(const QString& name) { return fromName(kModes, name); }
QString TrainingMusicChoice::modeName(Mode mode) { return toName(kModes, mode); }
ExerciseMaterial exerciseMaterialFromName(const QString& name) { return fromName(kMaterials, name); }
QString exerciseMaterialName(ExerciseMaterial choice) { return toName(kMaterials, choice); }

QString genreOf(const MaterialRef& material)
{
    const QString g = material.genre.trimmed();
    return g.isEmpty() ? tr("Unknown genre") : g;
}

MaterialPlan planMaterial(MaterialNeed need, ExerciseMaterial choice, bool hasMine, bool hasMyStems)
{
    MaterialPlan plan;
    plan.stems = need == MaterialNeed::Multitrack;
    const bool mine = plan.stems ? hasMyStems : hasMine;
    switch (choice) {
    case ExerciseMaterial::AsLevel:
        plan.source = need == MaterialNeed::PinkNoise ? Source::PinkNoise : Source::Training;
        break;
    case ExerciseMaterial::PinkNoise:
        if (plan.stems) {
            // A stem question changes one stem of a song: noise has none.
            plan.source = Source::Training;
            plan.note = tr("This level changes one stem of a song, so it cannot be asked on pink noise: it plays a song "
                           "with stems.");
        } else {
            plan.source = Source::PinkNoise;
            if (need == MaterialNeed::Transients)
                plan.note = tr("Pink noise, as chosen: steady noise hides much of what this level asks; music with "
                               "drums shows it.");
        }
        break;
    case ExerciseMaterial::Builtin: plan.source = Source::Builtin; break;
    case ExerciseMaterial::MyMusic:
        plan.source = mine ? Source::Mine : Source::Builtin;
        if (!mine)
            plan.note = plan.stems ? tr("You have no folder of stems in the Library yet, so this level plays the "
                                        "built-in songs.")
                                   : tr("You have no music of your own in the Library yet, so built-in music plays.");
        break;
    }
    return plan;
}

MaterialPlan planMaterial(MaterialNeed need, ExerciseMaterial choice, const QList<MaterialRef>& usable)
{
    const bool hasMine = std::any_of(usable.begin(), usable.end(), isMine);
    const bool hasMyStems = std::any_of(usable.begin(), usable.end(),
                                        [](const MaterialRef& m) { return !isBuiltin(m) && !m.stemPaths.isEmpty(); });
    return planMaterial(need, choice, hasMine, hasMyStems);
}

TrackSet tracksFor(const MaterialPlan& plan, const QList<MaterialRef>& usable, const TrainingMusicChoice& choice)
{
    TrackSet set;
    if (plan.source == Source::PinkNoise)
        return set;
    const QList<MaterialRef> pool =
        plan.stems ? filtered(usable, [](const MaterialRef& m) { return !m.stemPaths.isEmpty(); }) : usable;
    switch (plan.source) {
    case Source::PinkNoise: break;
    case Source::Training:
        set.tracks = chosen(choice, pool);
        if (set.tracks.isEmpty() && !pool.isEmpty()) {
            if (choice.mode == Mode::One || plan.stems) {
                // Nothing chosen, or the one pick cannot play here: the first built-in, as ever
                // (the session says so when the pick is lost).
                const auto builtins = filtered(pool, isBuiltin);
                set.tracks = {builtins.isEmpty() ? pool.front() : builtins.front()};
            } else {
                set.tracks = pool;
                set.fallback = choice.mode == Mode::Genre
                                   ? tr("Nothing of the genre %1 can be played, so the whole library rotates.")
                                         .arg(choice.genre)
                                   : tr("None of the tracks ticked for training can be played, so the whole library "
                                        "rotates.");
            }
        }
        break;
    case Source::Builtin:
        set.tracks = filtered(pool, isBuiltin);
        if (set.tracks.isEmpty() && !pool.isEmpty()) {
            set.tracks = pool;
            set.fallback = tr("There is no built-in music, so your own plays.");
        }
        break;
    case Source::Mine: {
        const auto mine = filtered(pool, isMine);
        set.tracks = filtered(chosen(choice, mine), isMine);
        if (set.tracks.isEmpty())
            set.tracks = mine;
        if (set.tracks.isEmpty() && !pool.isEmpty()) {
            set.tracks = filtered(pool, isBuiltin);
            set.fallback = tr("None of your own music can be played, so built-in music plays.");
        }
        break;
    }
    }
    if (set.tracks.isEmpty())
        set.fallback = tr("There is no music in the Library that can be played, so pink noise plays.");
    return set;
}

QString trainingText(const TrainingMusicChoice& choice, const QList<MaterialRef>& usable)
{
    switch (choice.mode) {
    case Mode::One: {
        const TrackSet one = tracksFor({Source::Training, false, {}}, usable, choice);
        return one.tracks.isEmpty() ? MaterialRef::pinkNoise().title : one.tracks.front().title;
    }
    case Mode::Several: {
        const QList<MaterialRef> ticked = chosen(choice, usable);
        return ticked.size() == 1 ? ticked.front().title
               : ticked.isEmpty() ? tr("no ticked tracks yet (the whole library rotates)")
                                  : tr("%1 ticked tracks, rotated").arg(ticked.size());
    }
    case Mode::Genre: return tr("%1, rotated").arg(choice.genre.isEmpty() ? tr("Unknown genre") : choice.genre);
    case Mode::All: return tr("your library, rotated");
    }
    return {};
}

TrackSet narrowToGenre(const TrackSet& set, const QList<MaterialRef>& usable, const QString& genre)
{
    if (genre.isEmpty() || set.tracks.isEmpty())
        return set;
    const auto ofGenre = [&](const MaterialRef& m) {
        return m.isMusic() && genreOf(m).compare(genre, Qt::CaseInsensitive) == 0;
    };
    TrackSet out;
    out.tracks = filtered(set.tracks, ofGenre);
    if (out.tracks.isEmpty())
        out.tracks = filtered(usable, ofGenre);
    if (!out.tracks.isEmpty())
        return out;
    out = set;
    const QString note = tr("Today's workout asked for %1 music, but none of it can be played, so other music plays.")
                             .arg(genre);
    out.fallback = out.fallback.isEmpty() ? note : note + QLatin1Char(' ') + out.fallback;
    return out;
}

QString planText(const MaterialPlan& plan, const TrainingMusicChoice& choice, const QList<MaterialRef>& usable)
{
    const QString what = plan.stems ? tr("Stems: %1") : tr("Music: %1");
    switch (plan.source) {
    case Source::PinkNoise: return tr("Pink noise");
    case Source::Training: {
        // A stem level plays the chosen songs that have stems, else one built-in song.
        const TrackSet set = plan.stems ? tracksFor(plan, usable, choice) : TrackSet{};
        return what.arg(set.tracks.size() == 1 ? set.tracks.front().title : trainingText(choice, usable));
    }
    case Source::Builtin: return what.arg(plan.stems ? tr("the built-in songs, rotated") : tr("built-in loops, rotated"));
    case Source::Mine: return what.arg(plan.stems ? tr("your stem folders, rotated") : tr("your files, rotated"));
    }
    return {};
}

TrackRotation::Pick TrackRotation::next(const QList<MaterialRef>& tracks)
{
    QStringList ids;
    for (const MaterialRef& t : tracks)
        if (!ids.contains(t.id))
            ids << t.id;
    if (ids.isEmpty())
        return {MaterialRef::pinkNoise(), 0, 0};
    const auto draw = [this](qsizetype below) { return qsizetype(m_random() % std::uint64_t(below)); };
    // Tracks that left the set are skipped; tracks that joined are dealt into this round.
    m_order.removeIf([&](const QString& id) { return !ids.contains(id); });
    for (const QString& id : ids)
        if (!m_order.contains(id) && !m_dealt.contains(id))
            m_order.insert(draw(m_order.size() + 1), id);
    if (m_order.isEmpty()) { // a new round, shuffled (Fisher–Yates)
        m_dealt.clear();
        m_order = ids;
        for (qsizetype i = m_order.size() - 1; i > 0; --i)
            m_order.swapItemsAt(i, draw(i + 1));
        if (m_order.size() >= 2 && m_order.front() == m_last)
            m_order.swapItemsAt(0, 1 + draw(m_order.size() - 1));
    }
    const QString id = m_order.takeFirst();
    m_dealt.insert(id);
    m_last = id;
    const int number = int(std::count_if(ids.begin(), ids.end(), [&](const QString& i) { return m_dealt.contains(i); }));
    const auto it = std::find_if(tracks.begin(), tracks.end(), [&](const MaterialRef& t) { return t.id == id; });
    return {*it, number, int(ids.size())};
}

} // namespace earlab::app
