#include "cli_support.h"

#include "audio/engine/devices.h"
#include "audio/engine/portaudio_session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace earlab::cli {

int runDevices(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("List the audio output devices PortAudio can use.");
    parser.addOption({"json", "Print a JSON array."});
    if (!parseOrHelp(parser, args, 0, 0))
        return kExitOk;

    PortAudioSession session;
    const auto devices = listOutputDevices();
    if (parser.isSet("json")) {
        QJsonArray list;
        for (const auto& d : devices)
            list.append(QJsonObject{{"name", QString::fromStdString(d.name)},
                                    {"host_api", QString::fromStdString(d.hostApi)},
                                    {"channels", d.maxOutputChannels},
                                    {"default_sample_rate", d.defaultSampleRate},
                                    {"low_latency_ms", d.defaultLowLatencyMs},
                                    {"default", d.isDefault}});
        printOut(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)).trimmed());
        return kExitOk;
    }
    if (devices.empty()) {
        printOut("No audio output devices.");
        return kExitOk;
    }
    for (const auto& d : devices)
        printOut(QString("%1%2  [%3]  %4 ch, %5 Hz")
                     .arg(d.isDefault ? "* " : "  ", QString::fromStdString(d.name), QString::fromStdString(d.hostApi))
                     .arg(d.maxOutputChannels)
                     .arg(d.defaultSampleRate, 0, 'f', 0));
    return kExitOk;
}

} // namespace earlab::cli
