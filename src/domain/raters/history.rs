//! A case's history as a table: one column per person who ever rated in the
//! case, one row per session (newest first), each person's ORS and SRS
//! totals side by side, and what the therapist should not miss in that
//! session: where a couple's or a family's ratings diverge, or a group's
//! median and range.
//!
//! Why a view of its own: the client's page was built for one rater (the
//! client's own ORS and SRS), so a group, where nobody rates as the client,
//! showed no history at all, and a couple's page hid the partner. Reading
//! every rater here, from the stored ratings alone, keeps the individual
//! history exactly as it was.
//!
//! Who the columns are: everyone who rated in any session of the case, in
//! roster order ([`crate::domain::raters::roster::roster`]: the client, the members in the
//! order they were added, collateral raters last), **archived members
//! included**: the history keeps who rated what even after someone leaves.
//! A rating naming no member of the case is still read (leniently, as the
//! roster does) and gets a column after the others. People who never rated
//! get no column.

use crate::domain::course::session::{client_sessions, Session};
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::measures::numbers;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::Scales;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::CUTOFF_TOTAL;
use crate::domain::raters::divergence::{session_scores, side_by_side};
use crate::domain::raters::roster::{rater_age, rater_name};
use crate::domain::raters::spread::Range;
use crate::domain::records::case::{same_rater, CaseKind, Member};
use crate::domain::records::store::{Client, Store};
use crate::domain::route::Route;
use crate::domain::words::Words;
use chrono::{DateTime, Utc};

/// The measures in the order a session gives them (the ORS at its start,
/// the SRS at its end): the order of each person's two columns.
pub const MEASURE_ORDER: [MeasureKind; 2] = [MeasureKind::Ors, MeasureKind::Srs];

/// One person who rated in a case: a column of its table, a line of its charts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// How their ratings name them.
    pub rater: RaterRef,
    /// Their short label.
    pub label: String,
    /// Their age group (whose ORS cutoff applies to them).
    pub age_group: AgeGroup,
    /// True for a collateral rater (rates on the client's behalf).
    pub collateral: bool,
    /// True for an archived member (no longer offered for new sessions).
    pub archived: bool,
}

impl Person {
    fn of_member(m: &Member) -> Self {
        Person {
            rater: m.rater(),
            label: m.label.clone(),
            age_group: m.age_group,
            collateral: m.collateral,
            archived: m.archived,
        }
    }

    /// The column heading and legend label: the label, then what sets the
    /// person apart, `Mum (collateral)`, `Kit (archived)`, in English
    /// ([`Person::heading_in`] says it in the page's words).
    pub fn heading(&self) -> String {
        self.heading_in(Words::EN)
    }

    /// [`Person::heading`] in `w`.
    pub fn heading_in(&self, w: Words) -> String {
        let tags: Vec<&str> = [
            self.collateral.then(|| w.tr("collateral")),
            self.archived.then(|| w.tr("archived")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if tags.is_empty() {
            self.label.clone()
        } else {
            format!("{} ({})", self.label, tags.join(", "))
        }
    }

    /// The cutoff that applies to this person's total on `measure`: 36.0 for
    /// the SRS, their age group's for the ORS.
    pub fn cutoff(&self, measure: MeasureKind) -> Total {
        match measure {
            MeasureKind::Srs => Total(CUTOFF_TOTAL),
            MeasureKind::Ors => self.age_group.cutoff(),
        }
    }
}

/// The case's ratings: every rating of `client`, whoever gave it.
fn case_ratings<'a>(store: &'a Store, client: &'a Client) -> impl Iterator<Item = &'a Rating> {
    store
        .ratings
        .iter()
        .filter(|r| r.client_id.as_deref() == Some(client.id.as_str()))
}

/// Everyone who rated in a session of `client`, in roster order with
/// archived members in their place (see the module notes); a rater naming
/// no member comes after, in the order they first rated.
pub fn case_people(store: &Store, client: &Client) -> Vec<Person> {
    let rated = |rater: &RaterRef| case_ratings(store, client).any(|r| same_rater(&r.rater, rater));
    let own = Person {
        rater: RaterRef::Client,
        label: client.label.clone(),
        age_group: client.age_group,
        collateral: false,
        archived: false,
    };
    let members = || client.members.iter();
    let mut people: Vec<Person> = std::iter::once(own)
        .chain(members().filter(|m| !m.collateral).map(Person::of_member))
        .chain(members().filter(|m| m.collateral).map(Person::of_member))
        .filter(|p| rated(&p.rater))
        .collect();
    let cid = Some(client.id.as_str());
    for r in case_ratings(store, client) {
        if people.iter().all(|p| !same_rater(&p.rater, &r.rater)) {
            people.push(Person {
                rater: r.rater.clone(),
                label: rater_name(store, cid, &r.rater).to_string(),
                age_group: rater_age(store, cid, &r.rater),
                collateral: matches!(r.rater, RaterRef::Collateral { .. }),
                archived: false,
            });
        }
    }
    people
}

/// One person's measure in one session, as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Given {
    /// The rating's id, to open its review.
    pub rating_id: String,
    /// Its total.
    pub total: Total,
    /// The largest total of the scale it was made with.
    pub max: Total,
    /// True when the total is below the cutoff that applies to this person
    /// ([`Person::cutoff`]).
    pub below_cutoff: bool,
}

impl Given {
    /// Where it opens: `#/review/<id>`.
    pub fn href(&self) -> String {
        Route::Review(self.rating_id.clone()).to_hash()
    }

    /// `31.5 / 40`.
    pub fn text(&self) -> String {
        numbers::total_of_text(self.total, self.max)
    }
}

/// One person's two measures in one session; `None` for a measure they did
/// not give (absent, skipped, or not asked).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseCell {
    /// Their ORS.
    pub ors: Option<Given>,
    /// Their SRS.
    pub srs: Option<Given>,
}

impl CaseCell {
    /// Their measure of kind `measure`.
    pub fn get(&self, measure: MeasureKind) -> Option<&Given> {
        match measure {
            MeasureKind::Ors => self.ors.as_ref(),
            MeasureKind::Srs => self.srs.as_ref(),
        }
    }
}

/// One session of the case's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRow {
    /// The session's id.
    pub session_id: String,
    /// When it took place.
    pub at: DateTime<Utc>,
    /// One cell per person, aligned with [`CaseTable::people`].
    pub cells: Vec<CaseCell>,
    /// A couple's or a family's SRS divergence in this session, as the
    /// side-by-side review flags it ("Ratings differ on the total."); `None`
    /// when nobody diverges, fewer than two rated, or for a group.
    pub srs_flag: Option<String>,
    /// The same for the ORS.
    pub ors_flag: Option<String>,
    /// A group's lowest, median and highest SRS total this session; `None`
    /// when nobody gave one, and for every other kind of case.
    pub srs_spread: Option<Range>,
    /// The same for the ORS.
    pub ors_spread: Option<Range>,
}

impl CaseRow {
    /// The divergence flag of `measure`.
    pub fn flag(&self, measure: MeasureKind) -> Option<&str> {
        match measure {
            MeasureKind::Ors => self.ors_flag.as_deref(),
            MeasureKind::Srs => self.srs_flag.as_deref(),
        }
    }

    /// True when some pair of raters diverges on `measure` in this session.
    pub fn diverges(&self, measure: MeasureKind) -> bool {
        self.flag(measure).is_some()
    }

    /// A group's spread of `measure`.
    pub fn spread(&self, measure: MeasureKind) -> Option<Range> {
        match measure {
            MeasureKind::Ors => self.ors_spread,
            MeasureKind::Srs => self.srs_spread,
        }
    }

    /// Where the session's date opens: the first person's SRS, else the
    /// first ORS (as the individual table opens the SRS first).
    pub fn href(&self) -> Option<String> {
        [MeasureKind::Srs, MeasureKind::Ors]
            .into_iter()
            .find_map(|m| self.cells.iter().find_map(|c| c.get(m)))
            .map(Given::href)
    }
}

/// A case's table: its people as columns and its sessions as rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseTable {
    /// The kind of case (a group's rows carry spreads, the others' divergence).
    pub kind: CaseKind,
    /// Everyone who rated, in column order ([`case_people`]).
    pub people: Vec<Person>,
    /// The measures anyone gave, in [`MEASURE_ORDER`]: each person's columns.
    pub measures: Vec<MeasureKind>,
    /// Every session of the case, newest first.
    pub rows: Vec<CaseRow>,
}

impl CaseTable {
    /// True when nobody has rated yet.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The column headings, one per person ([`Person::heading`]).
    pub fn headings(&self) -> Vec<String> {
        self.people.iter().map(Person::heading).collect()
    }
}

/// The first rating of `measure` that `person` gave in `session`.
fn given_by<'a>(
    session: &Session<'a>,
    person: &Person,
    measure: MeasureKind,
) -> Option<&'a Rating> {
    session
        .measures
        .iter()
        .copied()
        .find(|r| r.measure == measure && same_rater(&r.rater, &person.rater))
}

/// The table of `client`'s case: every person who rated ([`case_people`]),
/// every session newest first, each person's ORS and SRS totals (each out of
/// the largest total of the scale they rated, `scales` telling which) and the
/// rating ids that open them; for a couple or a family whether the session's
/// SRS or ORS diverges ([`side_by_side`], items named from the standard
/// scale), for a group the session's median and range ([`Range::of`]). An
/// individual's table is the client's own column.
pub fn case_table(store: &Store, scales: &Scales, client: &Client, w: Words) -> CaseTable {
    let people = case_people(store, client);
    let max_of = |r: &Rating| scales.for_rating(r).max_total();
    let sessions = client_sessions(&store.ratings, &client.id);
    let measures = MEASURE_ORDER
        .into_iter()
        .filter(|&m| {
            sessions
                .iter()
                .flat_map(|s| &s.measures)
                .any(|r| r.measure == m)
        })
        .collect();
    let group = client.kind == CaseKind::Group;
    let mut rows: Vec<CaseRow> = sessions
        .iter()
        .map(|s| {
            let cells = people
                .iter()
                .map(|p| {
                    let given = |m| {
                        given_by(s, p, m).map(|r| Given {
                            rating_id: r.id.clone(),
                            total: r.total(),
                            max: max_of(r),
                            below_cutoff: r.total() < p.cutoff(m),
                        })
                    };
                    CaseCell {
                        ors: given(MeasureKind::Ors),
                        srs: given(MeasureKind::Srs),
                    }
                })
                .collect();
            let flag = |m: MeasureKind| {
                if group {
                    return None;
                }
                let entries = session_scores(store, s, m, max_of);
                (entries.len() > 1)
                    .then(|| side_by_side(m, scales.of(m), &entries).flag(w))
                    .flatten()
            };
            let spread = |m: MeasureKind| {
                if !group {
                    return None;
                }
                let entries = session_scores(store, s, m, max_of);
                Range::of(entries.iter().map(|e| e.total().tenths()))
            };
            CaseRow {
                session_id: s.id.to_string(),
                at: s.at,
                cells,
                srs_flag: flag(MeasureKind::Srs),
                ors_flag: flag(MeasureKind::Ors),
                srs_spread: spread(MeasureKind::Srs),
                ors_spread: spread(MeasureKind::Ors),
            }
        })
        .collect();
    rows.reverse();
    CaseTable {
        kind: client.kind,
        people,
        measures,
        rows,
    }
}
