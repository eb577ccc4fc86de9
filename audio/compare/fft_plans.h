#pragma once
// Real FFTs of any size through FFTW (double precision), with one pair of plans per size made
// once and kept for the life of the process (never destroyed: see fft_plans.cpp). FFTW's planner is not thread-safe (its execute
// functions are), so plan creation is serialised by a mutex here and nowhere else; executing
// a plan on new arrays (fftw_execute_dft_r2c) is safe from any thread.
// Plans are made with FFTW_ESTIMATE: measuring would cost more than the transforms it saves
// for the few transforms one comparison runs.

#include <complex>
#include <cstddef>
#include <memory>

namespace earlab {

// A buffer FFTW can use with a cached plan (allocated by fftw_malloc, so aligned as the
// planner assumed). Holds `size` elements of T, zero-initialised.
template <typename T>
class FftBuffer {
public:
    explicit FftBuffer(std::size_t size);
    T* data() { return data_.get(); }
    const T* data() const { return data_.get(); }
    std::size_t size() const { return size_; }
    T& operator[](std::size_t i) { return data_[i]; }
    const T& operator[](std::size_t i) const { return data_[i]; }

private:
    struct Free {
        void operator()(T* p) const;
    };
    std::unique_ptr<T[], Free> data_;
    std::size_t size_;
};

// n real samples <-> n/2+1 complex bins, unnormalised (inverse(forward(x)) == n * x).
class RealFft {
public:
    explicit RealFft(std::size_t n); // n >= 2, even
    std::size_t size() const { return n_; }
    std::size_t bins() const { return n_ / 2 + 1; }
    void forward(FftBuffer<double>& in, FftBuffer<std::complex<double>>& out) const;
    void inverse(FftBuffer<std::complex<double>>& in, FftBuffer<double>& out) const; // overwrites `in`

private:
    std::size_t n_;
    void* forwardPlan_;
    void* inversePlan_;
};

// The smallest size >= n (and >= 2) of the form 2^k or 3 x 2^k (k >= 1): FFTW is fast on
// those, and with at most two sizes per octave the plan cache (fft_plans.cpp, kept for the
// life of the process) stays bounded however many different lengths are measured.
std::size_t goodFftSize(std::size_t n);

} // namespace earlab
