import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Built-in material and the user's files: add by dialog or drop, watch the scan, choose.
Item {
    id: page

    DropArea {
        id: drop

        anchors.fill: parent
        onDropped: event => {
            if (event.hasUrls) {
                App.library.addUrls(event.urls);
                event.acceptProposedAction();
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacingLarge

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 4

                Text {
                    text: qsTr("Library")
                    color: Theme.text
                    font.pixelSize: Theme.fontHero
                    font.weight: Font.DemiBold
                }

                Text {
                    Layout.fillWidth: true
                    text: qsTr("Choose what the music levels play. Add your own files or folders, or drop them on this page. Each question loops 15 s of it.")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
            }

            AppButton {
                objectName: "addFiles"
                text: qsTr("Add files…")
                onClicked: App.library.addFilesWithDialog()
            }

            AppButton {
                objectName: "addFolder"
                text: qsTr("Add folder…")
                onClicked: App.library.addFolderWithDialog()
            }
        }

        Card {
            objectName: "scanProgress"
            Layout.fillWidth: true
            visible: App.library.scanning
            implicitHeight: 56

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: 6

                Text {
                    text: App.library.scanText
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                }

                ProgressBar {
                    Layout.fillWidth: true
                    from: 0
                    to: 1
                    value: App.library.scanProgress
                }
            }
        }

        Text {
            visible: App.library.brokenCount > 0
            text: qsTr("%n file(s) cannot be used; the reason is under each.", "", App.library.brokenCount)
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
        }

        ListView {
            id: list

            objectName: "materialList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 6
            model: App.library
            boundsBehavior: Flickable.StopAtBounds
            section.property: "kind"
            section.delegate: Text {
                required property string section

                topPadding: 10
                bottomPadding: 6
                text: section === "file" ? qsTr("YOUR FILES") : qsTr("BUILT IN")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                font.letterSpacing: 1
            }

            delegate: MaterialRow {
                width: list.width
            }

            footer: Rectangle {
                width: list.width
                height: App.library.userCount === 0 ? 120 : 70
                color: "transparent"

                Rectangle {
                    anchors.fill: parent
                    anchors.topMargin: 14
                    radius: Theme.radiusLarge
                    color: drop.containsDrag ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.10) : "transparent"
                    border.color: drop.containsDrag ? Theme.accent : Theme.borderStrong
                    border.width: 1

                    Text {
                        anchors.centerIn: parent
                        width: parent.width - 40
                        horizontalAlignment: Text.AlignHCenter
                        text: App.library.userCount === 0
                              ? qsTr("No files of your own yet. Drop audio files or folders here\n(WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3).")
                              : qsTr("Drop more files or folders here.")
                        color: Theme.textFaint
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
    }
}
