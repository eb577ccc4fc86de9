import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Built-in material and the user's files: add by dialog or drop (here or anywhere in the
// window), watch the scan, choose, pin a loop, open a file in the listening view.
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
        visible: !App.listening.active

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
                    text: qsTr("Choose what the music levels play. Add your own files or folders, or drop them on the window. Each question loops 15 s of it: the densest part, or a region you pin.")
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

            // One multitrack for the stem balance exercise: the folder's files of one length.
            AppButton {
                objectName: "addStemFolder"
                text: qsTr("Add a folder of stems…")
                onClicked: App.library.addStemFolderWithDialog()
            }

            AppButton {
                objectName: "rescan"
                visible: App.library.userCount > 0
                enabled: !App.library.scanning
                text: qsTr("Rescan")
                onClicked: App.library.rescan()
            }
        }

        // The library's problems are said by the window's one banner (AppShell, kind Library).

        TrainingMusicBar {
            Layout.fillWidth: true
        }

        Card {
            objectName: "scanProgress"
            Layout.fillWidth: true
            visible: App.library.scanning
            implicitHeight: scanColumn.implicitHeight + 2 * Theme.spacing

            ColumnLayout {
                id: scanColumn

                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: 6

                RowLayout {
                    Layout.fillWidth: true

                    Text {
                        objectName: "scanText"
                        Layout.fillWidth: true
                        text: App.library.scanText
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideMiddle
                    }

                    Text {
                        text: qsTr("%1%").arg(Math.round(100 * App.library.scanProgress))
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        font.family: Theme.monoFamily
                    }

                    AppButton {
                        objectName: "cancelScan"
                        text: qsTr("Cancel")
                        onClicked: App.library.cancelScan()
                    }
                }

                ProgressBar {
                    id: bar

                    objectName: "scanBar"
                    Layout.fillWidth: true
                    from: 0
                    to: 1
                    value: App.library.scanProgress
                    background: Rectangle {
                        implicitHeight: 6
                        radius: 3
                        color: Theme.background
                    }
                    contentItem: Item {
                        implicitHeight: 6

                        Rectangle {
                            width: bar.visualPosition * parent.width
                            height: parent.height
                            radius: 3
                            color: Theme.accent
                        }
                    }
                }

                Text {
                    text: qsTr("Measuring duration, loudness (BS.1770), octave spectrum and the densest 15 s. Broken files are listed with the reason.")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
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

    // The listening view (App.listening) covers the page while a track is open in it.
    ListeningView {
        anchors.fill: parent
        visible: App.listening.active
    }
}
