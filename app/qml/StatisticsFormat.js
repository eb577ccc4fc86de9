.pragma library
// Number and name formatting shared by the Statistics page's parts.

// "83 %" for 0.8312; "–" for no accuracy (null: nothing answered).
function percent(accuracy) {
    return accuracy === null || accuracy === undefined || isNaN(accuracy) ? "–" : Math.round(accuracy * 100) + " %";
}

// A band's name: "Flat" for 0 Hz (a trial without change), "250 Hz", "1 kHz", "16 kHz".
function band(hz) {
    if (hz === 0)
        return "Flat";
    if (hz >= 1000)
        return (hz / 1000).toFixed(hz % 1000 === 0 ? 0 : 1) + " kHz";
    return Math.round(hz) + " Hz";
}

// "1 h 05 min", "12 min", "40 s".
function duration(seconds) {
    if (seconds < 60)
        return Math.round(seconds) + " s";
    const minutes = Math.round(seconds / 60);
    if (minutes < 60)
        return minutes + " min";
    const m = minutes % 60;
    return Math.floor(minutes / 60) + " h " + (m < 10 ? "0" : "") + m + " min";
}

// "p = 0.011", "p < 0.001", "p –" (no p-value: MUSHRA).
function pValue(p) {
    if (p === null || p === undefined)
        return "p –";
    return p < 0.001 ? "p < 0.001" : "p = " + p.toFixed(3);
}

// "+0.6", "−1.2" (a real minus sign).
function signed(value, decimals) {
    const text = Math.abs(value).toFixed(decimals);
    return (value < 0 ? "\u2212" : "+") + text;
}
