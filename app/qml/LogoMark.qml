import QtQuick
import EarLab

// The app's mark (the installed icon is resources/earlab.svg): a boosted band over EQ bars.
Rectangle {
    id: mark

    implicitWidth: 30
    implicitHeight: 30
    radius: 7
    color: Theme.surface
    border.color: Theme.borderStrong

    Row {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 6
        spacing: 2

        Repeater {
            model: [6, 10, 17, 9, 5]

            delegate: Rectangle {
                required property int modelData
                required property int index

                width: 3
                height: modelData
                radius: 1
                color: index === 2 ? Theme.hidden : Theme.text
            }
        }
    }
}
