import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Shown while the next question is decoded, measured and loudness-matched off the UI thread.
Item {
    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.pageMargin, 420)
        spacing: Theme.spacing

        Text {
            Layout.fillWidth: true
            text: App.session.preparingText
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            horizontalAlignment: Text.AlignHCenter
        }

        ProgressBar {
            objectName: "preparingProgress"
            Layout.fillWidth: true
            from: 0
            to: 1
            value: App.session.preparingProgress
        }
    }
}
