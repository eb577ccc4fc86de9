#include "audio/compare/fft_plans.h"

#include "audio/audio_error.h"

#include <fftw3.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

namespace earlab {

template <typename T>
FftBuffer<T>::FftBuffer(std::size_t size)
    : data_(static_cast<T*>(fftw_malloc(sizeof(T) * (size ? size : 1)))), size_(size)
{
    if (!data_)
        throw std::bad_alloc();
    for (std::size_t i = 0; i < size; ++i)
        data_[i] = T{};
}

template <typename T>
void FftBuffer<T>::Free::operator()(T* p) const
{
    fftw_free(p);
}

template class FftBuffer<double>;
template class FftBuffer<std::complex<double>>;

namespace {

struct PlanPair {
    fftw_plan forward = nullptr;
    fftw_plan inverse = nullptr;
};

std::mutex& plannerMutex()
{
    static auto* const m = new std::mutex; // outlives every static, as the cache does
    return *m;
}

// Never destroyed, on purpose: a destructor run at static destruction would free plans (and
// call fftw_cleanup()) while another thread may still be transforming with them, and it could
// not take the planner mutex safely either. The cache stays reachable through this static
// pointer, so LeakSanitizer does not count it. Its size is bounded by goodFftSize(), which
// yields at most two sizes per octave (64 from 2 to 2^32), whatever lengths callers measure;
// a plan holds its size's twiddle factors (O(n) doubles), so an unbounded set of sizes
// would grow without end in a long session.
std::map<std::size_t, PlanPair>& plans()
{
    static auto* const cache = new std::map<std::size_t, PlanPair>;
    return *cache;
}

PlanPair plansFor(std::size_t n)
{
    std::lock_guard lock(plannerMutex());
    auto& cache = plans();
    if (auto it = cache.find(n); it != cache.end())
        return it->second;
    FftBuffer<double> real(n);
    FftBuffer<std::complex<double>> spectrum(n / 2 + 1);
    auto* bins = reinterpret_cast<fftw_complex*>(spectrum.data());
    PlanPair pair;
    pair.forward = fftw_plan_dft_r2c_1d(int(n), real.data(), bins, FFTW_ESTIMATE);
    pair.inverse = fftw_plan_dft_c2r_1d(int(n), bins, real.data(), FFTW_ESTIMATE);
    if (!pair.forward || !pair.inverse) {
        if (pair.forward)
            fftw_destroy_plan(pair.forward);
        if (pair.inverse)
            fftw_destroy_plan(pair.inverse);
        throw AudioError(AudioErrorKind::InvalidArgument, "FFT", "FFTW could not plan a transform of " + std::to_string(n) + " points");
    }
    cache.emplace(n, pair);
    return pair;
}

} // namespace

RealFft::RealFft(std::size_t n) : n_(n)
{
    if (n < 2 || n % 2 != 0 || n > std::size_t(1) << 30)
        throw AudioError(AudioErrorKind::InvalidArgument, "FFT", "transform size " + std::to_string(n) + " is not an even size from 2 to 2^30");
    const PlanPair p = plansFor(n);
    forwardPlan_ = p.forward;
    inversePlan_ = p.inverse;
}

void RealFft::forward(FftBuffer<double>& in, FftBuffer<std::complex<double>>& out) const
{
    fftw_execute_dft_r2c(static_cast<fftw_plan>(forwardPlan_), in.data(), reinterpret_cast<fftw_complex*>(out.data()));
}

void RealFft::inverse(FftBuffer<std::complex<double>>& in, FftBuffer<double>& out) const
{
    fftw_execute_dft_c2r(static_cast<fftw_plan>(inversePlan_), reinterpret_cast<fftw_complex*>(in.data()), out.data());
}

std::size_t goodFftSize(std::size_t n)
{
    // 2^k or 3 x 2^k: wastes at most half the size, and keeps the set of planned sizes small.
    std::size_t power = 2;
    for (;; power *= 2) {
        if (power >= n)
            return power;
        if (power / 2 * 3 >= n && power >= 4)
            return power / 2 * 3;
    }
}

} // namespace earlab
