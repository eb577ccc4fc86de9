import QtQuick
import QtQuick.Layouts
import EarLab

// "— Hidden change  — Your answer  units": the key above a reveal's picture.
RowLayout {
    id: root

    property string units: ""
    property string truthName: qsTr("Hidden change")
    property string answerName: qsTr("Your answer")
    property bool showAnswer: true
    property string referenceName: "" // a third entry when not empty (the reference's marker)

    spacing: Theme.spacingLarge

    Repeater {
        model: [
            { name: root.truthName, tint: Theme.hidden, shown: true },
            { name: root.answerName, tint: Theme.accent, shown: root.showAnswer },
            { name: root.referenceName, tint: Theme.flat, shown: root.referenceName !== "" }
        ]

        delegate: Row {
            required property var modelData

            visible: modelData.shown
            spacing: 6

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: 18
                height: 3
                color: parent.modelData.tint
            }

            Text {
                text: parent.modelData.name
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }
    }

    Text {
        text: root.units
        color: Theme.textFaint
        font.pixelSize: Theme.fontSmall
    }
}
