//! The therapist page's catalogue, checked against the code that says its
//! sentences: every `tr("…")`, `trf("…")` and `trn("…", "…")` in `src/` is
//! read, and each shipped language must have each sentence, no sentence
//! nothing says any more, the English's placeholders (no more, no fewer),
//! its leading and trailing spaces (pieces of one sentence around a link),
//! and no markup. A missing translation fails here, not in front of a
//! therapist.

mod common_source;
use attune::domain::words::{es, fill, placeholders, Lang, Words};
use common_source::rust_files;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Reads the Rust string literal whose opening quote is at `bytes[at]`:
/// its value and the index after its closing quote.
fn literal(text: &str, at: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    assert_eq!(bytes[at], b'"');
    let mut out = String::new();
    let mut i = at + 1;
    while i < bytes.len() {
        let c = text[i..].chars().next().expect("a char");
        match c {
            '"' => return (out, i + 1),
            '\\' => {
                let n = bytes[i + 1];
                i += 2;
                match n {
                    b'n' => out.push('\n'),
                    b't' => out.push('\t'),
                    b'"' => out.push('"'),
                    b'\'' => out.push('\''),
                    b'\\' => out.push('\\'),
                    b'u' => {
                        let close = text[i..].find('}').expect("closed \\u{}") + i;
                        let hex = &text[i + 1..close];
                        out.push(
                            char::from_u32(u32::from_str_radix(hex, 16).expect("hex"))
                                .expect("a char"),
                        );
                        i = close + 1;
                    }
                    b'\n' => {
                        while i < bytes.len() && (bytes[i] as char).is_whitespace() {
                            i += 1;
                        }
                    }
                    other => panic!("escape \\{} not read here", other as char),
                }
            }
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    panic!("unclosed string literal")
}

/// Skips whitespace and comments from `i`.
fn skip_space(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        while i < b.len() && (b[i] as char).is_whitespace() {
            i += 1;
        }
        if text[i..].starts_with("//") {
            i += text[i..].find('\n').unwrap_or(text.len() - i);
        } else {
            return i;
        }
    }
}

/// The sentences one file says, with where (`file:line`), and the calls
/// that pass something other than a literal (the test cannot check those).
fn said_in(path: &Path, text: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut said = Vec::new();
    let mut opaque = Vec::new();
    let b = text.as_bytes();
    for name in ["tr", "trf", "trn"] {
        let pat = format!("{name}(");
        let mut from = 0;
        while let Some(pos) = text[from..].find(&pat) {
            let at = from + pos;
            from = at + pat.len();
            let before = if at == 0 { b' ' } else { b[at - 1] };
            if before.is_ascii_alphanumeric() || before == b'_' {
                continue;
            }
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start..];
            let line = &line[..line.find('\n').unwrap_or(line.len())];
            if line.trim_start().starts_with("//") || line.contains("fn ") {
                continue;
            }
            let place = format!(
                "{}:{}",
                path.display(),
                text[..at].matches('\n').count() + 1
            );
            let i = skip_space(text, from);
            if b[i] != b'"' {
                opaque.push(place);
                continue;
            }
            let (first, end) = literal(text, i);
            said.push((first, place.clone()));
            if name == "trn" {
                let j = skip_space(text, end);
                assert_eq!(b[j], b',', "{place}: trn(one, other, …)");
                let k = skip_space(text, j + 1);
                if b[k] != b'"' {
                    opaque.push(place);
                    continue;
                }
                said.push((literal(text, k).0, place));
            }
        }
    }
    (said, opaque)
}

/// Every sentence the code says, with one place it is said.
fn said() -> (BTreeMap<String, String>, Vec<String>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut all = BTreeMap::new();
    let mut opaque = Vec::new();
    for file in rust_files(&root.join("src")) {
        let rel = file.strip_prefix(&root).expect("under the crate");
        // The catalogue's tables are not sentences said.
        if rel.starts_with("src/domain/words/es") {
            continue;
        }
        let text = fs::read_to_string(&file).expect("readable");
        let (s, o) = said_in(rel, &text);
        for (sentence, place) in s {
            all.entry(sentence).or_insert(place);
        }
        // The functions that look sentences up pass theirs on.
        if !(rel.starts_with("src/domain/words") || rel.ends_with("ui/shared/words.rs")) {
            opaque.extend(o);
        }
    }
    (all, opaque)
}

/// The Spanish entries, with duplicates found.
fn spanish() -> (BTreeMap<&'static str, &'static str>, Vec<&'static str>) {
    let mut map = BTreeMap::new();
    let mut twice = Vec::new();
    for table in es::TABLES {
        for &(en, text) in table.iter() {
            if map.insert(en, text).is_some() {
                twice.push(en);
            }
        }
    }
    (map, twice)
}

#[test]
fn every_sentence_the_page_says_is_a_literal() {
    let (_, opaque) = said();
    assert!(
        opaque.is_empty(),
        "tr, trf and trn take a string literal, so the catalogue can be checked: {opaque:#?}"
    );
}

#[test]
fn spanish_has_every_sentence_the_page_says_and_no_other() {
    let (said, _) = said();
    let (es, twice) = spanish();
    assert!(twice.is_empty(), "in two tables: {twice:#?}");
    let missing: Vec<String> = said
        .iter()
        .filter(|(s, _)| !es.contains_key(s.as_str()))
        .map(|(s, place)| format!("{place}: {s:?}"))
        .collect();
    assert!(missing.is_empty(), "no Spanish for: {missing:#?}");
    let said_keys: BTreeSet<&str> = said.keys().map(String::as_str).collect();
    let unused: Vec<&&str> = es.keys().filter(|k| !said_keys.contains(**k)).collect();
    assert!(
        unused.is_empty(),
        "Spanish nothing says any more: {unused:#?}"
    );
}

#[test]
fn each_translation_keeps_the_placeholders_spaces_and_no_markup() {
    let (es, _) = spanish();
    let mut wrong = Vec::new();
    for (en, text) in es {
        if placeholders(en) != placeholders(text) {
            wrong.push(format!("placeholders differ: {en:?} / {text:?}"));
        }
        let ends = |s: &str| (s.starts_with(' '), s.ends_with(' '));
        if ends(en) != ends(text) {
            wrong.push(format!("spaces at the ends differ: {en:?} / {text:?}"));
        }
        if text.trim().is_empty() || text.contains('<') && !en.contains('<') {
            wrong.push(format!("empty or markup: {en:?} / {text:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// WCAG 2.5.3 (label in name): where the English names a control "Rename
/// {label}" for a button that shows "Rename", the Spanish name must hold
/// the Spanish button's text too, or a voice user saying what they see is
/// not understood. Any entry that is another entry followed by a
/// placeholder is read as such a pair.
#[test]
fn a_control_name_built_on_a_shown_word_keeps_that_word_in_spanish() {
    let (es, _) = spanish();
    let mut wrong = Vec::new();
    for (&name, &name_es) in &es {
        for (&shown, &shown_es) in &es {
            let built = name
                .strip_prefix(shown)
                .is_some_and(|rest| rest.starts_with(" {"));
            if built && !name_es.to_lowercase().contains(&shown_es.to_lowercase()) {
                wrong.push(format!("{name:?} is {name_es:?}, without {shown_es:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_sentence_is_said_in_the_page_language_and_in_english_by_default() {
    let es = Words::new(Lang::Es);
    assert_eq!(es.tr("Save language"), "Guardar idioma");
    assert_eq!(Words::EN.tr("Save language"), "Save language");
    assert_eq!(Words::default(), Words::EN);
    // Something the catalogue lacks is said in English, not left blank.
    assert_eq!(es.tr("no such sentence"), "no such sentence");
    assert_eq!(
        es.trf(
            "The language could not be stored on this device: {error}",
            &[("error", &"quota")]
        ),
        "No se pudo guardar el idioma en este dispositivo: quota"
    );
}

#[test]
fn a_count_takes_its_form_and_placeholders_are_filled() {
    let w = Words::EN;
    assert_eq!(w.trn("{n} client", "{n} clients", 1, &[]), "1 client");
    assert_eq!(w.trn("{n} client", "{n} clients", 0, &[]), "0 clients");
    assert_eq!(
        w.trn("{n} of {who}", "{n} of {who}'s", 3, &[("who", &"Ana")]),
        "3 of Ana's"
    );
    assert_eq!(fill("{a} and {b}", &[("a", &1)]), "1 and {b}");
    assert_eq!(fill("no close {", &[]), "no close {");
    assert_eq!(placeholders("{n} of {who}, {n}"), vec!["n", "who"]);
}

#[test]
fn a_tag_names_its_language_and_an_unknown_one_none() {
    assert_eq!(Lang::from_tag("es-419"), Some(Lang::Es));
    assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
    assert_eq!(Lang::from_tag("fr"), None);
    assert_eq!(Lang::from_tag(""), None);
    assert!(Lang::ALL
        .iter()
        .all(|l| Lang::from_tag(l.tag()) == Some(*l)));
    assert!(Lang::Es.decimal_comma() && !Lang::En.decimal_comma());
}

#[test]
fn a_number_on_screen_takes_the_page_language_decimal_mark() {
    assert_eq!(Words::new(Lang::Es).number("32.5 / 40"), "32,5 / 40");
    assert_eq!(Words::EN.number("32.5 / 40"), "32.5 / 40");
    assert_eq!(Words::new(Lang::Es).number(7), "7");
}

#[test]
fn a_refused_calibration_is_said_in_the_page_language_and_its_english_is_the_display() {
    use attune::domain::measures::calibration::CalibrationError;
    let e = CalibrationError::OutOfRange { px_per_mm: 1.234 };
    assert_eq!(e.words(Words::EN), e.to_string());
    let es = e.words(Words::new(Lang::Es));
    assert!(
        es.starts_with("ese ancho de tarjeta da 1,23 px por mm"),
        "{es}"
    );
    let none = CalibrationError::NotMeasured;
    assert_eq!(none.words(Words::EN), none.to_string());
}
