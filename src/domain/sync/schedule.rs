//! When the next run starts, and how many documents it sends per request:
//! every minute while all is well; after trouble again at once (twice at
//! most), later with a growing pause, or not until the therapist acts.

use super::status::{retry_after_secs, smaller_batch, Next, Trouble};

/// Documents per `_bulk_docs` at first; halved on "too large".
pub const FIRST_BATCH: usize = 200;
/// Between runs when nothing else starts one: a rating made on another
/// device shows here within a minute (a run with nothing new is two small
/// requests).
pub const PERIOD_MS: u64 = 60 * 1000;
/// Runs retried at once after a trouble that says "read again and retry
/// now", before the pause grows instead.
const RETRIES_NOW: u32 = 2;

/// The back-off state the sync scheduler carries from run to run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// Runs in a row that met trouble.
    pub attempt: u32,
    /// The batch size learned from "too large" answers (`None`: the first).
    pub batch: Option<usize>,
}

impl Schedule {
    /// Documents per request for the next run.
    pub fn batch(&self) -> usize {
        self.batch.unwrap_or(FIRST_BATCH)
    }

    /// Notes a run's outcome (`None`: it went through); the pause before
    /// the next run in milliseconds, or `None` when no run is planned
    /// (the therapist must act, or there is no room).
    pub fn after(&mut self, trouble: Option<Trouble>) -> Option<u64> {
        let Some(t) = trouble else {
            self.attempt = 0;
            return Some(PERIOD_MS);
        };
        self.attempt += 1;
        if t.next() == Next::SmallerBatches {
            self.batch = Some(smaller_batch(self.batch()));
        }
        match t.next() {
            Next::WaitForTherapist | Next::WaitForRoom => None,
            Next::RetryNow if self.attempt <= RETRIES_NOW => Some(0),
            _ => Some(retry_after_secs(self.attempt - 1) * 1000),
        }
    }
}
