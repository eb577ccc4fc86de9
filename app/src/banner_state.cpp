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
    case Break:
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
    case Break:
        return tr("Time for a break");
    case None:
        break;
    }
    return {};
}

QString BannerState::text() const
{
    switch (m_kind) {
    case SessionError:
        return m_inputs[SessionError];
    case WaitingForSpace:
        return tr("%1 Nothing is lost: EarLab keeps it and saves it by itself as soon as there is space again, "
                  "so free some space on that disk (and keep EarLab open until then).").arg(m_inputs[WaitingForSpace]);
    case NotSaved:
        return m_inputs[NotSaved];
    case Library:
        return m_inputs[Library];
    case Repaired:
        return m_inputs[Repaired];
    case NoAudio:
        return saving() ? tr("%1 Everything else works, and your answers are still saved.").arg(m_inputs[NoAudio])
                        : tr("%1 Everything else works.").arg(m_inputs[NoAudio]);
    case Break:
        return m_inputs[Break];
    case None:
        break;
    }
    return {};
}

void BannerState::set(Kind kind, const QString& sentence)
{
    m_inputs[kind] = sentence;
    // The Kind enum lists the kinds most urgent first.
    m_kind = None;
    for (int k = SessionError; k <= Break && m_kind == None; ++k)
        if (!m_inputs[k].isEmpty())
            m_kind = Kind(k);
    // Texts change without the kind changing (a new error): always tell the bindings.
    emit changed();
}

} // namespace earlab::app
