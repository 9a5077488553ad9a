//! Progress-note snippet: exact, paste-ready text for each situation.

use attune::domain::course::note::note_text;
use attune::domain::measures::rating::NoteInput;
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::words::{Lang, Words};

mod common;

/// Client `c1`'s rating of the `day`-th session, on 2026-01-`day`.
fn rating(id: &str, day: u32, scores: [u16; 4]) -> Rating {
    common::srs(id, Some("c1"), common::january(day), &scores)
}

/// The note for the last of `history` (scores in date order).
fn typed(feedback: &str, response: &str) -> NoteInput {
    NoteInput {
        client_feedback: feedback.into(),
        therapist_response: response.into(),
    }
}

fn paste(scores: [u16; 4], label: Option<&str>, input: &NoteInput) -> String {
    paste_in(scores, label, input, Words::EN)
}

fn paste_in(scores: [u16; 4], label: Option<&str>, input: &NoteInput, w: Words) -> String {
    let scale = ScaleDefinition::builtin();
    note_text(
        &scale,
        &rating("r", 3, scores),
        label,
        "2026-11-22",
        input,
        w,
    )
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
    for filler in [
        "No client comment recorded.",
        "No adjustments indicated.",
        "Therapist response not yet recorded.",
        "Client reported",
    ] {
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
        Words::EN,
    );
    assert_eq!(bare, "SRS total: 40.0/40; lowest items: Relationship (10.0/10), Goals and Topics (10.0/10), Approach or Method (10.0/10) and Overall (10.0/10).");
}

#[test]
fn a_spanish_page_writes_the_note_in_spanish_and_quotes_the_typed_words_as_typed() {
    let es = Words::new(Lang::Es);
    let input = typed("me sentí presionado", "agreed to set it together.");
    assert_eq!(
        paste_in([80, 62, 50, 73], Some("JD"), &input, es),
        "2026-11-22, cliente JD\nTotal SRS: 26.5/40; ítem más bajo: Approach or Method (5.0/10). Comentario del cliente: \"me sentí presionado\". Respuesta del terapeuta: \"agreed to set it together.\""
    );
    assert_eq!(
        paste_in([70, 70, 90, 90], None, &typed("", ""), es),
        "2026-11-22\nTotal SRS: 32.0/40; ítems más bajos: Relationship (7.0/10) y Goals and Topics (7.0/10)."
    );
}
