#include "exercises/marker_export.h"

#include "audio/audio_error.h"
#include "audio/io/whole_file.h"
#include "exercises/json_duplicate_keys.h"
#include "exercises/store_attempt_row.h"
#include "exercises/store_sql.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace earlab {

namespace {

constexpr int kFormatVersion = 1;
// A marker file bigger than this is not one EarLab wrote (a million markers are ~200 MB).
constexpr std::size_t kMaxJsonBytes = 256u * 1024u * 1024u;

const QStringList& jsonKeys()
{
    static const QStringList keys{QStringLiteral("uid"),      QStringLiteral("path"), QStringLiteral("position_s"),
                                  QStringLiteral("category"), QStringLiteral("note"), QStringLiteral("created_at")};
    return keys;
}

// RFC 4180: quote a field that holds a separator, a quote or a line break; also one with
// space at either end, which some readers trim.
QByteArray csvField(const QString& text)
{
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
                       || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))
                       || (!text.isEmpty() && (text.front().isSpace() || text.back().isSpace()));
    if (!quote)
        return text.toUtf8();
    QString doubled = text;
    doubled.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + doubled.toUtf8() + '"';
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    try {
        writeWholeFile(QFile::encodeName(path).toStdString(), std::string_view(bytes.constData(), std::size_t(bytes.size())));
    } catch (const AudioError& error) {
        throw MarkerFileError(QStringLiteral("Could not write the markers: %1").arg(QString::fromStdString(error.what())));
    }
}

// The marker at markers[index] of `object`, or MarkerFileError saying what is wrong with it.
TrackMarker markerFromJson(const QJsonValue& value, qsizetype index, const QString& source)
{
    auto refuse = [&](const QString& why) {
        return MarkerFileError(QStringLiteral("The marker file %1 is refused, nothing was imported: markers[%2] %3.")
                                   .arg(source).arg(index).arg(why));
    };
    if (!value.isObject())
        throw refuse(QStringLiteral("is not an object"));
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!jsonKeys().contains(it.key()))
            throw refuse(QStringLiteral("has the unknown key \"%1\"").arg(it.key()));
    }
    for (const QString& key : jsonKeys()) {
        if (!o.contains(key))
            throw refuse(QStringLiteral("has no \"%1\"").arg(key));
        const bool number = key == QLatin1String("position_s");
        if (number ? !o.value(key).isDouble() : !o.value(key).isString())
            throw refuse(QStringLiteral("has \"%1\" that is not a %2").arg(key, number ? QStringLiteral("number") : QStringLiteral("string")));
    }
    TrackMarker m;
    m.uid = o.value(QLatin1String("uid")).toString();
    m.path = o.value(QLatin1String("path")).toString();
    m.positionSeconds = o.value(QLatin1String("position_s")).toDouble();
    m.category = o.value(QLatin1String("category")).toString();
    m.note = o.value(QLatin1String("note")).toString();
    const QString created = o.value(QLatin1String("created_at")).toString();
    m.createdAt = QDateTime::fromString(created, Qt::ISODateWithMs);
    if (!m.createdAt.isValid())
        throw refuse(QStringLiteral("has created_at \"%1\" that is not an ISO 8601 time").arg(created));
    m.createdAt = m.createdAt.toUTC();
    if (!store::isAttemptUid(m.uid))
        throw refuse(QStringLiteral("has uid \"%1\" that is not 32 lowercase hexadecimal digits").arg(m.uid));
    if (const QString why = whyInvalid(m); !why.isEmpty())
        throw refuse(QStringLiteral("is refused: %1").arg(why));
    return m;
}

} // namespace

QString markerTimeText(double seconds)
{
    const long long tenths = std::llround(std::max(0.0, seconds) * 10.0);
    const long long totalSeconds = tenths / 10;
    const long long h = totalSeconds / 3600;
    const long long m = totalSeconds / 60 % 60;
    const QString secs = QStringLiteral("%1.%2").arg(totalSeconds % 60, 2, 10, QLatin1Char('0')).arg(tenths % 10);
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(secs);
    return QStringLiteral("%1:%2").arg(m, 2, 10, QLatin1Char('0')).arg(secs);
}

QString markersText(const QList<TrackMarker>& markers)
{
    qsizetype labelWidth = 0;
    for (const QString& key : markerCategories())
        labelWidth = std::max(labelWidth, markerCategoryLabel(key).size());
    QString out;
    QString track;
    bool first = true;
    for (const TrackMarker& m : markers) {
        if (first || m.path != track) {
            if (!first)
                out += QLatin1Char('\n');
            out += m.path + QLatin1Char('\n');
            track = m.path;
            first = false;
        }
        QString note = m.note;
        note.replace(QStringLiteral("\r\n"), QStringLiteral(" / "));
        note.replace(QLatin1Char('\n'), QStringLiteral(" / "));
        note.replace(QLatin1Char('\r'), QStringLiteral(" / "));
        QString line = markerTimeText(m.positionSeconds) + QStringLiteral("  ")
                       + markerCategoryLabel(m.category).leftJustified(labelWidth);
        if (!note.isEmpty())
            line += QStringLiteral("  ") + note;
        out += line.trimmed() + QLatin1Char('\n');
    }
    return out;
}

QByteArray markersCsv(const QList<TrackMarker>& markers)
{
    QByteArray out = "time,name,note\r\n";
    for (const TrackMarker& m : markers) {
        out += QByteArray::number(m.positionSeconds, 'f', 3) + ',' + csvField(markerCategoryLabel(m.category)) + ','
               + csvField(m.note) + "\r\n";
    }
    return out;
}

QByteArray markersJson(const QList<TrackMarker>& markers)
{
    QJsonArray array;
    for (const TrackMarker& m : markers) {
        array.append(QJsonObject{{QStringLiteral("uid"), m.uid},
                                 {QStringLiteral("path"), m.path},
                                 {QStringLiteral("position_s"), m.positionSeconds},
                                 {QStringLiteral("category"), m.category},
                                 {QStringLiteral("note"), m.note},
                                 {QStringLiteral("created_at"), store::isoUtc(m.createdAt)}});
    }
    const QJsonObject root{{QStringLiteral("earlab_markers"), kFormatVersion}, {QStringLiteral("markers"), array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QList<TrackMarker> parseMarkersJson(const QByteArray& json, const QString& source)
{
    auto refuse = [&](const QString& why) {
        return MarkerFileError(QStringLiteral("The marker file %1 is refused, nothing was imported: %2.").arg(source, why));
    };
    if (const std::optional<QString> key = firstDuplicateJsonKey(json))
        throw refuse(QStringLiteral("the key %1 appears twice").arg(*key));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw refuse(QStringLiteral("it is not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value(QLatin1String("earlab_markers")).isDouble())
        throw refuse(QStringLiteral("it is not an EarLab marker file (no \"earlab_markers\" version)"));
    const double version = root.value(QLatin1String("earlab_markers")).toDouble();
    if (version != kFormatVersion)
        throw refuse(QStringLiteral("its format version %1 is not %2, the one this EarLab reads").arg(version).arg(kFormatVersion));
    if (!root.value(QLatin1String("markers")).isArray())
        throw refuse(QStringLiteral("it has no \"markers\" array"));
    const QJsonArray array = root.value(QLatin1String("markers")).toArray();
    QList<TrackMarker> markers;
    QSet<QString> uids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        TrackMarker m = markerFromJson(array.at(i), i, source);
        if (uids.contains(m.uid))
            throw refuse(QStringLiteral("markers[%1] has the uid %2 of an earlier entry").arg(i).arg(m.uid));
        uids.insert(m.uid);
        markers.append(m);
    }
    return markers;
}

void saveMarkersText(const QString& path, const QList<TrackMarker>& markers)
{
    writeFile(path, markersText(markers).toUtf8());
}

void saveMarkersCsv(const QString& path, const QList<TrackMarker>& markers)
{
    writeFile(path, markersCsv(markers));
}

int exportMarkersJson(const TrackMarkerStore& store, const QString& path)
{
    const QList<TrackMarker> markers = store.all();
    writeFile(path, markersJson(markers));
    return int(markers.size());
}

MarkerMerge importMarkersJson(TrackMarkerStore& store, const QString& path)
{
    std::string bytes;
    try {
        bytes = readWholeFile(QFile::encodeName(path).toStdString(), kMaxJsonBytes);
    } catch (const AudioError& error) {
        throw MarkerFileError(QStringLiteral("Could not import the markers: %1").arg(QString::fromStdString(error.what())));
    }
    const QList<TrackMarker> markers = parseMarkersJson(QByteArray::fromStdString(bytes), path);
    return store.merge(markers);
}

} // namespace earlab
