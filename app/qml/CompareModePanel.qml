import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// After preparing: the mode (M cycles it), and either the sighted switch (1–8) or a blind
// run's settings — the pair, the trials fixed before it starts, practice — with the
// planner's sentence, then Start (Enter).
Card {
    id: panel

    readonly property var compare: App.compare
    readonly property bool blind: compare.mode !== CompareController.Sighted
    readonly property bool mushra: compare.mode === CompareController.Mushra
    readonly property var fileNames: compare.fileNames.map((name, i) => (i + 1) + " — " + name)

    implicitHeight: content.implicitHeight + 2 * Theme.spacingLarge

    ColumnLayout {
        id: content

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        RowLayout {
            spacing: Theme.spacingSmall

            PanelHeading {
                Layout.rightMargin: Theme.spacing
                text: qsTr("Mode")
            }

            Repeater {
                model: [{"mode": CompareController.Sighted, "text": qsTr("Sighted A/B")},
                        {"mode": CompareController.Abx, "text": qsTr("ABX")},
                        {"mode": CompareController.Preference, "text": qsTr("Blind preference")},
                        {"mode": CompareController.Mushra, "text": qsTr("MUSHRA ratings")}]

                delegate: AppButton {
                    required property var modelData

                    objectName: "compareMode" + modelData.mode
                    text: modelData.text
                    primary: panel.compare.mode === modelData.mode
                    onClicked: panel.compare.mode = modelData.mode
                }
            }

            KeyCap {
                Layout.leftMargin: Theme.spacingSmall
                text: "M"
            }
        }

        // Sighted: every item by its number, the difference, the loop region.
        SightedPanel {
            Layout.fillWidth: true
            visible: !panel.blind
        }

        // Blind: the pair, the trials, practice, the planner.
        GridLayout {
            Layout.fillWidth: true
            visible: panel.blind
            columns: 4
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing

            Text {
                text: qsTr("A")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                visible: panel.compare.items.count > 2 && !panel.mushra
            }

            ComboBox {
                objectName: "comparePairA"
                Layout.fillWidth: true
                visible: panel.compare.items.count > 2 && !panel.mushra
                model: panel.fileNames
                currentIndex: panel.compare.pairA
                focusPolicy: Qt.NoFocus
                onActivated: index => panel.compare.pairA = index
            }

            Text {
                text: qsTr("B")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                visible: panel.compare.items.count > 2 && !panel.mushra
            }

            ComboBox {
                objectName: "comparePairB"
                Layout.fillWidth: true
                visible: panel.compare.items.count > 2 && !panel.mushra
                model: panel.fileNames
                currentIndex: panel.compare.pairB
                focusPolicy: Qt.NoFocus
                onActivated: index => panel.compare.pairB = index
            }

            Text {
                text: qsTr("Trials")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                visible: !panel.mushra
            }

            SpinBox {
                objectName: "compareTrials"
                visible: !panel.mushra
                from: 1
                to: 100
                editable: true
                value: panel.compare.trials
                focusPolicy: Qt.NoFocus
                onValueModified: panel.compare.trials = value
            }

            Text {
                text: qsTr("Practice")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }

            Switch {
                objectName: "comparePractice"
                checked: panel.compare.practice
                focusPolicy: Qt.NoFocus
                text: checked ? (panel.mushra ? qsTr("On: each page's items are named after it is submitted; nothing is saved")
                                              : qsTr("On: the answer is shown after each trial; nothing is saved"))
                              : qsTr("Off: scored")
                onToggled: panel.compare.practice = checked
            }
        }

        // MUSHRA: its own settings (MushraSettings.qml).
        MushraSettings {
            objectName: "mushraSettings"
            Layout.fillWidth: true
            visible: panel.mushra
        }

        Text {
            objectName: "plannerText"
            Layout.fillWidth: true
            visible: panel.blind && !panel.mushra
            text: panel.compare.plannerText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        Text {
            Layout.fillWidth: true
            visible: panel.blind && !panel.mushra
            text: panel.compare.mode === CompareController.Abx
                  ? qsTr("A and B are known; X is one of them, chosen anew each trial. A, B, X play; Shift+A or Shift+B answers. No score is shown until the end.")
                  : qsTr("The two items hide behind 1 and 2, shuffled each trial. 1, 2 play; ← prefers 1, → prefers 2, N is no preference.")
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }

        AppButton {
            objectName: "compareStart"
            visible: panel.blind
            primary: true
            text: panel.compare.practice ? qsTr("Start practice")
                  : panel.mushra ? qsTr("Start %1 pages").arg(panel.compare.mushra.pages)
                  : qsTr("Start %1 trials").arg(panel.compare.trials)
            keyHint: "Enter"
            enabled: !panel.compare.retrimming // a run plays the trims as shown
            onClicked: panel.compare.startRun()
        }
    }
}
