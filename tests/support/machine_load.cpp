#include "support/machine_load.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace earlab::test {

CpuCounters CpuCounters::now()
{
    CpuCounters c;
    std::ifstream stat("/proc/stat");
    std::string line;
    while (std::getline(stat, line)) {
        if (line.rfind("cpu", 0) != 0)
            break; // the cpu lines come first
        std::istringstream fields(line.substr(line.find(' ')));
        // user nice system idle iowait irq softirq steal (guest time is inside user already)
        unsigned long long v[8] = {};
        for (auto& x : v)
            fields >> x;
        Cpu cpu;
        for (const auto x : v)
            cpu.total += x;
        cpu.idle = v[3] + v[4];
        cpu.steal = v[7];
        c.cpus.push_back(cpu);
    }
    return c;
}

CpuBusy CpuBusy::between(const CpuCounters& before, const CpuCounters& after)
{
    CpuBusy b;
    if (before.cpus.empty() || before.cpus.size() != after.cpus.size())
        return b;
    const auto busy = [](const CpuCounters::Cpu& x, const CpuCounters::Cpu& y) {
        const double total = double(y.total - x.total);
        return total > 0 ? 1.0 - double(y.idle - x.idle) / total : 0.0;
    };
    b.all = busy(before.cpus[0], after.cpus[0]);
    const double total = double(after.cpus[0].total - before.cpus[0].total);
    b.steal = total > 0 ? double(after.cpus[0].steal - before.cpus[0].steal) / total : 0.0;
    for (std::size_t i = 1; i < after.cpus.size(); ++i)
        b.perCpu.push_back(busy(before.cpus[i], after.cpus[i]));
    return b;
}

std::string CpuBusy::describe() const
{
    char part[64];
    std::snprintf(part, sizeof part, "%.0f %% busy (", 100.0 * all);
    std::string s = part;
    for (std::size_t i = 0; i < perCpu.size(); ++i) {
        std::snprintf(part, sizeof part, "%sCPU%zu %.0f %%", i ? ", " : "", i, 100.0 * perCpu[i]);
        s += part;
    }
    std::snprintf(part, sizeof part, "), %.1f %% stolen", 100.0 * steal);
    return s + part;
}

std::string loadAverage()
{
    std::ifstream file("/proc/loadavg");
    std::string a, b, c;
    if (!(file >> a >> b >> c))
        return "unknown";
    return a + " " + b + " " + c;
}

} // namespace earlab::test
