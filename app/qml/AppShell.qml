import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Everything inside the window: navigation, banners, the current page and the help overlay.
// Tests instantiate this directly.
Item {
    id: shell

    readonly property int pageIndex: {
        switch (App.page) {
        case App.HomePage:
            return 0;
        case App.ExercisePage:
            if (App.session.phase === Session.Revealed)
                return 2;
            return App.session.phase === Session.Finished ? 3 : 1;
        case App.LibraryPage:
            return 4;
        default:
            return 5;
        }
    }

    objectName: "appShell"

    KeyboardShortcuts {
        id: shortcuts
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        NavRail {
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.railWidth
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            Banner {
                objectName: "noDeviceBanner"
                Layout.fillWidth: true
                shown: !App.audio.available
                tone: Theme.warning
                title: qsTr("No audio output")
                text: qsTr("%1 Everything else works, and your answers are still saved.").arg(App.audio.statusMessage)
                primaryText: qsTr("Retry")
                secondaryText: qsTr("Choose device…")
                onPrimaryClicked: App.audio.retry()
                onSecondaryClicked: App.page = App.SettingsPage
            }

            Banner {
                objectName: "recoveryBanner"
                Layout.fillWidth: true
                shown: App.recoveryMessage !== ""
                tone: Theme.warning
                title: qsTr("Progress database repaired")
                text: App.recoveryMessage
                primaryText: qsTr("Dismiss")
                onPrimaryClicked: App.dismissRecovery()
            }

            Banner {
                objectName: "storeBanner"
                Layout.fillWidth: true
                shown: App.storeProblem !== ""
                tone: Theme.danger
                title: qsTr("Progress cannot be saved")
                text: App.storeProblem
            }

            Banner {
                objectName: "sessionErrorBanner"
                Layout.fillWidth: true
                shown: App.session.errorMessage !== ""
                tone: Theme.danger
                title: qsTr("Problem")
                text: App.session.errorMessage
                primaryText: qsTr("Dismiss")
                onPrimaryClicked: App.session.clearError()
            }

            StackLayout {
                id: pages

                objectName: "pages"
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: shell.pageIndex

                HomePage {
                    objectName: "homePage"
                }

                ExercisePage {
                    objectName: "exercisePage"
                }

                RevealPage {
                    objectName: "revealPage"
                }

                SummaryPage {
                    objectName: "summaryPage"
                }

                LibraryPage {
                    objectName: "libraryPage"
                }

                SettingsPage {
                    objectName: "settingsPage"
                }
            }
        }
    }

    // Audio files or folders dropped anywhere on the window go to the library.
    DropArea {
        objectName: "windowDrop"
        anchors.fill: parent
        z: -1 // pages with their own DropArea (Library) take the drop first
        onDropped: drop => {
            if (!drop.hasUrls)
                return;
            App.library.addUrls(drop.urls);
            App.page = App.LibraryPage;
            drop.acceptProposedAction();
        }
    }

    HelpOverlay {
        objectName: "helpOverlay"
        anchors.fill: parent
        visible: App.helpVisible
    }
}
