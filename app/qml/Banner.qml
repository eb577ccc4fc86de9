import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The window's message across the top, with up to two actions. Never a dialog: the app
// stays usable underneath. Each item stands for one `kind` of App.banner and shows only
// while that kind is the one message of the window (banner_state.h), so no two can show.
Rectangle {
    id: banner

    required property int kind
    readonly property bool shown: App.banner.kind === kind
    readonly property color tone: App.banner.severity === BannerState.Danger ? Theme.danger : Theme.warning
    readonly property string title: App.banner.title
    readonly property string text: App.banner.text
    property string primaryText: ""
    property string secondaryText: ""

    signal primaryClicked
    signal secondaryClicked

    visible: shown
    implicitHeight: shown ? row.implicitHeight + 20 : 0
    color: Qt.rgba(tone.r, tone.g, tone.b, 0.12)

    Rectangle {
        width: 4
        height: parent.height
        color: banner.tone
    }

    Rectangle {
        width: parent.width
        height: 1
        anchors.bottom: parent.bottom
        color: Qt.rgba(banner.tone.r, banner.tone.g, banner.tone.b, 0.35)
    }

    RowLayout {
        id: row

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: Theme.pageMargin
        anchors.rightMargin: Theme.pageMargin
        spacing: Theme.spacing

        Text {
            objectName: "bannerText"
            Layout.fillWidth: true
            text: "<b>" + banner.title + "</b>&nbsp;&nbsp;" + banner.text
            textFormat: Text.StyledText
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        AppButton {
            objectName: "bannerSecondary"
            visible: banner.secondaryText !== ""
            text: banner.secondaryText
            onClicked: banner.secondaryClicked()
        }

        AppButton {
            objectName: "bannerPrimary"
            visible: banner.primaryText !== ""
            text: banner.primaryText
            primary: true
            tint: banner.tone
            onClicked: banner.primaryClicked()
        }
    }
}
