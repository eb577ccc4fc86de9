pragma Singleton
import QtQuick

// Colours, sizes and fonts of the whole app: a calm, dark, high-contrast studio look.
QtObject {
    // Surfaces, darkest first.
    readonly property color background: "#0d1013"
    readonly property color rail: "#111519"
    readonly property color surface: "#161b20"
    readonly property color raised: "#1d232a"
    readonly property color hover: "#252c35"
    readonly property color border: "#2a323c"
    readonly property color borderStrong: "#3a4450"

    // Text.
    readonly property color text: "#e9edf2"
    readonly property color textMuted: "#a3adba"
    readonly property color textFaint: "#6f7a88"

    // Meaning. Amber is the hidden change (B, the truth), blue is the listener (A/answers).
    readonly property color accent: "#5ab0ff"
    readonly property color accentStrong: "#2f8fea"
    readonly property color hidden: "#f2b544"
    readonly property color flat: "#8fd3c7"
    readonly property color success: "#4cc38a"
    readonly property color warning: "#e6a23c"
    readonly property color danger: "#ef6461"
    readonly property color textOnAccent: "#07121d"

    // Sizes.
    readonly property int radius: 6
    readonly property int radiusLarge: 10
    readonly property int spacingSmall: 6
    readonly property int spacing: 12
    readonly property int spacingLarge: 20
    readonly property int pageMargin: 28
    readonly property int railWidth: 196
    readonly property int controlHeight: 36

    // Type scale (pixel sizes), one family.
    readonly property string fontFamily: "DejaVu Sans"
    readonly property string monoFamily: "DejaVu Sans Mono"
    readonly property int fontSmall: 12
    readonly property int fontBody: 14
    readonly property int fontLarge: 17
    readonly property int fontTitle: 22
    readonly property int fontHero: 34

    // Listening notes: one colour per marker category (track_marker.h's keys).
    readonly property var markerColors: ({
            "balance": "#5ab0ff",
            "tone": "#f2b544",
            "dynamics": "#ef6461",
            "space": "#8fd3c7",
            "other": "#b48cf0"
        })

    function markerColor(category) {
        return markerColors[category] || textMuted;
    }
}
