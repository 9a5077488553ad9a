//! Everyone's ratings of one measure in one session, for the therapist: a
//! couple's or a family's side by side with any divergence flagged and what
//! to say about it; a group's spread (lowest, median, highest) with the
//! members below the cutoff named in a neutral order; and the note line
//! that covers every rater. All figures and words come from `domain::raters`.

use crate::domain::course::session::sessions;
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::numbers;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::score::Total;
use crate::domain::raters::divergence::{session_scores, side_by_side, SideBySide};
use crate::domain::raters::divergence_prompt::divergence_prompt;
use crate::domain::raters::note::raters_note;
use crate::domain::raters::outcomes::{people_outcomes, PersonOutcome};
use crate::domain::raters::spread::{group_spread, GroupSpread};
use crate::domain::records::case::CaseKind;
use crate::ui::shared::state::DataState;
use crate::ui::shared::words::{tr, trf, words};
use crate::ui::therapist::prompt_view::{LayeredPrompt, Layers};
use leptos::prelude::*;

/// What the panel shows for one rating's session and measure.
#[derive(Clone, PartialEq)]
enum Panel {
    /// One rater only: nothing to add to the review.
    Alone,
    /// A couple or a family: side by side, and (for the ORS) each person
    /// against their own intake and cutoff, in words.
    Side(SideBySide, Vec<String>),
    /// A group: the spread, with the items' titles.
    Group(GroupSpread, Vec<String>),
}

/// The panel for `rating`'s session, when more than one person rated its
/// measure (or the case is a group).
#[component]
pub fn RatersPanel(rating: Memo<Option<Rating>>) -> impl IntoView {
    let data = expect_context::<DataState>();
    let panel = Memo::new(move |_| {
        rating.with(|r| {
            let Some(r) = r else {
                return (Panel::Alone, String::new());
            };
            data.store.with(|s| {
                let kind = s
                    .clients
                    .iter()
                    .find(|c| Some(&c.id) == r.client_id.as_ref())
                    .map(|c| c.kind)
                    .unwrap_or_default();
                let key = r.session_key();
                let all = sessions(s.ratings.iter().filter(|x| x.session_key() == key));
                let Some(session) = all.first() else {
                    return (Panel::Alone, String::new());
                };
                data.scales.with_value(|scales| {
                    let entries =
                        session_scores(s, session, r.measure, |x| scales.for_rating(x).max_total());
                    let note = raters_note(s, scales, session, words());
                    let panel = if kind == CaseKind::Group {
                        let titles = scales
                            .for_rating(r)
                            .items
                            .iter()
                            .map(|i| i.title.clone())
                            .collect();
                        group_spread(r.measure, &entries)
                            .map_or(Panel::Alone, |g| Panel::Group(g, titles))
                    } else if entries.len() > 1 {
                        // The measure's own item words, as the note uses:
                        // a family whose child rated the child version is
                        // compared item by item in one set of words.
                        let people = match r.measure {
                            MeasureKind::Ors => people_outcomes(
                                s,
                                session,
                                &crate::ui::shared::browser::offset_east_minutes,
                            )
                            .iter()
                            .map(PersonOutcome::text)
                            .collect(),
                            MeasureKind::Srs => Vec::new(),
                        };
                        Panel::Side(
                            side_by_side(r.measure, scales.of(r.measure), &entries),
                            people,
                        )
                    } else {
                        Panel::Alone
                    };
                    (panel, note)
                })
            })
        })
    });
    move || {
        let (p, note) = panel.get();
        match p {
            Panel::Alone => ().into_any(),
            Panel::Side(side, people) => view! {
                {side_view(&side)}
                {people_view(people)}
                {note_view(note)}
            }
            .into_any(),
            Panel::Group(spread, titles) => view! {
                {spread_view(&spread, &titles)}
                {note_view(note)}
            }
            .into_any(),
        }
    }
}

/// Each person's ORS against their own intake and cutoff: what the single
/// client's ORS review says, for everyone who rated.
fn people_view(people: Vec<String>) -> impl IntoView {
    (!people.is_empty()).then(|| {
        let items = people
            .into_iter()
            .map(|t| view! { <li>{t}</li> })
            .collect_view();
        view! {
            <section class="raters" aria-labelledby="people-heading" data-testid="people-outcomes">
                <h2 id="people-heading">{tr("Each person since their own intake")}</h2>
                <ul>{items}</ul>
            </section>
        }
    })
}

fn tenths(t: u16) -> String {
    Total(t).to_string()
}

fn side_view(side: &SideBySide) -> impl IntoView {
    let heads = side
        .labels
        .iter()
        .map(|l| view! { <th scope="col">{l.clone()}</th> })
        .collect_view();
    let rows = side
        .items
        .iter()
        .map(|row| {
            let cells = row
                .scores
                .iter()
                .map(|s| view! { <td class="num">{s.map(|s| s.to_string()).unwrap_or_default()}</td> })
                .collect_view();
            view! {
                <tr class:diverges=row.diverges>
                    <th scope="row">{row.title.clone()}{row.diverges.then(|| tr(" (apart)"))}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let totals = side
        .totals
        .iter()
        .zip(&side.maxima)
        .map(|(t, m)| view! { <td class="num">{numbers::total_of_text(*t, *m)}</td> })
        .collect_view();
    let prompt = divergence_prompt(side, crate::ui::shared::words::words()).map(|p| {
        let layers = Layers {
            title: p.title,
            say: p.say,
            listen_for: p.listen_for,
            steps: p.steps,
        };
        view! {
            <LayeredPrompt layers=layers seen_key="divergence" situation="Divergence".to_string()
                test_id="divergence-prompt" say_id="divergence-say" heading_id="divergence-heading" nested=true/>
        }
    });
    view! {
        <section class="raters" aria-labelledby="raters-heading" data-testid="side-by-side">
            <h2 id="raters-heading">{trf("Everyone's {measure}, side by side", &[("measure", &side.measure.short())])}</h2>
            {side.flag(words()).map(|f| view! { <p class="flag" data-testid="divergence-flag">{f}</p> })}
            <div class="table-wrap">
                <table class="side-by-side">
                    <caption class="sr-only">{tr("Each person's marks, item by item")}</caption>
                    <thead><tr><th scope="col">{tr("Item")}</th>{heads}</tr></thead>
                    <tbody>
                        {rows}
                        <tr class="total-row" class:diverges=side.totals_diverge><th scope="row">{tr("Total")}</th>{totals}</tr>
                    </tbody>
                </table>
            </div>
            {prompt}
        </section>
    }
}

fn spread_view(spread: &GroupSpread, titles: &[String]) -> impl IntoView {
    let rows = spread
        .items
        .iter()
        .enumerate()
        .map(|(i, r)| {
            view! {
                <tr>
                    <th scope="row">{titles.get(i).cloned().unwrap_or_else(|| trf("Item {n}", &[("n", &(i + 1))]))}</th>
                    <td class="num">{tenths(r.low)}</td>
                    <td class="num">{tenths(r.median)}</td>
                    <td class="num">{tenths(r.high)}</td>
                </tr>
            }
        })
        .collect_view();
    let below = if spread.below_cutoff.is_empty() {
        tr("Nobody is below the cutoff.").to_string()
    } else {
        trf(
            "Below the cutoff: {people}.",
            &[("people", &spread.below_cutoff.join(", "))],
        )
    };
    view! {
        <section class="raters" aria-labelledby="spread-heading" data-testid="group-spread">
            <h2 id="spread-heading">{trf("The group's {measure} ({n} rated)", &[("measure", &spread.measure.short()), ("n", &spread.raters)])}</h2>
            <div class="table-wrap">
                <table class="spread">
                    <caption class="sr-only">{tr("Lowest, median and highest mark across the group")}</caption>
                    <thead><tr><th scope="col">{tr("Item")}</th><th scope="col">{tr("Lowest")}</th><th scope="col">{tr("Median")}</th><th scope="col">{tr("Highest")}</th></tr></thead>
                    <tbody>
                        {rows}
                        <tr class="total-row">
                            <th scope="row">{tr("Total")}</th>
                            <td class="num">{tenths(spread.total.low)}</td>
                            <td class="num">{tenths(spread.total.median)}</td>
                            <td class="num">{tenths(spread.total.high)}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <p data-testid="below-cutoff">{below}</p>
        </section>
    }
}

fn note_view(note: String) -> impl IntoView {
    (!note.is_empty()).then(|| {
        view! {
            <p class="raters-note" data-testid="raters-note">
                <span class="label">{tr("For the note: ")}</span>{note}

            </p>
        }
    })
}
