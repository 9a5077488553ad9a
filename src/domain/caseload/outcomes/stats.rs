//! The arithmetic of the outcomes report: a figure that may rest on too few
//! episodes, a mean, and the pre–post effect size with its 95 % interval.
//!
//! Floating point only here, at the very end: every input is an exact total
//! in tenths or a whole count, and the report's rows keep those, so an
//! auditor recomputes each figure from the same exact values.

use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::MIN_EPISODES_FOR_OUTCOMES;

/// What one figure of the report shows: a number, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum Estimate<T> {
    /// It would rest on fewer than the minimum (10 episodes; 20 sessions for
    /// feedback elicited, as in "My alliance"): "too few to tell", never a
    /// number a handful of clients could swing.
    TooFew {
        /// What it would rest on so far.
        n: usize,
        /// What it needs.
        need: usize,
    },
    /// Enough to go on, but none of the kind this figure is about (no
    /// unilateral endings to split).
    NoData {
        /// What it rests on.
        n: usize,
    },
    /// Every intake the same total: the effect size divides by their
    /// spread, which is zero, so there is no effect size to give.
    NoSpread {
        /// What it rests on.
        n: usize,
    },
    /// The value, resting on `n`.
    Value {
        /// How many it rests on.
        n: usize,
        /// The value.
        value: T,
    },
}

impl<T> Estimate<T> {
    /// The value when there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Estimate::Value { value, .. } => Some(value),
            _ => None,
        }
    }

    /// How many it rests on.
    pub fn n(&self) -> usize {
        match self {
            Estimate::TooFew { n, .. }
            | Estimate::NoData { n }
            | Estimate::NoSpread { n }
            | Estimate::Value { n, .. } => *n,
        }
    }

    /// True for "too few to tell".
    pub fn is_too_few(&self) -> bool {
        matches!(self, Estimate::TooFew { .. })
    }
}

/// `value` when `n` reaches `need`, "too few" otherwise.
pub(super) fn gate<T>(n: usize, need: usize, value: impl FnOnce() -> Estimate<T>) -> Estimate<T> {
    if n < need {
        Estimate::TooFew { n, need }
    } else {
        value()
    }
}

/// The mean of some values, "too few" below [`MIN_EPISODES_FOR_OUTCOMES`].
pub(super) fn mean_of(values: &[f64]) -> Estimate<f64> {
    gate(values.len(), MIN_EPISODES_FOR_OUTCOMES, || {
        Estimate::Value {
            n: values.len(),
            value: mean(values),
        }
    })
}

/// Arithmetic mean; 0 for none (callers gate first).
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.iter().sum::<f64>() / values.len() as f64
}

/// Sample standard deviation (divisor n − 1); 0 for fewer than two values.
///
/// Why n − 1: the report's episodes are a sample of the clients this
/// practice sees, and the figure estimates the spread of that population;
/// the n − 1 divisor is the unbiased estimate of its variance, the one
/// published pre–post effect sizes use (Becker 1988), and the one a
/// spreadsheet's `STDEV` gives an auditor.
pub fn sample_sd(values: &[f64]) -> f64 {
    let n = values.len();
    if n < 2 {
        return 0.0;
    }
    let m = mean(values);
    let ss: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    (ss / (n - 1) as f64).sqrt()
}

/// Pearson's correlation of two equally long series; `None` when either
/// has no spread (or fewer than two values).
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let (mx, my) = (mean(&x[..n]), mean(&y[..n]));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// z for a two-sided 95 % interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The pre–post effect size of some episodes, with what it is made of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EffectSize {
    /// mean(last − intake) / SD(intake), unitless.
    pub d: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
    /// Mean change from intake to last ORS, in points.
    pub mean_change: f64,
    /// Sample SD (n − 1) of the intakes, in points.
    pub sd_intake: f64,
    /// Correlation of intake and last ORS used in the interval; `None` when
    /// the last totals have no spread (then taken as 0, the wider interval).
    pub r: Option<f64>,
}

/// The pre–post effect size of `(intake, last)` pairs: d = mean(last −
/// intake) / SD(intake), with the sample SD (n − 1, see [`sample_sd`]).
/// `None` for fewer than two pairs or intakes with no spread.
///
/// The 95 % interval is the normal approximation for a standardized mean
/// change standardized by the pre-test SD (Becker 1988):
/// var(d) ≈ 2(1 − r)/n + d²/(2n), d ± 1.96·√var(d), where r is the observed
/// correlation of intake and last totals (0 when the last totals have no
/// spread, which can only widen the interval). No small-sample correction
/// (Hedges' J) is applied: at the report's minimum of 10 it would shrink d
/// by about 8 %, and the plain d is the figure PCOMS systems publish; the
/// interval says how uncertain it is.
pub fn effect_size(pairs: &[(Total, Total)]) -> Option<EffectSize> {
    let n = pairs.len();
    if n < 2 {
        return None;
    }
    let points = |t: Total| f64::from(t.tenths()) / 10.0;
    let intake: Vec<f64> = pairs.iter().map(|p| points(p.0)).collect();
    let last: Vec<f64> = pairs.iter().map(|p| points(p.1)).collect();
    let change: Vec<f64> = intake.iter().zip(&last).map(|(a, b)| b - a).collect();
    let sd_intake = sample_sd(&intake);
    if sd_intake == 0.0 {
        return None;
    }
    let mean_change = mean(&change);
    let d = mean_change / sd_intake;
    let r = pearson(&intake, &last);
    let nf = n as f64;
    let var = 2.0 * (1.0 - r.unwrap_or(0.0)) / nf + d * d / (2.0 * nf);
    let half = Z_95 * var.max(0.0).sqrt();
    Some(EffectSize {
        d,
        low: d - half,
        high: d + half,
        mean_change,
        sd_intake,
        r,
    })
}
