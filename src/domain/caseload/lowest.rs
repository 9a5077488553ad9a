//! Which dimension is most often the lowest across the caseload, with ties
//! counted fairly.
//!
//! Each session has one vote. When several items tie for lowest, the vote is
//! split equally between them (two tied items get half each), so a session
//! with ties weighs no more than one with a single lowest item, and no item
//! wins a tie by coming first in the scale. A session whose items are all
//! level names no lowest dimension and casts no vote. Votes are counted in
//! exact fractions of a session (a common denominator), never floats.

use crate::domain::measures::rating::Rating;

/// The dimension (or dimensions, when tied) most often lowest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowestDimension {
    /// Item indices with the most votes, in scale order.
    pub items: Vec<usize>,
    /// Votes per item, in scale order, in units of `1 / per_session`.
    pub votes: Vec<u64>,
    /// One session's whole vote in those units (12 for a 4-item scale:
    /// divisible by every possible tie).
    pub per_session: u64,
    /// Sessions that named a lowest item (all items level names none).
    pub sessions: usize,
}

impl LowestDimension {
    /// How many sessions an item was lowest in, to one decimal, halves
    /// rounded up: `9.5` (a tie of three shows as `0.3`).
    pub fn times_text(&self, item: usize) -> String {
        let v = self.votes.get(item).copied().unwrap_or(0);
        let tenths = (v * 20 + self.per_session) / (self.per_session * 2);
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// Least common multiple of 1..=n: one session's vote, divisible by any tie.
fn lcm_up_to(n: usize) -> u64 {
    (1..=n as u64).fold(1, |acc, k| acc / gcd(acc, k) * k)
}

/// The most often lowest dimension of `sessions`; `None` when no session
/// names a lowest item. O(n × items).
pub(super) fn lowest_dimension(sessions: &[&Rating]) -> Option<LowestDimension> {
    // The store allows at most 16 items, so the denominator stays small
    // (720,720) and 10,000 sessions of votes fit easily in a u64.
    let n_items = sessions.iter().map(|r| r.scores.len()).max()?.min(16);
    let per_session = lcm_up_to(n_items);
    let mut votes = vec![0u64; n_items];
    let mut counted = 0;
    for r in sessions {
        let lowest = r.lowest();
        if lowest.is_empty() || lowest.len() == r.scores.len() {
            continue;
        }
        counted += 1;
        let share = per_session / lowest.len() as u64;
        for i in lowest {
            if let Some(v) = votes.get_mut(i) {
                *v += share;
            }
        }
    }
    let max = votes.iter().copied().max().filter(|&m| m > 0)?;
    Some(LowestDimension {
        items: (0..n_items).filter(|&i| votes[i] == max).collect(),
        votes,
        per_session,
        sessions: counted,
    })
}
