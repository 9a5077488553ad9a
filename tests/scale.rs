//! The built-in scale and the scale-definition format, including the licence
//! rule that the shipped wording is Attune's own, never the official SRS text.

use attune::domain::measures::scale::{ScaleDefinition, ScaleError, BUILTIN_SRS_JSON};

#[test]
fn the_builtin_scale_has_the_four_srs_dimensions_in_order() {
    let scale = ScaleDefinition::builtin();
    assert_eq!(scale.id, "srs-attune");
    assert!(scale.version >= 1, "version {}", scale.version);
    assert!(!scale.name.trim().is_empty());
    assert!(!scale.wording_note.trim().is_empty());
    let items: Vec<(&str, &str)> = scale
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            ("relationship", "Relationship"),
            ("goals", "Goals and Topics"),
            ("approach", "Approach or Method"),
            ("overall", "Overall"),
        ]
    );
}

#[test]
fn every_builtin_item_has_both_ends_and_a_read_aloud_script() {
    let scale = ScaleDefinition::builtin();
    for item in &scale.items {
        let id = &item.id;
        assert!(!item.left.trim().is_empty(), "{id}: left end");
        assert!(!item.right.trim().is_empty(), "{id}: right end");
        assert!(!item.read_aloud.trim().is_empty(), "{id}: read-aloud");
        assert_ne!(item.left, item.right, "{id}: the ends differ");
        assert_eq!(item.title.trim(), item.title, "{id}: title is trimmed");
    }
    let mut ids: Vec<&str> = scale.items.iter().map(|i| i.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), scale.items.len(), "item ids are unique");
}

#[test]
fn the_embedded_json_is_the_builtin_scale() {
    assert_eq!(
        ScaleDefinition::from_json(BUILTIN_SRS_JSON),
        Ok(ScaleDefinition::builtin())
    );
    // Serialising and reading back loses nothing.
    let json = serde_json::to_string(&ScaleDefinition::builtin()).unwrap();
    assert_eq!(
        ScaleDefinition::from_json(&json),
        Ok(ScaleDefinition::builtin())
    );
}

#[test]
fn titles_follows_the_given_indices_and_skips_unknown_ones() {
    let scale = ScaleDefinition::builtin();
    let cases: &[(&[usize], &[&str])] = &[
        (&[], &[]),
        (&[0], &["Relationship"]),
        (&[1, 3], &["Goals and Topics", "Overall"]),
        (
            &[0, 1, 2, 3],
            &[
                "Relationship",
                "Goals and Topics",
                "Approach or Method",
                "Overall",
            ],
        ),
        (&[2, 4, 99], &["Approach or Method"]),
    ];
    for &(indices, expected) in cases {
        assert_eq!(scale.titles(indices), expected, "{indices:?}");
    }
}

#[test]
fn a_wording_pack_loads_with_defaults_for_optional_fields() {
    let scale = ScaleDefinition::from_json(
        r#"{"id":"pack","version":2,"name":"Pack","items":[
            {"id":"a","title":"A","left":"low","right":"high"}]}"#,
    )
    .expect("minimal scale");
    assert_eq!(scale.id, "pack");
    assert_eq!(scale.version, 2);
    assert_eq!(scale.wording_note, "");
    assert_eq!(scale.items.len(), 1);
    assert_eq!(scale.items[0].read_aloud, "");
}

#[test]
fn malformed_scale_definitions_are_refused_with_a_reason() {
    let item = r#"{"id":"a","title":"A","left":"l","right":"r"}"#;
    let shape: &[(&str, String)] = &[
        ("not JSON", "nope".to_string()),
        ("empty text", String::new()),
        ("an array", "[]".to_string()),
        (
            "missing items",
            r#"{"id":"x","version":1,"name":"X"}"#.to_string(),
        ),
        (
            "negative version",
            format!(r#"{{"id":"x","version":-1,"name":"X","items":[{item}]}}"#),
        ),
        (
            "item without left end",
            r#"{"id":"x","version":1,"name":"X","items":[{"id":"a","title":"A","right":"r"}]}"#
                .to_string(),
        ),
    ];
    for (label, json) in shape {
        match ScaleDefinition::from_json(json) {
            Err(ScaleError::Shape(_)) => {}
            other => panic!("{label}: expected a shape error, got {other:?}"),
        }
    }

    let content: &[(&str, String, &str)] = &[
        (
            "no items",
            r#"{"id":"x","version":1,"name":"X","items":[]}"#.to_string(),
            "the scale definition has no items",
        ),
        (
            "blank item id",
            r#"{"id":"x","version":1,"name":"X","items":[{"id":" ","title":"A","left":"l","right":"r"}]}"#
                .to_string(),
            "the scale definition has an item without id or title",
        ),
        (
            "blank title after a good item",
            format!(
                r#"{{"id":"x","version":1,"name":"X","items":[{item},{{"id":"b","title":"","left":"l","right":"r"}}]}}"#
            ),
            "the scale definition has an item without id or title",
        ),
    ];
    for (label, json, message) in content {
        let err = ScaleDefinition::from_json(json).expect_err(label);
        assert!(matches!(err, ScaleError::Content(_)), "{label}: {err:?}");
        assert!(err.to_string().starts_with(message), "{label}: {err}");
    }
}

// --- Licence rule -----------------------------------------------------------
//
// The clinical notes (Licensing) say the official SRS anchor sentences must
// never be pasted into the code base, so this check does not spell them out:
// each forbidden phrase is kept only as its length in characters and a 64-bit
// FNV-1a fingerprint of its normalised form (lower case, curly apostrophes
// made straight, runs of white space made one space). Every window of that
// length in the shipped wording is fingerprinted and compared.
//
// The eight phrases are the four left-end and four right-end anchor sentences
// of the official SRS (or their distinctive openings).

/// (length in chars, FNV-1a 64 of the normalised phrase).
const FORBIDDEN: [(usize, u64); 8] = [
    (20, 0x3827_b303_1d83_0d80),
    (32, 0xadf2_357a_f7c3_86ab),
    (42, 0x381d_fe21_eae8_bdf8),
    (48, 0xec8e_3ca2_b3d2_bbd5),
    (39, 0x6283_ab37_9c9b_8bf2),
    (43, 0xe9c2_8cd7_9b96_ab55),
    (45, 0x7898_8837_566d_acba),
    (41, 0x965c_b026_489a_4279),
];

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn normalise(text: &str) -> Vec<char> {
    text.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect()
}

/// True when `text` contains a phrase with this length and fingerprint.
fn contains_fingerprint(text: &str, (len, hash): (usize, u64)) -> bool {
    normalise(text)
        .windows(len)
        .any(|w| fnv1a(w.iter().collect::<String>().as_bytes()) == hash)
}

fn fingerprint(phrase: &str) -> (usize, u64) {
    let n: String = normalise(phrase).into_iter().collect();
    (n.chars().count(), fnv1a(n.as_bytes()))
}

#[test]
fn the_fingerprint_check_itself_works() {
    // Published FNV-1a 64 test vectors.
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    // Found whatever the case, apostrophes or spacing; not found when absent.
    let probe = fingerprint("today's session was what I needed");
    let cases = [
        (
            "exact",
            "All in all, today's session was what I needed",
            true,
        ),
        ("upper case", "TODAY'S SESSION WAS WHAT I NEEDED!", true),
        (
            "curly apostrophe",
            "today\u{2019}s session was what I needed",
            true,
        ),
        ("extra spaces", "today's  session\nwas what I needed", true),
        (
            "different wording",
            "today's session missed the mark",
            false,
        ),
        ("too short", "was what I needed", false),
    ];
    for (label, text, found) in cases {
        assert_eq!(contains_fingerprint(text, probe), found, "{label}");
    }
    assert!(FORBIDDEN.iter().all(|&(len, _)| len >= 20));
}

#[test]
fn no_builtin_wording_contains_an_official_srs_anchor_sentence() {
    let scale = ScaleDefinition::builtin();
    let mut texts: Vec<(&str, &str)> =
        vec![("name", &scale.name), ("wording_note", &scale.wording_note)];
    for item in &scale.items {
        texts.push(("title", &item.title));
        texts.push(("left", &item.left));
        texts.push(("right", &item.right));
        texts.push(("read_aloud", &item.read_aloud));
    }
    // The raw file too, in case a field is added that the struct does not read.
    texts.push(("scales/srs-attune.json", BUILTIN_SRS_JSON));
    for (field, text) in texts {
        for (n, &phrase) in FORBIDDEN.iter().enumerate() {
            assert!(
                !contains_fingerprint(text, phrase),
                "{field} contains forbidden official phrase #{n}: {text:?}"
            );
        }
    }
}

// --- The built-in ORS -------------------------------------------------------
//
// No fingerprints of the official ORS anchors are kept: they could not be
// made without pasting the official text. Instead the ORS file is held to the
// SRS list above, and its wording is checked to be Attune's own and about the
// past week.

use attune::domain::measures::scale::{BUILTIN_ORS_JSON, ORS_SCALE_ID};

#[test]
fn the_builtin_ors_has_the_four_ors_dimensions_in_order() {
    let ors = ScaleDefinition::builtin_ors();
    assert_eq!(ors.id, "ors-attune");
    assert_eq!(ors.id, ORS_SCALE_ID);
    assert_ne!(ors.id, ScaleDefinition::builtin().id);
    assert!(ors.version >= 1);
    let items: Vec<(&str, &str)> = ors
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            ("individual", "Individually"),
            ("interpersonal", "Interpersonally"),
            ("social", "Socially"),
            ("overall", "Overall"),
        ]
    );
    assert_eq!(ors.max_total().tenths(), 400);
    assert_eq!(ScaleDefinition::from_json(BUILTIN_ORS_JSON), Ok(ors));
}

#[test]
fn the_builtin_ors_wording_is_ours_and_about_the_past_week() {
    let ors = ScaleDefinition::builtin_ors();
    assert!(ors.wording_note.contains("written for Attune"));
    assert!(ors.wording_note.contains("wording pack"));
    assert!(ors.name.to_lowercase().contains("past week"));
    for item in &ors.items {
        let id = &item.id;
        for (end, text) in [("left", &item.left), ("right", &item.right)] {
            assert!(
                text.to_lowercase().contains("past week"),
                "{id} {end}: {text}"
            );
        }
        assert!(item.read_aloud.to_lowercase().contains("past week"), "{id}");
        assert_ne!(item.left, item.right, "{id}");
        // The dimension's description from the clinical notes is a label, not
        // an anchor: our ends are full sentences of our own.
        assert!(
            item.left.split_whitespace().count() >= 8,
            "{id}: {}",
            item.left
        );
        assert!(
            item.right.split_whitespace().count() >= 8,
            "{id}: {}",
            item.right
        );
    }
    for (n, &phrase) in FORBIDDEN.iter().enumerate() {
        assert!(
            !contains_fingerprint(BUILTIN_ORS_JSON, phrase),
            "ORS file contains official SRS phrase #{n}"
        );
    }
}

// --- Child and group versions ------------------------------------

use attune::domain::measures::kinds::AgeGroup;
use attune::domain::measures::kinds::MeasureKind;
use attune::domain::measures::scale::{
    Scales, BUILTIN_CHILD_ORS_JSON, BUILTIN_CHILD_SRS_JSON, BUILTIN_GROUP_SRS_JSON,
};
use attune::domain::raters::choose::{scale_for, scale_of, version_for, ScaleVersion};
use attune::domain::raters::roster::roster;
use attune::domain::records::case::CaseKind;

#[test]
fn every_builtin_definition_parses_with_four_items_and_distinct_ids() {
    let scales = Scales::builtin();
    let files = [
        (BUILTIN_SRS_JSON, &scales.srs),
        (BUILTIN_ORS_JSON, &scales.ors),
        (BUILTIN_CHILD_SRS_JSON, &scales.child_srs),
        (BUILTIN_CHILD_ORS_JSON, &scales.child_ors),
        (BUILTIN_GROUP_SRS_JSON, &scales.group_srs),
    ];
    let mut ids = Vec::new();
    for (json, def) in files {
        let parsed = ScaleDefinition::from_json(json).expect("parses");
        assert_eq!(&parsed, def);
        assert_eq!(parsed.items.len(), 4, "{}", parsed.id);
        assert_eq!(parsed.max_total().tenths(), 400, "same 0–10 scoring");
        assert!(
            parsed.wording_note.contains("written for Attune"),
            "{}",
            parsed.id
        );
        for item in &parsed.items {
            assert!(
                !item.left.is_empty() && !item.right.is_empty(),
                "{}",
                item.id
            );
            assert!(!item.read_aloud.is_empty(), "{}", item.id);
            assert_ne!(item.left, item.right);
        }
        ids.push(parsed.id.clone());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
    assert_eq!(scales.all().len(), 5);
}

#[test]
fn the_child_versions_draw_faces_and_the_others_do_not() {
    let s = Scales::builtin();
    assert!(s.child_srs.faces && s.child_ors.faces);
    assert!(!s.srs.faces && !s.ors.faces && !s.group_srs.faces);
    // `faces` is optional: absent reads as false and false is not written.
    assert!(!serde_json::to_string(&s.srs).unwrap().contains("faces"));
    assert!(serde_json::to_string(&s.child_srs)
        .unwrap()
        .contains(r#""faces":true"#));
    let ids = |d: &ScaleDefinition| d.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&s.child_srs),
        ["listening", "important", "what-we-did", "overall"]
    );
    assert_eq!(ids(&s.child_ors), ["me", "family", "school", "everything"]);
    assert_eq!(
        ids(&s.group_srs),
        ["relationship", "goals", "approach", "overall"]
    );
    // The faces' words are the child's, and every end names its face.
    for d in [&s.child_srs, &s.child_ors] {
        for item in &d.items {
            assert!(item.left.starts_with("Sad face"), "{}", item.left);
            assert!(item.right.starts_with("Happy face"), "{}", item.right);
        }
    }
    // The group version asks about the leader and the group.
    let relationship = &s.group_srs.items[0];
    assert!(relationship.right.contains("leader") && relationship.right.contains("group"));
}

#[test]
fn no_child_or_group_wording_contains_an_official_srs_anchor_sentence() {
    for (file, text) in [
        ("srs-child-attune.json", BUILTIN_CHILD_SRS_JSON),
        ("ors-child-attune.json", BUILTIN_CHILD_ORS_JSON),
        ("srs-group-attune.json", BUILTIN_GROUP_SRS_JSON),
    ] {
        for (n, &phrase) in FORBIDDEN.iter().enumerate() {
            assert!(
                !contains_fingerprint(text, phrase),
                "{file} contains forbidden official phrase #{n}"
            );
        }
    }
}

#[test]
fn the_chooser_gives_children_faces_and_groups_the_group_srs() {
    use AgeGroup::*;
    use CaseKind::*;
    use MeasureKind::*;
    let cases = [
        (Srs, Individual, Adult, ScaleVersion::Standard),
        (Ors, Individual, Adult, ScaleVersion::Standard),
        (Srs, Family, Child, ScaleVersion::Child),
        (Ors, Family, Child, ScaleVersion::Child),
        (Ors, Individual, Adolescent, ScaleVersion::Standard),
        (Srs, Group, Adult, ScaleVersion::Group),
        (Srs, Group, Adolescent, ScaleVersion::Group),
        (Ors, Group, Adult, ScaleVersion::Standard),
        // A child in a group gets the words a child can read.
        (Srs, Group, Child, ScaleVersion::Child),
        (Srs, Couple, Adult, ScaleVersion::Standard),
    ];
    for (measure, kind, age, want) in cases {
        assert_eq!(
            version_for(measure, kind, age),
            want,
            "{measure:?} {kind:?} {age:?}"
        );
    }
    let s = Scales::builtin();
    assert_eq!(
        scale_of(&s, Srs, ScaleVersion::Child).id,
        "srs-child-attune"
    );
    assert_eq!(
        scale_of(&s, Ors, ScaleVersion::Child).id,
        "ors-child-attune"
    );
    assert_eq!(
        scale_of(&s, Srs, ScaleVersion::Group).id,
        "srs-group-attune"
    );
    assert_eq!(scale_of(&s, Ors, ScaleVersion::Group).id, "ors-attune");
    // Through a case: the family's child, her collateral parent, a group member.
    let store = attune::domain::records::store::decode(include_str!("fixtures/v5-couple.json"))
        .unwrap()
        .store;
    let sam = &store.clients[1];
    let people = roster(sam);
    assert_eq!(scale_for(&s, Ors, sam, &people[0]).id, "ors-child-attune");
    assert_eq!(scale_for(&s, Ors, sam, &people[2]).id, "ors-attune");
    let group = &store.clients[2];
    assert_eq!(
        scale_for(&s, Srs, group, &roster(group)[0]).id,
        "srs-group-attune"
    );
    // A rating is read with the scale it was made with.
    let child = store.ratings.iter().find(|r| r.id == "o-sam").unwrap();
    assert_eq!(s.for_rating(child).id, "ors-child-attune");
    let mut unknown = child.clone();
    unknown.scale_id = "ors-old-pack".into();
    assert_eq!(s.for_rating(&unknown).id, "ors-attune");
}

#[test]
fn the_form_pages_scales_are_the_adult_srs_and_ors() {
    use attune::domain::measures::kinds::MeasureKind;
    use attune::domain::measures::scale::Scales;
    let core = Scales::core();
    let all = Scales::builtin();
    for kind in [MeasureKind::Srs, MeasureKind::Ors] {
        // The same scale, less the words only the therapist page shows.
        let mut full = all.of(kind).clone();
        full.wording_note.clear();
        full.items.iter_mut().for_each(|i| i.read_aloud.clear());
        assert_eq!(core.of(kind), &full);
    }
    assert!(
        core.all().iter().all(|s| !s.faces),
        "no child version on the form"
    );
}

#[test]
fn the_built_in_scales_made_at_build_time_are_the_files() {
    use attune::domain::measures::scale::{
        Scales, BUILTIN_CHILD_ORS_JSON, BUILTIN_CHILD_SRS_JSON, BUILTIN_GROUP_SRS_JSON,
    };
    let built = Scales::builtin();
    let files = [
        BUILTIN_SRS_JSON,
        BUILTIN_ORS_JSON,
        BUILTIN_CHILD_SRS_JSON,
        BUILTIN_CHILD_ORS_JSON,
        BUILTIN_GROUP_SRS_JSON,
    ];
    for (scale, json) in built.all().into_iter().zip(files) {
        assert_eq!(
            scale,
            &ScaleDefinition::from_json(json).unwrap(),
            "{}",
            scale.id
        );
    }
}

// --- A child seen alone ------------------------------------------

use attune::domain::raters::choose::{
    rated_on_therapist_page, scale_for_client, version_for_client, THERAPIST_PAGE_SCALE_IDS,
};

fn alone(age: AgeGroup, kind: CaseKind) -> attune::domain::records::store::Client {
    attune::domain::records::store::Client {
        id: "c-1".into(),
        label: "Kit".into(),
        archived: false,
        created_at: chrono::DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z")
            .unwrap()
            .into(),
        updated_at: None,
        age_group: age,
        kind,
        members: Vec::new(),
        therapist: None,
        language: None,
        read_aloud: false,
    }
}

#[test]
fn a_client_seen_alone_gets_the_version_of_their_age_group_for_both_measures() {
    use AgeGroup::*;
    use CaseKind::*;
    use MeasureKind::*;
    let s = Scales::builtin();
    let cases = [
        (Ors, Child, "ors-child-attune"),
        (Srs, Child, "srs-child-attune"),
        (Ors, Adolescent, "ors-attune"),
        (Srs, Adolescent, "srs-attune"),
        (Ors, Adult, "ors-attune"),
        (Srs, Adult, "srs-attune"),
    ];
    for (measure, age, want) in cases {
        let c = alone(age, Individual);
        assert_eq!(
            version_for_client(measure, &c),
            version_for(measure, Individual, age),
            "the same choice as in a round"
        );
        assert_eq!(
            scale_for_client(&s, measure, &c).id,
            want,
            "{measure:?} {age:?}"
        );
    }
}

#[test]
fn only_the_standard_versions_are_drawn_on_the_form_page() {
    use MeasureKind::*;
    assert!(ScaleVersion::Standard.on_form_page());
    assert!(!ScaleVersion::Child.on_form_page());
    assert!(!ScaleVersion::Group.on_form_page());
    let s = Scales::builtin();
    // The list the form page checks is exactly the ids of the other versions.
    let mut others: Vec<&str> = [
        (Srs, ScaleVersion::Child),
        (Ors, ScaleVersion::Child),
        (Srs, ScaleVersion::Group),
    ]
    .into_iter()
    .map(|(m, v)| scale_of(&s, m, v).id.as_str())
    .collect();
    others.sort_unstable();
    let mut listed = THERAPIST_PAGE_SCALE_IDS.to_vec();
    listed.sort_unstable();
    assert_eq!(others, listed);
    for id in THERAPIST_PAGE_SCALE_IDS {
        assert!(rated_on_therapist_page(id), "{id}");
    }
    // The form page's own scales stay on the form page.
    for def in Scales::core().all() {
        assert!(!rated_on_therapist_page(&def.id), "{}", def.id);
    }
    assert!(!rated_on_therapist_page("srs-old-pack"));
}
