#pragma once
// How busy the machine was over a stretch of time, from /proc (Linux): what a real-time
// figure such as an underrun count must be read against on a shared machine.

#include <string>
#include <vector>

namespace earlab::test {

// The kernel's CPU time counters (/proc/stat, in clock ticks) at one moment: [0] all CPUs,
// [1 + i] CPU i.
struct CpuCounters {
    struct Cpu {
        unsigned long long total = 0; // every state
        unsigned long long idle = 0;  // idle + iowait
        unsigned long long steal = 0; // taken by the hypervisor for other guests
    };
    std::vector<Cpu> cpus;

    static CpuCounters now(); // empty if /proc/stat cannot be read
};

// The share of time CPUs were busy (not idle, not waiting for I/O) between two readings.
struct CpuBusy {
    double all = 0.0;            // 0..1, averaged over every CPU
    std::vector<double> perCpu;  // 0..1 each
    double steal = 0.0;          // 0..1 of all CPU time, stolen by the hypervisor

    static CpuBusy between(const CpuCounters& before, const CpuCounters& after);
    std::string describe() const; // "62 % busy (CPU0 55 %, CPU1 70 %), 0.1 % stolen"
};

// The first three fields of /proc/loadavg ("1.02 0.87 0.55"), or "unknown".
std::string loadAverage();

} // namespace earlab::test
