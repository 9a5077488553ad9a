//! One layered prompt on screen, whatever it answers (the SRS review, the
//! ORS review, a divergence between raters): the sentence to say, the one
//! thing to listen for, and the three steps behind a disclosure that opens
//! by itself the first time this therapist meets the situation.

use crate::domain::course::prompt::{steps_open_for_key, with_seen_key};
use crate::ui::shared::state::Device;
use crate::ui::shared::words::tr;
use leptos::prelude::*;

/// The words of a prompt, from the domain.
pub struct Layers {
    /// A short heading.
    pub title: String,
    /// One sentence to say aloud.
    pub say: String,
    /// The one thing to listen for.
    pub listen_for: String,
    /// The three steps in full.
    pub steps: Vec<String>,
}

/// The panel. `seen_key` names the situation in the device settings, so
/// the steps open only the first time; `test_id` and `heading_id` keep each
/// panel findable when several share a screen.
#[component]
pub fn LayeredPrompt(
    /// The words.
    layers: Layers,
    /// The situation's stable key, remembered once seen.
    seen_key: &'static str,
    /// The situation in words (`data-situation`, for tests and styling).
    situation: String,
    /// Test id of the section.
    test_id: &'static str,
    /// Test id of the "Say:" line.
    say_id: &'static str,
    /// Id of the heading (the section's accessible name).
    heading_id: &'static str,
    /// Heading level: 2 on its own screen, 3 inside another section.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let device = expect_context::<Device>();
    let seen = device
        .settings
        .with_untracked(|s| s.seen_situations.clone());
    let open = steps_open_for_key(seen_key, &seen);
    if open {
        // Remembered for next time; a failed write only means the steps open again.
        let next = with_seen_key(&seen, seen_key);
        let _ = device.save_settings(|s| s.seen_situations = next);
    }
    let steps = layers
        .steps
        .iter()
        .map(|s| view! { <li>{s.clone()}</li> })
        .collect_view();
    let title = if nested {
        view! { <h3 id=heading_id>{layers.title.clone()}</h3> }.into_any()
    } else {
        view! { <h2 id=heading_id>{layers.title.clone()}</h2> }.into_any()
    };
    view! {
        <section class="prompt" data-testid=test_id aria-labelledby=heading_id data-situation=situation>
            {title}
            <p class="say" data-testid=say_id><span class="say-label">{tr("Say: ")}</span>{layers.say.clone()}</p>
            <p class="listen"><span class="listen-label">{tr("Listen for: ")}</span>{layers.listen_for.clone()}</p>
            <details class="steps-box" open=open>
                <summary>{tr("The three steps in full")}</summary>
                <ol class="steps">{steps}</ol>
            </details>
        </section>
    }
}
