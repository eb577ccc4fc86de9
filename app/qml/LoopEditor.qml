import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The loop region questions play from a file, on a picture of the whole file: click to start
// the loop there, drag the highlight to move it, or type the start and length (5-30 s).
// Pin keeps it across rescans; "Back to densest part" returns to the scan's choice.
Rectangle {
    id: editor

    required property string materialId
    required property string path
    required property real regionStart
    required property real regionLength
    required property real duration
    required property bool pinned
    required property var overview // Library's "overview" role (bytes; empty: no picture yet)

    // The region on the picture is not the one stored.
    readonly property bool changed: Math.abs(picture.regionStart - regionStart) > 1e-6
                                    || Math.abs(picture.regionLength - regionLength) > 1e-6

    signal done

    // The preview plays this file's region (App.preview is the Library page's one player).
    readonly property bool previewing: App.preview.active && App.preview.path === editor.path

    function togglePreview() {
        if (previewing && App.audio.playing)
            App.preview.stop();
        else
            App.preview.play(editor.path, picture.regionStart, picture.regionLength);
    }

    // The stored region the picture was last reset to.
    property real shownStart: 0
    property real shownLength: 0

    // Back to the region stored.
    function reset() {
        shownStart = editor.regionStart;
        shownLength = editor.regionLength;
        picture.setRegion(editor.regionStart, editor.regionLength);
    }

    // The stored region changed under the open editor (a scan or an unpin finished): follow
    // it, unless the user has moved the region meanwhile.
    function followStored() {
        if (Math.abs(picture.regionStart - shownStart) < 1e-6 && Math.abs(picture.regionLength - shownLength) < 1e-6)
            reset();
    }

    function pin() {
        lengthField.commit();
        startField.commit();
        if (App.library.pinRegion(editor.materialId, picture.regionStart, picture.regionLength))
            editor.done();
    }

    objectName: "loopEditor"
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.background
    border.color: Theme.border
    onVisibleChanged: {
        if (visible)
            reset();
        else if (previewing)
            App.preview.stop();
    }
    Component.onCompleted: reset()
    onRegionStartChanged: followStored()
    onRegionLengthChanged: followStored()

    Timer {
        id: followRegion

        interval: 150
        onTriggered: {
            if (editor.previewing)
                App.preview.play(editor.path, picture.regionStart, picture.regionLength);
        }
    }

    // Clicks between the controls stay here (the row under the editor would take them).
    MouseArea {
        anchors.fill: parent
    }

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: 10

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Text {
                text: qsTr("LOOP REGION")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                font.letterSpacing: 1
            }

            Rectangle {
                objectName: "loopState"
                implicitWidth: stateText.implicitWidth + 20
                implicitHeight: 22
                radius: 11
                color: Qt.rgba(picture.pinned ? Theme.hidden.r : Theme.accent.r, picture.pinned ? Theme.hidden.g : Theme.accent.g, picture.pinned ? Theme.hidden.b : Theme.accent.b, 0.14)
                border.color: picture.pinned ? Theme.hidden : Theme.accent

                Text {
                    id: stateText

                    anchors.centerIn: parent
                    text: editor.changed ? qsTr("Moved · Pin to keep it") : editor.pinned ? qsTr("Pinned by you") : qsTr("Densest part · picked by the scan")
                    color: picture.pinned ? Theme.hidden : Theme.accent
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                }
            }

            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignRight
                text: qsTr("Click to start the loop there · drag the highlight to move it · ← → nudge")
                color: Theme.textFaint
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideLeft
            }
        }

        LoopOverviewItem {
            id: picture

            objectName: "loopPicture"
            Layout.fillWidth: true
            Layout.preferredHeight: 128
            overview: editor.overview
            duration: editor.duration
            savedStart: editor.regionStart
            savedLength: editor.regionLength
            pinned: editor.pinned || editor.changed
            densestColor: Theme.accent
            pinnedColor: Theme.hidden
            waveColor: Theme.textFaint
            gridColor: Theme.borderStrong
            labelColor: Theme.textMuted
            backgroundColor: Theme.rail
            focusColor: Theme.accent
            emptyText: qsTr("No picture of this file yet: Rescan to draw it.")
            playhead: editor.previewing && App.audio.playing
                      ? App.preview.startSeconds + App.audio.position * App.preview.lengthSeconds : -1
            // Moving the region while it plays moves the preview with it, once the drag rests.
            onRegionChanged: {
                if (editor.previewing)
                    followRegion.restart();
            }
            Accessible.role: Accessible.Slider
            Accessible.name: qsTr("Loop from %1 s for %2 s").arg(regionStart.toFixed(1)).arg(regionLength.toFixed(1))
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 6

            AppButton {
                objectName: "previewLoop"
                text: App.preview.loading && editor.previewing ? qsTr("Loading…")
                      : editor.previewing && App.audio.playing ? qsTr("■ Stop") : qsTr("▶ Listen")
                enabled: App.audio.available
                onClicked: editor.togglePreview()
            }

            Text {
                text: qsTr("Start")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            SecondsField {
                id: startField

                objectName: "loopStart"
                value: picture.regionStart
                decimals: 2
                onCommitted: seconds => picture.regionStart = seconds
            }

            Text {
                text: qsTr("s")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                rightPadding: 4
            }

            Text {
                text: qsTr("Length")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            SecondsField {
                id: lengthField

                objectName: "loopLength"
                value: picture.regionLength
                ToolTip.visible: hovered || activeFocus
                ToolTip.text: qsTr("%1 to %2 s").arg(picture.minLength.toFixed(0)).arg(picture.maxLength.toFixed(0))
                onCommitted: seconds => picture.regionLength = seconds
            }

            Text {
                text: qsTr("s")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            Item {
                Layout.fillWidth: true
            }

            // Always there (a button a layout shows later can stay unplaced in Qt 6.4); it
            // does something whenever the region is not the densest part.
            AppButton {
                objectName: "unpinLoop"
                enabled: editor.pinned || editor.changed
                text: qsTr("Back to densest part")
                onClicked: {
                    if (!editor.pinned)
                        editor.reset();
                    else if (App.library.unpinRegion(editor.materialId))
                        editor.done();
                }
            }

            AppButton {
                objectName: "cancelLoop"
                text: qsTr("Cancel")
                onClicked: {
                    editor.reset();
                    editor.done();
                }
            }

            AppButton {
                objectName: "pinLoop"
                text: qsTr("Pin")
                primary: true
                tint: Theme.hidden
                onClicked: editor.pin()
            }
        }
    }
}
