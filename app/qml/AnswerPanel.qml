import QtQuick
import QtQuick.Layouts
import EarLab

// The answer: the panel the question's kind asks for (bands, choices, a value, a stereo
// position), loaded by kind, and the confirm button.
Card {
    id: panel

    implicitHeight: column.implicitHeight + 2 * Theme.spacingLarge

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        Loader {
            objectName: "answerLoader"
            Layout.fillWidth: true
            sourceComponent: {
                switch (App.session.answerPanel) {
                case Session.ChoicePanel: return choice;
                case Session.ContinuousPanel: return continuous;
                case Session.StereoFieldPanel: return stereoField;
                case Session.EqMatchPanel: return eqMatch;
                default: return bands;
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Text {
                Layout.fillWidth: true
                text: App.session.saving ? qsTr("Saving your answer…")
                      : !App.session.heard ? qsTr("Listen first (Space): an answer given before anything played is not counted.")
                      : App.session.canConfirm ? (App.banner.saving ? qsTr("Your answer is saved the moment you confirm.")
                                                                    : qsTr("Your answer counts for this session; the message above says why it is not saved."))
                                               : qsTr("Pick an answer: click, or press its number.")
                color: Theme.textFaint
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
            }

            AppButton {
                objectName: "confirmButton"
                text: qsTr("Answer")
                keyHint: "Enter"
                primary: true
                enabled: App.session.canConfirm
                onClicked: App.session.confirm()
            }
        }
    }

    Component {
        id: bands

        BandsPanel {}
    }

    Component {
        id: choice

        ChoicePanel {}
    }

    Component {
        id: continuous

        ContinuousPanel {}
    }

    Component {
        id: stereoField

        StereoFieldPanel {}
    }

    Component {
        id: eqMatch

        EqMatchPanel {}
    }
}
