import QtQuick
import QtQuick.Layouts
import EarLab

// One figure of the Statistics page's top row: its name, the value large, a line under it.
Card {
    id: tile

    property string label
    property string value
    property string detail

    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    Layout.fillWidth: true
    Layout.preferredWidth: 1

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: 2

        PanelHeading {
            Layout.fillWidth: true
            text: tile.label
            elide: Text.ElideRight
        }

        Text {
            objectName: tile.objectName + "Value"
            Layout.fillWidth: true
            text: tile.value
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.weight: Font.DemiBold
            elide: Text.ElideRight
        }

        Text {
            Layout.fillWidth: true
            text: tile.detail
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }
}
