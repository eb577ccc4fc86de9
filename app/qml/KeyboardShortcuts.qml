import QtQuick
import EarLab

// Every keyboard shortcut of the app, in one place (HelpOverlay lists the same keys).
Item {
    id: root

    readonly property bool free: !App.helpVisible && !App.modalOpen && !App.confirmingEnd
    readonly property bool onExercise: App.page === App.ExercisePage && free
    readonly property bool onHome: App.page === App.HomePage && free
    readonly property bool inSession: App.page === App.ExercisePage
                                      && (App.session.phase === Session.Preparing
                                          || App.session.phase === Session.Question
                                          || App.session.phase === Session.Revealed)
    readonly property bool matching: asking && App.session.answerPanel === Session.EqMatchPanel
    // Home's cards sit in a grid: Up/Down move by its columns.
    property int homeColumns: 1
    readonly property bool asking: onExercise && App.session.phase === Session.Question
    readonly property bool listening: onExercise
                                      && (App.session.phase === Session.Question
                                          || App.session.phase === Session.Revealed)

    function numberKey(key) {
        App.session.pressKey(key);
    }

    // The listening view (ListeningView.qml) has keys of its own: Space, L, arrows, M, Enter.
    readonly property bool listeningView: App.page === App.LibraryPage && App.listening.active

    Shortcut {
        sequences: ["Space"]
        enabled: App.audio.hasScene && !App.helpVisible && !root.listeningView
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
        sequences: ["C"]
        enabled: root.listening && App.session.variants.length > 2
        onActivated: App.session.hear(2)
    }

    Shortcut {
        sequences: ["Tab"]
        enabled: root.listening
        onActivated: App.audio.toggleVariant()
    }

    Shortcut {
        sequences: ["L"]
        enabled: App.audio.hasScene && !App.helpVisible && !root.listeningView
        onActivated: App.audio.toggleLoop()
    }

    // Enter on the Library page opens the chosen file of the user's in the listening view.
    Shortcut {
        sequences: ["Return", "Enter"]
        enabled: App.page === App.LibraryPage && !App.listening.active && root.free
                 && App.library.selectedId.startsWith("file:")
        onActivated: App.listening.open(App.library.selectedId)
    }

    Shortcut {
        sequences: ["Return", "Enter"]
        enabled: App.confirmingEnd
        onActivated: App.endSession()
    }

    Shortcut {
        sequences: ["Return", "Enter"]
        enabled: root.onHome
        onActivated: App.startExercise(App.exercises.currentId)
    }

    Shortcut {
        sequences: ["Left"]
        enabled: root.onHome
        onActivated: App.exercises.moveCurrent(-1)
    }

    Shortcut {
        sequences: ["Right"]
        enabled: root.onHome
        onActivated: App.exercises.moveCurrent(1)
    }

    Shortcut {
        sequences: ["Up"]
        enabled: root.onHome
        onActivated: App.exercises.moveCurrent(-root.homeColumns)
    }

    Shortcut {
        sequences: ["Down"]
        enabled: root.onHome
        onActivated: App.exercises.moveCurrent(root.homeColumns)
    }

    Shortcut {
        sequences: ["M"]
        enabled: root.onHome
        onActivated: App.openStartOptions(App.exercises.currentId)
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
        enabled: root.matching
        onActivated: App.session.adjust("gain", 1)
    }

    Shortcut {
        sequences: ["Down", "-"]
        enabled: root.matching
        onActivated: App.session.adjust("gain", -1)
    }

    Shortcut {
        sequences: ["Up", "+", "="]
        enabled: root.asking && !root.matching && App.session.directionAsked
        onActivated: App.session.answerBoost = true
    }

    Shortcut {
        sequences: ["Down", "-"]
        enabled: root.asking && !root.matching && App.session.directionAsked
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
        // The listening view's Esc ends a section's loop, then closes the view (its own keys).
        enabled: !root.listeningView || App.helpVisible
        onActivated: {
            if (App.helpVisible)
                App.helpVisible = false;
            else if (App.modalOpen)
                return; // the popup closes itself
            else if (App.confirmingEnd)
                App.confirmingEnd = false; // go on with the session
            else if (root.inSession && App.session.answeredCount > 0)
                App.confirmingEnd = true;
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
        onActivated: App.page = App.ComparePage
    }

    Shortcut {
        sequences: ["Ctrl+4"]
        onActivated: App.page = App.StatisticsPage
    }

    Shortcut {
        sequences: ["Ctrl+5"]
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
