//! Clients added twice (the same label on two devices offline, brought
//! together by sync): shown on the client list with a way to merge them.

use crate::domain::records::duplicates::{duplicate_groups, merge_clients};
use crate::ui::shared::state::{Nav, Saving};
use crate::ui::shared::words::{trf, words};
use leptos::prelude::*;

/// One line per label shared by active clients, each with a merge button
/// (hidden in presentation mode, like every label).
#[component]
pub fn DuplicateClients() -> impl IntoView {
    let saving = expect_context::<Saving>();
    let nav = expect_context::<Nav>();
    let error = RwSignal::new(None::<String>);
    let groups = Memo::new(move |_| {
        saving.data.store.with(|s| {
            duplicate_groups(s)
                .iter()
                .map(|g| {
                    let ids: Vec<String> = g.iter().map(|c| c.id.clone()).collect();
                    (g[0].label.clone(), ids)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = groups.get();
        // Labels stay hidden on a shared screen.
        if list.is_empty() || nav.present.get() {
            return None;
        }
        let lines = list
            .into_iter()
            .map(|(label, ids)| {
                let n = ids.len();
                let merge = move |_| {
                    let (keep, others) = ids.split_first().expect("a group has two or more");
                    let out = saving.edit(|s, now| {
                        for other in others {
                            merge_clients(s, keep, other, now)?;
                        }
                        Ok(())
                    });
                    error.set(out.err().map(|e: crate::domain::records::clients::EditError| e.words(words())));
                };
                view! {
                    <p>
                        {trf("{n} clients are labelled \u{201c}{label}\u{201d}, probably the same person added on two devices while offline. Merging keeps every session of each under the first one added; the others are archived, not deleted. ", &[("n", &n), ("label", &label)])}
                        <button type="button" on:click=merge>{trf("Merge the {n} clients labelled {label}", &[("n", &n), ("label", &label)])}</button>
                    </p>
                }
            })
            .collect_view();
        Some(view! {
            <div class="banner info" data-testid="duplicates">
                {lines}
                <p class="error" role="alert">{move || error.get()}</p>
            </div>
        })
    }
}
