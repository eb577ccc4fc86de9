#pragma once
// A value that glides linearly to a target over a number of samples. Continuous by
// construction: a new target starts from wherever the value is now, so interrupted fades
// never jump.

namespace earlab {

class LinearRamp {
public:
    explicit LinearRamp(float value = 0.0f) noexcept : value_(value), target_(value) {}

    void jumpTo(float value) noexcept
    {
        value_ = target_ = value;
        remaining_ = 0;
    }

    // frames <= 0 jumps.
    void rampTo(float target, int frames) noexcept
    {
        target_ = target;
        if (frames <= 0) {
            value_ = target;
            remaining_ = 0;
            return;
        }
        remaining_ = frames;
    }

    // The value for this sample, then one step on. The last step lands exactly on the target.
    float next() noexcept
    {
        const float v = value_;
        if (remaining_ > 0) {
            value_ += (target_ - value_) / float(remaining_);
            if (--remaining_ == 0)
                value_ = target_;
        }
        return v;
    }

    float value() const noexcept { return value_; }
    float target() const noexcept { return target_; }
    bool isRamping() const noexcept { return remaining_ > 0; }
    int remaining() const noexcept { return remaining_; }

private:
    float value_;
    float target_;
    int remaining_ = 0;
};

} // namespace earlab
