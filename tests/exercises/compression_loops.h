#pragma once
// The material the compression tests hear: the built-in loops' mixes and one drum stem,
// prepared as the app prepares a loop (the densest 15 s at 48 kHz stereo).

#include "assets/builtin_material.h"
#include "exercises/question_material.h"

#include <QString>

#include <memory>
#include <vector>

namespace earlab::test {

struct NamedLoop {
    QString name;
    std::shared_ptr<const PreparedLoop> loop;
};

inline std::shared_ptr<const PreparedLoop> prepareBuiltinFile(const std::string& id, const std::string& file)
{
    MaterialRef m;
    m.kind = MaterialRef::Kind::Builtin;
    m.id = QString::fromStdString("builtin:" + id);
    m.title = QString::fromStdString(id);
    m.path = QString::fromStdString(materialPath(file));
    return prepareLoop(m);
}

// Every built-in mix, then the pop-rock drums alone.
inline std::vector<NamedLoop> compressionLoops()
{
    std::vector<NamedLoop> loops;
    for (const BuiltinLoop& b : builtinLoops())
        loops.push_back({QString::fromStdString(b.id), prepareBuiltinFile(b.id, b.mixFile)});
    const BuiltinLoop* pop = findBuiltinLoop("pop-rock");
    for (const auto& [name, file] : pop->stems)
        if (name == "drums")
            loops.push_back({QStringLiteral("pop-rock drums"), prepareBuiltinFile(pop->id, file)});
    return loops;
}

} // namespace earlab::test
