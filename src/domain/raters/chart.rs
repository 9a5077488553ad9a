//! A case's totals over time for one measure, ready to draw on the date axis
//! the case's two charts share ([`case_axis`]): one line per person, each
//! with its own line style and marker and a legend of labels, or, for a
//! group (and for more than [`MAX_LINES`] people), the median of those who
//! rated each session inside a band from the lowest to the highest total.
//! Plain numbers and strings: the shell only draws.
//!
//! Why lines stop at six: beyond that, lines cross so often that no one
//! person can be followed, and six line styles and markers can still be
//! told apart without colour. A group is drawn as its median and range from
//! the first member: the clinical notes ask for each member and the
//! group's spread, never a league table of members (each member's totals
//! are in the table).
//!
//! Cutoffs: the SRS panel draws its cutoff (36.0). The ORS cutoff belongs to
//! each person's age group, so the ORS panel draws the adult cutoff only
//! when everyone on it is an adult; otherwise it draws none, says so in its
//! text alternative, and each point says whether it is below its own
//! rater's cutoff.

use crate::domain::course::history::{
    date_text, date_time_text, number_text, y_range, Point, SessionAxis, Tick,
};
use crate::domain::course::session::{client_sessions, Session};
use crate::domain::measures::kinds::AgeGroup;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::numbers::short;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::Scales;
use crate::domain::measures::score::Total;
use crate::domain::measures::thresholds::CUTOFF_TOTAL;
use crate::domain::raters::divergence::session_scores;
use crate::domain::raters::history::{case_people, Person};
use crate::domain::raters::spread::{group_spread, Range};
use crate::domain::records::case::{same_rater, CaseKind};
use crate::domain::records::store::{Client, Store};
use crate::domain::words::Words;

/// Most people drawn as lines of their own; beyond, the chart shows the
/// median and range.
pub const MAX_LINES: usize = 6;

/// Step between the ORS score ticks, in tenths (5.0).
const ORS_TICK: u16 = 50;

/// The shape marking one person's sessions, so lines are told apart
/// without colour (one per line style).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Marker {
    /// A circle.
    Circle,
    /// A square.
    Square,
    /// A triangle pointing up.
    TriangleUp,
    /// A diamond.
    Diamond,
    /// A triangle pointing down.
    TriangleDown,
    /// A plus sign.
    Plus,
}

impl Marker {
    /// One marker per line style, in style order.
    pub const ALL: [Marker; MAX_LINES] = [
        Marker::Circle,
        Marker::Square,
        Marker::TriangleUp,
        Marker::Diamond,
        Marker::TriangleDown,
        Marker::Plus,
    ];

    /// A stable key, for a CSS class and a test attribute.
    pub fn key(self) -> &'static str {
        match self {
            Marker::Circle => "circle",
            Marker::Square => "square",
            Marker::TriangleUp => "triangle-up",
            Marker::Diamond => "diamond",
            Marker::TriangleDown => "triangle-down",
            Marker::Plus => "plus",
        }
    }
}

/// One person's total in one session, with the text shown on focus or hover.
#[derive(Clone, Debug, PartialEq)]
pub struct RaterPoint {
    /// The session's id (the other measure's point sits at the same x).
    pub session_id: String,
    /// The rating's id, to open its review.
    pub rating_id: String,
    /// Where it is drawn.
    pub at: Point,
    /// The total.
    pub total: Total,
    /// True below the cutoff that applies to this person.
    pub below_cutoff: bool,
    /// `KL, 2 Mar 2026, 16:00: SRS 27.5/40, below the cutoff of 36.`
    pub text: String,
}

/// One person's line.
#[derive(Clone, Debug, PartialEq)]
pub struct RaterLine {
    /// The person's column in the case's table ([`case_people`] order).
    pub person: usize,
    /// Their legend label ([`Person::heading`]).
    pub label: String,
    /// Their line style, 0 to [`MAX_LINES`] − 1: a dash pattern and a marker.
    pub style: usize,
    /// Their sessions, in date order (a session they did not rate has no
    /// point; the line joins the sessions either side).
    pub points: Vec<RaterPoint>,
}

impl RaterLine {
    /// The style as a CSS class, `rater-1` to `rater-6`.
    pub fn style_key(&self) -> String {
        format!("rater-{}", self.style + 1)
    }

    /// The marker of the style.
    pub fn marker(&self) -> Marker {
        Marker::ALL[self.style % MAX_LINES]
    }

    /// The line's points, for [`crate::domain::course::history::svg_points`].
    pub fn line(&self) -> Vec<Point> {
        self.points.iter().map(|p| p.at).collect()
    }
}

/// One session of the median-and-range chart.
#[derive(Clone, Debug, PartialEq)]
pub struct SpreadPoint {
    /// The session's id.
    pub session_id: String,
    /// Its x.
    pub x: f64,
    /// Lowest, median and highest total of those who rated ([`Range::of`]).
    pub range: Range,
    /// Height of the lowest total.
    pub low_y: f64,
    /// Height of the median.
    pub median_y: f64,
    /// Height of the highest total.
    pub high_y: f64,
    /// How many rated.
    pub raters: usize,
    /// Labels of those below their cutoff, alphabetical (never by score).
    pub below_cutoff: Vec<String>,
    /// `4 Mar 2026, 18:00: SRS of 3 people, median 36.5/40, lowest 31.0,
    /// highest 37.2; below the cutoff of 36: BO.`
    pub text: String,
}

impl SpreadPoint {
    /// The median's point.
    pub fn median(&self) -> Point {
        Point {
            x: self.x,
            y: self.median_y,
        }
    }
}

/// What the chart draws through the sessions.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseLines {
    /// One line per person (up to [`MAX_LINES`], never for a group).
    People(Vec<RaterLine>),
    /// A group, or more than [`MAX_LINES`] people: the median and range.
    Spread(Vec<SpreadPoint>),
}

/// A horizontal cutoff line.
#[derive(Clone, Debug, PartialEq)]
pub struct CutoffLine {
    /// The score it marks.
    pub value: Total,
    /// Its height in the box.
    pub y: f64,
    /// Short label drawn beside it: `cutoff 36`, `adult cutoff 25`.
    pub label: String,
}

/// One legend row: a swatch key (a CSS class suffix: `rater-1`,
/// `median-line`, `range-band`, `cutoff-line`, `ors-cutoff-line`,
/// `below-cutoff`) and what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseLegendEntry {
    /// The swatch's key.
    pub key: String,
    /// What it means.
    pub label: String,
}

fn entry(key: &str, label: String) -> CaseLegendEntry {
    CaseLegendEntry {
        key: key.to_string(),
        label,
    }
}

/// A case's totals of one measure over time, in a `width` × `height` box.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseChart {
    /// The measure drawn.
    pub measure: MeasureKind,
    /// The lines or the median and range.
    pub lines: CaseLines,
    /// Bottom of the axis.
    pub y_min: Total,
    /// Top of the axis.
    pub y_max: Total,
    /// Score ticks, bottom to top.
    pub y_ticks: Vec<Tick>,
    /// Date ticks of the shared axis.
    pub x_ticks: Vec<Tick>,
    /// The cutoff line, when one applies to everyone drawn.
    pub cutoff: Option<CutoffLine>,
    /// Every mark drawn, in drawing order.
    pub legend: Vec<CaseLegendEntry>,
    /// The chart's title.
    pub title: String,
    /// The whole chart in words: its text alternative.
    pub description: String,
}

impl CaseChart {
    /// True when the chart shows a median and range rather than lines.
    pub fn is_spread(&self) -> bool {
        matches!(self.lines, CaseLines::Spread(_))
    }

    /// The people's lines (none for a median and range).
    pub fn people(&self) -> &[RaterLine] {
        match &self.lines {
            CaseLines::People(l) => l,
            CaseLines::Spread(_) => &[],
        }
    }

    /// The sessions of the median and range (none for people's lines).
    pub fn spread(&self) -> &[SpreadPoint] {
        match &self.lines {
            CaseLines::Spread(s) => s,
            CaseLines::People(_) => &[],
        }
    }

    /// The median line's points.
    pub fn median_line(&self) -> Vec<Point> {
        self.spread().iter().map(SpreadPoint::median).collect()
    }

    /// The range band as one polygon: the highest totals left to right, then
    /// the lowest right to left. Empty for people's lines.
    pub fn band(&self) -> Vec<Point> {
        let s = self.spread();
        let top = s.iter().map(|p| Point {
            x: p.x,
            y: p.high_y,
        });
        let bottom = s.iter().rev().map(|p| Point { x: p.x, y: p.low_y });
        top.chain(bottom).collect()
    }
}

/// The date axis both charts of a case share: every session of `client_id`,
/// whoever rated in it, at the time it took place.
pub fn case_axis(ratings: &[Rating], client_id: &str) -> SessionAxis {
    SessionAxis::new(
        client_sessions(ratings, client_id)
            .into_iter()
            .map(|s| (s.id, s.at)),
    )
}

/// `the cutoff of 36`, `the adult cutoff of 25`: a cutoff as the texts
/// name it after "below" or "at or above", in `w`'s language.
fn cutoff_words(measure: MeasureKind, age: AgeGroup, w: Words) -> String {
    let args: [(&str, &dyn std::fmt::Display); 1] = [("cutoff", &short(age.cutoff().tenths()))];
    match (measure, age) {
        (MeasureKind::Srs, _) => w.trf(
            "the cutoff of {cutoff}",
            &[("cutoff", &short(CUTOFF_TOTAL))],
        ),
        (MeasureKind::Ors, AgeGroup::Adult) => w.trf("the adult cutoff of {cutoff}", &args),
        (MeasureKind::Ors, AgeGroup::Adolescent) => {
            w.trf("the adolescent cutoff of {cutoff}", &args)
        }
        (MeasureKind::Ors, AgeGroup::Child) => w.trf("the child cutoff of {cutoff}", &args),
    }
}

/// `adult`: an age group's word, in `w`'s language.
fn age_words(age: AgeGroup, w: Words) -> &'static str {
    match age {
        AgeGroup::Adult => w.tr("adult"),
        AgeGroup::Adolescent => w.tr("adolescent"),
        AgeGroup::Child => w.tr("child"),
    }
}

/// The chart of `measure` for `client`'s case on `axis` (see
/// [`case_axis`]), in a box of `size` (width, height); `scales` tell the
/// largest total of each rating's scale. Dates are local for
/// `offset_east_minutes`, words in `w`'s language. `None` when nobody gave
/// `measure`.
pub fn case_chart(
    store: &Store,
    scales: &Scales,
    client: &Client,
    measure: MeasureKind,
    axis: &SessionAxis,
    size: (f64, f64),
    (offset_east_minutes, w): (i32, Words),
) -> Option<CaseChart> {
    let (width, height) = size;
    let sessions: Vec<Session<'_>> = client_sessions(&store.ratings, &client.id)
        .into_iter()
        .filter(|s| s.measures.iter().any(|r| r.measure == measure))
        .collect();
    let (first, last) = (sessions.first()?, sessions.last()?);
    let rated: Vec<&Rating> = sessions
        .iter()
        .flat_map(|s| s.measures.iter().copied())
        .filter(|r| r.measure == measure)
        .collect();
    let max = rated
        .iter()
        .map(|r| scales.for_rating(r).max_total())
        .chain([scales.of(measure).max_total()])
        .max()
        .unwrap_or(Total(0));
    let totals: Vec<u16> = rated.iter().map(|r| r.total().tenths()).collect();
    let (lo, hi) = match measure {
        MeasureKind::Srs => y_range(&totals, max.tenths()),
        MeasureKind::Ors => (0, max.tenths()),
    };
    let span = f64::from(hi.saturating_sub(lo).max(1));
    let y = |t: u16| height * f64::from(hi - t.clamp(lo, hi)) / span;
    let step: u16 = match measure {
        MeasureKind::Srs if hi - lo <= 100 => 10,
        _ => ORS_TICK,
    };
    let y_ticks = (lo..=hi)
        .step_by(usize::from(step))
        .map(|t| Tick {
            pos: y(t),
            label: short(t),
        })
        .collect();
    let people: Vec<(usize, Person)> = case_people(store, client)
        .into_iter()
        .enumerate()
        .filter(|(_, p)| rated.iter().any(|r| same_rater(&r.rater, &p.rater)))
        .collect();
    let all_adults = people.iter().all(|(_, p)| p.age_group == AgeGroup::Adult);
    let cutoff = match measure {
        MeasureKind::Srs => Some(CutoffLine {
            value: Total(CUTOFF_TOTAL),
            y: y(CUTOFF_TOTAL),
            label: w.trf("cutoff {cutoff}", &[("cutoff", &short(CUTOFF_TOTAL))]),
        }),
        MeasureKind::Ors => all_adults.then(|| {
            let c = AgeGroup::Adult.cutoff();
            CutoffLine {
                value: c,
                y: y(c.tenths()),
                label: format!("{} {}", w.tr("adult cutoff"), short(c.tenths())),
            }
        }),
    };
    let max_text = short(max.tenths());
    let when = |s: &Session<'_>| date_time_text(s.at, offset_east_minutes, w);
    let x_of = |s: &Session<'_>| axis.x(s.id, s.at, width);
    let spread = client.kind == CaseKind::Group || people.len() > MAX_LINES;
    let lines = if spread {
        let max_of = |r: &Rating| scales.for_rating(r).max_total();
        CaseLines::Spread(
            sessions
                .iter()
                .filter_map(|s| {
                    let entries = session_scores(store, s, measure, max_of);
                    let g = group_spread(measure, &entries)?;
                    let r = g.total;
                    let text = spread_text(
                        measure,
                        (&when(s), &max_text),
                        &g.below_cutoff,
                        (r, g.raters),
                        w,
                    );
                    Some(SpreadPoint {
                        session_id: s.id.to_string(),
                        x: x_of(s),
                        range: r,
                        low_y: y(r.low),
                        median_y: y(r.median),
                        high_y: y(r.high),
                        raters: g.raters,
                        below_cutoff: g.below_cutoff,
                        text,
                    })
                })
                .collect(),
        )
    } else {
        CaseLines::People(
            people
                .iter()
                .enumerate()
                .map(|(style, (person, p))| RaterLine {
                    person: *person,
                    label: p.heading(),
                    style,
                    points: sessions
                        .iter()
                        .filter_map(|s| {
                            let r = s
                                .measures
                                .iter()
                                .find(|r| r.measure == measure && same_rater(&r.rater, &p.rater))?;
                            let total = r.total();
                            let below = total < p.cutoff(measure);
                            Some(RaterPoint {
                                session_id: s.id.to_string(),
                                rating_id: r.id.clone(),
                                at: Point {
                                    x: x_of(s),
                                    y: y(total.tenths()),
                                },
                                total,
                                below_cutoff: below,
                                text: {
                                    let args: [(&str, &dyn std::fmt::Display); 6] = [
                                        ("who", &p.heading()),
                                        ("when", &when(s)),
                                        ("measure", &measure.short()),
                                        ("total", &number_text(total, w)),
                                        ("max", &max_text),
                                        ("cutoff", &cutoff_words(measure, p.age_group, w)),
                                    ];
                                    if below {
                                        w.trf(
                                            "{who}, {when}: {measure} {total}/{max}, below {cutoff}.",
                                            &args,
                                        )
                                    } else {
                                        w.trf(
                                            "{who}, {when}: {measure} {total}/{max}, at or above {cutoff}.",
                                            &args,
                                        )
                                    }
                                },
                            })
                        })
                        .collect(),
                })
                .collect(),
        )
    };
    let m: [(&str, &dyn std::fmt::Display); 1] = [("measure", &measure.short())];
    let title = if spread {
        w.trf("{measure} totals: median and range over time", &m)
    } else {
        w.trf("{measure} totals of each person over time", &m)
    };
    let mut chart = CaseChart {
        measure,
        lines,
        y_min: Total(lo),
        y_max: Total(hi),
        y_ticks,
        x_ticks: axis.ticks(width, offset_east_minutes, w),
        cutoff,
        legend: Vec::new(),
        title,
        description: String::new(),
    };
    chart.legend = legend(&chart, w);
    let day = |s: &Session<'_>| date_text(s.at, offset_east_minutes, w);
    let ages: Vec<AgeGroup> = AgeGroup::ALL
        .into_iter()
        .filter(|a| people.iter().any(|(_, p)| p.age_group == *a))
        .collect();
    let reason = (spread && client.kind != CaseKind::Group).then_some(people.len());
    chart.description = description(
        &chart,
        (&day(first), &day(last), sessions.len()),
        &ages,
        reason,
        w,
    );
    Some(chart)
}

/// The text of one session of the median and range.
fn spread_text(
    measure: MeasureKind,
    (when, max): (&str, &str),
    below: &[String],
    (r, raters): (Range, usize),
    w: Words,
) -> String {
    let figures = if raters == 1 {
        format!("{}/{max}", number_text(Total(r.median), w))
    } else {
        w.trf(
            "median {median}/{max}, lowest {low}, highest {high}",
            &[
                ("median", &number_text(Total(r.median), w)),
                ("max", &max),
                ("low", &number_text(Total(r.low), w)),
                ("high", &number_text(Total(r.high), w)),
            ],
        )
    };
    let cutoff = match measure {
        MeasureKind::Srs => cutoff_words(measure, AgeGroup::Adult, w),
        MeasureKind::Ors => w.tr("their own cutoff").to_string(),
    };
    let below = if below.is_empty() {
        w.trf("nobody below {cutoff}", &[("cutoff", &cutoff)])
    } else {
        w.trf(
            "below {cutoff}: {names}",
            &[("cutoff", &cutoff), ("names", &below.join(", "))],
        )
    };
    w.trn(
        "{when}: {measure} of {n} person, {figures}; {below}.",
        "{when}: {measure} of {n} people, {figures}; {below}.",
        raters,
        &[
            ("when", &when),
            ("measure", &measure.short()),
            ("figures", &figures),
            ("below", &below),
        ],
    )
}

/// The legend: only the marks drawn.
fn legend(chart: &CaseChart, w: Words) -> Vec<CaseLegendEntry> {
    let mut out: Vec<CaseLegendEntry> = match &chart.lines {
        CaseLines::People(lines) => lines
            .iter()
            .map(|l| CaseLegendEntry {
                key: l.style_key(),
                label: l.label.clone(),
            })
            .collect(),
        CaseLines::Spread(_) => vec![
            entry("median-line", w.tr("Median of those who rated").to_string()),
            entry("range-band", w.tr("Lowest to highest total").to_string()),
        ],
    };
    if chart
        .people()
        .iter()
        .flat_map(|l| &l.points)
        .any(|p| p.below_cutoff)
    {
        let text = match chart.measure {
            MeasureKind::Srs => w.tr("Hollow mark: below the cutoff"),
            MeasureKind::Ors => w.tr("Hollow mark: below that person's own cutoff"),
        };
        out.push(entry("below-cutoff", text.to_string()));
    }
    if let Some(c) = &chart.cutoff {
        out.push(match chart.measure {
            MeasureKind::Srs => entry(
                "cutoff-line",
                w.trf(
                    "Cutoff, {cutoff}: below it is worth talking about",
                    &[("cutoff", &number_text(c.value, w))],
                ),
            ),
            MeasureKind::Ors => entry(
                "ors-cutoff-line",
                w.trf(
                    "Adult cutoff, {cutoff}",
                    &[("cutoff", &number_text(c.value, w))],
                ),
            ),
        });
    }
    out
}

/// The chart in words: what it shows, over which sessions, each person's
/// first and latest total (or the median's), and the cutoff drawn or why
/// there is none. `span` is the first and last day and the session count;
/// `ages` the age groups of those drawn; `crowd` how many people rated when
/// more than [`MAX_LINES`] made a case other than a group a median.
fn description(
    chart: &CaseChart,
    span: (&str, &str, usize),
    ages: &[AgeGroup],
    crowd: Option<usize>,
    w: Words,
) -> String {
    let (first, last, n) = span;
    let when = if n == 1 {
        w.trf("1 session, on {first}", &[("first", &first)])
    } else {
        w.trf(
            "{n} sessions, from {first} to {last}",
            &[("n", &n), ("first", &first), ("last", &last)],
        )
    };
    let m = chart.measure.short();
    let mut text = match &chart.lines {
        CaseLines::People(lines) => {
            let each: Vec<String> = lines
                .iter()
                .filter_map(|l| {
                    let (a, b) = (l.points.first()?, l.points.last()?);
                    let k = l.points.len();
                    Some(if k == 1 {
                        w.trf(
                            "{who} {total} (1 session)",
                            &[("who", &l.label), ("total", &number_text(a.total, w))],
                        )
                    } else {
                        w.trf(
                            "{who} from {first} to {last} ({k} sessions)",
                            &[
                                ("who", &l.label),
                                ("first", &number_text(a.total, w)),
                                ("last", &number_text(b.total, w)),
                                ("k", &k),
                            ],
                        )
                    })
                })
                .collect();
            w.trn(
                "{measure} totals of {n} person, one line each, over {when}: {each}.",
                "{measure} totals of {n} people, one line each, over {when}: {each}.",
                lines.len(),
                &[("measure", &m), ("when", &when), ("each", &each.join("; "))],
            )
        }
        CaseLines::Spread(points) => {
            let mut t = w.trf(
                "{measure} totals over {when}: for each session the median of those who rated, inside a band from the lowest to the highest total.",
                &[("measure", &m), ("when", &when)],
            );
            if let (Some(a), Some(b)) = (points.first(), points.last()) {
                if points.len() > 1 {
                    t += &w.trf(
                        " The median went from {first} to {last}.",
                        &[
                            ("first", &number_text(Total(a.range.median), w)),
                            ("last", &number_text(Total(b.range.median), w)),
                        ],
                    );
                }
                t += &w.trf(
                    " Latest session: {n} rated, lowest {low}, median {median}, highest {high}.",
                    &[
                        ("n", &b.raters),
                        ("low", &number_text(Total(b.range.low), w)),
                        ("median", &number_text(Total(b.range.median), w)),
                        ("high", &number_text(Total(b.range.high), w)),
                    ],
                );
            }
            if let Some(n) = crowd {
                t += &w.trf(
                    " {n} people rated, more than the {max} lines a chart can keep apart.",
                    &[("n", &n), ("max", &MAX_LINES)],
                );
            }
            t += w.tr(" The table below has each person's totals.");
            t
        }
    };
    match (&chart.cutoff, chart.measure) {
        (Some(c), MeasureKind::Srs) => {
            text += &w.trf(
                " The dashed line is the cutoff, {cutoff}.",
                &[("cutoff", &short(c.value.tenths()))],
            )
        }
        (Some(c), MeasureKind::Ors) => {
            text += &w.trf(
                " The dashed line is the adult cutoff, {cutoff}.",
                &[("cutoff", &short(c.value.tenths()))],
            )
        }
        (None, _) => {
            let cutoffs: Vec<String> = ages
                .iter()
                .map(|a| format!("{} {}", age_words(*a, w), short(a.cutoff().tenths())))
                .collect();
            text += &w.trf(
                " No cutoff line is drawn: the ORS cutoff depends on each person's age group ({cutoffs}), so each session's text says who is below their own.",
                &[("cutoffs", &cutoffs.join(", "))],
            );
        }
    }
    text
}
