#pragma once
// prepareComparison (exercises/comparison_items.h) as the commands that prepare one call it
// (compare, abx): a terminal sees the percentage pass on stderr, a script sees nothing extra,
// and an error line starts at the left margin.

#include "exercises/comparison_items.h"

#include <QStringList>

namespace earlab::cli {

// `files` as typed (byte-faithful, cli_support.h). Throws what prepareComparison throws.
Comparison prepareComparisonShowingProgress(const QStringList& files, ComparisonOptions options);

} // namespace earlab::cli
