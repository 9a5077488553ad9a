//! The rating form's hand-written JSON (`domain::records::codec`) against serde, the
//! codec the therapist page, backups and older builds use: for arbitrary
//! drafts, ratings and settings the hand encoders write serde's bytes and
//! the hand decoders read serde's values; for mutated, reshaped and random
//! texts they accept exactly what serde accepts, with the same result; and
//! no input makes them panic.

use attune::domain::device::settings::DeviceSettings;
use attune::domain::device::settings_codec;
use attune::domain::measures::calibration::Calibration;
use attune::domain::measures::kinds::{MeasureKind, RaterRef};
use attune::domain::measures::rating::NoteInput;
use attune::domain::measures::rating::{LineContext, Rating};
use attune::domain::measures::score::Tenths;
use attune::domain::records::codec::number::pow10;
use attune::domain::records::draft::Draft;
use attune::domain::records::inbox;
use attune::domain::security::pin::{Backoff, PinRecord};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

// ---- What serde does, the reference ----------------------------------------

/// The draft as serde reads it (what `gloo_storage` did before).
fn serde_draft(text: &str) -> Option<Draft> {
    serde_json::from_str(text).ok()
}

/// The settings as the form read them before: serde, then the PIN check.
fn serde_settings(text: &str) -> Option<DeviceSettings> {
    let s: DeviceSettings = serde_json::from_str(text).ok()?;
    match &s.pin {
        Some(p) if p.check().is_err() => None,
        _ => Some(s),
    }
}

/// Settings equal field by field, floats bit for bit (so `-0.0` is not `0.0`).
fn same_settings(a: &Option<DeviceSettings>, b: &Option<DeviceSettings>) -> bool {
    let bits = |s: &DeviceSettings| {
        s.calibration
            .map(|c| (c.px_per_mm.to_bits(), c.dpr.to_bits()))
    };
    match (a, b) {
        (Some(a), Some(b)) => a == b && bits(a) == bits(b),
        (None, None) => true,
        _ => false,
    }
}

/// Both decoders agree on `text`: the draft.
fn check_draft_text(text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(Draft::decode(text), serde_draft(text), "{}", text);
    Ok(())
}

/// Both decoders agree on `text`: the settings, before and after the PIN check.
fn check_settings_text(text: &str) -> Result<(), TestCaseError> {
    let mine = settings_codec::decode(text);
    let theirs: Option<DeviceSettings> = serde_json::from_str(text).ok();
    prop_assert!(
        same_settings(&mine, &theirs),
        "{text}\n{mine:?}\n{theirs:?}"
    );
    let (mine, theirs) = (DeviceSettings::decode(text), serde_settings(text));
    prop_assert!(
        same_settings(&mine, &theirs),
        "{text}\n{mine:?}\n{theirs:?}"
    );
    Ok(())
}

// ---- Arbitrary values ----------------------------------------------------------

/// Any text, weighted towards what needs escaping: quotes, backslashes,
/// control characters, line separators, non-ASCII and astral characters.
fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '"', '\\', '/', '\u{0}', '\u{8}', '\u{c}', '\n', '\r', '\t', '\u{1f}', '\u{7f}',
        '\u{2028}', 'é', '€', '😀', '\u{fffd}', '\u{feff}',
    ]);
    prop::collection::vec(prop_oneof![any::<char>(), special, Just('a')], 0..10)
        .prop_map(|cs| cs.into_iter().collect())
}

/// Timestamps across the whole four-digit range, to the millisecond (what
/// `time::format` keeps), some on the whole second.
fn time() -> impl Strategy<Value = DateTime<Utc>> {
    let min = -62_167_219_200_000i64; // 0000-01-01T00:00:00Z
    let max = 253_402_300_799_999i64; // 9999-12-31T23:59:59.999Z
    (min..=max, any::<bool>()).prop_map(|(ms, whole)| {
        let ms = if whole { ms - ms.rem_euclid(1000) } else { ms };
        Utc.timestamp_millis_opt(ms).unwrap()
    })
}

fn tenths() -> impl Strategy<Value = Tenths> {
    (0u16..=100).prop_map(|n| Tenths::new(n).unwrap())
}

fn measure() -> impl Strategy<Value = MeasureKind> {
    prop_oneof![Just(MeasureKind::Srs), Just(MeasureKind::Ors)]
}

fn rater() -> impl Strategy<Value = RaterRef> {
    prop_oneof![
        Just(RaterRef::Client),
        text().prop_map(|id| RaterRef::Member { id }),
        (text(), text()).prop_map(|(id, label)| RaterRef::Collateral { id, label }),
    ]
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        (text(), any::<u32>(), prop::option::of(text())),
        prop::option::of(time()),
        prop::collection::vec(prop::option::of(tenths()), 0..8),
        (measure(), prop::option::of(text()), rater()),
    )
        .prop_map(
            |((scale_id, scale_version, client_id), session_at, scores, (m, session_id, r))| {
                Draft {
                    scale_id,
                    scale_version,
                    client_id,
                    session_at,
                    scores,
                    measure: m,
                    session_id,
                    rater: r,
                }
            },
        )
}

fn rating() -> impl Strategy<Value = Rating> {
    let line = (any::<u32>(), any::<u32>(), any::<bool>()).prop_map(|(l, d, c)| LineContext {
        line_tenth_mm: l,
        dpr_hundredths: d,
        calibrated: c,
    });
    let note = (text(), text()).prop_map(|(client_feedback, therapist_response)| NoteInput {
        client_feedback,
        therapist_response,
    });
    (
        (text(), time(), time(), prop::option::of(text())),
        (prop::collection::vec(tenths(), 0..8), text(), any::<u32>()),
        (
            prop::option::of(line),
            prop::option::of(time()),
            prop::option::of(note),
        ),
        (
            measure(),
            prop::option::of(text()),
            rater(),
            prop::option::of(text()),
            prop::option::of((text(), text(), text(), 0u32..100)),
        ),
    )
        .prop_map(
            |(
                (id, recorded_at, session_at, client_id),
                (scores, scale_id, scale_version),
                (line, updated_at, note),
                (m, session_id, r, therapist, wording),
            )| Rating {
                id,
                recorded_at,
                session_at,
                client_id,
                scores,
                scale_id,
                scale_version,
                line,
                updated_at,
                note,
                measure: m,
                session_id,
                rater: r,
                therapist,
                wording: wording.map(|(language, name, pack, version)| {
                    Box::new(attune::domain::measures::language::Wording {
                        language,
                        name,
                        pack,
                        version,
                    })
                }),
            },
        )
}

/// A PIN record: a real one (passes `check`) or arbitrary fields (mostly not).
fn pin() -> impl Strategy<Value = PinRecord> {
    prop_oneof![
        (
            any::<[u8; 16]>(),
            100_000u32..=10_000_000,
            any::<[u8; 32]>()
        )
            .prop_map(|(salt, n, hash)| PinRecord::new(salt, n, hash)),
        (text(), any::<u32>(), text(), text()).prop_map(|(algorithm, iterations, salt, hash)| {
            PinRecord {
                algorithm,
                iterations,
                salt,
                hash,
            }
        }),
    ]
}

/// Any finite float (serde writes a non-finite one as `null`, which no
/// build reads back), weighted towards the densities and ratios screens have.
fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.5f64..20.0,
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
    ]
}

fn settings() -> impl Strategy<Value = DeviceSettings> {
    let backoff =
        (any::<u32>(), prop::option::of(time())).prop_map(|(failed, last_failure)| Backoff {
            failed,
            last_failure,
        });
    let calibration =
        (float(), float()).prop_map(|(px_per_mm, dpr)| Calibration { px_per_mm, dpr });
    (
        prop::option::of(pin()),
        backoff,
        any::<u32>(),
        prop::option::of(calibration),
        prop::collection::vec(text(), 0..4),
        any::<bool>(),
    )
        .prop_map(
            |(pin, backoff, idle, calibration, seen, dismissed)| DeviceSettings {
                pin,
                backoff,
                idle_lock_secs: idle,
                calibration,
                seen_situations: seen,
                checklist_dismissed: dismissed,
            },
        )
}

// ---- Reshaped texts ----------------------------------------------------------

/// Values that fit some field somewhere and break others: the leaves of the
/// shapes, their edges, and small containers.
fn leaf() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(100),
        json!(101),
        json!(-1),
        json!(1.0),
        json!(1.5),
        json!(-0.0),
        json!(4_294_967_295u64),
        json!(4_294_967_296u64),
        json!(u64::MAX),
        json!(1e300),
        json!(""),
        json!("srs"),
        json!("ors"),
        json!("SRS"),
        json!("client"),
        json!("member"),
        json!("collateral"),
        json!("2026-11-22T14:05:09Z"),
        json!("2026-11-22T14:05:09.5+01:00"),
        json!("yesterday"),
        json!("PBKDF2-HMAC-SHA256"),
        json!("00112233445566778899aabbccddeeff"),
        json!({"ors": null}),
        json!({"srs": 1}),
        json!({"type": "member", "id": "m1"}),
        json!({"type": "collateral", "id": "m1"}),
        json!({"type": "collateral", "id": "m1", "label": "Mum", "x": [1, {"y": null}]}),
        json!({"type": "client", "id": null}),
        json!(["member", "m1"]),
        json!(["client"]),
        json!({"failed": 3}),
        json!({"failed": 3, "last_failure": null}),
        json!({"failed": 3, "last_failure": "2026-11-22T14:05:09Z"}),
        json!({"last_failure": "2026-11-22T14:05:09Z"}),
        json!([3, "2026-11-22T14:05:09Z"]),
        json!({"px_per_mm": 4.2, "dpr": 2}),
        json!({"px_per_mm": 4.2}),
        json!([4.2, 2, 1]),
        json!([4.2, 2]),
        json!([]),
        json!([null, 50, 100]),
        json!([null, 101]),
        json!(["a", "b"]),
        json!({}),
    ])
}

/// One reshaping of a stored object: a field dropped, replaced, set to null,
/// an unknown field added, or the whole struct written as an array of its
/// fields in order (which serde also reads).
#[derive(Debug, Clone)]
enum Reshape {
    Drop(usize),
    Replace(usize, Value),
    Null(usize),
    Unknown(String, Value),
    AsArray(usize),
}

fn reshape() -> impl Strategy<Value = Reshape> {
    prop_oneof![
        (0usize..12).prop_map(Reshape::Drop),
        (0usize..12, leaf()).prop_map(|(i, v)| Reshape::Replace(i, v)),
        (0usize..12).prop_map(Reshape::Null),
        (
            prop::sample::select(vec!["extra", "scores2", "type", "", "pin "]),
            leaf()
        )
            .prop_map(|(k, v)| Reshape::Unknown(k.to_string(), v)),
        (0usize..12).prop_map(Reshape::AsArray),
    ]
}

/// Applies the reshapings to the object `v` whose fields, in declaration
/// order, are `fields`.
fn apply(v: &mut Value, fields: &[&str], steps: &[Reshape]) {
    for step in steps {
        let Value::Object(map) = v else { return };
        let name = |i: usize| fields[i % fields.len()].to_string();
        match step {
            Reshape::Drop(i) => {
                map.remove(&name(*i));
            }
            Reshape::Replace(i, x) => {
                map.insert(name(*i), x.clone());
            }
            Reshape::Null(i) => {
                map.insert(name(*i), Value::Null);
            }
            Reshape::Unknown(k, x) => {
                map.insert(k.clone(), x.clone());
            }
            Reshape::AsArray(keep) => {
                let items: Vec<Value> = fields
                    .iter()
                    .take(keep % (fields.len() + 1))
                    .map(|f| map.get(*f).cloned().unwrap_or(Value::Null))
                    .collect();
                *v = Value::Array(items);
            }
        }
    }
}

/// One byte-level change to a text: an insertion, a deletion or a
/// replacement with a character that matters to JSON.
fn mutate(text: &str, at: usize, what: usize, kind: usize) -> String {
    const PALETTE: &[&str] = &[
        "{", "}", "[", "]", "\"", ":", ",", "-", "+", ".", "0", "1", "9", "e", "E", "n", "t", "\\",
        "\\u", "\\ud83d", "\\ude00", " ", "\n", "\u{0}", "é", "😀", "null", "1e400", "00",
    ];
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let piece = PALETTE[what % PALETTE.len()];
    let mut out: String = chars[..at].iter().collect();
    match kind % 3 {
        0 => out.push_str(piece),
        1 => {}
        _ => out.push_str(piece),
    }
    let skip = usize::from(kind % 3 != 0);
    out.extend(chars.iter().skip(at + skip));
    out
}

const DRAFT_FIELDS: [&str; 8] = [
    "scale_id",
    "scale_version",
    "client_id",
    "session_at",
    "scores",
    "measure",
    "session_id",
    "rater",
];

const SETTINGS_FIELDS: [&str; 6] = [
    "pin",
    "backoff",
    "idle_lock_secs",
    "calibration",
    "seen_situations",
    "checklist_dismissed",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_draft_is_written_as_serde_writes_it_and_read_back_whole(d in draft()) {
        let text = d.encode();
        prop_assert_eq!(&text, &serde_json::to_string(&d).unwrap());
        prop_assert_eq!(Draft::decode(&text), Some(d.clone()));
        // Pretty-printed (as a person might save it) reads the same way too.
        let pretty = serde_json::to_string_pretty(&d).unwrap();
        prop_assert_eq!(Draft::decode(&pretty), Some(d));
    }

    #[test]
    fn a_new_rating_record_is_byte_for_byte_serdes(r in rating()) {
        let text = inbox::encode(&r);
        prop_assert_eq!(&text, &serde_json::to_string(&r).unwrap());
        // The therapist page reads it with serde: the same rating.
        prop_assert_eq!(serde_json::from_str::<Rating>(&text).unwrap(), r);
    }

    #[test]
    fn settings_serde_wrote_read_as_serde_reads_them(s in settings()) {
        let text = serde_json::to_string(&s).unwrap();
        check_settings_text(&text)?;
        check_settings_text(&serde_json::to_string_pretty(&s).unwrap())?;
        // Read back whole. The floats are serde_json's reading (checked to
        // the bit above), which without `float_roundtrip` may land a ULP or two
        // off what it wrote; the hand reader lands on the same bit.
        let mut back = settings_codec::decode(&text).unwrap();
        if let (Some(a), Some(b)) = (back.calibration, s.calibration) {
            // Counted in units in the last place, not as a ratio: below
            // f64's normal range a single ULP is a large share of the value.
            let near = |x: f64, y: f64| {
                x == y || (x.signum() == y.signum() && x.to_bits().abs_diff(y.to_bits()) <= 2)
            };
            prop_assert!(near(a.px_per_mm, b.px_per_mm) && near(a.dpr, b.dpr), "{a:?} {b:?}");
            back.calibration = s.calibration;
        }
        prop_assert_eq!(&back, &s);
        // The light decoder also refuses a PIN record its own check refuses.
        let pin_ok = s.pin.as_ref().is_none_or(|p| p.check().is_ok());
        prop_assert_eq!(DeviceSettings::decode(&text).is_some(), pin_ok);
    }

    #[test]
    fn reshaped_drafts_are_accepted_and_refused_as_serde_does(
        d in draft(),
        steps in prop::collection::vec(reshape(), 1..4),
    ) {
        let mut v = serde_json::to_value(&d).unwrap();
        apply(&mut v, &DRAFT_FIELDS, &steps);
        check_draft_text(&v.to_string())?;
    }

    #[test]
    fn reshaped_settings_are_accepted_and_refused_as_serde_does(
        s in settings(),
        steps in prop::collection::vec(reshape(), 1..4),
        inner in prop::collection::vec(reshape(), 0..3),
        which in 0usize..3,
    ) {
        let mut v = serde_json::to_value(&s).unwrap();
        // Reshape one of the nested structs as well.
        let (key, fields): (&str, &[&str]) = match which {
            0 => ("pin", &["algorithm", "iterations", "salt", "hash"]),
            1 => ("backoff", &["failed", "last_failure"]),
            _ => ("calibration", &["px_per_mm", "dpr"]),
        };
        if let Some(nested) = v.get_mut(key) {
            apply(nested, fields, &inner);
        }
        apply(&mut v, &SETTINGS_FIELDS, &steps);
        check_settings_text(&v.to_string())?;
    }

    #[test]
    fn mutated_texts_never_panic_and_agree_with_serde(
        d in draft(),
        s in settings(),
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 1..4),
    ) {
        let mut draft_text = d.encode();
        let mut settings_text = serde_json::to_string(&s).unwrap();
        for &(at, what, kind) in &edits {
            draft_text = mutate(&draft_text, at, what, kind);
            settings_text = mutate(&settings_text, at, what, kind);
        }
        check_draft_text(&draft_text)?;
        check_settings_text(&settings_text)?;
        // Each text also tried as the other shape.
        check_draft_text(&settings_text)?;
        check_settings_text(&draft_text)?;
    }

    #[test]
    fn random_texts_never_panic_and_agree_with_serde(t in text(), u in "[\\[\\]{}\",:0-9a-z.\\\\ -]{0,40}") {
        for text in [&t, &u] {
            check_draft_text(text)?;
            check_settings_text(text)?;
        }
    }

    #[test]
    fn numbers_read_as_serde_json_reads_them_to_the_bit(
        n in "-?(0|[1-9][0-9]{0,24})(\\.[0-9]{1,24})?([eE][+-]?[0-9]{1,12})?",
        rest in prop::sample::select(vec!["", " ", "x", ".", "e", "0"]),
    ) {
        let text = format!(r#"{{"calibration":{{"px_per_mm":{n}{rest},"dpr":1}},"idle_lock_secs":{n}{rest}}}"#);
        check_settings_text(&text)?;
        let text = format!(r#"{{"calibration":{{"px_per_mm":{n}{rest},"dpr":{n}}}}}"#);
        check_settings_text(&text)?;
        let text = format!(r#"{{"scale_id":"s","scale_version":{n},"scores":[{n}],"x":{n}{rest}}}"#);
        check_draft_text(&text)?;
    }
}

#[test]
fn powers_of_ten_are_the_nearest_floats() {
    // serde_json's table holds the literals 1e0 ..= 1e308, each the nearest
    // f64; std's parser rounds correctly, so it gives the same values.
    for n in 0..=308u32 {
        let want: f64 = format!("1e{n}").parse().unwrap();
        assert_eq!(pow10(n).to_bits(), want.to_bits(), "10^{n}");
    }
}

#[test]
fn edge_cases_match_serde() {
    let ok_draft = r#"{"scale_id":"s","scale_version":1,"scores":[]}"#;
    let cases: &[&str] = &[
        ok_draft,
        // Whitespace of every JSON kind, and only those.
        " \t\r\n{ \"scale_id\" : \"s\" ,\n\"scale_version\":1 , \"scores\" : [ null , 5 ] } \n",
        "\u{feff}{\"scale_id\":\"s\",\"scale_version\":1,\"scores\":[]}",
        "{\"scale_id\":\"s\",\"scale_version\":1,\"scores\":[]}\u{a0}",
        // Trailing text, commas, missing and doubled fields.
        r#"{"scale_id":"s","scale_version":1,"scores":[]}x"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[]}{}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[1,]}"#,
        r#"{"scale_id":"s","scale_version":1}"#,
        r#"{"scale_id":"s","scale_id":"t","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":1,"x":2,"scale_version":1,"scores":[]}"#,
        // Escapes: kept strings need paired surrogates, skipped ones do not.
        r#"{"scale_id":"\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"\ud83d","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"\ude00","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"\ud83d\u0041","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"\ud83d\n","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"\u12","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"\x","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":"\ud83d","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":"\ud83d\u0041","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":"\u12","scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":{"\ud83d":1},"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","\ud83d":1,"scale_version":1,"scores":[]}"#,
        "{\"scale_id\":\"a\u{1}b\",\"scale_version\":1,\"scores\":[]}",
        "{\"scale_id\":\"s\",\"x\":\"a\u{1f}\",\"scale_version\":1,\"scores\":[]}",
        "{\"scale_id\":\"a\u{7f}é😀\",\"scale_version\":1,\"scores\":[]}",
        // Key names spelled with escapes are the same keys.
        r#"{"scale\u005fid":"s","scale_version":1,"scores":[]}"#,
        // Integers: no sign, fraction, exponent or leading zero; in range.
        r#"{"scale_id":"s","scale_version":4294967295,"scores":[100]}"#,
        r#"{"scale_id":"s","scale_version":4294967296,"scores":[]}"#,
        r#"{"scale_id":"s","scale_version":18446744073709551616,"scores":[]}"#,
        r#"{"scale_id":"s","scale_version":1.0,"scores":[]}"#,
        r#"{"scale_id":"s","scale_version":1e0,"scores":[]}"#,
        r#"{"scale_id":"s","scale_version":-0,"scores":[]}"#,
        r#"{"scale_id":"s","scale_version":01,"scores":[]}"#,
        r#"{"scale_id":"s","scale_version":+1,"scores":[]}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[101]}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[65536]}"#,
        // Skipped numbers of any size, but well formed.
        r#"{"scale_id":"s","x":1e99999999999,"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":-0.0e-0,"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":1.,"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":.5,"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":1e,"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":-,"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":nul,"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":[1,[2,{"a":[]}],{}],"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":[1,}],"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":{"a"},"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":{"a":1,},"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","x":{1:1},"scale_version":1,"scores":[]}"#,
        // Optional fields: null or a value; other fields: never null.
        r#"{"scale_id":"s","scale_version":1,"scores":[],"client_id":null,"session_at":null,"session_id":null}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"measure":null}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"rater":null}"#,
        r#"{"scale_id":null,"scale_version":1,"scores":[]}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":null}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"session_at":"2026-11-22T14:05:09.123456+05:30"}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"session_at":"2026-02-30T14:05:09Z"}"#,
        // Enums: a name, or serde_json's `{"name": null}`.
        r#"{"scale_id":"s","scale_version":1,"scores":[],"measure":"ors"}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"measure":{"ors":null}}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"measure":{ "ors" : null } }"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"measure":{"ors":null,"srs":null}}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"measure":{"ors":0}}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"measure":"Ors"}"#,
        // Raters.
        r#"{"scale_id":"s","scale_version":1,"scores":[],"rater":{"type":"client","label":7}}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"rater":{"type":"client","id":"x"}}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"rater":{"type":"member"}}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"rater":{"id":"m"}}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"rater":["collateral","m","Mum"]}"#,
        r#"{"scale_id":"s","scale_version":1,"scores":[],"rater":["collateral","m","Mum",1]}"#,
        // Structs as arrays of their fields.
        r#"["s",1,null,null,[1,null],"ors",null,{"type":"member","id":"m"}]"#,
        r#"["s",1,"c"]"#,
        r#"["s",1,"c",null,[]]"#,
        r#"["s",1,"c",null,[],"srs",null,{"type":"client"},null]"#,
        r#"["s",1,"c",null,[],]"#,
        "[]",
        "{}",
        "",
        " ",
        "null",
        "[",
        "{",
        "{\"",
        r#"{"scale_id""#,
        r#"{"scale_id":"s""#,
    ];
    for text in cases {
        assert_eq!(Draft::decode(text), serde_draft(text), "{text}");
    }
    assert!(Draft::decode(ok_draft).is_some(), "the plain case is read");

    let settings: &[&str] = &[
        "{}",
        r#"{"pin":null,"calibration":null}"#,
        r#"{"backoff":null}"#,
        r#"{"backoff":{}}"#,
        r#"{"backoff":{"failed":2,"last_failure":null,"x":1}}"#,
        r#"{"backoff":[2,"2026-11-22T14:05:09Z"]}"#,
        r#"{"idle_lock_secs":4294967296}"#,
        r#"{"idle_lock_secs":7,"checklist_dismissed":true,"seen_situations":["a","b"]}"#,
        r#"{"checklist_dismissed":null}"#,
        r#"{"checklist_dismissed":1}"#,
        r#"{"seen_situations":null}"#,
        r#"{"seen_situations":["a",1]}"#,
        r#"{"calibration":{"px_per_mm":3,"dpr":-2}}"#,
        r#"{"calibration":{"px_per_mm":-0,"dpr":-0.0}}"#,
        r#"{"calibration":{"px_per_mm":1e308,"dpr":1e309}}"#,
        r#"{"calibration":{"px_per_mm":10e308,"dpr":1}}"#,
        r#"{"calibration":{"px_per_mm":1.7976931348623157e308,"dpr":1.7976931348623159e308}}"#,
        r#"{"calibration":{"px_per_mm":1e-400,"dpr":0e99999999999}}"#,
        r#"{"calibration":{"px_per_mm":1e99999999999,"dpr":1}}"#,
        r#"{"calibration":{"px_per_mm":-1e-99999999999,"dpr":1}}"#,
        r#"{"calibration":{"px_per_mm":123456789012345678901234567890.123,"dpr":1}}"#,
        r#"{"calibration":{"px_per_mm":0.000000000000000000000000000012345678901234567890123,"dpr":1}}"#,
        r#"{"calibration":{"px_per_mm":18446744073709551615,"dpr":18446744073709551616}}"#,
        r#"{"calibration":{"px_per_mm":3.7795275590551185,"dpr":2.0000000000000004}}"#,
        r#"{"calibration":{"px_per_mm":"3","dpr":1}}"#,
        r#"{"calibration":{"px_per_mm":null,"dpr":1}}"#,
        r#"{"calibration":{"px_per_mm":3}}"#,
        r#"{"calibration":[3,2]}"#,
        r#"{"calibration":[3]}"#,
        r#"{"pin":{"algorithm":"PBKDF2-HMAC-SHA256","iterations":600000,"salt":"00112233445566778899aabbccddeeff","hash":"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"}}"#,
        r#"{"pin":{"algorithm":"PBKDF2-HMAC-SHA256","iterations":600000,"salt":"00112233445566778899aabbccddeeff"}}"#,
        r#"{"pin":{"algorithm":"PBKDF2-HMAC-SHA256","iterations":1000,"salt":"00112233445566778899aabbccddeeff","hash":"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"}}"#,
        r#"{"pin":["PBKDF2-HMAC-SHA256",600000,"00112233445566778899aabbccddeeff","00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"]}"#,
        r#"{"pin":{"algorithm":"PBKDF2-HMAC-SHA256","iterations":600000,"salt":"00112233445566778899AABBCCDDEEFF","hash":"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"}}"#,
        r#"[null,{"failed":1},5]"#,
        r#"[null,{"failed":1},5,null,[],false,1]"#,
        "not json",
    ];
    for text in settings {
        let (mine, theirs) = (DeviceSettings::decode(text), serde_settings(text));
        assert!(
            same_settings(&mine, &theirs),
            "{text}\n{mine:?}\n{theirs:?}"
        );
        let (mine, theirs) = (
            settings_codec::decode(text),
            serde_json::from_str::<DeviceSettings>(text).ok(),
        );
        assert!(
            same_settings(&mine, &theirs),
            "{text}\n{mine:?}\n{theirs:?}"
        );
    }
}

#[test]
fn deep_nesting_in_a_skipped_field_neither_overflows_nor_differs() {
    // serde_json skips a value of any depth without recursion; so does the
    // hand reader, so 100,000 levels cost memory, not stack.
    for depth in [1usize, 127, 128, 129, 100_000] {
        let nested = format!("{}{}", "[{\"a\":".repeat(depth), "}]".repeat(depth));
        let broken = format!("{}{}", "[".repeat(depth), "}".repeat(depth));
        let balanced = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        for x in [nested.replace("}]", "1}]"), broken, balanced] {
            let text = format!(r#"{{"scale_id":"s","x":{x},"scale_version":1,"scores":[]}}"#);
            assert_eq!(Draft::decode(&text), serde_draft(&text), "depth {depth}");
            let text = format!(r#"{{"x":{x}}}"#);
            assert!(same_settings(
                &DeviceSettings::decode(&text),
                &serde_settings(&text)
            ));
        }
    }
}

#[test]
fn the_fixtures_ratings_are_written_as_serde_writes_them() {
    use attune::domain::records::store::decode;
    let fixtures = [
        include_str!("fixtures/v1.json"),
        include_str!("fixtures/v2.json"),
        include_str!("fixtures/v3.json"),
        include_str!("fixtures/v4.json"),
        include_str!("fixtures/v5.json"),
        include_str!("fixtures/v5-couple.json"),
    ];
    let mut seen = 0;
    for text in fixtures {
        let stored = decode(text).expect("fixture reads").store;
        for r in &stored.ratings {
            assert_eq!(inbox::encode(r), serde_json::to_string(r).unwrap());
            // A draft of the same marks, as the form would hold it mid-rating.
            let d = Draft {
                scale_id: r.scale_id.clone(),
                scale_version: r.scale_version,
                client_id: r.client_id.clone(),
                session_at: Some(r.session_at),
                scores: r.scores.iter().copied().map(Some).collect(),
                measure: r.measure,
                session_id: r.session_id.clone(),
                rater: r.rater.clone(),
            };
            assert_eq!(d.encode(), serde_json::to_string(&d).unwrap());
            assert_eq!(Draft::decode(&d.encode()), Some(d));
            seen += 1;
        }
    }
    assert!(seen > 20, "the fixtures hold ratings ({seen})");
    // A current-version record in the fixture is exactly what the hand
    // encoder writes for it (as JSON; the fixture's key order differs).
    let v5: Value = serde_json::from_str(include_str!("fixtures/v5-couple.json")).unwrap();
    for raw in v5["ratings"].as_array().unwrap() {
        let r: Rating = serde_json::from_value(raw.clone()).unwrap();
        let mine: Map<String, Value> = serde_json::from_str(&inbox::encode(&r)).unwrap();
        let mut want = raw.as_object().unwrap().clone();
        // serde leaves defaults out; the fixture may spell some.
        want.retain(|k, v| {
            !(k == "measure" && v == "srs"
                || k == "rater" && v == &json!({"type": "client"})
                || v.is_null() && k != "client_id")
        });
        assert_eq!(mine, want);
    }
}

#[test]
fn the_old_draft_shapes_still_load() {
    // Drafts saved before clients, back-dating, sessions and raters existed.
    let old = r#"{"scale_id":"srs-attune","scale_version":1,"scores":[null,70,null,null]}"#;
    let d = Draft::decode(old).unwrap();
    assert_eq!(d.client_id, None);
    assert_eq!(d.session_at, None);
    assert_eq!(d.measure, MeasureKind::Srs);
    assert_eq!(d.rater, RaterRef::Client);
    assert_eq!(d.scores[1], Tenths::new(70));
    assert_eq!(Some(d), serde_draft(old));
}
