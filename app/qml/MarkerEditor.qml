import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The small editor M opens at the playhead (or Enter on a listed marker): a category (keys
// 1-5, which then move to the note), a note, Enter saves, Esc cancels. While it is open the
// window's shortcuts stand aside (App.modalOpen).
FocusScope {
    id: editor

    property var markerId: 0 // 0: a new marker
    property real position: 0
    property string category: "tone"

    signal finished

    function openNew(seconds) {
        markerId = 0;
        position = seconds;
        category = "tone";
        noteField.text = "";
        show();
    }

    function openEdit(marker) {
        markerId = marker.markerId;
        position = marker.position;
        category = marker.category;
        noteField.text = marker.note;
        show();
    }

    function show() {
        visible = true;
        App.modalOpen = true;
        categories.forceActiveFocus();
    }

    // Shift+← → in the editor, or its buttons: the marker onto the moment it meant.
    function move(seconds) {
        position = Math.max(0, Math.min(App.listening.duration, position + seconds));
    }

    function close() {
        visible = false;
        App.modalOpen = false;
        finished();
    }

    function choose(number) {
        if (number >= 1 && number <= App.listening.categories.length)
            category = App.listening.categories[number - 1];
        noteField.forceActiveFocus();
    }

    function save() {
        const ok = markerId === 0 ? App.listening.addMarker(position, category, noteField.text)
                                  : App.listening.editMarker(markerId, position, category, noteField.text);
        if (ok)
            close();
    }

    objectName: "markerEditor"
    visible: false
    implicitWidth: 520
    implicitHeight: box.implicitHeight
    Keys.onEscapePressed: close()
    Keys.onReturnPressed: save()
    Keys.onEnterPressed: save()

    Rectangle {
        id: box

        anchors.fill: parent
        implicitHeight: column.implicitHeight + 2 * Theme.spacing
        radius: Theme.radiusLarge
        color: Theme.raised
        border.color: Theme.markerColor(editor.category)

        ColumnLayout {
            id: column

            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: 10

            Text {
                text: (editor.markerId === 0 ? qsTr("New marker at %1") : qsTr("Marker at %1")).arg(App.listening.timeText(editor.position))
                color: Theme.text
                font.pixelSize: Theme.fontLarge
                font.weight: Font.DemiBold
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: 6

                AppButton {
                    objectName: "markerEarlier"
                    text: qsTr("− 0.1 s")
                    onClicked: editor.move(-0.1)
                }

                AppButton {
                    objectName: "markerLater"
                    text: qsTr("+ 0.1 s")
                    onClicked: editor.move(0.1)
                }

                AppButton {
                    objectName: "markerAtPlayhead"
                    text: qsTr("At playhead (%1)").arg(App.listening.timeText(App.listening.playhead))
                    onClicked: editor.position = App.listening.playhead
                }

                Item {
                    Layout.fillWidth: true
                }
            }

            // Digits pick a category here; in the note they are text (Ctrl+digit picks there).
            Flow {
                id: categories

                objectName: "markerCategories"
                Layout.fillWidth: true
                spacing: 6
                focus: true
                Keys.onPressed: event => {
                    if (event.key >= Qt.Key_1 && event.key <= Qt.Key_5) {
                        editor.choose(event.key - Qt.Key_0);
                        event.accepted = true;
                    } else if ((event.modifiers & Qt.ShiftModifier) && (event.key === Qt.Key_Left || event.key === Qt.Key_Right)) {
                        editor.move(event.key === Qt.Key_Left ? -0.1 : 0.1);
                        event.accepted = true;
                    } else if (event.key === Qt.Key_Tab) {
                        noteField.forceActiveFocus();
                        event.accepted = true;
                    }
                }

                Repeater {
                    model: App.listening.categoryLabels

                    AppButton {
                        required property int index
                        required property string modelData

                        objectName: "category_" + App.listening.categories[index]
                        text: modelData
                        keyHint: String(index + 1)
                        primary: editor.category === App.listening.categories[index]
                        tint: Theme.markerColor(App.listening.categories[index])
                        onClicked: editor.choose(index + 1)
                    }
                }
            }

            TextField {
                id: noteField

                objectName: "markerNoteField"
                Layout.fillWidth: true
                placeholderText: qsTr("What could change here? (harsh vocal S, kick too quiet…)")
                font.pixelSize: Theme.fontBody
                color: Theme.text
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.background
                    border.color: noteField.activeFocus ? Theme.accent : Theme.borderStrong
                }
                Keys.onPressed: event => {
                    if ((event.modifiers & Qt.ControlModifier) && event.key >= Qt.Key_1 && event.key <= Qt.Key_5) {
                        editor.choose(event.key - Qt.Key_0);
                        event.accepted = true;
                    }
                }
                Keys.onReturnPressed: editor.save()
                Keys.onEnterPressed: editor.save()
                Keys.onEscapePressed: editor.close()
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing

                Text {
                    Layout.fillWidth: true
                    text: qsTr("1–5 category · Shift+← → 0.1 s · Tab to the note · Enter saves · Esc cancels")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }

                AppButton {
                    objectName: "cancelMarker"
                    text: qsTr("Cancel")
                    onClicked: editor.close()
                }

                AppButton {
                    objectName: "saveMarker"
                    primary: true
                    text: qsTr("Save")
                    onClicked: editor.save()
                }
            }
        }
    }
}
