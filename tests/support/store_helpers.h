#pragma once
// Helpers for the progress store and library store tests. Header only: it needs
// earlab_exercises, which only the tests that include it link.

#include "exercises/attempt.h"
#include "exercises/store_error.h"

#include <QByteArray>
#include <QDebug>
#include <QString>

#include <functional>

namespace earlab {

// Lets QCOMPARE print both attempts when they differ.
inline char* toString(const Attempt& attempt)
{
    QString text;
    QDebug(&text) << attempt;
    return qstrdup(text.toUtf8().constData());
}

namespace test {

// Runs `action`; the message of the StoreError it throws, or an empty string if none.
inline QString storeErrorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const StoreError& error) {
        return error.message();
    }
    return {};
}

} // namespace test
} // namespace earlab
