import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The Library's "Training music": what the music levels rotate through, question after
// question: one track (the row chosen below), several (the rows ticked below), a genre, or
// the whole library. Keys on the Library page: 1 one, 2 several, 3 genre, 4 all; G the next
// genre; Tab reaches the genre list and the rows' ticks.
Card {
    id: bar

    readonly property string mode: App.preferences.trainingMode
    readonly property bool keysFree: App.page === App.LibraryPage && !App.modalOpen && !App.helpVisible
                                     && !App.listening.active // the listening view has keys of its own

    function nextGenre() {
        const genres = App.library.genres;
        if (genres.length === 0)
            return;
        App.preferences.trainingGenre = genres[(genres.indexOf(App.preferences.trainingGenre) + 1) % genres.length];
    }

    function setMode(mode) {
        App.preferences.trainingMode = mode;
        if (mode === "genre" && App.library.genres.indexOf(App.preferences.trainingGenre) < 0)
            nextGenre();
    }

    objectName: "trainingMusicBar"
    implicitHeight: column.implicitHeight + 2 * Theme.spacing

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        anchors.leftMargin: Theme.spacingLarge
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Text {
                text: qsTr("Training music")
                color: Theme.text
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
            }

            Repeater {
                model: [
                    { mode: "one", key: "1", text: qsTr("One track") },
                    { mode: "several", key: "2", text: qsTr("Several") },
                    { mode: "genre", key: "3", text: qsTr("A genre") },
                    { mode: "all", key: "4", text: qsTr("All") }
                ]

                delegate: AppButton {
                    required property var modelData

                    objectName: "trainingMode_" + modelData.mode
                    text: modelData.text
                    keyHint: modelData.key
                    primary: bar.mode === modelData.mode
                    onClicked: bar.setMode(modelData.mode)
                }
            }

            ComboBox {
                id: genres

                objectName: "trainingGenre"
                visible: bar.mode === "genre"
                Layout.preferredWidth: 200
                model: App.library.genres
                currentIndex: App.library.genres.indexOf(App.preferences.trainingGenre)
                onActivated: index => App.preferences.trainingGenre = App.library.genres[index]
            }

            Item {
                Layout.fillWidth: true
            }
        }

        Text {
            objectName: "trainingText"
            Layout.fillWidth: true
            text: {
                switch (bar.mode) {
                case "several": return qsTr("Rotates %1 per question. Tick the tracks below (Tab, then Enter).").arg(App.library.trainingText);
                case "genre": return qsTr("Rotates %1 per question (G: the next genre).").arg(App.library.trainingText);
                case "all": return qsTr("Rotates your library per question: every track once before any repeats.");
                default: return qsTr("Plays %1 on every question: choose another below.").arg(App.library.trainingText);
                }
            }
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }

    Repeater {
        model: ["one", "several", "genre", "all"]

        delegate: Item {
            required property int index
            required property string modelData

            Shortcut {
                sequences: [String(index + 1)]
                enabled: bar.keysFree
                onActivated: bar.setMode(modelData)
            }
        }
    }

    Shortcut {
        sequences: ["G"]
        enabled: bar.keysFree && bar.mode === "genre"
        onActivated: bar.nextGenre()
    }
}
