//! The alert labels of each table row, so the history table shows every
//! alert the core knows, with the same rules as the discussion prompt.

use super::{ClientHistory, DropKind};
use crate::domain::numbers::{cutoff_text, short};
use crate::domain::prompt::{is_high, is_low_lowest, item_name, join_names};
use crate::domain::scale::ScaleDefinition;
use crate::domain::thresholds::{CEILING_SESSIONS, ITEM_DISCUSS_BELOW, REPEATED_LOW_SESSIONS};

impl ClientHistory<'_> {
    /// For each row of [`ClientHistory::rows`] (newest first), its alert
    /// labels in the prompt's precedence: same item low several sessions
    /// running, sudden drop or drop, below the cutoff, items below 9,
    /// consistently high. Empty when nothing is flagged.
    pub fn row_alert_labels(&self, scale: &ScaleDefinition) -> Vec<Vec<String>> {
        let alerts = self.alerts();
        let items = self
            .sessions
            .iter()
            .map(|r| r.scores.len())
            .max()
            .unwrap_or(0);
        // Running streaks in date order, exactly as the prompt counts them
        // over the chain that ends at each session.
        let mut low_runs = vec![0usize; items];
        let mut high_run = 0usize;
        let mut out = Vec::with_capacity(self.sessions.len());
        for (r, a) in self.sessions.iter().zip(&alerts) {
            for (i, run) in low_runs.iter_mut().enumerate() {
                *run = if is_low_lowest(r, i) { *run + 1 } else { 0 };
            }
            high_run = if is_high(r) { high_run + 1 } else { 0 };
            let mut labels = Vec::new();
            for i in r.lowest() {
                if low_runs.get(i).is_some_and(|&n| n >= REPEATED_LOW_SESSIONS) {
                    labels.push(format!(
                        "{} low {} sessions running",
                        item_name(scale, i),
                        low_runs[i]
                    ));
                }
            }
            match a.drop.as_ref().map(|d| d.kind) {
                Some(DropKind::SuddenDrop) => labels.push("sudden drop".into()),
                Some(DropKind::Drop) => labels.push("drop".into()),
                None => {}
            }
            if a.below_cutoff {
                labels.push(format!("below {}", cutoff_text()));
            }
            if !a.items_below_9.is_empty() {
                let names: Vec<String> = a
                    .items_below_9
                    .iter()
                    .map(|&i| item_name(scale, i))
                    .collect();
                labels.push(format!(
                    "{} below {}",
                    join_names(&names),
                    short(ITEM_DISCUSS_BELOW)
                ));
            }
            if high_run >= CEILING_SESSIONS {
                labels.push("consistently high".into());
            }
            out.push(labels);
        }
        out.reverse();
        out
    }
}
