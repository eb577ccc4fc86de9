#pragma once
// A blind log exported to a file, as JSON (what verify-log reads) or as text (for people),
// written through FileReplacement (audio/io/whole_file.h): a failed export leaves the file
// that was there as it was.

#include "blind_log.h"

#include <string>

namespace earlab {

enum class BlindLogFileFormat { Json, Text };

// Throws AudioError(WriteFailed) naming `path` and the cause.
void saveBlindLog(const std::string& path, const BlindLog& log, BlindLogFileFormat format);

} // namespace earlab
