import QtQuick
import QtQuick.Controls
import EarLab

// A library row's tick for the training music "several" (TrainingMusicBar): shown only in
// that mode, on music that can be played. Tab reaches it, Space or Enter ticks it.
CheckBox {
    id: tick

    required property string materialId

    objectName: "trainingTick"
    visible: App.preferences.trainingMode === "several" && materialId !== "pink-noise"
    checked: App.preferences.trainingTracks.indexOf(materialId) >= 0
    focusPolicy: Qt.TabFocus
    padding: 0
    ToolTip.text: qsTr("Train on this track (rotated with the other ticked ones)")
    ToolTip.visible: hovered
    ToolTip.delay: 600
    onToggled: App.preferences.setTrainingTicked(materialId, checked)
    Keys.onReturnPressed: App.preferences.setTrainingTicked(materialId, !checked)
    Keys.onEnterPressed: App.preferences.setTrainingTicked(materialId, !checked)
}
