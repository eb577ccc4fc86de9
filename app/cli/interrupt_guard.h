#pragma once
// Ctrl+C during an interactive run (earlab-cli abx): without this, SIGINT kills the process and
// every answer given so far is lost. While an InterruptGuard lives, the first SIGINT only marks
// the run interrupted and ends the input (stdin becomes /dev/null, so a blocked or the next
// std::getline fails at once); the caller then stops the run and saves what it has, as for q.
// A second Ctrl+C gets the handler that was there before (main.cpp's: remove temporary files,
// die), so a user who really wants out is never stuck.
//
// One guard at a time, created and destroyed on the thread that reads stdin. The handler makes
// only async-signal-safe calls; a SIGINT the kernel hands to another thread (the audio
// threads) is passed on to the reading thread, whose read(2) it interrupts.

namespace earlab::cli {

class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    bool interrupted() const;
};

inline constexpr int kExitInterrupted = 130; // 128 + SIGINT, as shells report an interrupted program

} // namespace earlab::cli
