import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The left rail: the app's name, the pages, and the output's state at the bottom.
Rectangle {
    id: rail

    color: Theme.rail

    Rectangle {
        width: 1
        height: parent.height
        anchors.right: parent.right
        color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 14
        spacing: 4

        RowLayout {
            Layout.topMargin: 8
            Layout.leftMargin: 6
            Layout.bottomMargin: 22
            spacing: 10

            LogoMark {
            }

            ColumnLayout {
                spacing: 0

                Text {
                    text: qsTr("EarLab")
                    color: Theme.text
                    font.pixelSize: Theme.fontLarge
                    font.weight: Font.DemiBold
                }

                Text {
                    text: qsTr("ear training")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }
            }
        }

        NavButton {
            objectName: "navHome"
            Layout.fillWidth: true
            text: qsTr("Train")
            shortcutText: "Ctrl+1"
            current: App.page === App.HomePage || App.page === App.ExercisePage
            onClicked: App.goHome()
        }

        NavButton {
            objectName: "navLibrary"
            Layout.fillWidth: true
            text: qsTr("Library")
            shortcutText: "Ctrl+2"
            current: App.page === App.LibraryPage
            onClicked: App.page = App.LibraryPage
        }

        NavButton {
            objectName: "navCompare"
            Layout.fillWidth: true
            text: qsTr("Compare")
            shortcutText: "Ctrl+3"
            current: App.page === App.ComparePage
            onClicked: App.page = App.ComparePage
        }

        NavButton {
            objectName: "navStatistics"
            Layout.fillWidth: true
            text: qsTr("Statistics")
            shortcutText: "Ctrl+4"
            current: App.page === App.StatisticsPage
            onClicked: App.page = App.StatisticsPage
        }

        NavButton {
            objectName: "navSettings"
            Layout.fillWidth: true
            text: qsTr("Settings")
            shortcutText: "Ctrl+5"
            current: App.page === App.SettingsPage
            onClicked: App.page = App.SettingsPage
        }

        Item {
            Layout.fillHeight: true
        }

        NavButton {
            objectName: "navHelp"
            Layout.fillWidth: true
            text: qsTr("Shortcuts")
            shortcutText: "?"
            onClicked: App.toggleHelp()
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.topMargin: 8
            implicitHeight: status.implicitHeight + 20
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border

            ColumnLayout {
                id: status

                anchors.fill: parent
                anchors.margins: 10
                spacing: 4

                RowLayout {
                    spacing: 8

                    Rectangle {
                        width: 8
                        height: 8
                        radius: 4
                        color: App.audio.available ? (App.audio.playing ? Theme.success : Theme.textFaint) : Theme.warning
                    }

                    Text {
                        Layout.fillWidth: true
                        text: App.audio.available ? (App.audio.playing ? qsTr("Playing") : qsTr("Output ready"))
                                                  : qsTr("No output")
                        color: Theme.text
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                    }
                }

                Text {
                    Layout.fillWidth: true
                    text: App.audio.available ? App.audio.deviceName : qsTr("Silent mode")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                }
            }
        }
    }
}
