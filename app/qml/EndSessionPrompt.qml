import QtQuick
import QtQuick.Layouts
import EarLab

// Esc in a session asks first: end it (Enter, with the summary so far) or go on (Esc).
Rectangle {
    id: prompt

    objectName: "endSessionPrompt"
    visible: App.confirmingEnd
    color: Qt.rgba(0, 0, 0, 0.55)

    MouseArea { // the page underneath takes no clicks meanwhile
        anchors.fill: parent
    }

    Card {
        anchors.centerIn: parent
        width: Math.min(520, parent.width - 48)
        implicitHeight: column.implicitHeight + 2 * Theme.spacingLarge

        ColumnLayout {
            id: column

            anchors.fill: parent
            anchors.margins: Theme.spacingLarge
            spacing: Theme.spacing

            Text {
                text: qsTr("End this session?")
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
            }

            Text {
                Layout.fillWidth: true
                text: qsTr("You answered %1 of %2 questions; every answer is kept, and the summary shows them.")
                      .arg(App.session.answeredCount).arg(App.session.questionCount)
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing

                Item {
                    Layout.fillWidth: true
                }

                AppButton {
                    text: qsTr("Go on")
                    keyHint: "Esc"
                    onClicked: App.confirmingEnd = false
                }

                AppButton {
                    objectName: "endSessionButton"
                    text: qsTr("End, see the summary")
                    keyHint: "Enter"
                    primary: true
                    onClicked: App.endSession()
                }
            }
        }
    }
}
