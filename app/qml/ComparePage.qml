import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Compare your own files (issue 8): pick 2–8, prepare them (aligned, loudness-matched), then
// listen sighted, or run ABX or a blind preference test, and read the result with its log.
// Everything that could give a hidden item away stays in CompareController (C++).
Item {
    id: page

    readonly property var compare: App.compare
    readonly property bool keysFree: App.page === App.ComparePage && !App.helpVisible && !App.modalOpen
    readonly property bool running: compare.phase === CompareController.Running
    readonly property bool ready: compare.phase === CompareController.Ready
    readonly property bool showingResult: compare.phase === CompareController.Result
    readonly property bool rating: running && compare.runMode === CompareController.Mushra

    DropArea {
        objectName: "compareDrop"
        anchors.fill: parent
        onDropped: event => {
            if (event.hasUrls) {
                page.compare.addUrls(event.urls);
                event.acceptProposedAction();
            }
        }
    }

    // ABX: A, B, X play; Shift+A, Shift+B answer. Preference: 1, 2 play; ←, N, → answer.
    Shortcut {
        sequences: ["A"]
        enabled: page.keysFree && page.running && page.compare.runMode === CompareController.Abx
        onActivated: page.compare.listen("A")
    }

    Shortcut {
        sequences: ["B"]
        enabled: page.keysFree && page.running && page.compare.runMode === CompareController.Abx
        onActivated: page.compare.listen("B")
    }

    Shortcut {
        sequences: ["X"]
        enabled: page.keysFree && page.running && page.compare.runMode === CompareController.Abx
        onActivated: page.compare.listen("X")
    }

    Shortcut {
        sequences: ["Shift+A"]
        enabled: page.keysFree && page.running && page.compare.runMode === CompareController.Abx
        onActivated: page.compare.answer("A")
    }

    Shortcut {
        sequences: ["Shift+B"]
        enabled: page.keysFree && page.running && page.compare.runMode === CompareController.Abx
        onActivated: page.compare.answer("B")
    }

    Shortcut {
        sequences: ["Left"]
        enabled: page.keysFree && page.running && page.compare.runMode === CompareController.Preference
        onActivated: page.compare.answer("1")
    }

    Shortcut {
        sequences: ["Right"]
        enabled: page.keysFree && page.running && page.compare.runMode === CompareController.Preference
        onActivated: page.compare.answer("2")
    }

    Shortcut {
        sequences: ["N"]
        enabled: page.keysFree && page.running && page.compare.runMode === CompareController.Preference
        onActivated: page.compare.answer("none")
    }

    Shortcut {
        sequences: ["M"]
        enabled: page.keysFree && page.ready
        onActivated: page.compare.mode = (page.compare.mode + 1) % 4
    }

    Shortcut {
        sequences: ["D"]
        enabled: page.keysFree && (page.ready || page.showingResult) && page.compare.mode === CompareController.Sighted
        onActivated: page.compare.pressDifference()
    }

    Shortcut {
        sequences: ["P"]
        enabled: page.keysFree && page.compare.canPrepare && !page.running
        onActivated: page.compare.prepare()
    }

    Shortcut {
        sequences: ["Return", "Enter"]
        enabled: page.keysFree && (page.ready || page.showingResult || page.rating)
        onActivated: {
            if (page.rating)
                page.compare.mushra.submit();
            else if (page.showingResult)
                page.compare.closeResult();
            else
                page.compare.startRun();
        }
    }

    // MUSHRA: R plays the open reference; 9 and 0 the ninth and tenth positions.
    Shortcut {
        sequences: ["R"]
        enabled: page.keysFree && page.rating
        onActivated: page.compare.mushra.listenReference()
    }

    Shortcut {
        sequences: ["9"]
        enabled: page.keysFree && page.rating
        onActivated: page.compare.mushra.listen(8)
    }

    Shortcut {
        sequences: ["0"]
        enabled: page.keysFree && page.rating
        onActivated: page.compare.mushra.listen(9)
    }

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8"]

        delegate: Item {
            id: numberKey

            required property string modelData

            Shortcut {
                sequences: [numberKey.modelData]
                enabled: page.keysFree && (page.running || page.ready || page.showingResult)
                onActivated: page.compare.pressNumber(Number(numberKey.modelData))
            }
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.pageMargin
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column

            x: Theme.pageMargin
            y: Theme.pageMargin
            width: Math.min(parent.width - 2 * Theme.pageMargin, 1100)
            spacing: Theme.spacingLarge

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing

                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 4

                    Text {
                        text: qsTr("Compare")
                        color: Theme.text
                        font.pixelSize: Theme.fontHero
                        font.weight: Font.DemiBold
                    }

                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Your own mixes, masters or encodes side by side: aligned to the first file, loudness-matched, switched on one playhead. Listen sighted, or test yourself blind.")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                }

                AppButton {
                    objectName: "compareAddFiles"
                    text: qsTr("Add files…")
                    enabled: !page.running && page.compare.phase !== CompareController.Preparing
                    onClicked: page.compare.addFilesWithDialog()
                }

                AppButton {
                    objectName: "comparePrepare"
                    text: qsTr("Prepare")
                    keyHint: "P"
                    primary: page.compare.phase === CompareController.Picking
                    enabled: page.compare.canPrepare
                    onClicked: page.compare.prepare()
                }
            }

            // A file that cannot be compared: named, with the cause (the AudioError's message).
            Rectangle {
                objectName: "compareError"
                Layout.fillWidth: true
                visible: page.compare.error !== ""
                implicitHeight: errorText.implicitHeight + 20
                radius: Theme.radius
                color: Qt.rgba(Theme.danger.r, Theme.danger.g, Theme.danger.b, 0.12)
                border.color: Qt.rgba(Theme.danger.r, Theme.danger.g, Theme.danger.b, 0.4)

                Text {
                    id: errorText

                    objectName: "compareErrorText"
                    anchors.fill: parent
                    anchors.margins: 10
                    text: page.compare.error
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
            }

            // A MUSHRA page and its result need the height of the window; both name what they
            // rate themselves (the reference as file 1, the result every stimulus).
            CompareItemsTable {
                objectName: "compareItems"
                Layout.fillWidth: true
                visible: !page.rating && !(page.showingResult && page.compare.result.mode === "mushra")
            }

            CompareModePanel {
                objectName: "compareMode"
                Layout.fillWidth: true
                visible: page.ready
            }

            BlindRunPanel {
                objectName: "blindRun"
                Layout.fillWidth: true
                visible: page.running && !page.rating
            }

            MushraPanel {
                objectName: "mushraPanel"
                Layout.fillWidth: true
                visible: page.rating
            }

            BlindResultView {
                objectName: "blindResult"
                Layout.fillWidth: true
                visible: page.showingResult
            }
        }
    }
}
