//! Item names in sentences: one item's title, a list joined in English, and
//! items named with their scores. Shared by the status line, prompts, notes,
//! divergence and import summaries.

use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::words::Words;

/// Title of item `i`; a numbered stand-in if the scale has fewer items than the rating.
pub fn item_name(scale: &ScaleDefinition, i: usize) -> String {
    scale
        .items
        .get(i)
        .map_or_else(|| format!("Item {}", i + 1), |it| it.title.clone())
}

/// `A`, `A and B`, `A, B and C`.
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Items named with their scores, `Overall (6.5/10)`, so tied names never run together.
pub fn scored_names(scale: &ScaleDefinition, rating: &Rating, items: &[usize]) -> String {
    join_names(&scored_parts(scale, rating, items))
}

/// Each of `items` named with its score: `Overall (6.5/10)`.
fn scored_parts(scale: &ScaleDefinition, rating: &Rating, items: &[usize]) -> Vec<String> {
    items
        .iter()
        .filter_map(|&i| {
            let s = rating.scores.get(i)?;
            Some(format!("{} ({s}/10)", item_name(scale, i)))
        })
        .collect()
}

/// [`join_names`] in the therapist page's words `w` (`A, B y C`). Apart
/// from it so that the form page, which joins in English, links no
/// catalogue.
pub fn join_names_in(names: &[String], w: Words) -> String {
    w.join(names)
}

/// [`scored_names`] joined in the therapist page's words `w`.
pub fn scored_names_in(
    scale: &ScaleDefinition,
    rating: &Rating,
    items: &[usize],
    w: Words,
) -> String {
    join_names_in(&scored_parts(scale, rating, items), w)
}
