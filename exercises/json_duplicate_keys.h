#pragma once
// Duplicate keys in JSON text. Qt's parser keeps the last of two equal keys in one object
// without a word, and other readers keep the first: a log with `"p_value": 0.0001` written
// above the real one would hash and verify as the real log while a person (or another
// program) reads the forged value. verifyBlindLog refuses such text before parsing it.

#include <QByteArray>
#include <QString>

#include <optional>

namespace earlab {

// The path of the first key that appears twice in one object ("trials[3].answer"), keys
// compared after unescaping (so "\u0061nswer" is "answer"); nothing when there is none. Text
// that is not well-formed JSON gives nothing too: the parser reports it.
std::optional<QString> firstDuplicateJsonKey(const QByteArray& json);

} // namespace earlab
