#include "audio/engine/devices.h"

#include "audio/audio_error.h"

#include <portaudio.h>

#include <algorithm>
#include <cctype>

namespace earlab {

namespace {
std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string describe(const std::vector<OutputDevice>& devices)
{
    if (devices.empty())
        return "this machine has no audio output device";
    std::string names;
    for (const auto& d : devices)
        names += (names.empty() ? "" : ", ") + ("\"" + d.name + "\" (" + d.hostApi + ")");
    return "available outputs: " + names;
}
} // namespace

std::vector<OutputDevice> listOutputDevices()
{
    std::vector<OutputDevice> out;
    const int count = Pa_GetDeviceCount();
    const PaDeviceIndex defaultOutput = Pa_GetDefaultOutputDevice();
    for (int i = 0; i < count; ++i) {
        const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
        if (!info || info->maxOutputChannels < 1)
            continue;
        const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi);
        OutputDevice d;
        d.index = i;
        d.name = info->name ? info->name : "";
        d.hostApi = api && api->name ? api->name : "";
        d.maxOutputChannels = info->maxOutputChannels;
        d.defaultSampleRate = info->defaultSampleRate;
        d.defaultLowLatencyMs = info->defaultLowOutputLatency * 1000.0;
        d.isDefault = i == defaultOutput;
        out.push_back(std::move(d));
    }
    return out;
}

OutputDevice findOutputDevice(const std::string& name)
{
    const auto devices = listOutputDevices();
    if (devices.empty())
        throw AudioError(AudioErrorKind::NoDevice, name.empty() ? "default output" : name,
                         "no audio output device is available");
    if (name.empty()) {
        for (const auto& d : devices)
            if (d.isDefault)
                return d;
        return devices.front();
    }
    const std::string wanted = lower(name);
    for (const auto& d : devices)
        if (lower(d.name) == wanted || lower(d.hostApi + ": " + d.name) == wanted)
            return d;
    const OutputDevice* only = nullptr;
    int matches = 0;
    for (const auto& d : devices)
        if (lower(d.name).find(wanted) != std::string::npos) {
            only = &d;
            ++matches;
        }
    if (matches == 1)
        return *only;
    throw AudioError(AudioErrorKind::NoDevice, name,
                     (matches == 0 ? "no such output device; " : "more than one output device matches; ") +
                         describe(devices));
}

} // namespace earlab
