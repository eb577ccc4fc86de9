#pragma once
// The progress store reports every failure by throwing StoreError (never a silent false):
// a lost answer must be impossible to overlook, and the message is written for the user.
// It always names the database file and the cause, e.g.
// "Could not save the answer in /home/u/.local/share/EarLab/progress.sqlite: disk I/O error".

#include <QString>

#include <stdexcept>

namespace earlab {

class StoreError : public std::runtime_error {
public:
    StoreError(const QString& path, const QString& message)
        : std::runtime_error(message.toStdString()), m_path(path), m_message(message) {}

    const QString& path() const noexcept { return m_path; }       // the database file
    const QString& message() const noexcept { return m_message; } // full sentence, for the user

private:
    QString m_path;
    QString m_message;
};

} // namespace earlab
