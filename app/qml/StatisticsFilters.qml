import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The Statistics page's filters: time range, exercise, material or genre. They set the
// model's filter properties; the model recomputes (statistics_model.h).
RowLayout {
    id: filters

    required property var model // App.statistics
    required property var exerciseList // [{id, title}]
    readonly property var ranges: [7, 30, 90, 0]
    readonly property var materials: ["", "noise", "builtin", "music"]
    readonly property var genres: App.library.genres

    spacing: Theme.spacingSmall

    ComboBox {
        objectName: "rangeFilter"
        Layout.preferredWidth: 150
        focusPolicy: Qt.NoFocus
        model: [qsTr("Last 7 days"), qsTr("Last 30 days"), qsTr("Last 90 days"), qsTr("All time")]
        currentIndex: Math.max(0, filters.ranges.indexOf(filters.model.rangeDays))
        onActivated: index => filters.model.rangeDays = filters.ranges[index]
    }

    ComboBox {
        objectName: "exerciseFilter"
        Layout.preferredWidth: 190
        focusPolicy: Qt.NoFocus
        model: [qsTr("All exercises")].concat(filters.exerciseList.map(e => e.title))
        currentIndex: filters.exerciseList.findIndex(e => e.id === filters.model.exercise) + 1
        onActivated: index => filters.model.exercise = index === 0 ? "" : filters.exerciseList[index - 1].id
    }

    ComboBox {
        objectName: "materialFilter"
        Layout.preferredWidth: 170
        focusPolicy: Qt.NoFocus
        model: [qsTr("Any material"), qsTr("Pink noise"), qsTr("Built-in music"), qsTr("Your music")]
               .concat(filters.genres.map(g => qsTr("Genre: %1").arg(g)))
        currentIndex: filters.model.genre !== "" ? 4 + filters.genres.indexOf(filters.model.genre)
                                                 : Math.max(0, filters.materials.indexOf(filters.model.material))
        onActivated: index => {
            if (index < 4) {
                filters.model.genre = "";
                filters.model.material = filters.materials[index];
            } else {
                filters.model.material = "";
                filters.model.genre = filters.genres[index - 4];
            }
        }
    }
}
