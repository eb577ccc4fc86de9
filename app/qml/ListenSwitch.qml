import QtQuick
import QtQuick.Layouts
import EarLab

// The reveal's ways to hear the same music: every variant of the question, then your answer.
// Now the answer is out, the variant that carried the change is marked (Session's
// changedVariant: A, when A was the louder one), the others are coloured as the reference.
RowLayout {
    id: root

    // The EQ match's "Yours" is the answer's own slot: the reveal lists it once, as your answer.
    readonly property var heard: App.session.variants.filter(v => v.id !== "yours")

    objectName: "listenSwitch"
    spacing: Theme.spacingSmall

    Repeater {
        model: root.heard.map((v, i) => ({ variant: i, key: String(i + 1), name: v.label,
                                           tint: i === App.session.changedVariant ? Theme.hidden : Theme.flat }))
               .concat(App.session.answerAudible
                       ? [{ variant: root.heard.length, key: String(root.heard.length + 1),
                            name: qsTr("Your answer"), tint: Theme.accent, answer: true }]
                       : [])

        delegate: Rectangle {
            id: choice

            required property var modelData
            readonly property bool active: App.audio.variant === modelData.variant
            readonly property color tint: modelData.tint

            objectName: modelData.answer === true ? "listenAnswer" : "listen" + modelData.variant
            Layout.fillWidth: true
            implicitHeight: 44
            radius: Theme.radius
            color: active ? Qt.rgba(modelData.tint.r, modelData.tint.g, modelData.tint.b, 0.15) : Theme.surface
            border.color: active ? modelData.tint : Theme.border
            border.width: active ? 2 : 1
            opacity: modelData.answer === true && !App.session.answerVariantReady ? 0.5 : 1

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 12
                anchors.rightMargin: 10
                spacing: 8

                Rectangle {
                    width: 10
                    height: 10
                    radius: 5
                    color: choice.modelData.tint
                }

                Text {
                    Layout.fillWidth: true
                    text: choice.modelData.name
                    color: choice.active ? Theme.text : Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    font.weight: choice.active ? Font.DemiBold : Font.Normal
                    elide: Text.ElideRight
                }

                KeyCap {
                    text: choice.modelData.key
                }
            }

            MouseArea {
                anchors.fill: parent
                cursorShape: Qt.PointingHandCursor
                onClicked: App.session.hear(choice.modelData.variant)
            }
        }
    }
}
