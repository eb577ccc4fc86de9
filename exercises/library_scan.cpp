#include "exercises/library_scan.h"

#include "exercises/library_scan_steps.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file.h"
#include "audio/io/file_tags.h"
#include "audio/io/loudness.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <new>

namespace earlab {

LevelOverview LevelOverview::fromBytes(const QByteArray& bytes)
{
    if (bytes.isEmpty() || bytes.size() % 2 != 0)
        return {};
    const qsizetype bins = bytes.size() / 2;
    return {bytes.left(bins), bytes.mid(bins)};
}

std::uint8_t LevelOverview::encode(double amplitude)
{
    if (!(amplitude > 0.0)) // also NaN
        return 0;
    return std::uint8_t(std::lround(255.0 * std::sqrt(std::min(amplitude, 1.0))));
}

LevelOverview levelOverview(const AudioBuffer& audio, int bins)
{
    const std::size_t frames = audio.frames();
    if (frames == 0 || bins <= 0)
        return {};
    LevelOverview overview;
    overview.peak.resize(bins);
    overview.rms.resize(bins);
    for (int bin = 0; bin < bins; ++bin) {
        const std::size_t begin = frames * std::size_t(bin) / std::size_t(bins);
        const std::size_t end = frames * std::size_t(bin + 1) / std::size_t(bins);
        // Eight independent lanes, so the compiler can use SIMD without reassociating (no
        // fast-math); float sums of at most a bin's samples are ample for an 8-bit picture.
        constexpr std::size_t kLanes = 8;
        std::array<float, kLanes> peaks{}, sums{};
        for (const std::vector<float>& channel : audio.channels) {
            const float* x = channel.data();
            std::size_t i = begin;
            for (; i + kLanes <= end; i += kLanes)
                for (std::size_t k = 0; k < kLanes; ++k) {
                    const float v = x[i + k];
                    peaks[k] = std::max(peaks[k], std::abs(v));
                    sums[k] += v * v;
                }
            for (; i < end; ++i) {
                peaks[0] = std::max(peaks[0], std::abs(x[i]));
                sums[0] += x[i] * x[i];
            }
        }
        const float peak = *std::max_element(peaks.begin(), peaks.end());
        double sum = 0.0;
        for (float lane : sums)
            sum += lane;
        const std::size_t count = (end - begin) * audio.channelCount();
        overview.peak[bin] = char(LevelOverview::encode(peak));
        overview.rms[bin] = char(LevelOverview::encode(count > 0 ? std::sqrt(sum / double(count)) : 0.0));
    }
    return overview;
}

QString libraryKey(const QString& path)
{
    return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

const QStringList& audioFileExtensions()
{
    static const QStringList extensions = {
        QStringLiteral("wav"), QStringLiteral("aif"), QStringLiteral("aiff"), QStringLiteral("flac"),
        QStringLiteral("ogg"), QStringLiteral("oga"), QStringLiteral("opus"), QStringLiteral("mp3")};
    return extensions;
}

namespace scan_steps {

namespace {

// Thrown from our own progress reports to unwind a cancelled scan; never escapes runScan.
struct Cancelled {};

// Share of the scan's time each stage takes, so the bar moves evenly (measured on 44.1 kHz
// stereo FLAC, see test_library_scan's log): decoding ~10 %, loudness with 4× oversampled
// true peak ~45 % (one uninterruptible call: the bar pauses there), band analysis ~45 %.
constexpr double kDecodeShare = 0.10;
constexpr double kLoudnessShare = 0.45;

} // namespace

QString unusableCause(const AudioBuffer& audio)
{
    const float silence = float(std::pow(10.0, kSilencePeakDbfs / 20.0));
    bool audible = false;
    for (const std::vector<float>& channel : audio.channels) {
        for (float v : channel)
            audible |= std::abs(v) >= silence;
        if (audible)
            break;
    }
    if (!audible)
        return QStringLiteral("digital silence: nothing to train on");
    const double seconds = audio.durationSeconds();
    if (seconds < kShortestLoopSeconds)
        return QStringLiteral("shorter than one loop (%1 s; a loop needs %2 s)")
            .arg(std::floor(seconds * 10.0) / 10.0, 0, 'f', 1) // never "5.0 s" for 4.96 s
            .arg(kShortestLoopSeconds, 0, 'g', 3);
    return {};
}

double decodeShare(int files)
{
    const double decoding = kDecodeShare * std::max(files, 1);
    return decoding / (decoding + 1.0 - kDecodeShare);
}

ScanResult runScan(const QString& path, const std::function<void(double)>& progress, const std::atomic<bool>* cancel,
                   const std::function<void(ScanResult&, const Report&)>& body)
{
    ScanResult result;
    result.path = libraryKey(path);
    double reported = 0.0;
    // Monotonic, and the single place cancellation is noticed inside a stage.
    const Report report = [&](double fraction) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled{};
        fraction = std::clamp(fraction, reported, 1.0);
        if (progress && fraction > reported)
            progress(fraction);
        reported = fraction;
    };
    const auto fail = [&](const QString& message) {
        ScanResult failed;
        failed.path = libraryKey(path);
        failed.ok = false;
        failed.error = message;
        failed.stemFolder = result.stemFolder;
        failed.stems = result.stems;
        result = failed;
    };

    try {
        if (progress)
            progress(0.0);
        if (result.path.isEmpty())
            throw AudioError(AudioErrorKind::FileNotFound, "", "no file name was given");
        report(0.0);
        body(result, report);
    } catch (const Cancelled&) {
        fail(QStringLiteral("Scanning %1 was cancelled.").arg(result.path));
    } catch (const Unusable& u) {
        fail(u.message);
    } catch (const AudioError& e) {
        // AudioError's message already starts with the file (its subject) and the cause.
        QString message = QString::fromStdString(e.what());
        if (!message.contains(result.path))
            message = QStringLiteral("%1: %2").arg(result.path, message);
        fail(message);
    } catch (const std::bad_alloc&) {
        fail(QStringLiteral("%1: not enough memory to scan this file").arg(result.path));
    } catch (const std::exception& e) {
        fail(QStringLiteral("%1: %2").arg(result.path, QString::fromLocal8Bit(e.what())));
    } catch (...) {
        fail(QStringLiteral("%1: the scan failed for an unknown reason").arg(result.path));
    }
    if (progress && reported < 1.0)
        progress(1.0);
    return result;
}

void measure(ScanResult& result, const AudioBuffer& audio, const Report& report, double decoded)
{
    result.durationSeconds = audio.durationSeconds();
    // Its own pass over the decoded audio: under 1 % of the scan (test_library_scan logs it).
    result.overview = levelOverview(audio);

    const Loudness loudness = measureLoudness(audio);
    result.loudnessLufs = loudness.integratedLufs;
    result.truePeakDbtp = loudness.truePeakDbtp;
    const double analysisStart = decoded + (1.0 - decoded) * kLoudnessShare / (1.0 - kDecodeShare);
    report(analysisStart);

    const DensityAnalysis density = analyseDensity(audio, kDefaultLoopSeconds, [&](double f) {
        report(analysisStart + (1.0 - analysisStart) * f);
    });
    result.octaveLevelsDb = density.octaveLevelsDb;
    result.region = density.region;
    result.ok = true;
}

} // namespace scan_steps

ScanResult scanFile(const QString& path, const std::function<void(double)>& progress,
                    const std::atomic<bool>* cancel)
{
    using namespace scan_steps;
    return runScan(path, progress, cancel, [](ScanResult& result, const Report& report) {
        const double decoded = decodeShare(1);
        LoadOptions options; // the file's own rate: no resampling needed to measure it
        options.stereo = true;
        options.progress = [&](double f) { report(decoded * f); };
        const std::string nativePath = QFile::encodeName(result.path).toStdString();
        LoadedAudio loaded = loadAudioFile(nativePath, options);
        report(decoded);
        if (const QString unusable = unusableCause(loaded.audio); !unusable.isEmpty())
            throw Unusable{QStringLiteral("%1: %2").arg(result.path, unusable)};
        for (const std::string& warning : loaded.info.warnings)
            result.warnings << QString::fromStdString(warning);
        result.format = QString::fromStdString(loaded.info.format);
        result.channels = loaded.info.channels;
        result.sampleRate = loaded.info.sampleRate;
        result.genre = QString::fromStdString(genreTag(nativePath)).trimmed();
        measure(result, loaded.audio, report, decoded);
    });
}

QStringList audioFilesIn(const QString& folder, Recursion recursion)
{
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        return {};
    QStringList filters;
    for (const QString& extension : audioFileExtensions())
        filters << QStringLiteral("*.") + extension;
    QStringList found;
    // No QDir::Hidden: hidden files and folders are skipped. No QDir::Readable: an unreadable
    // file is listed, so that its scan can say why it cannot be read. No FollowSymlinks: a link back
    // up the tree cannot loop. QDir name filters ignore letter case by default.
    QDirIterator it(folder, filters, QDir::Files | QDir::NoDotAndDotDot,
                    recursion == Recursion::Subfolders ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext())
        found << QDir::cleanPath(QFileInfo(it.next()).absoluteFilePath());
    std::sort(found.begin(), found.end(), [](const QString& a, const QString& b) {
        const int folded = a.compare(b, Qt::CaseInsensitive);
        return folded != 0 ? folded < 0 : a < b;
    });
    return found;
}

} // namespace earlab
