#include "treatment_options.h"

#include "cli_support.h"

#include "audio/audio_error.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"

#include <utility>

namespace earlab::cli {

namespace {

constexpr std::pair<const char*, FilterType> kFilterTypes[] = {
    {"peak", FilterType::Peak},         {"lowshelf", FilterType::LowShelf}, {"highshelf", FilterType::HighShelf},
    {"lowpass", FilterType::LowPass},   {"highpass", FilterType::HighPass}, {"bandpass", FilterType::BandPass},
    {"notch", FilterType::Notch},
};

// The ranges of audio/treatment.h, checked here against the text as typed: the DSP checks
// them again on the parsed value, but its message can only show that value as %g rounds it.
constexpr NumberRange kFrequencyHz{10.0, 0.49 * kMaxSampleRate, "Hz"}; // at most 0.49 x the file's rate
constexpr NumberRange kEqGainDb{-30.0, 30.0, "dB"};
constexpr NumberRange kQ{0.1, 40.0};
constexpr NumberRange kThresholdDb{-60.0, 0.0, "dBFS"};
constexpr NumberRange kRatio{1.0, 100.0};
constexpr NumberRange kAttackMs{0.1, 500.0, "ms"};
constexpr NumberRange kReleaseMs{1.0, 5000.0, "ms"};
constexpr NumberRange kKneeDb{0.0, 24.0, "dB"};
constexpr NumberRange kMakeupDb{-24.0, 24.0, "dB"};
constexpr NumberRange kGainDb{-60.0, 24.0, "dB"};
constexpr NumberRange kPan{-1.0, 1.0};

FilterType parseFilterType(const QString& spec, const QString& text)
{
    for (const auto& [name, type] : kFilterTypes)
        if (text.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return type;
    throw UsageError("--eq " + toStd(spec) + ": unknown filter type \"" + toStd(text) +
                     "\" (peak, lowshelf, highshelf, lowpass, highpass, bandpass or notch)");
}

// A field of a TYPE:A:B spec, named in the message with the whole spec as typed.
double parseField(const char* option, const QString& spec, const char* field, const QString& text,
                  const NumberRange& range)
{
    return parseNumber(QStringLiteral("%1 %2: %3").arg(QLatin1String(option), spec, QLatin1String(field)), text, range);
}

EqBand parseEq(const QString& spec)
{
    const QStringList f = spec.split(':');
    if (f.size() != 4)
        throw UsageError("--eq " + toStd(spec) + ": expected TYPE:FREQ_HZ:GAIN_DB:Q");
    EqBand b;
    b.type = parseFilterType(spec, f[0]);
    b.frequencyHz = parseField("--eq", spec, "frequency", f[1], kFrequencyHz);
    b.gainDb = parseField("--eq", spec, "gain", f[2], kEqGainDb);
    b.q = parseField("--eq", spec, "Q", f[3], kQ);
    return b;
}

CompressorSettings parseCompress(const QString& spec)
{
    const QStringList f = spec.split(':');
    if (f.size() < 4 || f.size() > 6)
        throw UsageError("--compress " + toStd(spec) + ": expected THRESHOLD_DB:RATIO:ATTACK_MS:RELEASE_MS[:KNEE_DB[:MAKEUP_DB]]");
    CompressorSettings s;
    s.thresholdDb = parseField("--compress", spec, "threshold", f[0], kThresholdDb);
    s.ratio = parseField("--compress", spec, "ratio", f[1], kRatio);
    s.attackMs = parseField("--compress", spec, "attack", f[2], kAttackMs);
    s.releaseMs = parseField("--compress", spec, "release", f[3], kReleaseMs);
    if (f.size() > 4)
        s.kneeDb = parseField("--compress", spec, "knee", f[4], kKneeDb);
    if (f.size() > 5)
        s.makeupDb = parseField("--compress", spec, "makeup", f[5], kMakeupDb);
    return s;
}

} // namespace

void addTreatmentOptions(QCommandLineParser& parser)
{
    parser.addOption({"eq", "An EQ band; repeat for more. TYPE is peak, lowshelf, highshelf, lowpass, highpass, bandpass or notch.",
                      "TYPE:FREQ_HZ:GAIN_DB:Q"});
    parser.addOption({"compress", "A compressor (peak detection, stereo-linked).",
                      "THRESHOLD_DB:RATIO:ATTACK_MS:RELEASE_MS[:KNEE_DB[:MAKEUP_DB]]"});
    parser.addOption({"gain", "Gain in dB [-60 to 24].", "DB"});
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
        o.treatment.gainDb = parseNumber("--gain", parser.value("gain"), kGainDb);
    if (parser.isSet("pan"))
        o.treatment.pan = parseNumber("--pan", parser.value("pan"), kPan);
    o.matchLoudness = parser.isSet("match-loudness");
    return o;
}

Treatment treatmentFor(const TreatmentOptions& options, const AudioBuffer& source, const std::string& path)
{
    if (!options.matchLoudness)
        return options.treatment;
    try {
        return loudnessMatched(source, source, options.treatment);
    } catch (const AudioError& e) {
        rethrowNamingTheFile(e, path);
    }
}

void rethrowNamingTheFile(const AudioError& e, const std::string& path)
{
    const std::string& role = e.subject();
    if (e.kind() != AudioErrorKind::InvalidArgument || (role != "reference" && role != "candidate"))
        throw e;
    throw AudioError(AudioErrorKind::InvalidArgument, path,
                     role == "reference"
                         ? "--match-loudness: the file is silent (or shorter than 400 ms), so it has no "
                           "loudness to match"
                         : "--match-loudness: the treatment leaves it silent, so its loudness cannot be "
                           "matched to the file's");
}

} // namespace earlab::cli
