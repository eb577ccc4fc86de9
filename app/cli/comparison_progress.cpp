#include "comparison_progress.h"

#include "cli_support.h"

#include <cstdio>

#include <unistd.h>

namespace earlab::cli {

Comparison prepareComparisonShowingProgress(const QStringList& files, ComparisonOptions options)
{
    if (isatty(STDERR_FILENO)) // a terminal sees the seconds pass; a script sees one line or none
        options.progress = [](double f, const std::string&) { std::fprintf(stderr, "\r%3.0f %%", 100.0 * f); };
    std::vector<std::string> paths;
    for (const QString& f : files)
        paths.push_back(toStd(f));
    const auto clearProgress = [&] {
        if (options.progress)
            std::fputs("\r      \r", stderr);
    };
    Comparison comparison;
    try {
        comparison = prepareComparison(paths, options);
    } catch (...) {
        clearProgress(); // the error line starts at the left margin
        throw;
    }
    clearProgress();
    return comparison;
}

} // namespace earlab::cli
