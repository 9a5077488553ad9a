//! Seeded fuzzing of the two entry points that read untrusted text: the
//! storage decoder and the backup import. Neither may panic (the release build
//! aborts on panic, which would take the whole app down), and whatever they
//! accept must satisfy the store's rules.

use attune::domain::export::{backup_json, preview_import};
use attune::domain::records::store::{decode, encode, validate, Store};
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

const V1: &str = include_str!("fixtures/v1.json");
const V2: &str = include_str!("fixtures/v2.json");
const FUTURE: &str = include_str!("fixtures/v9-future.json");

/// xorshift64*: deterministic, so a failure reproduces from its case number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Characters that break parsers: structure, digits, signs, and multi-byte text.
const PALETTE: &[char] = &[
    '{', '}', '[', ']', '"', ':', ',', '-', '+', '.', '0', '1', '9', 'e', 'Z', 'T', ' ', '\\', 'é',
    '€', '😀', '\u{feff}', '\u{0}',
];

fn random_value(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth > 3 { 6 } else { 9 }) {
        0 => Value::Null,
        1 => json!(rng.below(2) == 1),
        2 => json!(rng.next() as i64 >> rng.below(64)),
        3 => json!(*rng.pick(&[0.0, -0.5, 7.3, 1e300, 100.0, 101.0])),
        4 => json!(*rng.pick(&[
            "attune",
            "",
            "2026-11-22T14:05:09Z",
            "0000-01-01T00:00:00+01:00",
            "é",
            "c-3f2a"
        ])),
        5 => json!(rng.below(200)),
        6 => Value::Array(
            (0..rng.below(5))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let keys = [
                "schema",
                "version",
                "ratings",
                "clients",
                "id",
                "scores",
                "client_id",
                "recorded_at",
                "session_at",
                "label",
                "created_at",
                "scale_id",
                "scale_version",
                "line",
                "last_backup_at",
                "timestamp",
            ];
            let fields = (0..rng.below(6))
                .map(|_| (rng.pick(&keys).to_string(), random_value(rng, depth + 1)));
            Value::Object(fields.collect())
        }
    }
}

/// Replaces one random node of a valid document, keeping the rest plausible.
fn mutate_value(rng: &mut Rng, v: &mut Value) {
    let replace_here = rng.below(4) == 0;
    match v {
        Value::Array(a) if !a.is_empty() && !replace_here => {
            let i = rng.below(a.len());
            mutate_value(rng, &mut a[i]);
        }
        Value::Object(o) if !o.is_empty() && !replace_here => {
            let key = o.keys().nth(rng.below(o.len())).unwrap().clone();
            if rng.below(8) == 0 {
                o.remove(&key);
            } else {
                mutate_value(rng, o.get_mut(&key).unwrap());
            }
        }
        _ => *v = random_value(rng, 2),
    }
}

/// One input per call, cycling through the kinds of damage.
fn case(rng: &mut Rng, n: usize, seeds: &[String]) -> String {
    let seed = rng.pick(seeds).clone();
    match n % 7 {
        0 => {
            let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        1 => {
            let cut = rng.below(seed.len() + 1);
            let cut = (0..=cut).rev().find(|&i| seed.is_char_boundary(i)).unwrap();
            seed[..cut].to_string()
        }
        2 => {
            let mut bytes = seed.into_bytes();
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        3 => {
            let mut chars: Vec<char> = seed.chars().collect();
            for _ in 0..1 + rng.below(3) {
                let i = rng.below(chars.len());
                chars[i] = *rng.pick(PALETTE);
            }
            chars.into_iter().collect()
        }
        4 => {
            let mut v: Value = serde_json::from_str(&seed).unwrap();
            mutate_value(rng, &mut v);
            v.to_string()
        }
        5 => random_value(rng, 0).to_string(),
        _ => {
            let mut v = random_value(rng, 1);
            if let Value::Object(o) = &mut v {
                o.insert("schema".into(), json!("attune"));
                o.insert("version".into(), json!(1 + rng.below(4)));
            }
            v.to_string()
        }
    }
}

static FIRST_PANIC: Mutex<Option<String>> = Mutex::new(None);

#[test]
fn decoders_never_panic_and_accept_only_valid_stores() {
    const CASES: usize = 12_000;
    let current = decode(V2).unwrap().store;
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 14, 5, 9).unwrap();
    let seeds = vec![
        V1.to_string(),
        V2.to_string(),
        FUTURE.to_string(),
        backup_json(&current, now),
        encode(&Store::default()),
    ];
    panic::set_hook(Box::new(|info| {
        FIRST_PANIC
            .lock()
            .unwrap()
            .get_or_insert_with(|| info.to_string());
    }));

    let mut rng = Rng(0x5eed_a770_u64);
    let (mut ran, mut accepted, mut panics) = (0usize, 0usize, Vec::new());
    let mut inputs: Vec<String> = (0..CASES).map(|n| case(&mut rng, n, &seeds)).collect();
    inputs.push("[".repeat(100_000));
    inputs.push(format!(
        "{{\"schema\":\"attune\",\"version\":2,\"ratings\":{}",
        "[".repeat(100_000)
    ));
    for input in &inputs {
        ran += 1;
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            if let Ok(d) = decode(input) {
                assert_eq!(
                    validate(&d.store),
                    Ok(()),
                    "decode accepted an invalid store"
                );
                let p = preview_import(&current, input);
                assert_eq!(p.is_ok(), !d.read_only(), "import and decode disagree");
            }
            if let Ok(p) = preview_import(&current, input) {
                assert_eq!(
                    validate(&p.merged),
                    Ok(()),
                    "import produced an invalid store"
                );
                return true;
            }
            false
        }));
        match outcome {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(_) => panics.push(input.clone()),
        }
    }
    let _ = panic::take_hook();
    eprintln!(
        "fuzz: {ran} inputs, {accepted} imported, {} panicked",
        panics.len()
    );
    assert!(ran >= 10_000);
    assert!(accepted > 0, "mutations should leave some documents valid");
    assert!(
        panics.is_empty(),
        "{} of {ran} inputs panicked; first panic: {}; first input: {:?}",
        panics.len(),
        FIRST_PANIC.lock().unwrap().clone().unwrap_or_default(),
        panics[0]
    );
}
