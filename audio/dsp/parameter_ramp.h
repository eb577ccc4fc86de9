#pragma once
// The linear, per-frame parameter ramp shared by the DSP blocks (biquad coefficients,
// compressor shape, gain/pan). Header-only so advance() inlines into each process() loop.
// Real-time safe: no allocation, nothing throws.

#include <type_traits>

namespace earlab::dsp {

// a + (b - a) t, and not std::lerp: every ramp in dsp/ has always used this form, so the
// output stays bit-identical to what the tests and earlier renders were checked against.
// At t = 1 it need not give b exactly, which is why ParameterRamp copies the target at
// the ramp's end instead of evaluating t = 1.
[[nodiscard]] constexpr double lerp(double a, double b, double t) noexcept
{
    return a + (b - a) * t;
}

// Params is a plain struct; the caller supplies its member-wise interpolation to advance(),
// which keeps the knowledge of which members ramp (and in what precision) with the block.
template <typename Params>
class ParameterRamp {
    static_assert(std::is_trivially_copyable_v<Params>,
                  "copied on the audio thread every frame of a ramp");

public:
    // The value in use now (mid-ramp: the interpolated one).
    const Params& current() const noexcept { return current_; }
    const Params& target() const noexcept { return target_; }
    bool isRamping() const noexcept { return length_ > 0; }

    // Ends any ramp at `p` at once.
    void jumpTo(const Params& p) noexcept
    {
        current_ = p;
        start_ = p;
        target_ = p;
        stop();
    }

    // Starts a ramp from the value reached so far, so a ramp started during a ramp does not
    // jump back.
    // frames, // frames the ramp lasts [0 to INT_MAX]; 0 = jump
    void rampTo(const Params& p, int frames) noexcept
    {
        if (frames <= 0) {
            jumpTo(p);
            return;
        }
        start_ = current_;
        target_ = p;
        length_ = frames;
        position_ = 0;
        inverseLength_ = 1.0 / double(frames);
    }

    // One frame on; call only while isRamping(). The last frame lands on the target exactly.
    // interpolate, // Params(const Params& start, const Params& target, double t), t in (0, 1)
    template <typename Interpolate>
    void advance(Interpolate&& interpolate) noexcept
    {
        if (++position_ >= length_) {
            current_ = target_;
            stop();
            return;
        }
        // From the ramp's start each time (not by adding a step), so rounding cannot
        // accumulate over a long ramp.
        const double t = double(position_) * inverseLength_;
        current_ = interpolate(start_, target_, t);
    }

private:
    void stop() noexcept
    {
        length_ = 0;
        position_ = 0;
    }

    Params current_{};
    Params start_{};
    Params target_{};
    int length_ = 0; // 0 = not ramping
    int position_ = 0;
    double inverseLength_ = 0.0;
};

} // namespace earlab::dsp
