import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// MUSHRA-style rating's settings (ITU-R BS.1534-3), fixed before the run: pages, the open
// and hidden reference (file 1), the low-pass anchors of the reference, and whether every item
// must be played before a page can be submitted.
GridLayout {
    id: settings

    readonly property var mushra: App.compare.mushra

    columns: 4
    columnSpacing: Theme.spacing
    rowSpacing: Theme.spacingSmall

    Text {
        text: qsTr("Pages")
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
    }

    SpinBox {
        objectName: "mushraPages"
        from: 1
        to: 20
        editable: true
        value: settings.mushra.pages
        focusPolicy: Qt.NoFocus
        onValueModified: settings.mushra.pages = value
    }

    Switch {
        objectName: "mushraRequirePlayed"
        Layout.columnSpan: 2
        checked: settings.mushra.requireAllPlayed
        focusPolicy: Qt.NoFocus
        text: qsTr("Play every item before rating")
        onToggled: settings.mushra.requireAllPlayed = checked
    }

    Switch {
        objectName: "mushraOpenReference"
        Layout.columnSpan: 2
        checked: settings.mushra.openReference
        focusPolicy: Qt.NoFocus
        text: qsTr("File 1 is the open reference (R)")
        onToggled: settings.mushra.openReference = checked
    }

    Switch {
        objectName: "mushraHiddenReference"
        Layout.columnSpan: 2
        enabled: settings.mushra.openReference
        checked: settings.mushra.hiddenReference
        focusPolicy: Qt.NoFocus
        text: qsTr("Hidden reference")
        onToggled: settings.mushra.hiddenReference = checked
    }

    Switch {
        objectName: "mushraLowAnchor"
        Layout.columnSpan: 2
        enabled: settings.mushra.openReference
        checked: settings.mushra.lowAnchor
        focusPolicy: Qt.NoFocus
        text: qsTr("Low anchor (reference low-passed at 3.5 kHz)")
        onToggled: settings.mushra.lowAnchor = checked
    }

    Switch {
        objectName: "mushraMidAnchor"
        Layout.columnSpan: 2
        enabled: settings.mushra.openReference
        checked: settings.mushra.midAnchor
        focusPolicy: Qt.NoFocus
        text: qsTr("Mid anchor (7 kHz)")
        onToggled: settings.mushra.midAnchor = checked
    }

    Text {
        Layout.columnSpan: 4
        Layout.fillWidth: true
        text: qsTr("Each page shows every item, the hidden reference and the anchors shuffled behind numbers; rate each 0–100 against the reference, then submit (Enter). 1–9, 0 play an item, R the reference. A run whose hidden reference is rated below 90 on more than 15 % of pages is flagged.")
        color: Theme.textFaint
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
    }
}
