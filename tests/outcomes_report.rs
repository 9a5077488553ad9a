//! The outcomes report on hand-made caseloads whose figures are
//! worked out by hand in the comments: counts, averages, the pre–post
//! effect size and its 95 % interval, the Jacobson–Truax shares, dropout,
//! feedback elicited, "too few to tell" at 9 and 10 episodes, couples,
//! groups, a returning client, an age group changed mid-episode, and the
//! two CSV files (the per-episode one reproduces the effect size).

mod common;

use attune::domain::caseload::outcomes::{
    effect_size, outcomes_report, words, Estimate, FigureKey, FigureValue, Group, OutcomesInput,
    OutcomesReport,
};
use attune::domain::caseload::Share;
use attune::domain::course::outcome::OutcomeCategory;
use attune::domain::export::{episodes_csv, outcomes_csv};
use attune::domain::measures::kinds::{AgeGroup, MeasureKind, RaterRef};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::score::Total;
use attune::domain::records::case::{CaseKind, Member};
use attune::domain::records::episode_end::{parse_date, EndReason, EpisodeEnd};
use attune::domain::records::store::Client;
use attune::domain::time::utc;
use attune::domain::words::Words;
use chrono::{DateTime, Duration, Utc};
use common::{at, tenths};

// ---------------------------------------------------------------------------
// Building a caseload

/// Four item scores (tenths) summing to `total` tenths (≤ 400).
fn split(total: u16) -> Vec<u16> {
    let (q, r) = (total / 4, total % 4);
    (0..4).map(|i| q + u16::from(i < r)).collect()
}

fn rating(
    id: &str,
    client: &str,
    session: &str,
    when: DateTime<Utc>,
    kind: MeasureKind,
    scores: Vec<u16>,
    rater: RaterRef,
) -> Rating {
    Rating {
        id: id.into(),
        recorded_at: when,
        session_at: when,
        client_id: Some(client.into()),
        scores: tenths(&scores),
        scale_id: if kind == MeasureKind::Ors {
            "ors-attune"
        } else {
            "srs-attune"
        }
        .into(),
        scale_version: 1,
        measure: kind,
        session_id: Some(session.into()),
        rater,
        ..Default::default()
    }
}

/// Records of a caseload, built session by session.
#[derive(Default)]
struct Caseload {
    clients: Vec<Client>,
    ratings: Vec<Rating>,
    ends: Vec<EpisodeEnd>,
}

impl Caseload {
    fn client(&mut self, id: &str, age: AgeGroup, kind: CaseKind, members: Vec<Member>) {
        self.clients.push(Client {
            id: id.into(),
            label: id.to_uppercase(),
            created_at: at("2025-09-01T09:00:00Z"),
            age_group: age,
            kind,
            members,
            ..Default::default()
        });
    }

    /// A session of `client` on `when`: the client's own ORS of `ors`
    /// tenths and SRS with every item `srs_item`, each if given.
    fn session(
        &mut self,
        client: &str,
        when: DateTime<Utc>,
        ors: Option<u16>,
        srs_item: Option<u16>,
    ) -> String {
        let key = format!("{client}-{}", when.timestamp());
        if let Some(t) = ors {
            self.ratings.push(rating(
                &format!("{key}-o"),
                client,
                &key,
                when,
                MeasureKind::Ors,
                split(t),
                RaterRef::Client,
            ));
        }
        if let Some(item) = srs_item {
            let later = when + Duration::minutes(50);
            self.ratings.push(rating(
                &format!("{key}-s"),
                client,
                &key,
                later,
                MeasureKind::Srs,
                vec![item; 4],
                RaterRef::Client,
            ));
        }
        key
    }

    /// Another rater's ORS in session `key`.
    fn other_ors(
        &mut self,
        client: &str,
        key: &str,
        when: DateTime<Utc>,
        total: u16,
        rater: RaterRef,
    ) {
        let id = format!("{key}-{}", self.ratings.len());
        self.ratings.push(rating(
            &id,
            client,
            key,
            when,
            MeasureKind::Ors,
            split(total),
            rater,
        ));
    }

    fn end(&mut self, client: &str, on: &str, reason: EndReason) {
        let id = format!("end-{client}-{on}");
        let d = parse_date(on).unwrap();
        self.ends.push(EpisodeEnd::new(
            id,
            client,
            d,
            reason,
            at(&format!("{on}T19:00:00Z")),
        ));
    }

    fn report(&self, clients: &[Client]) -> OutcomesReport {
        outcomes_report(OutcomesInput {
            clients,
            ratings: &self.ratings,
            unrated: &[],
            ends: &self.ends,
            from: at("2026-01-01T00:00:00Z"),
            to: at("2026-03-31T23:59:00Z"),
            zone: &utc,
        })
    }
}

fn feb(day: i64) -> DateTime<Utc> {
    at("2026-02-01T10:00:00Z") + Duration::days(day - 1)
}

fn member(id: &str, collateral: bool) -> Member {
    Member {
        id: id.into(),
        label: id.to_uppercase(),
        age_group: AgeGroup::Adult,
        collateral,
        archived: false,
        created_at: at("2025-09-01T09:00:00Z"),
        updated_at: None,
    }
}

/// The ten adult individuals A0–A9 (intake → last ORS, change, category
/// against the adult cutoff 25.0):
///
/// | #  | intake | last | change | category | sessions | days | SRS at intake | end |
/// |----|--------|------|--------|----------|----------|------|---------------|-----|
/// | 0  | 10.0 | 20.0 | +10.0 | reliable improvement | 2 | 7  | 32.0 | planned |
/// | 1  | 12.0 | 20.0 | +8.0  | reliable improvement | 3 | 14 | 32.0 | planned |
/// | 2  | 14.0 | 25.0 | +11.0 | clinically significant (14 < 25 ≤ 25) | 4 | 21 | 32.0 | planned |
/// | 3  | 16.0 | 21.0 | +5.0  | reliable improvement (boundary) | 2 | 7 | 32.0 | planned |
/// | 4  | 18.0 | 22.9 | +4.9  | no reliable change (boundary) | 3 | 14 | 32.0 | planned |
/// | 5  | 20.0 | 20.0 | 0.0   | no reliable change | 4 | 21 | 38.0 | planned |
/// | 6  | 22.0 | 30.0 | +8.0  | clinically significant | 2 | 7 | 38.0 | stopped coming |
/// | 7  | 24.0 | 19.0 | −5.0  | reliable deterioration (boundary) | 3 | 14 | 38.0 | stopped coming |
/// | 8  | 26.0 | 32.0 | +6.0  | reliable improvement (started above 25: not CS) | 4 | 21 | 38.0 | referred |
/// | 9  | 28.0 | 27.0 | −1.0  | no reliable change | 2 | 7 | 38.0 | other |
///
/// Sessions are a week apart from 1 Feb; the ORS is given at the first and
/// the last, an SRS at every one (items 8.0 at A0–A4's first, so 32.0 and
/// feedback elicited; 9.5 everywhere else, 38.0, not elicited).
/// A2 is a couple: the partner's ORS (15.0, then 30.0) is not the client's.
const INTAKE: [u16; 10] = [100, 120, 140, 160, 180, 200, 220, 240, 260, 280];
const LAST: [u16; 10] = [200, 200, 250, 210, 229, 200, 300, 190, 320, 270];
const REASON: [EndReason; 10] = [
    EndReason::Planned,
    EndReason::Planned,
    EndReason::Planned,
    EndReason::Planned,
    EndReason::Planned,
    EndReason::Planned,
    EndReason::Unilateral,
    EndReason::Unilateral,
    EndReason::Referred,
    EndReason::Other,
];

fn adults(c: &mut Caseload, how_many: usize) {
    for i in 0..how_many {
        let id = format!("a{i}");
        let couple = i == 2;
        let (kind, members) = if couple {
            (CaseKind::Couple, vec![member("m1", false)])
        } else {
            (CaseKind::Individual, vec![])
        };
        c.client(&id, AgeGroup::Adult, kind, members);
        let visits = 2 + i % 3;
        for k in 0..visits {
            let when = feb(1 + 7 * k as i64);
            let ors = match k {
                0 => Some(INTAKE[i]),
                k if k == visits - 1 => Some(LAST[i]),
                _ => None,
            };
            let srs = if k == 0 && i < 5 { 80 } else { 95 };
            // The partner rates first, at the same session.
            let key = c.session(&id, when, ors, Some(srs));
            if couple && ors.is_some() {
                let partner = if k == 0 { 150 } else { 300 };
                c.other_ors(
                    &id,
                    &key,
                    when - Duration::minutes(5),
                    partner,
                    RaterRef::Member { id: "m1".into() },
                );
            }
        }
        let last = feb(1 + 7 * (visits as i64 - 1));
        c.end(&id, &attune::domain::time::date(last), REASON[i]);
    }
}

/// The whole caseload:
/// - A0–A9 (above), adult;
/// - G, an adult group: 1, 8 and 15 Feb, only members rate (ORS 20.0 and
///   25.0), ended 15 Feb as "stopped coming": an episode without the
///   client's ORS;
/// - T, adolescent now (a child when the episode opened: the store keeps
///   only the current group): 26.0 on 1 Feb with SRS 36.0, 31.0 on 8 Feb,
///   ended 8 Feb planned. +5.0 from below 28.0 to at or above it: clinically
///   significant against the adolescent cutoff (against the child cutoff
///   32.0 it would be a reliable improvement only);
/// - ONE, adolescent: a single session 3 Feb (ORS 15.0), ended 3 Feb as
///   "stopped coming": a one-session episode;
/// - K, a child with Mum as collateral rater: 5 Jan (own 20.0, Mum 18.0),
///   12 Jan (own 24.0), ended 12 Jan planned; back on 20 Feb (own 28.0, Mum
///   25.0), open: the second episode's intake is 28.0;
/// - O, adult, seen only in October 2025, never ended: outside the period.
fn caseload() -> Caseload {
    let mut c = Caseload::default();
    adults(&mut c, 10);
    c.client(
        "g",
        AgeGroup::Adult,
        CaseKind::Group,
        vec![member("x", false), member("y", false)],
    );
    for day in [1, 8, 15] {
        let key = c.session("g", feb(day), None, None);
        c.other_ors(
            "g",
            &key,
            feb(day),
            200,
            RaterRef::Member { id: "x".into() },
        );
        c.other_ors(
            "g",
            &key,
            feb(day),
            250,
            RaterRef::Member { id: "y".into() },
        );
    }
    c.end("g", "2026-02-15", EndReason::Unilateral);
    c.client("t", AgeGroup::Adolescent, CaseKind::Individual, vec![]);
    c.session("t", feb(1), Some(260), Some(90));
    c.session("t", feb(8), Some(310), None);
    c.end("t", "2026-02-08", EndReason::Planned);
    c.client("one", AgeGroup::Adolescent, CaseKind::Individual, vec![]);
    c.session("one", feb(3), Some(150), None);
    c.end("one", "2026-02-03", EndReason::Unilateral);
    c.client(
        "k",
        AgeGroup::Child,
        CaseKind::Individual,
        vec![member("p1", true)],
    );
    let mum = RaterRef::Collateral {
        id: "p1".into(),
        label: "Mum".into(),
    };
    let k1 = c.session("k", at("2026-01-05T10:00:00Z"), Some(200), None);
    c.other_ors("k", &k1, at("2026-01-05T10:00:00Z"), 180, mum.clone());
    c.session("k", at("2026-01-12T10:00:00Z"), Some(240), None);
    c.end("k", "2026-01-12", EndReason::Planned);
    let k3 = c.session("k", feb(20), Some(280), None);
    c.other_ors("k", &k3, feb(20), 250, mum);
    c.client("o", AgeGroup::Adult, CaseKind::Individual, vec![]);
    c.session("o", at("2025-10-01T10:00:00Z"), Some(200), None);
    c.session("o", at("2025-10-08T10:00:00Z"), Some(260), None);
    c
}

fn value<T: Clone>(e: &Estimate<T>) -> T {
    e.value()
        .cloned()
        .unwrap_or_else(|| panic!("no value: n = {}", e.n()))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn share(part: usize, whole: usize) -> Share {
    Share { part, whole }
}

// ---------------------------------------------------------------------------
// The statistics on their own

#[test]
fn the_effect_size_and_its_interval_on_a_small_known_sample() {
    // Pairs (intake, last): (10, 20), (20, 20), (20, 30), (30, 30).
    // Intake mean 20, deviations −10, 0, 0, 10: Σ² = 200, SD = √(200/3) = 8.16497.
    // Changes 10, 0, 10, 0: mean 5.0, so d = 5 / 8.16497 = 0.612372.
    // Last mean 25, deviations −5, −5, 5, 5: Σ² = 100; Σ(dx·dy) = 50 + 50 = 100;
    // r = 100 / √(200·100) = 0.707107.
    // var(d) = 2(1 − 0.707107)/4 + 0.612372²/(2·4) = 0.146447 + 0.046875 = 0.193322;
    // half-width 1.959964 · √0.193322 = 0.861764: interval −0.249391 to 1.474136.
    let t = |p: u16| Total(p * 10);
    let es = effect_size(&[
        (t(10), t(20)),
        (t(20), t(20)),
        (t(20), t(30)),
        (t(30), t(30)),
    ])
    .unwrap();
    assert!((es.d - 0.612_372).abs() < 1e-6, "{es:?}");
    assert!((es.sd_intake - 8.164_966).abs() < 1e-6);
    assert!(close(es.mean_change, 5.0));
    // r = 1/√2 exactly.
    assert!((es.r.unwrap() - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12);
    assert!((es.low - -0.249_391).abs() < 1e-6, "{es:?}");
    assert!((es.high - 1.474_136).abs() < 1e-6, "{es:?}");
    // Equal intakes: no spread to divide by; one pair: nothing to estimate.
    assert_eq!(effect_size(&[(t(20), t(25)), (t(20), t(30))]), None);
    assert_eq!(effect_size(&[(t(10), t(20))]), None);
    // Equal last totals: r is undefined and taken as 0 (the wider interval).
    // Intakes 10, 20 (SD 7.0711), lasts 30, 30: changes 20, 10, d = 15/7.0711
    // = 2.12132; var = 2/2 + 4.5/4 = 2.125; half = 1.959964·1.457738 = 2.857114.
    let flat = effect_size(&[(t(10), t(30)), (t(20), t(30))]).unwrap();
    assert_eq!(flat.r, None);
    assert!((flat.d - 2.121_320).abs() < 1e-6);
    assert!((flat.high - flat.d - 2.857_114).abs() < 1e-6, "{flat:?}");
}

// ---------------------------------------------------------------------------
// The report

#[test]
fn every_adult_figure_matches_the_hand_worked_values() {
    let c = caseload();
    let r = c.report(&c.clients);
    let a = r.group(Group::Age(AgeGroup::Adult));
    // A0–A9 and G; O is outside the period.
    assert_eq!((a.clients, a.episodes, a.open, a.ended), (11, 11, 0, 11));
    // Planned A0–A5 (6), stopped coming A6, A7, G (3), referred A8, other A9.
    assert_eq!(a.ended_by_reason, [6, 3, 1, 1]);
    assert_eq!(a.collateral_raters, 0);
    // Intakes 10 + 12 + … + 28 = 190 over 10 (G has none): 19.0.
    assert_eq!(a.intake_ors, Estimate::Value { n: 10, value: 19.0 });
    // First SRS: five of 32.0 and five of 38.0: 350 / 10 = 35.0.
    assert_eq!(a.intake_srs, Estimate::Value { n: 10, value: 35.0 });
    // Visits 2+3+4+2+3+4+2+3+4+2 = 29, plus G's 3: 32 / 11 = 2.909…
    assert!(close(value(&a.sessions_per_episode), 32.0 / 11.0));
    // Days 7+14+21+7+14+21+7+14+21+7 = 4·7 + 3·14 + 3·21 = 133, plus G's
    // 14: 147 / 11 = 13.3636…
    assert!(close(value(&a.length_days), 147.0 / 11.0));
    assert_eq!(a.length_days.n(), 11);
    // Effect size over the 10 with two ORS (G has none):
    // changes sum 10+8+11+5+4.9+0+8−5+6−1 = 46.9, mean 4.69;
    // intake SD √(330/9) = 6.055301; d = 4.69 / 6.055301 = 0.774528.
    // Last mean 23.69; Σ(dx·dy) = 141.1, Σdy² = 192.249: r = 141.1/√(330·192.249) = 0.560193.
    // var = 2(0.439807)/10 + 0.599894/20 = 0.087961 + 0.029995 = 0.117956;
    // half = 1.959964 · 0.343447 = 0.673144: interval 0.101384 to 1.447672.
    let es = value(&a.effect_size);
    assert_eq!(a.effect_size.n(), 10);
    assert!((es.d - 0.774_528).abs() < 1e-6, "{es:?}");
    assert!((es.mean_change - 4.69).abs() < 1e-9);
    assert!((es.r.unwrap() - 0.560_193).abs() < 1e-6);
    assert!(
        (es.low - 0.101_384).abs() < 1e-6 && (es.high - 1.447_672).abs() < 1e-6,
        "{es:?}"
    );
    // Reliable improvement A0, A1, A2, A3, A6, A8 (CS included): 6 of 10;
    // clinically significant A2, A6: 2; no reliable change A4, A5, A9: 3;
    // reliable deterioration A7: 1. The three exclusive ones make 10.
    assert_eq!(value(&a.reliable_improvement), share(6, 10));
    assert_eq!(value(&a.clinically_significant), share(2, 10));
    assert_eq!(value(&a.no_reliable_change), share(3, 10));
    assert_eq!(value(&a.reliable_deterioration), share(1, 10));
    // Dropout: A6, A7, G of 11 ended; A6 improved, A7 did not, G unmeasured.
    assert_eq!(value(&a.dropout), share(3, 11));
    assert_eq!(value(&a.dropout_improved), share(1, 3));
    assert_eq!(value(&a.dropout_not_improved), share(1, 3));
    assert_eq!(value(&a.dropout_unmeasured), share(1, 3));
    // Own SRS: one per visit of A0–A9 = 29 (G's members' are not the
    // client's); elicited: A0–A4's first (32.0): 5 of 29.
    assert_eq!(value(&a.feedback_elicited), share(5, 29));
}

#[test]
fn the_total_adds_every_age_group_and_small_groups_are_too_few_to_tell() {
    let c = caseload();
    let r = c.report(&c.clients);
    let all = r.group(Group::All);
    // Adults 11 + T, ONE + K = 14 clients; episodes 11 + 2 + 2 (K's two) = 15;
    // K's second episode is open.
    assert_eq!(
        (all.clients, all.episodes, all.open, all.ended),
        (14, 15, 1, 14)
    );
    // Planned 6 + T + K's first = 8; stopped coming 3 + ONE = 4; 1; 1.
    assert_eq!(all.ended_by_reason, [8, 4, 1, 1]);
    // Mum rated in both of K's episodes: one collateral rater.
    assert_eq!(all.collateral_raters, 1);
    // Intake ORS: 190 + 26 + 15 + 20 + 28 = 279 over 14.
    assert!(close(value(&all.intake_ors), 279.0 / 14.0));
    assert_eq!(all.intake_ors.n(), 14);
    // Intake SRS: 350 + T's 36.0 = 386 over 11.
    assert!(close(value(&all.intake_srs), 386.0 / 11.0));
    // Ended visits 32 + 2 + 1 + 2 = 37 over 14; days 147 + 7 + 0 + 7 = 161
    // over 14 = 11.5.
    assert!(close(value(&all.sessions_per_episode), 37.0 / 14.0));
    assert_eq!(all.length_days, Estimate::Value { n: 14, value: 11.5 });
    // Measured: the 10 adults, T (+5.0, CS) and K's first (20.0 → 24.0, +4.0,
    // no reliable change): 12. RI 6 + 1 = 7; CS 2 + 1 = 3; NRC 3 + 1 = 4; RD 1.
    assert_eq!(value(&all.reliable_improvement), share(7, 12));
    assert_eq!(value(&all.clinically_significant), share(3, 12));
    assert_eq!(value(&all.no_reliable_change), share(4, 12));
    assert_eq!(value(&all.reliable_deterioration), share(1, 12));
    // d over 12 pairs: intake mean 19.6667, SD 5.836147; mean change 4.658333;
    // d = 0.798186, r = 187.5/√(374.6667·240.9425) = 0.624054;
    // interval 0.212805 to 1.383568.
    let es = value(&all.effect_size);
    assert!((es.d - 0.798_186).abs() < 1e-6, "{es:?}");
    assert!((es.low - 0.212_805).abs() < 1e-6 && (es.high - 1.383_568).abs() < 1e-6);
    // Dropout 4 of 14: A6 improved; A7 not; G and ONE unmeasured.
    assert_eq!(value(&all.dropout), share(4, 14));
    assert_eq!(value(&all.dropout_improved), share(1, 4));
    assert_eq!(value(&all.dropout_not_improved), share(1, 4));
    assert_eq!(value(&all.dropout_unmeasured), share(2, 4));
    // SRS: 29 + T's one = 30, 5 elicited.
    assert_eq!(value(&all.feedback_elicited), share(5, 30));

    // Adolescents: T and ONE. Counts shown; every estimate too few.
    let teen = r.group(Group::Age(AgeGroup::Adolescent));
    assert_eq!((teen.clients, teen.episodes, teen.ended), (2, 2, 2));
    assert_eq!(teen.ended_by_reason, [1, 1, 0, 0]);
    assert_eq!(teen.intake_ors, Estimate::TooFew { n: 2, need: 10 });
    assert_eq!(teen.effect_size, Estimate::TooFew { n: 1, need: 10 });
    assert_eq!(teen.dropout, Estimate::TooFew { n: 2, need: 10 });
    assert_eq!(teen.feedback_elicited, Estimate::TooFew { n: 1, need: 20 });
    // Child: K, two episodes, one open; Mum counted here.
    let child = r.group(Group::Age(AgeGroup::Child));
    assert_eq!(
        (child.clients, child.episodes, child.open, child.ended),
        (1, 2, 1, 1)
    );
    assert_eq!(child.collateral_raters, 1);
    assert_eq!(child.intake_ors, Estimate::TooFew { n: 2, need: 10 });
}

#[test]
fn a_returning_client_is_measured_from_the_new_intake_and_cases_read_the_client() {
    let c = caseload();
    let r = c.report(&c.clients);
    let k: Vec<_> = r.rows.iter().filter(|x| x.client_id == "k").collect();
    assert_eq!(k.len(), 2);
    assert_eq!(
        (k[0].episode, k[0].intake_ors, k[0].last_ors),
        (1, Some(Total(200)), Some(Total(240)))
    );
    assert_eq!(k[0].category, Some(OutcomeCategory::NoReliableChange));
    // Episode 2 starts over: intake 28.0, one ORS so far, no change yet.
    assert_eq!(
        (k[1].episode, k[1].intake_ors, k[1].ors_count),
        (2, Some(Total(280)), 1)
    );
    assert_eq!((k[1].change, k[1].ended_on), (None, None));
    assert_eq!(k[1].collateral_raters, vec!["p1".to_string()]);
    // The couple: the client's own 14.0 → 25.0, not the partner's 15.0 → 30.0.
    let a2 = r.rows.iter().find(|x| x.client_id == "a2").unwrap();
    assert_eq!(
        (a2.case_kind, a2.intake_ors, a2.last_ors),
        (CaseKind::Couple, Some(Total(140)), Some(Total(250)))
    );
    assert_eq!(
        a2.category,
        Some(OutcomeCategory::ClinicallySignificantImprovement)
    );
    // The group: three visits, ended, no ORS of the client.
    let g = r.rows.iter().find(|x| x.client_id == "g").unwrap();
    assert_eq!(
        (g.visits, g.ors_count, g.change, g.length_days),
        (3, 0, None, 14)
    );
    // ONE: a one-session episode, length 0, intake and last the same ORS.
    let one = r.rows.iter().find(|x| x.client_id == "one").unwrap();
    assert_eq!((one.visits, one.length_days, one.ors_count), (1, 0, 1));
    assert_eq!(
        (one.intake_ors, one.last_ors, one.change),
        (Some(Total(150)), Some(Total(150)), None)
    );
    // O: nothing in the period.
    assert!(r.rows.iter().all(|x| x.client_id != "o"));
}

#[test]
fn an_age_group_changed_mid_episode_reads_the_whole_episode_with_the_current_one() {
    // T opened as a child; the therapist has since set "adolescent". The
    // episode counts once, as adolescent, and 26.0 → 31.0 is clinically
    // significant against 28.0 (against the child's 32.0 it would not be).
    let c = caseload();
    let r = c.report(&c.clients);
    let t = r.rows.iter().find(|x| x.client_id == "t").unwrap();
    assert_eq!((t.age_group, t.cutoff), (AgeGroup::Adolescent, Total(280)));
    assert_eq!(
        t.category,
        Some(OutcomeCategory::ClinicallySignificantImprovement)
    );
    assert_eq!(r.group(Group::Age(AgeGroup::Child)).clients, 1); // K only
    let mut as_child = c.clients.clone();
    as_child.iter_mut().find(|x| x.id == "t").unwrap().age_group = AgeGroup::Child;
    let r = c.report(&as_child);
    let t = r.rows.iter().find(|x| x.client_id == "t").unwrap();
    assert_eq!(t.category, Some(OutcomeCategory::ReliableImprovement));
    assert_eq!(r.group(Group::Age(AgeGroup::Child)).clients, 2);
}

#[test]
fn nine_ended_episodes_are_too_few_to_tell_and_ten_are_enough() {
    // A0–A8 only: nine ended, nine measured: every estimate says too few.
    let mut nine = Caseload::default();
    adults(&mut nine, 9);
    let r = nine.report(&nine.clients);
    let a = r.group(Group::Age(AgeGroup::Adult));
    assert_eq!(a.ended, 9);
    assert_eq!(a.effect_size, Estimate::TooFew { n: 9, need: 10 });
    assert_eq!(a.reliable_improvement, Estimate::TooFew { n: 9, need: 10 });
    assert_eq!(a.dropout, Estimate::TooFew { n: 9, need: 10 });
    assert_eq!(a.sessions_per_episode, Estimate::TooFew { n: 9, need: 10 });
    assert_eq!(a.intake_ors, Estimate::TooFew { n: 9, need: 10 });
    assert_eq!(
        words::value_text(
            FigureKey::EffectSize,
            &a.get(FigureKey::EffectSize),
            Words::EN
        ),
        "Too few to tell: 9 of the 10 episodes needed"
    );
    // Counts are facts: shown whatever the number.
    assert_eq!(
        a.get(FigureKey::EndedAs(EndReason::Planned)),
        FigureValue::Count(6)
    );
    // A9 makes ten: numbers appear.
    let mut ten = Caseload::default();
    adults(&mut ten, 10);
    let a = ten
        .report(&ten.clients)
        .group(Group::Age(AgeGroup::Adult))
        .clone();
    assert_eq!(a.effect_size.n(), 10);
    assert!(a.effect_size.value().is_some());
    assert_eq!(value(&a.reliable_improvement), share(6, 10));
    // Of the two dropouts (A6, A7), A6 had improved.
    assert_eq!(value(&a.dropout_improved), share(1, 2));
    // With every ending planned there is no dropout to split: none, not 0 %.
    let mut planned = Caseload::default();
    adults(&mut planned, 10);
    for e in &mut planned.ends {
        e.reason = EndReason::Planned;
    }
    let a = planned
        .report(&planned.clients)
        .group(Group::Age(AgeGroup::Adult))
        .clone();
    assert_eq!(value(&a.dropout), share(0, 10));
    assert_eq!(a.dropout_improved, Estimate::NoData { n: 10 });
}

#[test]
fn my_clients_reads_only_the_clients_given() {
    let c = caseload();
    let mine: Vec<Client> = c
        .clients
        .iter()
        .filter(|x| x.id == "t" || x.id == "k")
        .cloned()
        .collect();
    let r = c.report(&mine);
    let ids: Vec<&str> = r.rows.iter().map(|x| x.client_id.as_str()).collect();
    // Sorted by label, then episode: K (two), then T.
    assert_eq!(ids, ["k", "k", "t"]);
    assert_eq!(r.group(Group::All).clients, 2);
}

#[test]
fn every_figure_has_words_and_what_is_not_computed_says_why() {
    for key in FigureKey::ALL {
        for text in [
            words::title(key, Words::EN),
            words::formula(key).into(),
            words::meaning(key, Words::EN).into(),
            words::limits(key, Words::EN).into(),
        ] {
            assert!(text.len() > 5, "{key:?}");
        }
    }
    let names: Vec<&str> = words::not_computed(Words::EN)
        .iter()
        .map(|(n, _)| *n)
        .collect();
    assert!(names.iter().any(|n| n.contains("Relative effect size")));
    assert!(names.iter().any(|n| n.contains("Severity")));
    assert!(names.iter().any(|n| n.contains("target")));
    assert!(words::not_computed(Words::EN)
        .iter()
        .all(|(_, why)| why.contains("proprietary") || why.contains("licensed")));
}

// ---------------------------------------------------------------------------
// The CSV files

#[test]
fn the_figures_csv_has_a_row_per_group_and_figure() {
    let c = caseload();
    let csv = outcomes_csv(&c.report(&c.clients));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "group,figure,title,reading,n,value,part,whole,ci_low,ci_high,text"
    );
    // 4 groups × 23 figures, a header, and the empty text after the last CRLF.
    assert_eq!(lines.len(), 4 * 23 + 2);
    assert!(lines.contains(&"all,effect-size,Pre–post effect size,value,12,0.798,,,0.213,1.384,\"0.80, 95 % CI 0.21 to 1.38 (n = 12)\""), "{csv}");
    assert!(lines.contains(&"adult,reliable-improvement,Reliable improvement,value,10,60.0,6,10,,,6 of 10 (60%) (n = 10)"));
    assert!(lines.contains(&"adolescent,effect-size,Pre–post effect size,too-few,1,,,,,,Too few to tell: 1 of the 10 episodes needed"));
    assert!(
        lines.contains(&"all,ended-unilateral,Ended: the client stopped coming,count,4,4,,,,,4")
    );
    assert!(lines
        .contains(&"adult,length-days,Average length in days,value,11,13.36,,,,,13.4 (n = 11)"));
}

#[test]
fn the_per_episode_csv_reproduces_the_effect_size_and_the_shares() {
    let c = caseload();
    let report = c.report(&c.clients);
    let csv = episodes_csv(&report);
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header.len(), 23);
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 15);
    // T's row, as an auditor reads it.
    let t = rows.iter().find(|r| r[col("client_id")] == "t").unwrap();
    assert_eq!(t[col("age_group")], "adolescent");
    assert_eq!(t[col("opened_on")], "2026-02-01");
    assert_eq!(t[col("ended_on")], "2026-02-08");
    assert_eq!(t[col("end_reason")], "planned");
    assert_eq!(t[col("change")], "5.0");
    assert_eq!(t[col("cutoff")], "28.0");
    assert_eq!(t[col("category")], "clinically-significant-improvement");
    // A negative change is a number, not a guarded text cell.
    let a7 = rows.iter().find(|r| r[col("client_id")] == "a7").unwrap();
    assert_eq!(a7[col("change")], "-5.0");
    // Recompute d from the CSV alone: ended in the period, two or more ORS.
    let pairs: Vec<(Total, Total)> = rows
        .iter()
        .filter(|r| {
            r[col("ended_in_period")] == "yes" && r[col("ors_count")].parse::<usize>().unwrap() >= 2
        })
        .map(|r| {
            let t = |s: &str| Total((s.parse::<f64>().unwrap() * 10.0).round() as u16);
            (t(&r[col("intake_ors")]), t(&r[col("last_ors")]))
        })
        .collect();
    assert_eq!(pairs.len(), 12);
    let again = effect_size(&pairs).unwrap();
    assert_eq!(Some(&again), report.group(Group::All).effect_size.value());
    // Dropouts: ended in the period as "unilateral".
    let dropouts = rows
        .iter()
        .filter(|r| r[col("ended_in_period")] == "yes" && r[col("end_reason")] == "unilateral")
        .count();
    assert_eq!(dropouts, 4);
}

#[test]
fn an_srs_on_the_periods_first_day_counts_whatever_its_hour() {
    // The period starts at noon on 1 Jan (a "last 3 months" from a noon
    // `now`); episodes are picked by calendar day, so an SRS at 09:00 that
    // day belongs to it too.
    let client = common::client("c-1", "AB", at("2025-12-01T09:00:00Z"));
    let ratings = vec![
        rating(
            "s-1",
            "c-1",
            "x-1",
            at("2026-01-01T09:00:00Z"),
            MeasureKind::Srs,
            vec![80, 80, 80, 80],
            RaterRef::Client,
        ),
        rating(
            "s-2",
            "c-1",
            "x-2",
            at("2026-01-08T09:00:00Z"),
            MeasureKind::Srs,
            vec![95, 95, 95, 95],
            RaterRef::Client,
        ),
    ];
    let report = outcomes_report(OutcomesInput {
        clients: std::slice::from_ref(&client),
        ratings: &ratings,
        unrated: &[],
        ends: &[],
        from: at("2026-01-01T12:00:00Z"),
        to: at("2026-03-31T12:00:00Z"),
        zone: &utc,
    });
    assert_eq!(report.rows.len(), 1);
    assert_eq!(
        report.rows[0].srs_in_period, 2,
        "both SRS, the 09:00 one included"
    );
    assert_eq!(
        report.rows[0].srs_elicited, 1,
        "the 32.0 is below the cutoff"
    );
}

#[test]
fn the_screen_says_a_figure_in_the_page_language_and_the_csv_stays_english() {
    let c = caseload();
    let r = c.report(&c.clients);
    let all = r.group(Group::All);
    let es = Words::new(attune::domain::words::Lang::Es);
    let effect = all.get(FigureKey::EffectSize);
    assert_eq!(
        words::value_text(FigureKey::EffectSize, &effect, es),
        "0,80, IC del 95 % de 0,21 a 1,38 (n = 12)"
    );
    assert_eq!(
        words::title(FigureKey::EffectSize, es),
        "Tamaño del efecto pre–post"
    );
    // The CSV is a file: Attune's English and the decimal point whatever the page's language.
    assert!(outcomes_csv(&r).contains("\"0.80, 95 % CI 0.21 to 1.38 (n = 12)\""));
}
