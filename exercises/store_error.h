#pragma once
// The progress store reports every failure by throwing StoreError (never a silent false):
// a lost answer must be impossible to overlook, and the message is written for the user.
// It always names the database file and the cause, e.g.
// "Could not save the answer in the progress database /home/u/.local/share/EarLab/progress.sqlite:
// the disk is full."

#include <QString>

#include <stdexcept>

namespace earlab {

// The causes a caller treats differently from "it failed": a full disk is waited out (the
// answer is written when there is space again), a read-only file is used read-only.
enum class StoreProblem {
    Other,
    DiskFull, // SQLITE_FULL, or an I/O error on a disk with (almost) no free space
    ReadOnly, // SQLITE_READONLY: the file, its folder or the file system cannot be written
};

class StoreError : public std::runtime_error {
public:
    StoreError(const QString& path, const QString& message, StoreProblem problem = StoreProblem::Other)
        : std::runtime_error(message.toStdString()), m_path(path), m_message(message), m_problem(problem)
    {
    }

    const QString& path() const noexcept { return m_path; }       // the database file
    const QString& message() const noexcept { return m_message; } // full sentence, for the user
    StoreProblem problem() const noexcept { return m_problem; }

private:
    QString m_path;
    QString m_message;
    StoreProblem m_problem;
};

} // namespace earlab
