//! A case's history: the table has a column per person
//! who ever rated (roster order, archived members and collateral raters
//! included and labelled), a row per session newest first with each
//! person's ORS and SRS totals, divergence per row for couples and
//! families, a group's median and range; the charts draw a line per person
//! up to six, and a median and range for a group or a crowd, with the
//! cutoffs that apply to everyone drawn.

use attune::domain::course::history::SessionAxis;
use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::Scales;
use attune::domain::measures::score::{Tenths, Total};
use attune::domain::measures::thresholds::CUTOFF_TOTAL;
use attune::domain::raters::chart::{case_axis, case_chart, CaseChart, Marker, MAX_LINES};
use attune::domain::raters::history::{case_people, case_table, CaseTable, MEASURE_ORDER};
use attune::domain::raters::spread::Range;
use attune::domain::records::case::{CaseKind, Member};
use attune::domain::records::store::{decode, Client, Store};
use attune::domain::time::parse;

const COUPLE: &str = include_str!("fixtures/v5-couple.json");
const SIZE: (f64, f64) = (600.0, 220.0);

fn fixture() -> Store {
    decode(COUPLE).unwrap().store
}

fn client<'a>(s: &'a Store, id: &str) -> &'a Client {
    s.clients.iter().find(|c| c.id == id).unwrap()
}

fn member(id: &str) -> RaterRef {
    RaterRef::Member { id: id.into() }
}

/// A rating of `client` in `session` on `day` of March 2026.
fn rating(
    id: &str,
    client: &str,
    session: &str,
    day: u32,
    measure: MeasureKind,
    rater: RaterRef,
    scores: [u16; 4],
) -> Rating {
    let t = parse(&format!("2026-03-{day:02}T10:00:00Z")).unwrap();
    Rating {
        id: id.into(),
        recorded_at: t,
        session_at: t,
        client_id: Some(client.into()),
        scores: scores.iter().map(|&s| Tenths::new(s).unwrap()).collect(),
        scale_id: match measure {
            MeasureKind::Srs => "srs-attune".into(),
            MeasureKind::Ors => "ors-attune".into(),
        },
        scale_version: 1,
        measure,
        session_id: Some(session.into()),
        rater,
        ..Rating::default()
    }
}

fn new_member(id: &str, label: &str) -> Member {
    Member {
        id: id.into(),
        label: label.into(),
        age_group: AgeGroup::Adult,
        collateral: false,
        archived: false,
        created_at: parse("2026-01-01T00:00:00Z").unwrap(),
        updated_at: None,
    }
}

fn table(s: &Store, id: &str) -> CaseTable {
    case_table(
        s,
        &Scales::builtin(),
        client(s, id),
        attune::domain::words::Words::EN,
    )
}

fn chart(s: &Store, id: &str, measure: MeasureKind) -> Option<CaseChart> {
    let axis = case_axis(&s.ratings, id);
    case_chart(
        s,
        &Scales::builtin(),
        client(s, id),
        measure,
        &axis,
        SIZE,
        (0, attune::domain::words::Words::EN),
    )
}

/// The family case of the fixture (Sam, a child; Mum collateral; Dad; Kit,
/// a child, archived), with Dad and Kit's ratings added, and a rating
/// naming nobody in the case.
fn family() -> Store {
    let mut s = fixture();
    s.ratings.extend([
        rating(
            "o-kit",
            "c-sam",
            "s-f0",
            1,
            MeasureKind::Ors,
            member("m-kit"),
            [70, 70, 70, 70],
        ),
        rating(
            "r-dad",
            "c-sam",
            "s-f1",
            3,
            MeasureKind::Srs,
            member("m-dad"),
            [90, 90, 90, 90],
        ),
        rating(
            "r-who",
            "c-sam",
            "s-f1",
            3,
            MeasureKind::Srs,
            member("m-gone"),
            [80, 80, 80, 80],
        ),
    ]);
    s
}

// ---- the table's columns ----

#[test]
fn columns_are_everyone_who_rated_in_roster_order_archived_and_collateral_labelled() {
    let s = family();
    let t = table(&s, "c-sam");
    // The client, the members in the order added (archived Kit in place),
    // collateral raters last, then a rater naming no member.
    assert_eq!(
        t.headings(),
        [
            "Sam",
            "Dad",
            "Kit (archived)",
            "Mum (collateral)",
            "another rater"
        ]
    );
    let people = case_people(&s, client(&s, "c-sam"));
    assert_eq!(people[2].age_group, AgeGroup::Child);
    assert!(people[2].archived && !people[2].collateral);
    assert!(people[3].collateral);
    assert_eq!(
        people[3].rater,
        RaterRef::Collateral {
            id: "m-mum".into(),
            label: "Mum".into()
        }
    );
    assert_eq!(people[4].rater, member("m-gone"));
    assert_eq!(t.measures, MEASURE_ORDER, "ORS before SRS");
}

#[test]
fn a_member_who_never_rated_gets_no_column() {
    let s = fixture();
    // Dad and Kit never rated in the fixture.
    assert_eq!(table(&s, "c-sam").headings(), ["Sam", "Mum (collateral)"]);
    // The fixture's family gave only the ORS: one column each.
    assert_eq!(table(&s, "c-sam").measures, [MeasureKind::Ors]);
}

#[test]
fn a_group_has_no_column_for_the_group_record() {
    let s = fixture();
    let t = table(&s, "c-tue");
    assert_eq!(t.headings(), ["AL", "BO", "CY"]);
    assert_eq!(t.kind, CaseKind::Group);
}

// ---- the rows ----

#[test]
fn rows_are_sessions_newest_first_with_a_skipped_person_left_empty() {
    let s = family();
    let t = table(&s, "c-sam");
    let ids: Vec<&str> = t.rows.iter().map(|r| r.session_id.as_str()).collect();
    assert_eq!(ids, ["s-f1", "s-f0"]);
    let row = &t.rows[0];
    assert_eq!(row.cells.len(), t.people.len());
    // Sam: ORS only (no SRS); Dad: SRS only (skipped for the ORS); Kit: nothing
    // in this session; Mum: ORS.
    let sam = &row.cells[0];
    assert_eq!(sam.ors.as_ref().unwrap().rating_id, "o-sam");
    assert_eq!(sam.ors.as_ref().unwrap().total, Total(241));
    assert!(sam.srs.is_none());
    let dad = &row.cells[1];
    assert!(dad.ors.is_none());
    assert_eq!(dad.srs.as_ref().unwrap().total, Total(360));
    assert_eq!(row.cells[2], Default::default(), "Kit did not rate");
    let mum = row.cells[3].get(MeasureKind::Ors).unwrap();
    assert_eq!(mum.text(), "18.3 / 40");
    assert_eq!(mum.href(), "#/review/o-mum");
    // Below each person's own cutoff: the child 24.1 < 32, Mum 18.3 < 25,
    // Dad's SRS 36.0 is not below 36.
    assert!(sam.ors.as_ref().unwrap().below_cutoff);
    assert!(mum.below_cutoff);
    assert!(!dad.srs.as_ref().unwrap().below_cutoff);
    // The row opens an SRS first.
    assert_eq!(row.href().as_deref(), Some("#/review/r-dad"));
    assert_eq!(t.rows[1].href().as_deref(), Some("#/review/o-kit"));
}

#[test]
fn each_row_says_whether_its_srs_or_ors_diverges() {
    let mut s = fixture();
    // A second couple session, a week later, with close ratings.
    s.ratings.extend([
        rating(
            "o-jd2",
            "c-jd",
            "s-c2",
            9,
            MeasureKind::Ors,
            RaterRef::Client,
            [60, 60, 60, 60],
        ),
        rating(
            "o-kl2",
            "c-jd",
            "s-c2",
            9,
            MeasureKind::Ors,
            member("m-kl"),
            [62, 58, 60, 61],
        ),
        rating(
            "r-jd2",
            "c-jd",
            "s-c2",
            9,
            MeasureKind::Srs,
            RaterRef::Client,
            [90, 90, 90, 90],
        ),
        // KL alone gave nothing more: a single SRS cannot diverge.
    ]);
    let t = table(&s, "c-jd");
    assert_eq!(t.headings(), ["JD", "KL"]);
    let (newer, older) = (&t.rows[0], &t.rows[1]);
    assert_eq!(newer.session_id, "s-c2");
    assert!(!newer.diverges(MeasureKind::Ors) && !newer.diverges(MeasureKind::Srs));
    assert!(newer.cells[1].srs.is_none());
    // The fixture's session: SRS totals 10.5 apart and Goals 4.0 apart; ORS
    // Interpersonal 3.0 apart.
    assert_eq!(
        older.flag(MeasureKind::Srs),
        Some("Ratings differ on the total and on Goals and Topics.")
    );
    assert!(older.diverges(MeasureKind::Ors));
    assert!(older
        .flag(MeasureKind::Ors)
        .unwrap()
        .contains("Interpersonal"));
    // Couples have no spread.
    assert!(older.spread(MeasureKind::Srs).is_none());
}

#[test]
fn a_group_row_has_the_median_and_range_odd_and_even() {
    let mut s = fixture();
    s.clients
        .iter_mut()
        .find(|c| c.id == "c-tue")
        .unwrap()
        .members
        .push(new_member("g-di", "DI"));
    // Four rate the next session: 30.0, 33.3, 36.0, 38.0: median (33.3 + 36.0) / 2
    // = 34.65, to 34.7 (halves up).
    for (id, who, scores) in [
        ("r2-al", "g-al", [75, 75, 75, 75]),
        ("r2-bo", "g-bo", [83, 83, 83, 84]),
        ("r2-cy", "g-cy", [90, 90, 90, 90]),
        ("r2-di", "g-di", [95, 95, 95, 95]),
    ] {
        s.ratings.push(rating(
            id,
            "c-tue",
            "s-g2",
            11,
            MeasureKind::Srs,
            member(who),
            scores,
        ));
    }
    let t = table(&s, "c-tue");
    assert_eq!(t.headings(), ["AL", "BO", "CY", "DI"]);
    let even = t.rows[0].spread(MeasureKind::Srs).unwrap();
    assert_eq!(
        even,
        Range {
            low: 300,
            median: 347,
            high: 380
        }
    );
    // The fixture's session, three rated: 37.2, 31.0, 36.0.
    let odd = t.rows[1].spread(MeasureKind::Srs).unwrap();
    assert_eq!(
        odd,
        Range {
            low: 310,
            median: 360,
            high: 372
        }
    );
    assert!(t.rows[1].cells[3].srs.is_none(), "DI had not joined");
    assert!(t.rows[0].spread(MeasureKind::Ors).is_none(), "no ORS given");
    assert!(
        !t.rows[0].diverges(MeasureKind::Srs),
        "groups are not paired"
    );

    // The chart draws the same figures as a median and range.
    let c = chart(&s, "c-tue", MeasureKind::Srs).unwrap();
    assert!(c.is_spread() && c.people().is_empty());
    let ranges: Vec<Range> = c.spread().iter().map(|p| p.range).collect();
    assert_eq!(ranges, [odd, even], "date order");
    let p = &c.spread()[0];
    assert!(
        p.high_y < p.median_y && p.median_y < p.low_y,
        "higher is up"
    );
    assert_eq!(p.raters, 3);
    assert_eq!(p.below_cutoff, ["BO"]);
    assert!(
        p.text
            .contains("SRS of 3 people, median 36.0/40, lowest 31.0, highest 37.2"),
        "{}",
        p.text
    );
    assert!(
        p.text.ends_with("below the cutoff of 36: BO."),
        "{}",
        p.text
    );
    assert_eq!(c.median_line().len(), 2);
    let band = c.band();
    assert_eq!(band.len(), 4);
    assert_eq!((band[0].y, band[3].y), (p.high_y, p.low_y));
    let keys: Vec<&str> = c.legend.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["median-line", "range-band", "cutoff-line"]);
    assert!(
        c.description.contains("median went from 36.0 to 34.7"),
        "{}",
        c.description
    );
    assert!(c.description.contains("table below"), "{}", c.description);
}

#[test]
fn an_individual_case_table_is_the_clients_own_column() {
    let s = fixture();
    let t = table(&s, "c-solo");
    assert_eq!(t.kind, CaseKind::Individual);
    assert_eq!(t.headings(), ["RT"]);
    assert_eq!(t.measures, [MeasureKind::Srs]);
    assert_eq!(t.rows.len(), 1);
    let row = &t.rows[0];
    assert_eq!(row.cells.len(), 1);
    assert_eq!(row.cells[0].srs.as_ref().unwrap().rating_id, "r-rt");
    assert_eq!(row.cells[0].srs.as_ref().unwrap().total, Total(360));
    assert!(row.srs_flag.is_none() && row.srs_spread.is_none());
    // Nobody rated: no rows, no chart.
    let mut empty = s.clone();
    empty.ratings.clear();
    assert!(table(&empty, "c-solo").is_empty());
    assert!(chart(&empty, "c-solo", MeasureKind::Srs).is_none());
}

// ---- the charts ----

/// A case of `n` adults (for a group, `n` members) who all rate the SRS in
/// two sessions, person `i` marking every item 8.0 + i/10 + the day/10.
fn crowd(n: usize, kind: CaseKind) -> Store {
    let mut s = fixture();
    let group = kind == CaseKind::Group;
    let c = s.clients.iter_mut().find(|c| c.id == "c-solo").unwrap();
    c.kind = kind;
    let members = if group { n } else { n - 1 };
    for i in 1..=members {
        c.members
            .push(new_member(&format!("p{i}"), &format!("P{i}")));
    }
    s.ratings
        .retain(|r| r.client_id.as_deref() != Some("c-solo"));
    for day in [2, 9] {
        for i in 0..n {
            let rater = match (group, i) {
                (false, 0) => RaterRef::Client,
                (false, i) => member(&format!("p{i}")),
                (true, i) => member(&format!("p{}", i + 1)),
            };
            let mark = 80 + u16::try_from(i).unwrap() + u16::try_from(day).unwrap();
            s.ratings.push(rating(
                &format!("r{day}-{i}"),
                "c-solo",
                &format!("s{day}"),
                day,
                MeasureKind::Srs,
                rater,
                [mark; 4],
            ));
        }
    }
    s
}

#[test]
fn up_to_six_people_get_a_line_each_with_a_style_of_their_own() {
    let s = crowd(MAX_LINES, CaseKind::Family);
    let c = chart(&s, "c-solo", MeasureKind::Srs).unwrap();
    assert!(!c.is_spread());
    let lines = c.people();
    assert_eq!(lines.len(), 6);
    let keys: Vec<String> = lines.iter().map(|l| l.style_key()).collect();
    assert_eq!(
        keys,
        ["rater-1", "rater-2", "rater-3", "rater-4", "rater-5", "rater-6"]
    );
    let markers: Vec<Marker> = lines.iter().map(|l| l.marker()).collect();
    assert_eq!(markers, Marker::ALL, "six distinct markers");
    let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["RT", "P1", "P2", "P3", "P4", "P5"]);
    assert!(lines.iter().all(|l| l.points.len() == 2));
    // Legend: a row per person, then the cutoff.
    let legend: Vec<(&str, &str)> = c
        .legend
        .iter()
        .map(|e| (e.key.as_str(), e.label.as_str()))
        .collect();
    assert_eq!(legend[0], ("rater-1", "RT"));
    assert_eq!(legend[5], ("rater-6", "P5"));
    assert_eq!(legend.last().unwrap().0, "cutoff-line");
    // Every point has its own text, with the person and the total.
    let p = &lines[1].points[0];
    assert_eq!(p.rating_id, "r2-1");
    assert!(
        p.text
            .starts_with("P1, 2 Mar 2026, 10:00: SRS 33.2/40, below the cutoff of 36"),
        "{}",
        p.text
    );
    assert!(p.below_cutoff);
    assert!(c
        .description
        .starts_with("SRS totals of 6 people, one line each, over 2 sessions"));
    assert!(
        c.description.contains("P1 from 33.2 to 36.0 (2 sessions)"),
        "{}",
        c.description
    );
    assert!(c.description.contains("cutoff, 36"), "{}", c.description);
}

#[test]
fn seven_people_or_a_group_of_any_size_get_the_median_and_range() {
    let seven = crowd(MAX_LINES + 1, CaseKind::Family);
    let c = chart(&seven, "c-solo", MeasureKind::Srs).unwrap();
    assert!(c.is_spread());
    assert_eq!(c.spread().len(), 2);
    assert_eq!(c.spread()[0].raters, 7);
    assert!(
        c.description
            .contains("7 people rated, more than the 6 lines"),
        "{}",
        c.description
    );
    // The table still has everyone.
    assert_eq!(table(&seven, "c-solo").people.len(), 7);
    // Two in a group are a median and range too.
    let group = crowd(2, CaseKind::Group);
    let c = chart(&group, "c-solo", MeasureKind::Srs).unwrap();
    assert!(c.is_spread());
    assert!(!c.description.contains("more than the"));
    // A median of two is the mean of both: 32.8 and 33.2 → 33.0.
    assert_eq!(
        c.spread()[0].range,
        Range {
            low: 328,
            median: 330,
            high: 332
        }
    );
    assert_eq!(c.legend[0].key, "median-line");
}

#[test]
fn the_srs_chart_draws_the_cutoff_and_the_ors_chart_only_the_adult_one_for_adults() {
    let s = fixture();
    // The couple: both adults.
    let srs = chart(&s, "c-jd", MeasureKind::Srs).unwrap();
    let cutoff = srs.cutoff.as_ref().unwrap();
    assert_eq!(cutoff.value, Total(CUTOFF_TOTAL));
    assert_eq!(cutoff.label, "cutoff 36");
    let ors = chart(&s, "c-jd", MeasureKind::Ors).unwrap();
    let adult = ors.cutoff.as_ref().unwrap();
    assert_eq!(adult.value, AgeGroup::Adult.cutoff());
    assert_eq!(adult.label, "adult cutoff 25");
    assert_eq!(ors.y_min, Total(0));
    assert_eq!(ors.legend.last().unwrap().key, "ors-cutoff-line");
    assert!(
        ors.description.contains("adult cutoff, 25"),
        "{}",
        ors.description
    );
    // The family: Sam is a child, so no line, and the text says why.
    let ors = chart(&s, "c-sam", MeasureKind::Ors).unwrap();
    assert!(ors.cutoff.is_none());
    assert!(ors.legend.iter().all(|e| !e.key.contains("cutoff-line")));
    assert!(
        ors.description
            .contains("No cutoff line is drawn: the ORS cutoff depends on each person's age group (adult 25, child 32)"),
        "{}",
        ors.description
    );
    let sam = &ors.people()[0].points[0];
    assert!(
        sam.text
            .ends_with("ORS 24.1/40, below the child cutoff of 32."),
        "{}",
        sam.text
    );
    let mum = &ors.people()[1];
    assert_eq!(mum.label, "Mum (collateral)");
    assert!(mum.points[0]
        .text
        .ends_with("below the adult cutoff of 25."));
    // Nobody gave the SRS in the family: no SRS chart.
    assert!(chart(&s, "c-sam", MeasureKind::Srs).is_none());
}

#[test]
fn both_charts_share_one_axis_of_every_session() {
    let mut s = fixture();
    s.ratings.push(rating(
        "r-kl-late",
        "c-jd",
        "s-c3",
        20,
        MeasureKind::Srs,
        member("m-kl"),
        [90, 90, 90, 90],
    ));
    let axis: SessionAxis = case_axis(&s.ratings, "c-jd");
    assert_eq!(axis.keys(), ["s-c1", "s-c3"]);
    let srs = chart(&s, "c-jd", MeasureKind::Srs).unwrap();
    let ors = chart(&s, "c-jd", MeasureKind::Ors).unwrap();
    let srs_x = srs.people()[0].points[0].at.x;
    assert_eq!(srs_x, ors.people()[0].points[0].at.x, "one session, one x");
    // KL's late session (nobody else rated) is on the axis, at the right.
    let kl = &srs.people()[1];
    assert_eq!(kl.points.len(), 2);
    assert_eq!(kl.points[1].at.x, SIZE.0);
    assert_eq!(srs.people()[0].points.len(), 1);
}
