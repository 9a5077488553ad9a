//! Progress-note snippet: exact, paste-ready text for each situation.

use attune::domain::note::{
    note_text, progress_note, NoteInput, NO_ADJUSTMENT, NO_FEEDBACK, NO_RESPONSE,
};
use attune::domain::prompt::discussion_prompt;
use attune::domain::rating::Rating;
use attune::domain::scale::ScaleDefinition;
use attune::domain::score::Tenths;
use chrono::{DateTime, Utc};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid test timestamp")
}

fn rating(id: &str, day: u32, scores: [u16; 4]) -> Rating {
    let when = at(&format!("2026-01-{day:02}T10:00:00Z"));
    Rating {
        id: id.to_string(),
        recorded_at: when,
        session_at: when,
        client_id: Some("c1".to_string()),
        scores: scores.iter().map(|&s| Tenths::new(s).unwrap()).collect(),
        scale_id: "srs-attune".to_string(),
        scale_version: 1,
        line: None,
        updated_at: None,
        note: None,
    }
}

/// The note for the last of `history` (scores in date order).
fn note(history: &[[u16; 4]], feedback: &str, response: &str) -> String {
    let scale = ScaleDefinition::builtin();
    let all: Vec<Rating> = history
        .iter()
        .enumerate()
        .map(|(i, s)| rating(&format!("r{i}"), i as u32 + 1, *s))
        .collect();
    let (current, earlier) = all.split_last().unwrap();
    let prompt = discussion_prompt(&scale, current, earlier);
    progress_note(&scale, current, &prompt, feedback, response)
}

/// (name, scores in date order with the current session last, feedback, response, note)
type Case = (
    &'static str,
    &'static [[u16; 4]],
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn snippets_per_situation() {
    let cases: &[Case] = &[
        (
            "routine high",
            &[[95; 4], [95, 95, 100, 90]],
            "session felt productive and aligned with current goals",
            "",
            "SRS total: 38.0/40. Lowest item: Overall (9.0/10). Client reported session felt productive and aligned with current goals. No adjustments indicated.",
        ),
        (
            "low approach, first session",
            &[[90, 85, 50, 85]],
            "Session felt too structured.",
            "agreed to add open processing time next session",
            "SRS total: 31.0/40. Lowest item: Approach or Method (5.0/10). Total below the cutoff of 36.0. Client reported session felt too structured. Agreed to add open processing time next session.",
        ),
        (
            "drop",
            &[[95; 4], [95, 95, 90, 85]],
            "",
            "",
            "SRS total: 36.5/40. Lowest item: Overall (8.5/10). Drop of 1.5 since the previous session. No client comment recorded. Therapist response not yet recorded.",
        ),
        (
            "sudden drop, seed 38 -> 29",
            &[[95; 4], [80, 70, 70, 70]],
            "",
            "",
            "SRS total: 29.0/40. Lowest items: Goals and Topics (7.0/10), Approach or Method (7.0/10) and Overall (7.0/10). Sudden drop of 9.0 since the previous session (Goals and Topics, Approach or Method and Overall down 2.5). No client comment recorded. Therapist response not yet recorded.",
        ),
        (
            "sudden drop on one item only",
            &[[80, 100, 100, 100], [100, 100, 100, 80]],
            "",
            "",
            "SRS total: 38.0/40. Lowest item: Overall (8.0/10). Sudden drop since the previous session (Overall down 2.0). No client comment recorded. Therapist response not yet recorded.",
        ),
        (
            "low items",
            &[[95; 4], [88, 100, 100, 89]],
            "",
            "",
            "SRS total: 37.7/40. Lowest item: Relationship (8.8/10). Items below 9.0: Relationship and Overall. No client comment recorded. Therapist response not yet recorded.",
        ),
        (
            "repeated low with a drop",
            &[[100, 85, 100, 100], [100, 85, 100, 100], [100, 70, 100, 100]],
            "",
            "",
            "SRS total: 37.0/40. Lowest item: Goals and Topics (7.0/10). Goals and Topics lowest and below 9.0 for 3 sessions in a row. Drop of 1.5 since the previous session. No client comment recorded. Therapist response not yet recorded.",
        ),
        (
            "ceiling",
            &[[100; 4], [100; 4], [100; 4]],
            "",
            "",
            "SRS total: 40.0/40. Lowest items: Relationship (10.0/10), Goals and Topics (10.0/10), Approach or Method (10.0/10) and Overall (10.0/10). All items 9.5 or above for at least 3 sessions in a row. No client comment recorded. No adjustments indicated.",
        ),
        (
            "first session, high",
            &[[98, 97, 99, 96]],
            "",
            "",
            "SRS total: 39.0/40. Lowest item: Overall (9.6/10). First rating with this client. No client comment recorded. No adjustments indicated.",
        ),
    ];
    for (name, history, feedback, response, expected) in cases {
        assert_eq!(note(history, feedback, response), *expected, "{name}");
    }
}

#[test]
fn feedback_and_response_are_tidied_into_sentences() {
    let h: &[[u16; 4]] = &[[95; 4], [95; 4]];
    let tail = |n: &str| n.split_once("10). ").unwrap().1.to_string();
    // (feedback, response, expected tail)
    let cases: &[(&str, &str, String)] = &[
        ("", "", format!("{NO_FEEDBACK} {NO_ADJUSTMENT}")),
        ("  ", " \n", format!("{NO_FEEDBACK} {NO_ADJUSTMENT}")),
        (
            "Client said it felt rushed",
            "none needed",
            "Client said it felt rushed. None needed.".into(),
        ),
        (
            "CBT homework felt like too much",
            "",
            format!("Client reported CBT homework felt like too much. {NO_ADJUSTMENT}"),
        ),
        (
            "I liked the pace",
            "",
            format!("Client reported I liked the pace. {NO_ADJUSTMENT}"),
        ),
        (
            "Wondering whether to continue?",
            "Discussed.",
            "Client reported wondering whether to continue? Discussed.".into(),
        ),
    ];
    for (feedback, response, expected) in cases {
        assert_eq!(
            tail(&note(h, feedback, response)),
            *expected,
            "{feedback:?}"
        );
    }
    let low = note(&[[100, 100, 50, 100]], "", "");
    assert!(
        low.ends_with(&format!("{NO_FEEDBACK} {NO_RESPONSE}")),
        "{low}"
    );
}

#[test]
fn note_is_short() {
    let n = note(
        &[[95; 4], [80, 70, 70, 70]],
        "session felt off",
        "agreed to slow down",
    );
    assert!(n.len() < 400, "{} chars: {n}", n.len());
    assert!(!n.contains('\n'));
}

fn typed(feedback: &str, response: &str) -> NoteInput {
    NoteInput {
        client_feedback: feedback.into(),
        therapist_response: response.into(),
    }
}

fn paste(scores: [u16; 4], label: Option<&str>, input: &NoteInput) -> String {
    let scale = ScaleDefinition::builtin();
    note_text(&scale, &rating("r", 3, scores), label, "2026-11-22", input)
}

#[test]
fn paste_note_quotes_the_typed_words_exactly() {
    let input = typed(
        "  felt I pushed too hard on homework.  ",
        "agreed to set it together, CBT-style",
    );
    assert_eq!(
        paste([80, 62, 50, 73], Some("JD"), &input),
        "2026-11-22, client JD\nSRS total: 26.5/40; lowest item: Approach or Method (5.0/10). Client's feedback: \"felt I pushed too hard on homework.\" Therapist's response: \"agreed to set it together, CBT-style\"."
    );
}

#[test]
fn paste_note_leaves_out_empty_fields_without_filler() {
    let note = paste([95, 95, 95, 90], Some("JD"), &typed("", "  \n"));
    assert_eq!(
        note,
        "2026-11-22, client JD\nSRS total: 37.5/40; lowest item: Overall (9.0/10)."
    );
    for filler in [NO_FEEDBACK, NO_ADJUSTMENT, NO_RESPONSE, "Client reported"] {
        assert!(!note.contains(filler), "{note}");
    }
    let only_response = paste([95, 95, 95, 90], None, &typed("", "thanked them"));
    assert_eq!(
        only_response,
        "2026-11-22\nSRS total: 37.5/40; lowest item: Overall (9.0/10). Therapist's response: \"thanked them\"."
    );
}

#[test]
fn paste_note_keeps_ties_quotes_and_case_as_they_are() {
    let input = typed(
        "The \"homework\" part, honestly?",
        "I'll ask again next week!",
    );
    let note = paste([70, 70, 90, 90], Some(" AB "), &input);
    assert_eq!(
        note,
        "2026-11-22, client AB\nSRS total: 32.0/40; lowest items: Relationship (7.0/10) and Goals and Topics (7.0/10). Client's feedback: \"The \"homework\" part, honestly?\" Therapist's response: \"I'll ask again next week!\""
    );
    // No date and no label: just the sentences.
    let scale = ScaleDefinition::builtin();
    let bare = note_text(
        &scale,
        &rating("r", 3, [100; 4]),
        Some(""),
        " ",
        &NoteInput::default(),
    );
    assert_eq!(bare, "SRS total: 40.0/40; lowest items: Relationship (10.0/10), Goals and Topics (10.0/10), Approach or Method (10.0/10) and Overall (10.0/10).");
}
