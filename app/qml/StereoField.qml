import QtQuick
import EarLab

// A left–right field with the answer's marker (and, in the reveal, the truth's, and where a
// discrimination question's A sat).
Rectangle {
    id: field

    property real minimum: -1
    property real maximum: 1
    property real answer: 0 // shown when a number
    property real truth: NaN // shown when a number
    property real reference: NaN // shown when a number
    property bool interactive: false

    signal picked(real value)

    function xOf(value) {
        return (value - minimum) / (maximum - minimum) * (width - 24) + 12;
    }

    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    Rectangle { // the centre line
        x: field.xOf((field.minimum + field.maximum) / 2)
        width: 1
        height: parent.height - 16
        anchors.verticalCenter: parent.verticalCenter
        color: Theme.borderStrong
    }

    Text {
        anchors.left: parent.left
        anchors.leftMargin: 10
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 6
        text: qsTr("L")
        color: Theme.textFaint
        font.pixelSize: Theme.fontSmall
    }

    Text {
        anchors.right: parent.right
        anchors.rightMargin: 10
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 6
        text: qsTr("R")
        color: Theme.textFaint
        font.pixelSize: Theme.fontSmall
    }

    Rectangle {
        objectName: "referenceMarker"
        visible: !isNaN(field.reference)
        x: field.xOf(isNaN(field.reference) ? 0 : field.reference) - width / 2
        anchors.verticalCenter: parent.verticalCenter
        width: 12
        height: 12
        radius: 6
        color: "transparent"
        border.color: Theme.flat
        border.width: 2
    }

    Rectangle {
        objectName: "truthMarker"
        visible: !isNaN(field.truth)
        x: field.xOf(isNaN(field.truth) ? 0 : field.truth) - width / 2
        anchors.verticalCenter: parent.verticalCenter
        width: 18
        height: 18
        radius: 9
        color: Theme.hidden
    }

    Rectangle {
        objectName: "answerMarker"
        visible: !isNaN(field.answer)
        x: field.xOf(isNaN(field.answer) ? 0 : field.answer) - width / 2
        anchors.verticalCenter: parent.verticalCenter
        width: 14
        height: 40
        radius: 4
        color: Theme.accent
    }

    MouseArea {
        anchors.fill: parent
        enabled: field.interactive
        cursorShape: Qt.PointingHandCursor
        function pick(x) {
            const f = Math.max(0, Math.min(1, (x - 12) / (field.width - 24)));
            field.picked(field.minimum + f * (field.maximum - field.minimum));
        }
        onPressed: mouse => pick(mouse.x)
        onPositionChanged: mouse => pick(mouse.x)
    }
}
