#include "treatment_options.h"

#include "cli_support.h"

#include <utility>

namespace earlab::cli {

namespace {

constexpr std::pair<const char*, FilterType> kFilterTypes[] = {
    {"peak", FilterType::Peak},         {"lowshelf", FilterType::LowShelf}, {"highshelf", FilterType::HighShelf},
    {"lowpass", FilterType::LowPass},   {"highpass", FilterType::HighPass}, {"bandpass", FilterType::BandPass},
    {"notch", FilterType::Notch},
};

FilterType parseFilterType(const QString& text)
{
    for (const auto& [name, type] : kFilterTypes)
        if (text.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return type;
    throw UsageError("--eq: unknown filter type \"" + toStd(text) +
                     "\" (peak, lowshelf, highshelf, lowpass, highpass, bandpass or notch)");
}

EqBand parseEq(const QString& spec)
{
    const QStringList f = spec.split(':');
    if (f.size() != 4)
        throw UsageError("--eq " + toStd(spec) + ": expected TYPE:FREQ_HZ:GAIN_DB:Q");
    EqBand b;
    b.type = parseFilterType(f[0]);
    b.frequencyHz = parseNumber(f[1], "--eq frequency");
    b.gainDb = parseNumber(f[2], "--eq gain");
    b.q = parseNumber(f[3], "--eq Q");
    return b;
}

CompressorSettings parseCompress(const QString& spec)
{
    const QStringList f = spec.split(':');
    if (f.size() < 4 || f.size() > 6)
        throw UsageError("--compress " + toStd(spec) + ": expected THRESHOLD_DB:RATIO:ATTACK_MS:RELEASE_MS[:KNEE_DB[:MAKEUP_DB]]");
    CompressorSettings s;
    s.thresholdDb = parseNumber(f[0], "--compress threshold");
    s.ratio = parseNumber(f[1], "--compress ratio");
    s.attackMs = parseNumber(f[2], "--compress attack");
    s.releaseMs = parseNumber(f[3], "--compress release");
    if (f.size() > 4)
        s.kneeDb = parseNumber(f[4], "--compress knee");
    if (f.size() > 5)
        s.makeupDb = parseNumber(f[5], "--compress makeup");
    return s;
}

} // namespace

void addTreatmentOptions(QCommandLineParser& parser)
{
    parser.addOption({"eq", "An EQ band; repeat for more. TYPE is peak, lowshelf, highshelf, lowpass, highpass, bandpass or notch.",
                      "TYPE:FREQ_HZ:GAIN_DB:Q"});
    parser.addOption({"compress", "A compressor (peak detection, stereo-linked).",
                      "THRESHOLD_DB:RATIO:ATTACK_MS:RELEASE_MS[:KNEE_DB[:MAKEUP_DB]]"});
    parser.addOption({"gain", "Gain in dB.", "DB"});
    parser.addOption({"pan", "Constant-power balance from -1 (left) to 1 (right).", "P"});
    parser.addOption({"match-loudness", "Match the treated audio's integrated loudness (BS.1770) to the input's."});
}

TreatmentOptions readTreatmentOptions(const QCommandLineParser& parser)
{
    TreatmentOptions o;
    for (const QString& spec : parser.values("eq"))
        o.treatment.eq.push_back(parseEq(spec));
    if (parser.isSet("compress")) {
        o.treatment.compress = true;
        o.treatment.compressor = parseCompress(parser.value("compress"));
    }
    if (parser.isSet("gain"))
        o.treatment.gainDb = parseNumber(parser.value("gain"), "--gain");
    if (parser.isSet("pan"))
        o.treatment.pan = parseNumber(parser.value("pan"), "--pan");
    o.matchLoudness = parser.isSet("match-loudness");
    return o;
}

} // namespace earlab::cli
