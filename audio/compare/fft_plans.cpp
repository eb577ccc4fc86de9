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
    static std::mutex m;
    return m;
}

// Kept until exit (a plan is a few kB and the sizes one run needs are few), then destroyed
// with FFTW's planner data, so nothing FFTW allocated outlives the process's statics.
struct PlanCache {
    std::map<std::size_t, PlanPair> pairs;
    ~PlanCache()
    {
        for (auto& [size, pair] : pairs) {
            fftw_destroy_plan(pair.forward);
            fftw_destroy_plan(pair.inverse);
        }
        fftw_cleanup();
    }
};

std::map<std::size_t, PlanPair>& plans()
{
    static PlanCache cache;
    return cache.pairs;
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
    for (std::size_t m = std::max<std::size_t>(n, 2);; ++m) {
        if (m % 2)
            continue;
        std::size_t r = m;
        for (std::size_t p : {2, 3, 5})
            while (r % p == 0)
                r /= p;
        if (r == 1)
            return m;
    }
}

} // namespace earlab
