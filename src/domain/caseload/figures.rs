//! The building blocks of "My alliance": a figure that may be too early to
//! show, a share of a whole, and the median of totals in exact tenths.

use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::MIN_SESSIONS_FOR_FIGURES;
use crate::domain::words::Words;
use std::fmt;

/// What a figure shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading<T> {
    /// Fewer than 20 sessions in the period: no number, so a few sessions are
    /// never read as a pattern.
    TooEarly {
        /// Sessions the figure would rest on so far.
        sessions: usize,
    },
    /// Enough sessions, but none of the kind this figure is about (no second
    /// sessions in the period, no client with three sessions…).
    NoData,
    /// The value.
    Value(T),
}

/// One figure of "My alliance": its value and its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure<T> {
    /// What is measured: `Median total at first sessions`.
    pub title: String,
    /// The value, or why there is none.
    pub reading: Reading<T>,
    /// The value in words, or what stands in for it:
    /// `34.5 / 40 (8 sessions)`, `Too early: 12 of the 20 sessions needed so far`.
    pub text: String,
    /// One sentence: what it may mean and what to try. Never a grade.
    pub meaning: String,
}

impl<T> Figure<T> {
    /// The value when there is one.
    pub fn value(&self) -> Option<&T> {
        match &self.reading {
            Reading::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Builds a figure for `value` resting on `sessions` sessions: too early
/// below 20 whatever the value, no data (said as `none`) when there is no
/// value. `meaning` gets the value when one is shown, to fit its sentence.
/// The words are `w`'s (title, none and the sentences given already are).
pub(super) fn figure<T>(
    title: &str,
    sessions: usize,
    value: Option<T>,
    none: &str,
    text: impl FnOnce(&T) -> String,
    meaning: impl FnOnce(Option<&T>) -> String,
    w: Words,
) -> Figure<T> {
    let (reading, text) = match value {
        _ if sessions < MIN_SESSIONS_FOR_FIGURES => (
            Reading::TooEarly { sessions },
            w.trf(
                "Too early: {sessions} of the {needed} sessions needed so far",
                &[
                    ("sessions", &sessions),
                    ("needed", &MIN_SESSIONS_FOR_FIGURES),
                ],
            ),
        ),
        None => (Reading::NoData, none.to_string()),
        Some(v) => {
            let text = text(&v);
            (Reading::Value(v), text)
        }
    };
    let meaning = meaning(match &reading {
        Reading::Value(v) => Some(v),
        _ => None,
    });
    Figure {
        title: title.to_string(),
        reading,
        text,
        meaning,
    }
}

/// A part of a whole: `7 of 20 (35%)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    /// How many have the property.
    pub part: usize,
    /// Out of how many.
    pub whole: usize,
}

impl Share {
    /// Whole percent, halves rounded up; 0 for an empty whole.
    pub fn percent(self) -> usize {
        if self.whole == 0 {
            return 0;
        }
        (self.part * 200 + self.whole) / (self.whole * 2)
    }
}

impl fmt::Display for Share {
    /// `7 of 20 (35%)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} ({}%)", self.part, self.whole, self.percent())
    }
}

/// A number written by Rust (`24.3`) with `w`'s decimal mark (`24,3`):
/// only for text on screen, never for a file.
pub(crate) fn decimal(text: String, w: Words) -> String {
    if w.lang().decimal_comma() {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The median of some totals; `None` when there are none.
///
/// With an even count it is the mean of the two middle totals, rounded half
/// up to a tenth (36.0 and 36.5 give 36.3), so it stays an exact [`Total`].
pub fn median(totals: &[Total]) -> Option<Total> {
    let mut t: Vec<u16> = totals.iter().map(|t| t.tenths()).collect();
    t.sort_unstable();
    let n = t.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(Total(t[n / 2])),
        _ => {
            let sum = u32::from(t[n / 2 - 1]) + u32::from(t[n / 2]);
            // Two totals of at most 6553.5 each: the mean fits back in u16.
            Some(Total(u16::try_from(sum.div_ceil(2)).unwrap_or(u16::MAX)))
        }
    }
}
