#include "allocation_counter.h"

#include "audio/engine/realtime_probe.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
thread_local bool t_inCallback = false;
std::atomic<std::uint64_t> g_allocations{0};
std::atomic<std::uint64_t> g_callbacks{0};

void probe(bool entering) noexcept
{
    t_inCallback = entering;
    if (entering)
        g_callbacks.fetch_add(1, std::memory_order_relaxed);
}

inline void count()
{
    if (t_inCallback)
        g_allocations.fetch_add(1, std::memory_order_relaxed);
}
} // namespace

#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer (scripts/test --sanitize) malloc must stay ASan's: a replaced one
// runs before ASan is initialised and hands its free() blocks it never allocated. ASan calls
// this hook for every allocation instead, C and C++ alike. (Declared here: GCC 12 ships the
// function in libasan but not its header, sanitizer/allocator_interface.h.)
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*)(const volatile void*, std::size_t),
                                                          void (*)(const volatile void*));

namespace {
void onAllocate(const volatile void*, std::size_t) { count(); }
void onFree(const volatile void*) {}
void installCountingHook() { __sanitizer_install_malloc_and_free_hooks(&onAllocate, &onFree); }
} // namespace
#else
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
}

namespace {
void installCountingHook() {} // the replacements below count
} // namespace

// C allocations too: PortAudio and ALSA are C, and so is anything std:: might call.
extern "C" void* malloc(std::size_t n)
{
    count();
    return __libc_malloc(n);
}
extern "C" void* calloc(std::size_t n, std::size_t size)
{
    count();
    return __libc_calloc(n, size);
}
extern "C" void* realloc(void* p, std::size_t n)
{
    count();
    return __libc_realloc(p, n);
}

void* operator new(std::size_t n)
{
    count();
    if (void* p = __libc_malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace earlab::test {

void installAllocationCounter()
{
    g_allocations = 0;
    g_callbacks = 0;
    installCountingHook();
    setRealtimeProbe(&probe);
}
void removeAllocationCounter() { setRealtimeProbe(nullptr); }
std::uint64_t callbackAllocations() { return g_allocations.load(); }
std::uint64_t callbacksObserved() { return g_callbacks.load(); }

} // namespace earlab::test
