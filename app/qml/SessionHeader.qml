import QtQuick
import QtQuick.Layouts
import EarLab

// Exercise, level and "question k of N" above the question and the reveal.
RowLayout {
    id: header

    spacing: Theme.spacing

    ColumnLayout {
        Layout.fillWidth: true
        spacing: 2

        Text {
            text: qsTr("%1 · %2").arg(App.session.exerciseTitle).arg(App.session.difficultyText)
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            font.weight: Font.DemiBold
        }

        Text {
            Layout.fillWidth: true
            text: App.session.levelDescription
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }

    ColumnLayout {
        spacing: 6

        // Hearing care: the estimated level against the user's calibration (Settings).
        Text {
            objectName: "listeningLevel"
            Layout.alignment: Qt.AlignRight
            visible: text !== ""
            text: App.hearing.listeningLevelText
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }

        Text {
            objectName: "questionCounter"
            Layout.alignment: Qt.AlignRight
            text: qsTr("Question %1 of %2").arg(App.session.questionNumber).arg(App.session.questionCount)
            color: Theme.text
            font.pixelSize: Theme.fontBody
        }

        Row {
            Layout.alignment: Qt.AlignRight
            spacing: 3

            Repeater {
                model: App.session.questionCount

                delegate: Rectangle {
                    required property int index

                    width: 14
                    height: 4
                    radius: 2
                    color: index < App.session.answeredCount ? Theme.accent
                                                             : index < App.session.questionNumber ? Theme.textMuted : Theme.raised
                }
            }
        }
    }

    AppButton {
        text: qsTr("End")
        keyHint: "Esc"
        onClicked: App.goHome()
    }
}
