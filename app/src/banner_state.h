#pragma once
// The one message across the top of the window. Several things want to be said (no audio
// output, answers that cannot be saved, an answer waiting for disk space, a repaired
// database, a session error); showing them side by side once read "your answers are still
// saved" beside "Progress cannot be saved". So one object decides: the most urgent message
// wins, and the others wait their turn. The texts are whole sentences: what happened, to
// which file, what it means for the user's answers, what to do.
//
// Priority, most urgent first: SessionError, WaitingForSpace, NotSaved, Library, Repaired,
// NoAudio, Break. The library's problem (a library change that could not be saved, a region that
// cannot be pinned) comes after NotSaved: when the database cannot be written, every library
// write fails for the reason NotSaved already gives, and that sentence says it for both.

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <array>

namespace earlab::app {

class BannerState : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("App owns the banner state")

public:
    // Most urgent first: the banner shows the first kind that has something to say.
    enum Kind { None, SessionError, WaitingForSpace, NotSaved, Library, Repaired, NoAudio, Break };
    Q_ENUM(Kind)
    enum Severity { Quiet, Warning, Danger };
    Q_ENUM(Severity)

private:
    Q_PROPERTY(Kind kind READ kind NOTIFY changed)
    Q_PROPERTY(Severity severity READ severity NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString text READ text NOTIFY changed)
    // Pages bind their "saved" wording to this (saving()).
    Q_PROPERTY(bool saving READ saving NOTIFY changed)

public:
    explicit BannerState(QObject* parent = nullptr);

    Kind kind() const { return m_kind; }
    Severity severity() const;
    QString title() const;
    QString text() const;
    // True while answers reach the database: nothing waits for space, nothing says they
    // cannot be saved. Only then may any message say "saved".
    bool saving() const { return m_inputs[NotSaved].isEmpty() && m_inputs[WaitingForSpace].isEmpty(); }

    // Each input is a sentence, or empty when that thing has nothing to say.
    // Why answers cannot be saved at all this run (read-only file, no database).
    void setNotSaved(const QString& sentence) { set(NotSaved, sentence); }
    // The writer's message while a write waits for disk space ("... the disk is full.").
    void setWaitingForSpace(const QString& storeMessage) { set(WaitingForSpace, storeMessage); }
    // The damaged database was moved aside and a new one started (until dismissed).
    void setRepaired(const QString& sentence) { set(Repaired, sentence); }
    // What went wrong in the library (Library::problem; it is dismissed there).
    void setLibraryProblem(const QString& sentence) { set(Library, sentence); }
    // The session's error (it is dismissed there).
    void setSessionError(const QString& sentence) { set(SessionError, sentence); }
    // Why there is no audio output (AudioOutput::statusMessage), empty when there is.
    void setAudioProblem(const QString& sentence) { set(NoAudio, sentence); }
    // Hearing care's suggestion of a break (hearing_care.h), empty when none is due. Last:
    // anything that concerns the user's answers or sound comes first.
    void setBreakSuggestion(const QString& sentence) { set(Break, sentence); }

signals:
    void changed();

private:
    // Stores the input of `kind` and shows the most urgent kind that has something to say.
    void set(Kind kind, const QString& sentence);

    std::array<QString, Break + 1> m_inputs; // by Kind; m_inputs[None] stays empty
    Kind m_kind = None;
};

} // namespace earlab::app
