import QtQuick
import EarLab

// The small capitals above an answer panel.
Text {
    color: Theme.textMuted
    font.pixelSize: Theme.fontSmall
    font.weight: Font.DemiBold
    font.capitalization: Font.AllUppercase
    font.letterSpacing: 1
}
