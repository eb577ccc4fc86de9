#pragma once
// Something to listen to: pink noise, a built-in loop or one of the user's files.

#include "exercises/loop_region.h"

#include <QString>
#include <QStringList>

namespace earlab {

struct MaterialRef {
    enum class Kind { PinkNoise, Builtin, UserFile };
    Kind kind = Kind::PinkNoise;
    QString id;    // "pink-noise", "builtin:<id>", "file:<absolute path>"
    QString title; // for the UI
    QString path;  // audio file (built-in mix or user file), or a folder of stems; empty for pink noise
    // The part of the file a question loops: the user's pinned region or the one the library
    // scan picked. Empty (length 0): pick the densest 15 s when the file is loaded.
    TimeRegion region;
    bool regionPinned = false;
    // A multitrack source: its stems' files (one length, the mix's loop region applies to
    // all) and names, in the order Treatment::stems indexes them. Empty for a plain file.
    QStringList stemPaths;
    QStringList stemNames;
    // A folder of the user's stems (library_scan_stems.h): there is no mix file, `path` is the
    // folder, and the mix is the stems' sum at unity gain.
    bool mixOfStems = false;
    // What kind of music it is, for choosing training music by genre: the file's genre tag
    // (user files) or the built-in loop's style; empty when unknown.
    QString genre;

    bool isMusic() const { return kind != Kind::PinkNoise; }
    // Same file, same region and (a folder rescanned with other files) the same stems: a
    // prepared loop of one can stand for the other.
    bool sameLoop(const MaterialRef& other) const
    {
        return id == other.id && region == other.region && stemPaths == other.stemPaths;
    }
    static MaterialRef pinkNoise();
    // The first file this material plays that is no longer there: its file, or for a folder
    // of stems the folder or a stem; empty when all are there (and for pink noise).
    QString missingFile() const;
    // The user's file an id names ("file:<absolute path>"), empty for other ids.
    static QString userFilePath(const QString& id)
    {
        return id.startsWith(QLatin1String("file:")) ? id.mid(5) : QString();
    }
};

} // namespace earlab
