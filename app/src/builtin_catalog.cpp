// The bridge to assets/ (built-in material), kept in its own file so the app builds with or
// without it: EARLAB_HAVE_ASSETS is set when the earlab_assets target exists.
#include "app/src/library.h"

#if EARLAB_HAVE_ASSETS
#include "assets/builtin_material.h"
#endif

namespace earlab::app {

QList<std::pair<MaterialRef, QString>> builtinMaterials()
{
    QList<std::pair<MaterialRef, QString>> out;
#if EARLAB_HAVE_ASSETS
    for (const auto& loop : builtinLoops()) {
        MaterialRef m;
        m.kind = MaterialRef::Kind::Builtin;
        m.id = QStringLiteral("builtin:") + QString::fromStdString(loop.id);
        m.title = QString::fromStdString(loop.title);
        m.path = QString::fromStdString(materialPath(loop.mixFile));
        // The style as a genre a tag would name ("pop-rock": "Pop rock"), for training music by genre.
        QString genre = QString::fromStdString(loop.style).replace(QLatin1Char('-'), QLatin1Char(' '));
        if (!genre.isEmpty())
            genre[0] = genre[0].toUpper();
        m.genre = genre;
        for (const auto& [name, file] : loop.stems) {
            m.stemNames << QString::fromStdString(name);
            m.stemPaths << QString::fromStdString(materialPath(file));
        }
        out.append({m, QObject::tr("Built-in loop · %1 · %2 BPM · %3 s · drums, bass, harmony, melody")
                           .arg(QString::fromStdString(loop.style))
                           .arg(loop.bpm)
                           .arg(loop.seconds, 0, 'f', 0)});
    }
#endif
    return out;
}

} // namespace earlab::app
