#include "app/src/banner_state.h"

namespace earlab::app {

BannerState::BannerState(QObject* parent) : QObject(parent) {}

BannerState::Severity BannerState::severity() const
{
    switch (m_kind) {
    case SessionError:
    case WaitingForSpace:
    case NotSaved:
    case Library:
        return Danger;
    case Repaired:
    case NoAudio:
        return Warning;
    case None:
        break;
    }
    return Quiet;
}

QString BannerState::title() const
{
    switch (m_kind) {
    case SessionError:
        return tr("Problem");
    case WaitingForSpace:
        return tr("Not saved yet");
    case NotSaved:
        return tr("Progress is not saved");
    case Library:
        return tr("Library");
    case Repaired:
        return tr("Progress database repaired");
    case NoAudio:
        return tr("No audio output");
    case None:
        break;
    }
    return {};
}

QString BannerState::text() const
{
    switch (m_kind) {
    case SessionError:
        return m_sessionError;
    case WaitingForSpace:
        return tr("%1 Nothing is lost: EarLab keeps it and saves it by itself as soon as there is space again, "
                  "so free some space on that disk (and keep EarLab open until then).").arg(m_waiting);
    case NotSaved:
        return m_notSaved;
    case Library:
        return m_library;
    case Repaired:
        return m_repaired;
    case NoAudio:
        return saving() ? tr("%1 Everything else works, and your answers are still saved.").arg(m_audio)
                        : tr("%1 Everything else works.").arg(m_audio);
    case None:
        break;
    }
    return {};
}

void BannerState::setNotSaved(const QString& sentence)
{
    m_notSaved = sentence;
    update();
}

void BannerState::setWaitingForSpace(const QString& storeMessage)
{
    m_waiting = storeMessage;
    update();
}

void BannerState::setLibraryProblem(const QString& sentence)
{
    m_library = sentence;
    update();
}

void BannerState::setRepaired(const QString& sentence)
{
    m_repaired = sentence;
    update();
}

void BannerState::setSessionError(const QString& sentence)
{
    m_sessionError = sentence;
    update();
}

void BannerState::setAudioProblem(const QString& sentence)
{
    m_audio = sentence;
    update();
}

void BannerState::update()
{
    const Kind kind = !m_sessionError.isEmpty() ? SessionError
        : !m_waiting.isEmpty()                  ? WaitingForSpace
        : !m_notSaved.isEmpty()                 ? NotSaved
        : !m_library.isEmpty()                  ? Library
        : !m_repaired.isEmpty()                 ? Repaired
        : !m_audio.isEmpty()                    ? NoAudio
                                                : None;
    // Texts change without the kind changing (a new error): always tell the bindings.
    m_kind = kind;
    emit changed();
}

} // namespace earlab::app
