//! Spoken entry: a question per item with both ends described, in Attune's words.

use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::spoken::{spoken_question, spoken_questions};

#[test]
fn each_builtin_item_gets_a_question_with_both_ends() {
    let scale = ScaleDefinition::builtin();
    let qs = spoken_questions(&scale);
    assert_eq!(qs.len(), 4);
    assert_eq!(
        qs[0],
        "On a scale from 0 to 10, where 0 means you felt judged or brushed aside and 10 means you felt taken seriously and treated with care, what number would you give for how you and I got on today?"
    );
    for q in &qs {
        assert!(
            q.starts_with("On a scale from 0 to 10, where 0 means "),
            "{q}"
        );
        assert!(q.contains(" and 10 means ") && q.ends_with('?'), "{q}");
        assert!(
            q.split_whitespace().count() <= 45,
            "short enough to say: {q}"
        );
    }
    assert!(qs[1].contains("what we spent the time on"));
    assert!(qs[2].contains("the way we worked today"));
    assert!(qs[3].contains("all things considered"));
    assert_eq!(spoken_question(&scale, 4), None);
}

#[test]
fn a_wording_pack_is_asked_about_in_its_own_words() {
    let pack = ScaleDefinition::from_json(
        r#"{"id":"pack","version":2,"name":"Pack","items":[
            {"id":"relationship","title":"Bond","left":"Not at all ","right":"Completely"}]}"#,
    )
    .unwrap();
    assert_eq!(
        spoken_question(&pack, 0).unwrap(),
        "On a scale from 0 to 10, where 0 means \u{201c}Not at all\u{201d} and 10 means \u{201c}Completely\u{201d}, what number would you give for Bond?"
    );
}
