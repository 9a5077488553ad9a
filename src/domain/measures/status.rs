//! The review's status line in the app's voice. [`Band`](crate::domain::measures::rating::Band)
//! stays as data (exports, research); on screen a total is described, never
//! graded: "fair" for 38 out of 40 reads as a verdict on the therapist, and a
//! low total is useful news rather than a failure.

use crate::domain::measures::names::scored_names_in;
use crate::domain::measures::rating::{below_cutoff, Rating};
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::{Tenths, Total};
use crate::domain::measures::thresholds::{GOOD_FROM, ITEM_DISCUSS_BELOW};
use crate::domain::words::Words;

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

/// The status of one rating, in the page's words `w`.
pub fn status(scale: &ScaleDefinition, rating: &Rating, w: Words) -> Status {
    let tone = Tone::of(rating.total());
    let headline = match tone {
        Tone::Attention => w.tr("Below cutoff: worth talking about"),
        Tone::Steady => w.tr("Above cutoff"),
        Tone::Strong => w.tr("Above cutoff: high marks"),
    };
    let max = scale.items.len().max(rating.scores.len()) * 10;
    let lowest = rating.lowest();
    let low_score = lowest.first().and_then(|&i| rating.scores.get(i)).copied();
    let level = lowest.len() > 1 && lowest.len() == rating.scores.len();
    let lowest_text = match low_score {
        Some(s) if level => w.trf("All items level at {score}/10", &[("score", &s)]),
        _ => w.trf(
            "Lowest: {items}",
            &[("items", &scored_names_in(scale, rating, &lowest, w))],
        ),
    };
    // Any item below 9.0 is worth a question even when the total is fine:
    // one low item says more than the total.
    let worth_asking = low_score.is_some_and(|s| s < Tenths::saturating(ITEM_DISCUSS_BELOW.into()));
    let detail = if worth_asking {
        w.trf(
            "Total {total}/{max}. {lowest}, worth a question.",
            &[
                ("total", &rating.total()),
                ("max", &max),
                ("lowest", &lowest_text),
            ],
        )
    } else {
        w.trf(
            "Total {total}/{max}. {lowest}.",
            &[
                ("total", &rating.total()),
                ("max", &max),
                ("lowest", &lowest_text),
            ],
        )
    };
    Status {
        tone,
        headline: headline.to_string(),
        detail,
    }
}
