import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Play/stop, loop, the playhead across the loop and the output meter.
Card {
    id: bar

    implicitHeight: 56

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacingLarge
        spacing: Theme.spacing

        AppButton {
            objectName: "playButton"
            Layout.preferredWidth: 150
            text: App.audio.playing ? qsTr("■  Stop") : qsTr("▶  Play")
            keyHint: "Space"
            primary: true
            enabled: App.audio.hasScene
            onClicked: App.audio.togglePlay()
        }

        AppButton {
            objectName: "loopButton"
            text: App.audio.looping ? qsTr("Loop on") : qsTr("Loop off")
            keyHint: "L"
            tint: Theme.accent
            onClicked: App.audio.toggleLoop()
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4

            Rectangle {
                Layout.fillWidth: true
                implicitHeight: 6
                radius: 3
                color: Theme.raised

                Rectangle {
                    width: parent.width * App.audio.position
                    height: parent.height
                    radius: 3
                    color: App.audio.playing ? Theme.accent : Theme.textFaint
                }
            }

            Text {
                text: App.session.loopText !== ""
                      ? qsTr("%1 · %2").arg(App.session.materialHeading).arg(App.session.loopText)
                      : qsTr("%1 · %2 s loop").arg(App.session.materialHeading).arg(App.audio.lengthSeconds.toFixed(0))
                color: Theme.textFaint
                font.pixelSize: Theme.fontSmall
            }
        }

        // Output peak meter, −48 to 0 dBFS.
        Rectangle {
            implicitWidth: 90
            implicitHeight: 6
            radius: 3
            color: Theme.raised

            Rectangle {
                width: parent.width * Math.max(0, Math.min(1, (App.audio.peakDb + 48) / 48))
                height: parent.height
                radius: 3
                color: App.audio.peakDb > -3 ? Theme.warning : Theme.success
            }
        }
    }
}
