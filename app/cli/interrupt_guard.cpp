#include "interrupt_guard.h"

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

namespace earlab::cli {

namespace {

// The handler's state: plain words and a lock-free flag, set before the handler is installed.
std::atomic<bool> g_interrupted{false};
pthread_t g_reader;
int g_devNull = -1;
struct sigaction g_previous {};

static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onInterrupt(int signal)
{
    if (!pthread_equal(pthread_self(), g_reader)) {
        pthread_kill(g_reader, signal); // the reader's read(2) must return: run the handler there
        return;
    }
    if (g_interrupted.exchange(true))
        return;
    if (g_devNull >= 0)
        dup2(g_devNull, STDIN_FILENO); // atomic: fd 0 never names another file meanwhile
    sigaction(SIGINT, &g_previous, nullptr); // the next Ctrl+C does what it did before
}

} // namespace

InterruptGuard::InterruptGuard()
{
    g_interrupted = false;
    g_reader = pthread_self();
    g_devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    struct sigaction mine {};
    mine.sa_handler = onInterrupt;
    sigemptyset(&mine.sa_mask);
    mine.sa_flags = 0; // no SA_RESTART: a read(2) under way returns EINTR, so getline fails now
    sigaction(SIGINT, &mine, &g_previous);
    if (g_previous.sa_handler == SIG_IGN) // a background job that ignores Ctrl+C keeps ignoring it
        sigaction(SIGINT, &g_previous, nullptr);
}

InterruptGuard::~InterruptGuard()
{
    if (!g_interrupted)
        sigaction(SIGINT, &g_previous, nullptr);
    if (g_devNull >= 0)
        ::close(g_devNull);
    g_devNull = -1;
}

bool InterruptGuard::interrupted() const
{
    return g_interrupted;
}

} // namespace earlab::cli
