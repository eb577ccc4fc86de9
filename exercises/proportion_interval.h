#pragma once
// The 95 % interval of a proportion of successes (right answers of a listener), shared by
// the per-band statistics and the blind tests' d′.
//
// Wilson's score interval (Wilson 1927, JASA 22:209), not Clopper–Pearson's exact one:
// Clopper–Pearson guarantees at least 95 % coverage for every true proportion, which makes it
// conservative (near 98 % at the 10–30 trials of a listening test, so its intervals are
// wider than they claim to be); Wilson's coverage stays close to 95 % on average, it never
// leaves [0, 1], and it is sensible at 0 of n and n of n (Agresti & Coull 1998, Am. Stat.
// 52:119; Brown, Cai & DasGupta 2001, Stat. Sci. 16:101).

namespace earlab {

struct ProportionInterval {
    double low = 0;  // 0 .. 1
    double high = 1; // 0 .. 1; exactly 1 when every trial succeeded
};

// The two-sided 95 % normal quantile, z(0.975).
inline constexpr double kZ95 = 1.959963984540054;

// Wilson score interval of successes/trials at two-sided normal quantile z (95 % by
// default). trials = 0 gives [0, 1] (nothing known). Throws std::invalid_argument when
// successes is outside 0 .. trials or trials < 0.
ProportionInterval wilsonInterval(int successes, int trials, double z = kZ95);

} // namespace earlab
