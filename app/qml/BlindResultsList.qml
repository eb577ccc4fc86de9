import QtQuick
import QtQuick.Layouts
import EarLab
import "StatisticsFormat.js" as Format

// The blind tests saved from the Compare page: when, which kind, k of n and the p-value
// (the chance of doing at least this well by guessing), newest first.
Card {
    id: card

    required property var results // summary.blind_tests, oldest first

    readonly property var newestFirst: (results || []).slice().reverse()

    implicitHeight: column.implicitHeight + 2 * Theme.spacing

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingSmall

        PanelHeading {
            text: qsTr("Blind tests")
        }

        Text {
            visible: card.newestFirst.length === 0
            Layout.fillWidth: true
            text: qsTr("None yet. An ABX or preference run on the Compare page shows here with its p-value.")
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }

        // A positioner around the Repeater: a Qt 6.4 layout holding Repeater delegates directly can
        // keep a destroyed one when the model changes and crash on its next pass (HomePage.qml).
        Column {
            Layout.fillWidth: true
            spacing: parent.spacing

            Repeater {
                model: card.newestFirst.slice(0, 6)

                RowLayout {
                    id: result

                    required property var modelData
                    required property int index
                    readonly property bool significant: modelData.p !== null && modelData.p < 0.05

                    objectName: "blindResult_" + index
                    width: parent ? parent.width : 0
                    spacing: Theme.spacing

                    Text {
                        Layout.preferredWidth: 64
                        text: Qt.formatDate(new Date(result.modelData.saved_at), "d MMM")
                        color: Theme.textFaint
                        font.pixelSize: Theme.fontSmall
                    }

                    Text {
                        Layout.preferredWidth: 86
                        text: result.modelData.mode === "abx" ? qsTr("ABX") : result.modelData.mode === "preference" ? qsTr("Preference") : qsTr("MUSHRA")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }

                    Text {
                        objectName: "blindScore_" + result.index
                        Layout.preferredWidth: 56
                        text: result.modelData.mode === "mushra" ? "" : result.modelData.k + " / " + result.modelData.n
                        color: Theme.text
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                    }

                    Text {
                        objectName: "blindP_" + result.index
                        Layout.fillWidth: true
                        text: Format.pValue(result.modelData.p) + (result.significant ? qsTr(" · heard") : "")
                        color: result.significant ? Theme.success : Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }
        }
    }
}
