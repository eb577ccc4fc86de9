import QtQuick
import QtQuick.Controls
import EarLab

ApplicationWindow {
    id: window

    width: 1280
    height: 800
    minimumWidth: 1024
    minimumHeight: 640
    visible: true
    title: qsTr("EarLab")
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    // The Basic style draws its controls from the palette: make them dark too.
    palette.window: Theme.raised
    palette.windowText: Theme.text
    palette.base: Theme.raised
    palette.alternateBase: Theme.surface
    palette.text: Theme.text
    palette.button: Theme.raised
    palette.buttonText: Theme.text
    palette.brightText: Theme.text
    palette.highlight: Theme.accentStrong
    palette.highlightedText: Theme.text
    palette.light: Theme.hover
    palette.midlight: Theme.borderStrong
    palette.mid: Theme.border
    palette.dark: Theme.accent
    palette.shadow: "#000000"
    palette.placeholderText: Theme.textFaint
    palette.toolTipBase: Theme.raised
    palette.toolTipText: Theme.text

    AppShell {
        anchors.fill: parent
    }
}
