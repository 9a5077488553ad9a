//! The round: one measure (the ORS at the start, the SRS at the end) given
//! by each person present, one after another, on one tablet.
//!
//! Why it is shaped like this: a reload, a crashed tab or a tablet that
//! sleeps mid-round must never hand the form to the wrong person. So the
//! stored [`Round`] holds only what the ratings cannot say (who is present,
//! in what order, and who the therapist skipped), and who is done is read
//! from the ratings already saved in the session. A rating that was never
//! saved means that person has not rated, whatever the screen showed before;
//! one the full storage refused counts only while the page holds it (kept
//! for the tab, it survives a reload, not a relaunch: see [`Round::given`]).
//!
//! Nobody sees anyone's marks: the texts built here name people by label
//! only, and [`Round::draft_for_turn`] gives each rater a blank form, never
//! the marks another rater left unfinished.

use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::raters::roster::{contains, Candidate};
use crate::domain::records::case::same_rater;
use crate::domain::records::draft::Draft;
use crate::domain::words::{fill, Words};
use serde::{Deserialize, Serialize};

/// One measure's round in one session, as the shell keeps it between reloads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// The case (client record) the session belongs to.
    pub client_id: String,
    /// The session every rating of the round joins.
    pub session_id: String,
    /// The measure being given.
    pub measure: MeasureKind,
    /// The people present, in the order the tablet goes round.
    pub raters: Vec<RaterRef>,
    /// The people the therapist skipped (left out of the JSON when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<RaterRef>,
    /// How each person present is named on the screen between raters, in
    /// `raters` order. The form page never reads the stored document (it
    /// holds other clients' data), so the therapist page writes here the
    /// labels of this case's people, and nothing else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// The scale each person present rates on (an id of
    /// [`crate::domain::measures::scale::Scales::all`]), in `raters` order: a child
    /// gets the child version, a group the group SRS.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale_ids: Vec<String>,
    /// People whose rating the form wrote and verified in this round. The
    /// form page cannot read the document, and the therapist page may take
    /// its records in (and remove them) mid-round; this list is appended to
    /// only after a verified write, so a rating never saved still means
    /// "not rated".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<RaterRef>,
}

/// Where one person present stands in the round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Turn {
    /// Their rating of this measure is saved in the session.
    Done,
    /// The therapist skipped them (and they have not rated).
    Skipped,
    /// It is their turn now.
    Now,
    /// They rate after the person whose turn it is.
    Waiting,
}

/// What the screen between two raters says: names only, never marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handover {
    /// The big line: "Please pass the tablet to M." or "Thank you, everyone."
    pub headline: String,
    /// The line under it.
    pub detail: String,
}

impl Round {
    /// A round of `measure` in the session `session_id` of `client_id`, for
    /// the people `present` in the order given (a person listed twice rates once).
    pub fn start(
        client_id: &str,
        session_id: &str,
        measure: MeasureKind,
        present: impl IntoIterator<Item = RaterRef>,
    ) -> Round {
        let mut raters: Vec<RaterRef> = Vec::new();
        for r in present {
            if !contains(&raters, &r) {
                raters.push(r);
            }
        }
        Round {
            client_id: client_id.to_string(),
            session_id: session_id.to_string(),
            measure,
            raters,
            skipped: Vec::new(),
            labels: Vec::new(),
            scale_ids: Vec::new(),
            done: Vec::new(),
        }
    }

    /// A round for the people ticked on the presence list, in its order.
    pub fn from_presence(
        client_id: &str,
        session_id: &str,
        measure: MeasureKind,
        candidates: &[Candidate],
    ) -> Round {
        let present = candidates
            .iter()
            .filter(|c| c.ticked)
            .map(|c| c.rater.rater.clone());
        Round::start(client_id, session_id, measure, present)
    }

    /// True when `rater`'s rating of this measure is saved in this session.
    pub fn has_rated(&self, rater: &RaterRef, ratings: &[Rating]) -> bool {
        contains(&self.done, rater)
            || ratings.iter().any(|r| {
                r.session_key() == self.session_id
                    && r.measure == self.measure
                    && same_rater(&r.rater, rater)
            })
    }

    /// Every person present with where they stand, in round order.
    pub fn turns(&self, ratings: &[Rating]) -> Vec<(&RaterRef, Turn)> {
        let mut now_given = false;
        self.raters
            .iter()
            .map(|r| {
                let turn = if self.has_rated(r, ratings) {
                    Turn::Done
                } else if contains(&self.skipped, r) {
                    Turn::Skipped
                } else if now_given {
                    Turn::Waiting
                } else {
                    now_given = true;
                    Turn::Now
                };
                (r, turn)
            })
            .collect()
    }

    /// Whose turn it is: the first person present who has neither rated nor
    /// been skipped; `None` when the round is over.
    pub fn current(&self, ratings: &[Rating]) -> Option<&RaterRef> {
        self.turns(ratings)
            .into_iter()
            .find(|(_, t)| *t == Turn::Now)
            .map(|(r, _)| r)
    }

    /// True when everyone present has rated or been skipped.
    pub fn is_finished(&self, ratings: &[Rating]) -> bool {
        self.current(ratings).is_none()
    }

    /// Skips a person (the therapist's choice: they left, they would rather
    /// not). False, and nothing changes, when they are not in the round, are
    /// already skipped or have already rated.
    pub fn skip(&mut self, rater: &RaterRef, ratings: &[Rating]) -> bool {
        if !contains(&self.raters, rater)
            || contains(&self.skipped, rater)
            || self.has_rated(rater, ratings)
        {
            return false;
        }
        self.skipped.push(rater.clone());
        true
    }

    /// Takes a skipped person back into the round, at their place in the
    /// order. False when they were not skipped.
    pub fn unskip(&mut self, rater: &RaterRef) -> bool {
        let before = self.skipped.len();
        self.skipped.retain(|r| !same_rater(r, rater));
        self.skipped.len() != before
    }

    /// True when the form should show the screen naming whose turn it is:
    /// someone is still to rate (given `ratings`, see [`Round::current`])
    /// and `draft` is not their form yet.
    pub fn waits_for_start(&self, draft: &Draft, ratings: &[Rating]) -> bool {
        self.current(ratings).is_some_and(|now| {
            draft.session_id.as_deref() != Some(self.session_id.as_str())
                || draft.measure != self.measure
                || !same_rater(&draft.rater, now)
        })
    }

    /// True when `rating` is a rating of this round (its session and measure).
    pub fn takes(&self, rating: &Rating) -> bool {
        rating.session_key() == self.session_id && rating.measure == self.measure
    }

    /// The rating of this round saved last: the review the therapist opens
    /// once everyone has rated.
    pub fn last_rating<'a>(&self, ratings: &'a [Rating]) -> Option<&'a Rating> {
        ratings
            .iter()
            .filter(|r| self.takes(r))
            .max_by(|a, b| (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id)))
    }

    /// Records that `rater`'s rating was written and verified (see `done`).
    pub fn mark_done(&mut self, rater: &RaterRef) {
        if !contains(&self.done, rater) {
            self.done.push(rater.clone());
        }
    }

    /// `rater` pressed Done and their rating is kept as `kept`; true when
    /// the stored round changed and must be written.
    ///
    /// Only a verified write joins `done`, which is stored with the round
    /// and so holds for any page that opens it. A rating the storage refused
    /// counts through the ratings the page holds (pass them to
    /// [`Round::current`]): kept for this tab, a reload of the tab finds it
    /// again and the round goes on after them; held in memory only, or lost
    /// with the tab (a relaunch opens a new one), it is not there and the
    /// round asks them again. Either way the round never counts a person
    /// whose rating no longer exists.
    pub fn given(
        &mut self,
        rater: &RaterRef,
        kept: crate::domain::records::save_plan::Kept,
    ) -> bool {
        if kept != crate::domain::records::save_plan::Kept::Stored || contains(&self.done, rater) {
            return false;
        }
        self.mark_done(rater);
        true
    }

    /// The name shown for `rater`: their label as the therapist page wrote
    /// it, or [`crate::domain::raters::roster::UNKNOWN_RATER`].
    pub fn label_of(&self, rater: &RaterRef) -> String {
        self.position(rater)
            .and_then(|i| self.labels.get(i))
            .cloned()
            .unwrap_or_else(|| crate::domain::raters::roster::UNKNOWN_RATER.to_string())
    }

    /// The id of the scale `rater` rates on, when the therapist page set one.
    pub fn scale_id_of(&self, rater: &RaterRef) -> Option<&str> {
        self.position(rater)
            .and_then(|i| self.scale_ids.get(i))
            .map(String::as_str)
    }

    fn position(&self, rater: &RaterRef) -> Option<usize> {
        self.raters.iter().position(|r| same_rater(r, rater))
    }

    /// The SRS round that follows this ORS round: the same people in the
    /// same order, nobody skipped (someone who missed the start may rate the
    /// end). `None` for an SRS round.
    pub fn then_srs(&self) -> Option<Round> {
        (self.measure == MeasureKind::Ors).then(|| Round {
            measure: MeasureKind::Srs,
            skipped: Vec::new(),
            done: Vec::new(),
            scale_ids: Vec::new(),
            ..self.clone()
        })
    }

    /// The form for whoever's turn it is: `current` itself when it is theirs
    /// (same session, measure and rater, fitting `scale`: their marks
    /// survive a reload), otherwise a blank one for them on `scale`. `None`
    /// when the round is over. So marks left by one rater are never shown
    /// to the next.
    pub fn draft_for_turn(
        &self,
        current: &Draft,
        scale: &ScaleDefinition,
        ratings: &[Rating],
    ) -> Option<Draft> {
        let rater = self.current(ratings)?;
        let theirs = current.session_id.as_deref() == Some(self.session_id.as_str())
            && current.measure == self.measure
            && same_rater(&current.rater, rater)
            && current.fits(scale);
        if theirs {
            return Some(current.clone());
        }
        Some(Draft {
            rater: rater.clone(),
            ..Draft::for_session(scale, self.measure, &self.client_id, &self.session_id)
        })
    }

    /// The screen between raters: pass the tablet to whoever is next
    /// (`label` names a person), or hand it back when the round is over.
    pub fn handover(
        &self,
        ratings: &[Rating],
        label: impl Fn(&RaterRef) -> String,
        w: Words,
    ) -> Handover {
        match self.current(ratings) {
            Some(next) => {
                let name = label(next);
                Handover {
                    headline: sentence(
                        &w.trf("Please pass the tablet to {name}", &[("name", &name)]),
                    ),
                    detail: w
                        .tr("When you are ready, tap Start: a blank form is waiting. No one else's marks are shown.")
                        .into(),
                }
            }
            None => Round::over(w),
        }
    }

    /// What the screen says when everyone has rated or been skipped.
    pub fn over(w: Words) -> Handover {
        Handover {
            headline: w.tr("Thank you, everyone.").into(),
            detail: w.tr("Please hand the tablet back to the therapist.").into(),
        }
    }

    /// What the screen says when one person rated on their own on the
    /// therapist page (a child seen alone): the thanks of the form page.
    pub fn over_alone(w: Words) -> Handover {
        Handover {
            headline: w.tr("Thank you").into(),
            detail: w
                .tr("Please hand the device back to your therapist.")
                .into(),
        }
    }

    /// The therapist's one-line view of the round, names only:
    /// "Done: A, B. Skipped: C. Now: D. Still to rate: E.", in `w`.
    pub fn summary(
        &self,
        ratings: &[Rating],
        label: impl Fn(&RaterRef) -> String,
        w: Words,
    ) -> String {
        let turns = self.turns(ratings);
        let names = |want: Turn| -> Vec<String> {
            turns
                .iter()
                .filter(|(_, t)| *t == want)
                .map(|(r, _)| label(r))
                .collect()
        };
        [
            (w.tr("Done: {names}"), Turn::Done),
            (w.tr("Skipped: {names}"), Turn::Skipped),
            (w.tr("Now: {names}"), Turn::Now),
            (w.tr("Still to rate: {names}"), Turn::Waiting),
        ]
        .into_iter()
        .filter_map(|(head, turn)| {
            let who = names(turn);
            (!who.is_empty()).then(|| sentence(&fill(head, &[("names", &who.join(", "))])))
        })
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// Ends `text` with a full stop unless it already ends a sentence (a label
/// like "M." must not become "M..").
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// A round ready for the form page: `present` in the order given, each
/// with their label and the scale they rate on (child and group versions
/// chosen by [`crate::domain::raters::choose::scale_for`]). Built by the therapist page,
/// which holds the case; the form page reads only this.
pub fn prepared(
    scales: &crate::domain::measures::scale::Scales,
    client: &crate::domain::records::store::Client,
    session_id: &str,
    measure: MeasureKind,
    present: impl IntoIterator<Item = RaterRef>,
) -> Round {
    let mut round = Round::start(&client.id, session_id, measure, present);
    let roster = crate::domain::raters::roster::roster(client);
    for r in &round.raters {
        let person = roster.iter().find(|p| same_rater(&p.rater, r));
        round.labels.push(
            person
                .map(|p| p.label.clone())
                .unwrap_or_else(|| crate::domain::raters::roster::UNKNOWN_RATER.to_string()),
        );
        let scale = match person {
            Some(p) => crate::domain::raters::choose::scale_for(scales, measure, client, p),
            None => scales.of(measure),
        };
        round.scale_ids.push(scale.id.clone());
    }
    round
}
