//! The date axis one client's charts share: the ORS panel and the SRS panel
//! (and the item panels) place a session at the same x, so a session's
//! outcome and alliance line up one above the other.
//!
//! The axis knows sessions, not measures: the ORS at the start and the SRS at
//! the end of a session sit at one x. It holds fractions of the width (0 at
//! the left, 1 at the right), so panels of different widths share it.

use crate::domain::course::history::timeline::{Tick, MIN_TICK_GAP};
use crate::domain::course::session::own_sessions;
use crate::domain::measures::rating::Rating;
use crate::domain::words::Words;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use std::collections::HashMap;

/// Smallest share of the width between two sessions, so sessions on the same
/// day (or at the same minute) stay apart enough to focus each one.
const MIN_SESSION_GAP: f64 = 0.04;

/// A month's short name (`month0` 0–11) in `w`'s language: `Mar`.
pub fn month_short(month0: u32, w: Words) -> &'static str {
    match month0 {
        0 => w.tr("Jan"),
        1 => w.tr("Feb"),
        2 => w.tr("Mar"),
        3 => w.tr("Apr"),
        4 => w.tr("May"),
        5 => w.tr("Jun"),
        6 => w.tr("Jul"),
        7 => w.tr("Aug"),
        8 => w.tr("Sep"),
        9 => w.tr("Oct"),
        10 => w.tr("Nov"),
        _ => w.tr("Dec"),
    }
}

/// Sessions placed by date along a chart's width.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionAxis {
    /// Session keys in axis order.
    keys: Vec<String>,
    /// When each session took place.
    times: Vec<DateTime<Utc>>,
    /// Where each sits, as a fraction of the width.
    fractions: Vec<f64>,
    /// Key to position in the three lists above (the first, if repeated).
    index: HashMap<String, usize>,
    /// How many of the places are sessions that took place; any after them
    /// are places for sessions still to come ([`SessionAxis::with_later`]).
    real: usize,
}

/// The gap between places for sessions still to come when a client has
/// fewer than two sessions to take the spacing from: a week, the usual
/// rhythm of outpatient sessions.
const LATER_GAP_DAYS: i64 = 7;

impl SessionAxis {
    /// An axis of sessions given in the order they are drawn, each as its
    /// session key and the time it took place.
    pub fn new<K: Into<String>>(sessions: impl IntoIterator<Item = (K, DateTime<Utc>)>) -> Self {
        let (keys, times): (Vec<String>, Vec<DateTime<Utc>>) =
            sessions.into_iter().map(|(k, t)| (k.into(), t)).unzip();
        let mut index = HashMap::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            index.entry(k.clone()).or_insert(i);
        }
        SessionAxis {
            fractions: fractions(&times),
            real: keys.len(),
            keys,
            times,
            index,
        }
    }

    /// The axis with `n` places after the latest session for sessions still
    /// to come, spaced by the median gap between this client's sessions (a
    /// week with fewer than two), so what similar clients did by sessions
    /// the client has not had yet can be drawn. The places have no date
    /// tick and no key a session could have: they are not sessions.
    pub fn with_later(mut self, n: usize) -> Self {
        let Some(&last) = self.times.last() else {
            return self;
        };
        let mut gaps: Vec<Duration> = self.times.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort();
        let gap = gaps
            .get(gaps.len() / 2)
            .copied()
            .filter(|g| *g > Duration::zero())
            .unwrap_or_else(|| Duration::days(LATER_GAP_DAYS));
        for k in 1..=n {
            self.keys.push(String::new());
            self.times.push(last + gap * k as i32);
        }
        self.fractions = fractions(&self.times);
        self
    }

    /// x of the `k`-th place after the latest session (1 is the next), when
    /// the axis has it ([`SessionAxis::with_later`]).
    pub fn later_x(&self, k: usize, width: f64) -> Option<f64> {
        if k == 0 {
            return None;
        }
        self.fractions.get(self.real + k - 1).map(|f| f * width)
    }

    /// The axis of ratings taken one by one (each at its own `session_at`,
    /// keyed by its `session_key`), in the order given.
    pub fn of_ratings(ratings: &[&Rating]) -> Self {
        Self::new(ratings.iter().map(|r| (r.session_key(), r.session_at)))
    }

    /// The axis both charts of one client share: every session with the
    /// client's own ORS or own SRS ([`own_sessions`], in its order and at
    /// its times). For a client with only SRS sessions this is exactly the
    /// SRS history's own axis, so the SRS chart of such a client is drawn as
    /// it always was.
    pub fn for_client(ratings: &[Rating], client_id: &str) -> Self {
        Self::new(
            own_sessions(ratings, client_id)
                .into_iter()
                .map(|s| (s.id, s.at)),
        )
    }

    /// How many sessions the axis holds (places for later sessions not counted).
    pub fn len(&self) -> usize {
        self.real
    }

    /// True when there are no sessions.
    pub fn is_empty(&self) -> bool {
        self.real == 0
    }

    /// The session keys, in axis order.
    pub fn keys(&self) -> &[String] {
        &self.keys[..self.real]
    }

    /// x of the session `key` in a chart `width` wide; a session the axis
    /// does not hold is placed by its time `at` between the first and the
    /// last session (clamped to the ends), so it is never lost.
    pub fn x(&self, key: &str, at: DateTime<Utc>, width: f64) -> f64 {
        if let Some(&i) = self.index.get(key) {
            return self.fractions[i] * width;
        }
        let real = &self.times[..self.real];
        let (Some(first), Some(last)) = (real.first(), real.last()) else {
            return width / 2.0;
        };
        // Between the first and the latest session as drawn (places for
        // later sessions, if any, come after the latest).
        let (from, to) = (self.fractions[0], self.fractions[self.real - 1]);
        let span = (*last - *first).num_milliseconds() as f64;
        if span <= 0.0 {
            return (from + to) / 2.0 * width;
        }
        let f = (at - *first).num_milliseconds() as f64 / span;
        (from + f.clamp(0.0, 1.0) * (to - from)) * width
    }

    /// One date tick per local calendar day that has a session, at its first
    /// session, thinned from the left so ticks are at least [`MIN_TICK_GAP`]
    /// apart; the last day replaces the tick before it when they collide, so
    /// the axis always ends on the latest session. Labels read `22 Nov`, with
    /// the year on the first tick and wherever the year changes; months in
    /// `w`'s language.
    pub fn ticks(&self, width: f64, offset_east_minutes: i32, w: Words) -> Vec<Tick> {
        let mut days: Vec<(NaiveDate, f64)> = Vec::new();
        for (at, f) in self.times[..self.real].iter().zip(&self.fractions) {
            let day = local(*at, offset_east_minutes).date();
            if days.last().map(|(d, _)| *d) != Some(day) {
                days.push((day, f * width));
            }
        }
        let mut kept: Vec<(NaiveDate, f64)> = Vec::new();
        for &(day, x) in &days {
            match kept.last() {
                Some(&(_, prev)) if x - prev < MIN_TICK_GAP => {}
                _ => kept.push((day, x)),
            }
        }
        if let (Some(&last), Some(&(kept_day, _))) = (days.last(), kept.last()) {
            if kept_day != last.0 && kept.len() > 1 {
                kept.pop();
                kept.push(last);
            }
        }
        let mut year = None;
        kept.into_iter()
            .map(|(day, x)| {
                let mut label = format!("{} {}", day.day(), month_short(day.month0(), w));
                if year != Some(day.year()) {
                    label += &format!(" {}", day.year());
                    year = Some(day.year());
                }
                Tick { pos: x, label }
            })
            .collect()
    }
}

/// The therapist's local time of `at`.
pub(super) fn local(at: DateTime<Utc>, offset_east_minutes: i32) -> NaiveDateTime {
    at.naive_utc() + Duration::minutes(i64::from(offset_east_minutes))
}

/// Each session's place as a fraction of the width, proportional to its
/// date: a long break shows as a gap. Sessions closer than
/// [`MIN_SESSION_GAP`] are pushed apart (then the whole row is scaled back
/// into the box); one session, or all at one instant, sit around the middle.
fn fractions(times: &[DateTime<Utc>]) -> Vec<f64> {
    let n = times.len();
    let (Some(first), Some(last)) = (times.first(), times.last()) else {
        return Vec::new();
    };
    if n == 1 {
        return vec![0.5];
    }
    let span = (*last - *first).num_milliseconds() as f64;
    let gap = MIN_SESSION_GAP.min(1.0 / (n - 1) as f64);
    let mut f: Vec<f64> = Vec::with_capacity(n);
    for at in times {
        let raw = if span > 0.0 {
            (*at - *first).num_milliseconds() as f64 / span
        } else {
            0.0
        };
        let pushed = f.last().map_or(raw, |&prev| raw.max(prev + gap));
        f.push(pushed);
    }
    let end = f[n - 1];
    if span > 0.0 && end > 1.0 {
        f.iter_mut().for_each(|v| *v /= end);
    } else if span <= 0.0 {
        f.iter_mut().for_each(|v| *v += 0.5 - end / 2.0);
    }
    f
}
