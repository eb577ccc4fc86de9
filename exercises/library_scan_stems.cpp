#include "exercises/library_scan_stems.h"

#include "exercises/library_scan_steps.h"

#include "audio/engine/scene.h"
#include "audio/io/audio_file.h"
#include "audio/io/file_tags.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace earlab {

namespace {

using scan_steps::Unusable;

struct StemLength {
    QString file;
    std::int64_t frames = 0;
    int rate = 0;
    double seconds() const { return double(frames) / rate; }
};

bool sameLength(const StemLength& a, const StemLength& b)
{
    // One sample period of the lower rate, and a hair for the division's rounding.
    return std::abs(a.seconds() - b.seconds()) <= 1.0 / std::min(a.rate, b.rate) + 1e-9;
}

// "3:12.4" with `decimals` digits after the seconds' point.
QString clock(double seconds, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    const auto units = std::int64_t(std::llround(seconds * scale));
    const std::int64_t perMinute = std::int64_t(60 * scale);
    const double rest = double(units % perMinute) / scale;
    return QStringLiteral("%1:%2")
        .arg(units / perMinute)
        .arg(rest, decimals + 3, 'f', decimals, QLatin1Char('0'));
}

// The message for stems of different lengths, or empty: the first stem not as long as most.
QString lengthRefusal(const std::vector<StemLength>& lengths)
{
    std::size_t reference = 0;
    std::size_t most = 0;
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        const auto alike = std::size_t(std::count_if(lengths.begin(), lengths.end(),
                                                     [&](const StemLength& l) { return sameLength(l, lengths[i]); }));
        if (alike > most) {
            most = alike;
            reference = i;
        }
    }
    if (most == lengths.size())
        return {};
    const StemLength& ref = lengths[reference];
    const auto odd = std::find_if(lengths.begin(), lengths.end(), [&](const StemLength& l) { return !sameLength(l, ref); });
    QString is, others;
    for (int decimals : {1, 3}) {
        is = clock(odd->seconds(), decimals);
        others = clock(ref.seconds(), decimals);
        if (is != others)
            break;
    }
    if (is == others) { // within a millisecond: the samples say it
        is += QStringLiteral(" (%1 samples at %2 Hz)").arg(odd->frames).arg(odd->rate);
        others += QStringLiteral(" (%1 samples at %2 Hz)").arg(ref.frames).arg(ref.rate);
    }
    const auto differ = lengths.size() - most;
    const QString more = differ > 1 ? QStringLiteral(" (%1 files differ from the others)").arg(differ) : QString();
    return QStringLiteral("%1 is %2 long, the others %3%4: the stems of a folder must all have one length")
        .arg(odd->file, is, others, more);
}

} // namespace

QString stemFolderRefusal(const QString& folder)
{
    const QString key = libraryKey(folder);
    if (key.isEmpty())
        return QStringLiteral("No folder was given.");
    if (!QFileInfo(key).isDir())
        return QStringLiteral("%1: not a folder").arg(key);
    const qsizetype files = audioFilesIn(key, Recursion::FolderOnly).size();
    if (files < 2)
        return QStringLiteral("%1: a folder of stems needs at least 2 audio files (%2) directly in it; it holds %3")
            .arg(key, audioFileExtensions().join(QStringLiteral(", ")))
            .arg(files);
    if (files > qsizetype(kMaxStems))
        return QStringLiteral("%1: holds %2 audio files; a multitrack has at most %3 stems").arg(key).arg(files).arg(kMaxStems);
    return {};
}

ScanResult scanStemFolder(const QString& folder, const std::function<void(double)>& progress,
                          const std::atomic<bool>* cancel)
{
    using namespace scan_steps;
    return runScan(folder, progress, cancel, [](ScanResult& result, const Report& report) {
        result.stemFolder = true;
        if (const QString refusal = stemFolderRefusal(result.path); !refusal.isEmpty())
            throw Unusable{refusal};
        result.stems = audioFilesIn(result.path, Recursion::FolderOnly);
        const int count = int(result.stems.size());
        const double decoded = decodeShare(count);

        AudioBuffer mix;
        std::vector<StemLength> lengths;
        QStringList formats;
        for (int k = 0; k < count; ++k) {
            const QString& file = result.stems[k];
            const std::string nativePath = QFile::encodeName(file).toStdString();
            LoadOptions options;
            options.stereo = true;
            options.targetSampleRate = k == 0 ? 0.0 : double(result.sampleRate); // the first stem's rate
            options.progress = [&](double f) { report(decoded * (k + f) / count); };
            LoadedAudio loaded = loadAudioFile(nativePath, options);
            if (const QString unusable = unusableCause(loaded.audio); !unusable.isEmpty())
                throw Unusable{QStringLiteral("%1: %2").arg(file, unusable)};
            lengths.push_back({file, loaded.info.frames, loaded.info.sampleRate});
            if (k == 0)
                result.sampleRate = loaded.info.sampleRate;
            for (const std::string& warning : loaded.info.warnings)
                result.warnings << QString::fromStdString(warning);
            if (const QString format = QString::fromStdString(loaded.info.format); !formats.contains(format))
                formats << format;
            result.channels = std::max(result.channels, loaded.info.channels);
            if (result.genre.isEmpty())
                result.genre = QString::fromStdString(genreTag(nativePath)).trimmed();
            addStem(mix, std::move(loaded.audio));
        }
        if (const QString refusal = lengthRefusal(lengths); !refusal.isEmpty())
            throw Unusable{refusal};
        if (const QString unusable = unusableCause(mix); !unusable.isEmpty())
            throw Unusable{QStringLiteral("%1: the stems' mix: %2").arg(result.path, unusable)};
        result.format = formats.join(QStringLiteral(" + "));
        report(decoded);
        measure(result, mix, report, decoded);
    });
}

QStringList stemNames(const QStringList& stemFiles)
{
    QStringList bases;
    for (const QString& file : stemFiles)
        bases << QFileInfo(file).completeBaseName();
    QStringList names;
    for (qsizetype i = 0; i < stemFiles.size(); ++i)
        names << (bases.count(bases[i]) > 1 ? QFileInfo(stemFiles[i]).fileName() : bases[i]);
    return names;
}

MaterialRef stemFolderMaterial(const ScanResult& scan)
{
    MaterialRef m;
    m.kind = MaterialRef::Kind::UserFile;
    m.path = scan.path;
    m.id = QStringLiteral("file:") + scan.path;
    m.title = QFileInfo(scan.path).fileName();
    m.region = scan.region;
    m.stemPaths = scan.stems;
    m.stemNames = stemNames(scan.stems);
    m.mixOfStems = true;
    m.genre = scan.genre;
    return m;
}

AudioBuffer loadStemMix(const QStringList& stemFiles, const LoadOptions& options,
                        const std::function<void(int, double)>& progress)
{
    AudioBuffer mix;
    for (qsizetype k = 0; k < stemFiles.size(); ++k) {
        LoadOptions each = options;
        each.progress = [&](double f) {
            if (progress)
                progress(int(k), f);
        };
        addStem(mix, loadAudioFile(QFile::encodeName(stemFiles[k]).toStdString(), each).audio);
    }
    return mix;
}

void addStem(AudioBuffer& mix, AudioBuffer&& stem)
{
    if (mix.channels.empty()) {
        mix = std::move(stem);
        return;
    }
    const std::size_t frames = std::min(mix.frames(), stem.frames());
    for (std::size_t c = 0; c < mix.channels.size() && c < stem.channels.size(); ++c) {
        std::vector<float>& out = mix.channels[c];
        const std::vector<float>& in = stem.channels[c];
        out.resize(frames);
        for (std::size_t i = 0; i < frames; ++i)
            out[i] += in[i];
    }
}

} // namespace earlab
