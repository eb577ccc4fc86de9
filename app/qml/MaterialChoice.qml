import QtQuick
import QtQuick.Layouts
import EarLab

// An exercise's own choice of material, in its start options: as the levels say (the
// default), pink noise, built-in music or the user's own. Keys (StartOptions): D, N, B, Y.
ColumnLayout {
    id: choice

    required property string exerciseId
    property string note: "" // why the current level plays something else (ExerciseListModel's musicNote)
    property string current: App.preferences.exerciseMaterial(exerciseId)

    function choose(name) {
        App.preferences.setExerciseMaterial(exerciseId, name);
    }

    objectName: "materialChoice"
    spacing: 6

    Connections {
        target: App.preferences

        function onExerciseMaterialChanged(id) {
            if (id === choice.exerciseId)
                choice.current = App.preferences.exerciseMaterial(choice.exerciseId);
        }
    }

    Text {
        text: qsTr("What this exercise plays")
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
    }

    Flow {
        Layout.fillWidth: true
        spacing: Theme.spacing

        Repeater {
            model: [
                { name: "level", key: "D", text: qsTr("As the level says") },
                { name: "noise", key: "N", text: qsTr("Pink noise") },
                { name: "builtin", key: "B", text: qsTr("Built-in") },
                { name: "mine", key: "Y", text: qsTr("Your music") }
            ]

            delegate: AppButton {
                required property var modelData

                objectName: "material_" + modelData.name
                text: modelData.text
                keyHint: modelData.key
                primary: choice.current === modelData.name
                onClicked: choice.choose(modelData.name)
            }
        }
    }

    Text {
        objectName: "materialChoiceNote"
        Layout.fillWidth: true
        visible: choice.note !== ""
        text: choice.note
        color: Theme.hidden
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
    }
}
