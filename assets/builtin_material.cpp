#include "assets/builtin_material.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace earlab {
namespace {

namespace fs = std::filesystem;

// Bars * beats per bar * 60 / bpm. The generator renders exactly round(seconds * 48000)
// frames from these same numbers (it reads this catalogue), so they cannot drift apart.
BuiltinLoop makeLoop(std::string id, std::string title, double bpm, int bars)
{
    BuiltinLoop loop;
    loop.id = id;
    loop.title = std::move(title);
    loop.style = id;
    loop.bpm = bpm;
    loop.seconds = bars * 4 * 60.0 / bpm;
    loop.mixFile = id + "-mix.wav";
    for (const char* stem : {"drums", "bass", "harmony", "melody"})
        loop.stems.emplace_back(stem, id + "-" + stem + ".wav");
    return loop;
}

bool isDirectory(const fs::path& p)
{
    std::error_code ec;
    return !p.empty() && fs::is_directory(p, ec);
}

fs::path executablePath()
{
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe;
}

bool isInside(const fs::path& file, const fs::path& dir)
{
    if (file.empty() || dir.empty())
        return false;
    const fs::path rel = file.lexically_normal().lexically_relative(dir.lexically_normal());
    return !rel.empty() && *rel.begin() != "..";
}

} // namespace

const std::vector<BuiltinLoop>& builtinLoops()
{
    static const std::vector<BuiltinLoop> loops = {
        makeLoop("pop-rock", "Pop-rock in G", 120.0, 16),
        makeLoop("electronic", "Electronic in A minor", 124.0, 16),
        makeLoop("acoustic-jazz", "Jazz blues in F", 100.0, 12),
    };
    return loops;
}

const BuiltinLoop* findBuiltinLoop(const std::string& id)
{
    for (const BuiltinLoop& loop : builtinLoops())
        if (loop.id == id)
            return &loop;
    return nullptr;
}

std::string materialDirectory()
{
    if (const char* env = std::getenv("EARLAB_MATERIAL_DIR"); env && *env)
        return env;

    const fs::path exe = executablePath();
#ifdef EARLAB_BUILD_MATERIAL_DIR
    const fs::path buildDir = EARLAB_BUILD_MATERIAL_DIR;
    const fs::path buildRoot = EARLAB_BUILD_ROOT;
#else
    const fs::path buildDir, buildRoot;
#endif
    if (isInside(exe, buildRoot) && isDirectory(buildDir))
        return buildDir.string();

    if (!exe.empty()) {
        const fs::path installed =
            (exe.parent_path() / ".." / EARLAB_INSTALL_MATERIAL_RELATIVE).lexically_normal();
        if (isDirectory(installed))
            return installed.string();
    }
    if (isDirectory(buildDir))
        return buildDir.string();
    return EARLAB_INSTALL_MATERIAL_ABSOLUTE;
}

std::string materialPath(const std::string& fileName)
{
    return (fs::path(materialDirectory()) / fileName).string();
}

} // namespace earlab
