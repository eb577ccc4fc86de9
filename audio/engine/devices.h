#pragma once
// Output devices as PortAudio sees them.

#include <string>
#include <vector>

namespace earlab {

struct OutputDevice {
    int index = -1;               // PortAudio device index, valid while PortAudio stays initialised
    std::string name;             // e.g. "default", "system"
    std::string hostApi;          // e.g. "ALSA", "JACK Audio Connection Kit"
    int maxOutputChannels = 0;
    double defaultSampleRate = 0; // Hz
    double defaultLowLatencyMs = 0;
    bool isDefault = false;       // the default output of its host API's default
};

// Needs a live PortAudioSession. Empty when the machine has no output at all.
std::vector<OutputDevice> listOutputDevices();

// The device whose name matches exactly (case-insensitive) or as "host api: name"; failing
// that, the only one containing `name`. An empty name picks the default output.
// Throws AudioError(NoDevice) naming what was asked for and what exists.
OutputDevice findOutputDevice(const std::string& name);

} // namespace earlab
