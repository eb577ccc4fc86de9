import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// One blind run, trial by trial: what plays (the listener's own choice, never what is
// behind it), the answers, "Trial 3 of 16". No running score: peeking inflates false
// positives. In practice the truth of the last trial is shown.
Card {
    id: panel

    readonly property var compare: App.compare
    readonly property bool abx: compare.runMode === CompareController.Abx

    implicitHeight: content.implicitHeight + 2 * Theme.spacingLarge

    ColumnLayout {
        id: content

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacingLarge

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2

                PanelHeading {
                    text: (panel.abx ? qsTr("ABX") : qsTr("Blind preference"))
                          + (panel.compare.runPractice ? qsTr(" · practice") : "")
                }

                Text {
                    objectName: "trialText"
                    text: qsTr("Trial %1 of %2").arg(panel.compare.trial).arg(panel.compare.plannedTrials)
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                }
            }

            AppButton {
                objectName: "blindPlay"
                text: App.audio.playing ? qsTr("Stop") : qsTr("Play")
                keyHint: "Space"
                onClicked: App.audio.togglePlay()
            }

            AppButton {
                objectName: "blindStop"
                text: qsTr("End run")
                onClicked: panel.compare.stopRun()
            }
        }

        Text {
            Layout.fillWidth: true
            text: panel.abx ? qsTr("A is %1, B is %2. Listen to A, B and X as often as you like, then say what X is. Each trial starts silent: press A, B or X to listen.")
                              .arg(panel.compare.runFiles[0] || "").arg(panel.compare.runFiles[1] || "")
                            : qsTr("%1 and %2 hide behind 1 and 2, shuffled each trial. Listen to both, then say which you prefer. Each trial starts silent: press 1 or 2 to listen.")
                              .arg(panel.compare.runFiles[0] || "").arg(panel.compare.runFiles[1] || "")
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        PanelHeading {
            text: qsTr("Listen")
        }

        RowLayout {
            spacing: Theme.spacing

            Repeater {
                model: panel.compare.listenChoices

                delegate: Rectangle {
                    id: choice

                    required property string modelData
                    readonly property bool current: panel.compare.listening === modelData

                    objectName: "listen" + modelData
                    implicitWidth: 96
                    implicitHeight: 72
                    radius: Theme.radiusLarge
                    color: current ? Theme.accent : (mouse.containsMouse ? Theme.hover : Theme.raised)
                    border.color: current ? Theme.accentStrong : Theme.borderStrong

                    Text {
                        anchors.centerIn: parent
                        anchors.verticalCenterOffset: -6
                        text: choice.modelData
                        color: choice.current ? Theme.textOnAccent : Theme.text
                        font.pixelSize: Theme.fontHero
                        font.weight: Font.DemiBold
                    }

                    KeyCap {
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.bottom: parent.bottom
                        anchors.bottomMargin: 6
                        text: choice.modelData
                        dark: choice.current
                    }

                    MouseArea {
                        id: mouse

                        anchors.fill: parent
                        hoverEnabled: true
                        onClicked: panel.compare.listen(choice.modelData)
                    }
                }
            }
        }

        PanelHeading {
            text: qsTr("Answer")
        }

        RowLayout {
            spacing: Theme.spacing

            Repeater {
                model: panel.compare.answerOptions

                delegate: AppButton {
                    required property var modelData

                    objectName: "answer_" + modelData.id
                    text: modelData.text
                    keyHint: modelData.key
                    primary: modelData.id !== "none"
                    onClicked: panel.compare.answer(modelData.id)
                }
            }
        }

        Text {
            objectName: "practiceFeedback"
            Layout.fillWidth: true
            visible: panel.compare.runPractice && text !== ""
            text: panel.compare.feedback
            color: Theme.flat
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
    }
}
