// From "next question" to playable, per exercise, on a 15 s loop (issue 7, goal <= 150 ms):
// what the app's Session does on its worker once the loop is prepared and cached (session.cpp
// prepare()): ask() on the loop's facts, then loudness-match every variant after the first.
// For every exercise of the catalogue at level 1 and its last level, on the material that
// level plays (pink noise, or the first built-in loop: chosen as earlab-cli question does),
// over N seeds: median and slowest, wall clock and the thread's CPU time (the figure a busy
// machine disturbs least). The loop's preparation (decode, loop region, band analysis) happens
// once per material and is shown apart. Prints markdown for docs/performance.md.
//   bench_question [--seeds N]

#include "app/cli/question_material_choice.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/question_material.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <exception>
#include <map>
#include <string>
#include <vector>

using namespace earlab;

namespace {

constexpr double kGoalMs = 150.0;

double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
}

double wallMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Timing {
    std::vector<double> wall, cpu;
};

// One question made playable, as Session::prepare() does it with a cached loop.
void nextQuestion(const Exercise& exercise, const Setting& setting, std::uint64_t seed, const PreparedLoop& loop)
{
    Question q = exercise.ask(setting, seed, factsOf(loop));
    matchVariants(q, loop, true);
}

} // namespace

int main(int argc, char** argv)
{
    int seeds = 20;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--seeds") == 0 && i + 1 < argc)
            seeds = std::max(1, std::atoi(argv[++i]));

    const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
    std::map<QString, std::shared_ptr<const PreparedLoop>> loops; // cached per material, as the app does
    std::map<QString, double> prepareMs;
    std::printf("### From next question to playable (ask + loudness matching, 15 s loop prepared), %d seeds\n\n", seeds);
    std::printf("| exercise | level | material | loop s | median ms (wall) | slowest ms (wall) | median ms (CPU) | goal %.0f ms |\n",
                kGoalMs);
    std::printf("|---|---|---|---|---|---|---|---|\n");
    for (const auto& e : catalogue.all()) {
        for (const int level : e->levelCount() > 1 ? std::vector<int>{1, e->levelCount()} : std::vector<int>{1}) {
            MaterialRef material;
            std::shared_ptr<const PreparedLoop> loop;
            try {
                material = cli::chooseMaterial(*e, level, {});
                auto& cached = loops[material.id + (material.stemPaths.isEmpty() ? "" : " with stems")];
                if (!cached) {
                    const double t0 = wallMs();
                    cached = prepareLoop(material);
                    prepareMs[material.title] = wallMs() - t0;
                }
                loop = cached;
                // As earlab-cli question: a multitrack level whose loop holds no stems is not asked.
                Setting first{level};
                cli::refuseStemsIfMissing(e->ask(first, 1, factsOf(*loop)), *loop);
            } catch (const std::exception& x) {
                std::printf("| %s | %d | — | — | — | — | — | not measured: %s |\n", qPrintable(e->id()), level, x.what());
                continue;
            }
            Setting setting{level};
            if (e->difficultyKind() == DifficultyKind::Staircase)
                setting.value = e->level(level).value;
            Timing t;
            for (int s = 0; s < seeds; ++s) {
                const double w0 = wallMs(), c0 = threadCpuMs();
                nextQuestion(*e, setting, std::uint64_t(s + 1), *loop);
                t.wall.push_back(wallMs() - w0);
                t.cpu.push_back(threadCpuMs() - c0);
            }
            const double med = median(t.wall);
            const bool met = med <= kGoalMs;
            std::printf("| %s | %d | %s | %.1f | %.1f | %.1f | %.1f | %s |\n", qPrintable(e->id()), level,
                        qPrintable(material.title), loop->audio->durationSeconds(), med,
                        *std::max_element(t.wall.begin(), t.wall.end()), median(t.cpu), met ? "met" : "**missed**");
        }
    }
    std::printf("\nPreparing a loop (once per material, then cached): ");
    const char* sep = "";
    for (const auto& [title, ms] : prepareMs) {
        std::printf("%s%s %.0f ms", sep, qPrintable(title), ms);
        sep = ", ";
    }
    std::printf(".\n");
    return 0; // a figure, not a verdict: a missed goal shows in the table
}
