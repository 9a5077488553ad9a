//! A case's table: each person's totals per session, newest first, with
//! what to notice in each session.

use crate::domain::course::outcome::{rows_shown, table_caption};
use crate::domain::measures::kinds::MeasureKind;
use crate::domain::measures::score::Total;
use crate::domain::raters::history::{CaseRow, CaseTable};
use crate::domain::records::case::CaseKind;
use crate::ui::shared::browser;
use crate::ui::shared::words::{tr, trf, words};
use leptos::prelude::*;

/// The last column of a row: a group's median and range per measure, or a
/// couple's or family's divergence flags.
fn remark_cell(table: &CaseTable, row: &CaseRow) -> impl IntoView {
    let group = table.kind == CaseKind::Group;
    let parts = table
        .measures
        .iter()
        .filter_map(|&m| {
            let name = m.short();
            let text = if group {
                let r = row.spread(m)?;
                trf(
                    "{measure} median {median} ({low} to {high})",
                    &[
                        ("measure", &name),
                        ("median", &Total(r.median)),
                        ("low", &Total(r.low)),
                        ("high", &Total(r.high)),
                    ],
                )
            } else {
                format!("{name}: {}", row.flag(m)?)
            };
            let testid = if group {
                "case-spread"
            } else {
                "case-divergence"
            };
            Some(view! {
                <span class="case-remark" class:flag-chip=!group data-testid=testid
                    data-measure=name.to_lowercase()>{text}</span>
            })
        })
        .collect::<Vec<_>>();
    let empty = parts.is_empty();
    let label = if group { tr("Group") } else { tr("Divergence") };
    view! { <td class="case-remarks" class:empty=empty data-label=label>{parts}</td> }
}

/// Each person's totals per session, newest first: a row per session (its
/// date opens a review), a column per person and measure (each total opens
/// its review), and, for several people, what to notice in the session.
pub(super) fn case_table_view(table: &CaseTable, show_all: RwSignal<bool>) -> impl IntoView {
    let total = table.rows.len();
    let shown = rows_shown(total, show_all.get_untracked());
    let caption = table_caption(
        tr("Everyone's totals, session by session, newest first (a total opens its review)"),
        total,
        shown,
        crate::ui::shared::words::words(),
    );
    let remarks = table.kind == CaseKind::Group || table.people.len() > 1;
    let columns: Vec<(usize, String, MeasureKind)> = table
        .people
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            table
                .measures
                .iter()
                .map(move |&m| (i, p.heading_in(words()), m))
        })
        .collect();
    let heads = columns
        .iter()
        .map(|(_, who, m)| {
            view! { <th scope="col">{who.clone()}<span class="measure">{format!(" {}", m.short())}</span></th> }
        })
        .collect_view();
    let remark_head = remarks.then(|| {
        let head = if table.kind == CaseKind::Group {
            tr("Group: median (lowest to highest)")
        } else {
            tr("Divergence")
        };
        view! { <th scope="col">{head}</th> }
    });
    let body = table
        .rows
        .iter()
        .take(shown)
        .map(|row| {
            let cells = columns
                .iter()
                .map(|(i, who, m)| {
                    let label = format!("{who} {}", m.short());
                    match row.cells.get(*i).and_then(|c| c.get(*m)) {
                        Some(g) => {
                            let text = g.text();
                            let name = if g.below_cutoff {
                                trf(
                                    "{label} {total} below cutoff: open its review",
                                    &[("label", &label), ("total", &text)],
                                )
                            } else {
                                trf(
                                    "{label} {total}: open its review",
                                    &[("label", &label), ("total", &text)],
                                )
                            };
                            view! {
                                <td class="num" class:below=g.below_cutoff data-label=label>
                                    <a href=g.href() aria-label=name>{text}</a>
                                    {g.below_cutoff.then(|| view! { <span class="below-tag" aria-hidden="true">{tr(" below")}</span> })}
                                </td>
                            }
                            .into_any()
                        }
                        None => view! {
                            <td class="num none empty" data-label=label>{tr("not rated")}</td>
                        }
                        .into_any(),
                    }
                })
                .collect_view();
            let date = browser::format_local(row.at);
            let head = match row.href() {
                Some(href) => view! { <a href=href>{date}</a> }.into_any(),
                None => date.into_any(),
            };
            view! {
                <tr data-session=row.session_id.clone()>
                    <th scope="row">{head}</th>
                    {cells}
                    {remarks.then(|| remark_cell(table, row))}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="history-table case-table" data-testid="case-table">
                <caption>{caption}</caption>
                <thead>
                    <tr><th scope="col">{tr("Session")}</th>{heads}{remark_head}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {(shown < total).then(|| view! {
            <button type="button" class="show-all" on:click=move |_| show_all.set(true)>
                {trf("Show all {n} sessions", &[("n", &total)])}

            </button>
        })}
    }
}
