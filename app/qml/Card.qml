import QtQuick
import EarLab

// A panel on the page background.
Rectangle {
    radius: Theme.radiusLarge
    color: Theme.surface
    border.color: Theme.border
}
