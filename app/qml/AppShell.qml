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
        case App.ComparePage:
            return 6;
        case App.StatisticsPage:
            return 7;
        default:
            return 5;
        }
    }

    objectName: "appShell"

    KeyboardShortcuts {
        id: shortcuts

        homeColumns: home.columns
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

            // One message at a time, chosen by App.banner (banner_state.h); each kind keeps
            // its own item for its actions.
            Banner {
                objectName: "noDeviceBanner"
                Layout.fillWidth: true
                kind: BannerState.NoAudio
                primaryText: qsTr("Retry")
                secondaryText: qsTr("Choose device…")
                onPrimaryClicked: App.audio.retry()
                onSecondaryClicked: App.page = App.SettingsPage
            }

            Banner {
                objectName: "recoveryBanner"
                Layout.fillWidth: true
                kind: BannerState.Repaired
                primaryText: qsTr("Dismiss")
                onPrimaryClicked: App.dismissRecovery()
            }

            // A library change that could not be saved, or a region that cannot be pinned.
            Banner {
                objectName: "libraryBanner"
                Layout.fillWidth: true
                kind: BannerState.Library
                primaryText: qsTr("Dismiss")
                onPrimaryClicked: App.library.clearProblem()
            }

            Banner {
                objectName: "storeBanner"
                Layout.fillWidth: true
                kind: BannerState.NotSaved
            }

            Banner {
                objectName: "spaceBanner"
                Layout.fillWidth: true
                kind: BannerState.WaitingForSpace
            }

            Banner {
                objectName: "breakBanner"
                Layout.fillWidth: true
                kind: BannerState.Break
                primaryText: qsTr("I took a break")
                secondaryText: qsTr("Dismiss")
                onPrimaryClicked: App.hearing.tookBreak()
                onSecondaryClicked: App.hearing.tookBreak()
            }

            Banner {
                objectName: "sessionErrorBanner"
                Layout.fillWidth: true
                kind: BannerState.SessionError
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
                    id: home

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

                ComparePage {
                    objectName: "comparePage"
                }

                StatisticsPage {
                    objectName: "statisticsPage"
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

    EndSessionPrompt {
        anchors.fill: parent
    }

    HelpOverlay {
        objectName: "helpOverlay"
        anchors.fill: parent
        visible: App.helpVisible
    }
}
