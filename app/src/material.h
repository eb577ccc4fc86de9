#pragma once
// Something to listen to: pink noise, a built-in loop or one of the user's files.

#include <QString>

namespace earlab::app {

struct MaterialRef {
    enum class Kind { PinkNoise, Builtin, UserFile };
    Kind kind = Kind::PinkNoise;
    QString id;    // "pink-noise", "builtin:<id>", "file:<absolute path>"
    QString title; // for the UI
    QString path;  // audio file (built-in mix or user file); empty for pink noise

    bool isMusic() const { return kind != Kind::PinkNoise; }
    static MaterialRef pinkNoise();
};

} // namespace earlab::app
