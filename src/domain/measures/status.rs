//! The review's status line in the app's voice. [`Band`](crate::domain::measures::rating::Band)
//! stays as data (exports, research); on screen a total is described, never
//! graded: "fair" for 38 out of 40 reads as a verdict on the therapist, and a
//! low total is useful news rather than a failure.

use crate::domain::measures::names::scored_names;
use crate::domain::measures::rating::{below_cutoff, Rating};
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::{GOOD_FROM, ITEM_DISCUSS_BELOW};

/// The colour family of a status, for a colour-blind-safe palette with no
/// red: the key is a CSS class suffix, and the text always says the same
/// thing, so colour is never the only signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Below the cutoff: worth talking about.
    Attention,
    /// At or above the cutoff, below the top band.
    Steady,
    /// In the top band (39.0 and above).
    Strong,
}

impl Tone {
    /// Tone of a total: below 36.0 attention, 39.0 and above strong.
    pub fn of(total: Total) -> Tone {
        if below_cutoff(total) {
            Tone::Attention
        } else if total.tenths() >= GOOD_FROM {
            Tone::Strong
        } else {
            Tone::Steady
        }
    }

    /// `attention`, `steady` or `strong`.
    pub fn key(self) -> &'static str {
        match self {
            Tone::Attention => "attention",
            Tone::Steady => "steady",
            Tone::Strong => "strong",
        }
    }
}

/// What the review says about a rating at a glance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// Colour family and its key.
    pub tone: Tone,
    /// `Below cutoff: worth talking about`, `Above cutoff` or `Above cutoff: high marks`.
    pub headline: String,
    /// The total and the lowest item, e.g. `Total 38.0/40. Lowest: Approach
    /// or Method (8.5/10), worth a question.`
    pub detail: String,
}

/// The status of one rating.
pub fn status(scale: &ScaleDefinition, rating: &Rating) -> Status {
    let tone = Tone::of(rating.total());
    let headline = match tone {
        Tone::Attention => "Below cutoff: worth talking about",
        Tone::Steady => "Above cutoff",
        Tone::Strong => "Above cutoff: high marks",
    };
    let max = scale.items.len().max(rating.scores.len()) * 10;
    let lowest = rating.lowest();
    let low_score = lowest.first().and_then(|&i| rating.scores.get(i)).copied();
    let level = lowest.len() > 1 && lowest.len() == rating.scores.len();
    let lowest_text = match low_score {
        Some(s) if level => format!("All items level at {s}/10"),
        _ => format!("Lowest: {}", scored_names(scale, rating, &lowest)),
    };
    // Any item below 9.0 is worth a question even when the total is fine:
    // one low item says more than the total.
    let hint = match low_score {
        Some(s) if s < Tenths::saturating(ITEM_DISCUSS_BELOW.into()) => ", worth a question",
        _ => "",
    };
    Status {
        tone,
        headline: headline.to_string(),
        detail: format!("Total {}/{max}. {lowest_text}{hint}.", rating.total()),
    }
}
