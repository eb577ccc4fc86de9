import QtQuick
import QtQuick.Layouts
import EarLab

// The EQ reveal: the hidden and the answered curve, dB over frequency.
ColumnLayout {
    id: root

    spacing: 6

    RowLayout {
        spacing: Theme.spacingLarge

        Row {
            spacing: 6

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: 18
                height: 3
                color: Theme.hidden
            }

            Text {
                text: qsTr("Hidden change")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }

        Row {
            spacing: 6

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: 18
                height: 3
                color: Theme.accent
            }

            Text {
                text: qsTr("Your answer")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }

        Text {
            text: qsTr("dB over frequency (Hz)")
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
        }
    }

    CurveItem {
        objectName: "curve"
        Layout.fillWidth: true
        Layout.fillHeight: true
        truePoints: App.session.trueCurve
        answerPoints: App.session.answerCurve
        markerHz: App.session.revealMarker
        rangeDb: 15
        trueColor: Theme.hidden
        answerColor: Theme.accent
        gridColor: Theme.border
        labelColor: Theme.textFaint
        backgroundColor: Theme.surface
    }
}
