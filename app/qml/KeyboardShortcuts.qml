import QtQuick
import EarLab

// Every keyboard shortcut of the app, in one place (HelpOverlay lists the same keys).
Item {
    id: root

    readonly property bool onExercise: App.page === App.ExercisePage && !App.helpVisible
    readonly property bool asking: onExercise && App.session.phase === Session.Question
    readonly property bool listening: onExercise
                                      && (App.session.phase === Session.Question
                                          || App.session.phase === Session.Revealed)

    function numberKey(key) {
        App.session.pressKey(key);
    }

    Shortcut {
        sequences: ["Space"]
        enabled: App.audio.hasScene && !App.helpVisible
        onActivated: App.audio.togglePlay()
    }

    Shortcut {
        sequences: ["A"]
        enabled: root.listening
        onActivated: App.session.hear(0)
    }

    Shortcut {
        sequences: ["B"]
        enabled: root.listening
        onActivated: App.session.hear(1)
    }

    Shortcut {
        sequences: ["Tab"]
        enabled: root.listening
        onActivated: App.audio.toggleVariant()
    }

    Shortcut {
        sequences: ["L"]
        enabled: App.audio.hasScene && !App.helpVisible
        onActivated: App.audio.toggleLoop()
    }

    Shortcut {
        sequences: ["Return", "Enter"]
        enabled: root.onExercise
        onActivated: {
            if (App.session.phase === Session.Finished)
                App.startExercise(App.session.exerciseId);
            else
                App.session.advance();
        }
    }

    Shortcut {
        sequences: ["Left"]
        enabled: root.asking
        onActivated: App.session.moveSelection(-1)
    }

    Shortcut {
        sequences: ["Right"]
        enabled: root.asking
        onActivated: App.session.moveSelection(1)
    }

    Shortcut {
        sequences: ["[", "PgUp"]
        enabled: root.asking
        onActivated: App.session.moveKeyGroup(-1)
    }

    Shortcut {
        sequences: ["]", "PgDown"]
        enabled: root.asking
        onActivated: App.session.moveKeyGroup(1)
    }

    Shortcut {
        sequences: ["Up", "+", "="]
        enabled: root.asking && App.session.directionAsked
        onActivated: App.session.answerBoost = true
    }

    Shortcut {
        sequences: ["Down", "-"]
        enabled: root.asking && App.session.directionAsked
        onActivated: App.session.answerBoost = false
    }

    Shortcut {
        sequences: ["F"]
        enabled: root.asking
        onActivated: root.numberKey("F")
    }

    Shortcut {
        sequences: ["?", "F1"]
        onActivated: App.toggleHelp()
    }

    Shortcut {
        sequences: ["Escape"]
        onActivated: {
            if (App.helpVisible)
                App.helpVisible = false;
            else if (App.page !== App.HomePage)
                App.goHome();
        }
    }

    Shortcut {
        sequences: ["Ctrl+1"]
        onActivated: App.goHome()
    }

    Shortcut {
        sequences: ["Ctrl+2"]
        onActivated: App.page = App.LibraryPage
    }

    Shortcut {
        sequences: ["Ctrl+3"]
        onActivated: App.page = App.SettingsPage
    }

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]

        delegate: Item {
            id: numberShortcut

            required property string modelData

            Shortcut {
                sequences: [numberShortcut.modelData]
                enabled: root.listening
                onActivated: root.numberKey(numberShortcut.modelData)
            }
        }
    }
}
