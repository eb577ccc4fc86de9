import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Settings' "Your data": the history out to a file and back (App.dataTransfer,
// data_transfer.h; docs/data_transfer.md). The work runs on the database writer's thread; the
// line under the buttons says what it did, or the error naming the file and the row.
ColumnLayout {
    id: section

    readonly property var transfer: App.dataTransfer

    spacing: Theme.spacingLarge

    Text {
        text: qsTr("YOUR DATA")
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        font.weight: Font.DemiBold
        font.letterSpacing: 1
    }

    Card {
        Layout.fillWidth: true
        implicitHeight: rows.implicitHeight + 2 * Theme.spacingLarge

        ColumnLayout {
            id: rows

            anchors.fill: parent
            anchors.margins: Theme.spacingLarge
            spacing: Theme.spacingLarge

            SettingRow {
                Layout.fillWidth: true
                title: qsTr("Answers")
                explanation: qsTr("Every answer as JSON, with your levels and resets: a backup that restores everything (the default), or as CSV, the answers only, for spreadsheets. Importing merges: answers already here are skipped, and a file with any bad row imports nothing.")

                RowLayout {
                    width: parent.width
                    spacing: Theme.spacingSmall

                    AppButton {
                        objectName: "exportAnswers"
                        text: qsTr("Export answers…")
                        enabled: !section.transfer.busy
                        onClicked: section.transfer.chooseExport("answers")
                    }

                    AppButton {
                        objectName: "importAnswers"
                        text: qsTr("Import…")
                        enabled: !section.transfer.busy
                        onClicked: section.transfer.chooseImport("answers")
                    }
                }
            }

            SettingRow {
                Layout.fillWidth: true
                title: qsTr("Blind-test logs")
                explanation: qsTr("Every saved log as JSON, each still checkable with earlab-cli verify-log. A log that does not verify is not imported.")

                RowLayout {
                    width: parent.width
                    spacing: Theme.spacingSmall

                    AppButton {
                        objectName: "exportBlindLogs"
                        text: qsTr("Export blind logs…")
                        enabled: !section.transfer.busy
                        onClicked: section.transfer.chooseExport("blind-logs")
                    }

                    AppButton {
                        objectName: "importBlindLogs"
                        text: qsTr("Import…")
                        enabled: !section.transfer.busy
                        onClicked: section.transfer.chooseImport("blind-logs")
                    }
                }
            }

            Text {
                objectName: "transferMessage"
                Layout.fillWidth: true
                visible: text !== ""
                text: section.transfer.message
                color: section.transfer.failed ? Theme.danger : Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
            }
        }
    }
}
