//! The review's status line: calm words, a tone key, no grade.

use attune::domain::measures::rating::{Band, Rating};
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::status::{status, Status, Tone};
use attune::domain::words::Words;

mod common;

fn rating(scores: [u16; 4]) -> Rating {
    common::srs("r", None, common::at("2026-03-04T10:15:00Z"), &scores)
}

fn of(scores: [u16; 4]) -> Status {
    status(&ScaleDefinition::builtin(), &rating(scores), Words::EN)
}

#[test]
fn tone_changes_exactly_at_the_cutoff_and_the_top_band() {
    let cases = [
        ([90, 90, 90, 89], "35.9", Tone::Attention, "attention"),
        ([90, 90, 90, 90], "36.0", Tone::Steady, "steady"),
        ([100, 100, 100, 89], "38.9", Tone::Steady, "steady"),
        ([100, 100, 100, 90], "39.0", Tone::Strong, "strong"),
    ];
    for (scores, total, tone, key) in cases {
        let s = of(scores);
        assert_eq!(rating(scores).total().to_string(), total);
        assert_eq!((s.tone, s.tone.key()), (tone, key), "{total}");
    }
    assert_eq!(
        of([90, 90, 90, 89]).headline,
        "Below cutoff: worth talking about"
    );
    assert_eq!(of([90, 90, 90, 90]).headline, "Above cutoff");
    assert_eq!(of([100, 100, 100, 90]).headline, "Above cutoff: high marks");
}

#[test]
fn thirty_eight_is_described_not_graded() {
    let scores = [100, 100, 95, 85];
    assert_eq!(rating(scores).band(), Band::Fair, "the band stays as data");
    let s = of(scores);
    assert_eq!(s.headline, "Above cutoff");
    assert_eq!(
        s.detail,
        "Total 38.0/40. Lowest: Overall (8.5/10), worth a question."
    );
    // The therapist page in Spanish: the same figures, the item's own title.
    let es = status(
        &ScaleDefinition::builtin(),
        &rating(scores),
        Words::new(attune::domain::words::Lang::Es),
    );
    assert_eq!(es.headline, "Sobre el punto de corte");
    assert_eq!(
        es.detail,
        "Total 38.0/40. Lo más bajo: Overall (8.5/10), vale la pena preguntar."
    );
    for grade in ["fair", "poor", "good"] {
        let text = format!("{} {}", s.headline, s.detail).to_lowercase();
        assert!(!text.contains(grade), "{text}");
    }
}

#[test]
fn detail_names_the_lowest_without_a_question_when_all_are_high() {
    assert_eq!(
        of([100, 95, 100, 100]).detail,
        "Total 39.5/40. Lowest: Goals and Topics (9.5/10)."
    );
    assert_eq!(
        of([70, 70, 70, 70]).detail,
        "Total 28.0/40. All items level at 7.0/10, worth a question."
    );
    assert_eq!(
        of([70, 70, 90, 90]).detail,
        "Total 32.0/40. Lowest: Relationship (7.0/10) and Goals and Topics (7.0/10), worth a question."
    );
    // Tied items joined in the page's Spanish; the items keep their own words.
    let es = Words::new(attune::domain::words::Lang::Es);
    let tied = status(&ScaleDefinition::builtin(), &rating([70, 70, 90, 90]), es);
    assert_eq!(
        tied.detail,
        "Total 32.0/40. Lo más bajo: Relationship (7.0/10) y Goals and Topics (7.0/10), vale la pena preguntar."
    );
}
