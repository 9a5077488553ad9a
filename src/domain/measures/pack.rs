//! Wording packs: the measures' words in other languages, or a licensed
//! clinic's official wording, loaded at run time instead of built in.
//!
//! Attune ships only wording written for the project (the official SRS and
//! ORS sentences are licensed and never enter the code base); a clinic that
//! holds a licence, or wants another language, supplies a pack file. The
//! pack replaces words only: every scale keeps its built-in id, version,
//! item ids and order, its 0–10 lines and its faces, so scores, totals,
//! cutoffs and histories never depend on the wording.
//!
//! [`read_pack`] is strict, because a pack is shown to clients as if it were
//! the measure: every language carries every measure and every item of it,
//! in the built-in order; every text is present, within its length and free
//! of markup and control characters; nothing unknown is accepted. A refusal
//! names where the problem is and what it is, and the caller changes
//! nothing.

use crate::domain::measures::messages::{Msg, MESSAGE_MAX};
use crate::domain::measures::scale::{ScaleDefinition, ScaleItem, Scales};
use crate::domain::words::Words;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The `format` every pack file names, so another JSON file is refused at once.
pub const PACK_FORMAT: &str = "attune-wording-pack";

/// The newest pack format this build reads.
pub const PACK_FORMAT_VERSION: u32 = 1;

/// The largest pack file accepted, in bytes: ample for dozens of languages,
/// and small enough to keep beside the settings on any device.
pub const PACK_MAX_BYTES: usize = 512 * 1024;

/// The most languages one pack may hold.
pub const PACK_MAX_LANGUAGES: usize = 40;

/// The longest text of each kind, in characters. The form is laid out for
/// the built-in wording; these leave room for longer languages (German,
/// Finnish) without letting a pack push the lines off a phone's screen.
pub mod limits {
    /// A pack's or a scale's name, or a language's own name.
    pub const NAME: usize = 120;
    /// The licence line.
    pub const LICENCE: usize = 400;
    /// The form's heading (a question to the person rating).
    pub const HEADING: usize = 160;
    /// The form's instructions under the heading.
    pub const INTRO: usize = 600;
    /// An item's title (the slider's accessible name).
    pub const TITLE: usize = 60;
    /// A description of one end of a line.
    pub const END: usize = 200;
    /// The script read aloud for an item.
    pub const READ_ALOUD: usize = 800;
}

/// A pack as the file holds it. Unknown fields are refused, so a misspelt
/// key is named instead of silently ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    /// Checked on the raw value first (see [`read_pack`]); named here so
    /// the field is not refused as unknown.
    #[serde(rename = "format")]
    _format: serde::de::IgnoredAny,
    format_version: u32,
    id: String,
    version: u32,
    name: String,
    licence: String,
    languages: Vec<LanguageFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    language: String,
    name: String,
    #[serde(default)]
    right_to_left: bool,
    measures: BTreeMap<String, MeasureFile>,
    /// The form's own sentences in this language, by key (see [`Msg::key`]):
    /// all of them or none.
    #[serde(default)]
    messages: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureFile {
    name: String,
    heading: String,
    intro: String,
    items: Vec<ItemFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    id: String,
    title: String,
    left: String,
    right: String,
    read_aloud: String,
}

/// A pack that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pack {
    /// The pack's own id (`clinic-licensed-2026`), recorded with each rating
    /// given in its wording.
    pub id: String,
    /// The pack's version, recorded with each rating beside the id.
    pub version: u32,
    /// What the therapist sees in Settings.
    pub name: String,
    /// Whose licence the wording is used under, shown in Settings and with
    /// the scales' wording note.
    pub licence: String,
    /// The languages, in the file's order.
    pub languages: Vec<PackLanguage>,
}

/// One language of a pack: every scale in its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackLanguage {
    /// The BCP 47 language tag (`es`, `es-419`, `ar`).
    pub tag: String,
    /// The language's own name (`Español`), for the therapist's picker.
    pub name: String,
    /// Written right to left (Arabic, Hebrew, Persian, Urdu).
    pub right_to_left: bool,
    /// The five scales in this language, with the built-in ids, versions,
    /// items and faces.
    pub scales: Scales,
    /// The form's own sentences (its buttons, hints and thank-you) in this
    /// language, in [`Msg::ALL`]'s order; empty when the pack gives none
    /// (then Attune's own for the language, or the English, are used).
    pub messages: Vec<(Msg, String)>,
}

impl Pack {
    /// The language with this tag (compared without regard to case).
    pub fn language(&self, tag: &str) -> Option<&PackLanguage> {
        self.languages
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(tag))
    }
}

/// What is wrong with a pack, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackError {
    /// Where in the pack, as a person would find it (`language 1 (es) ›
    /// ORS › item 2 (interpersonal) › left end`); empty for the whole file.
    pub at: String,
    /// What is wrong there.
    pub problem: Problem,
}

/// The kinds of refusal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Larger than [`PACK_MAX_BYTES`].
    TooLarge(usize),
    /// Not UTF-8 text (saved in another encoding).
    NotUtf8,
    /// Not JSON of the pack's shape (serde's words: the field, the line).
    Shape(String),
    /// Another kind of file (its `format` is not [`PACK_FORMAT`]).
    NotAPack,
    /// Written by a newer Attune.
    NewerFormat(u32),
    /// An id that is empty or holds more than letters, digits, `-`, `_`, `.`.
    BadId,
    /// A pack version of 0.
    BadVersion,
    /// No languages at all, or more than [`PACK_MAX_LANGUAGES`].
    LanguageCount(usize),
    /// A language tag not shaped like BCP 47 (`es`, `es-419`, `pt-BR`).
    BadLanguageTag(String),
    /// The same language twice.
    DuplicateLanguage(String),
    /// A measure Attune does not have.
    UnknownMeasure(String),
    /// A measure the language leaves out.
    MissingMeasure(String),
    /// Items that are not the built-in ones, in the built-in order.
    Items {
        /// The built-in item ids, in order.
        expected: Vec<String>,
        /// What the pack holds.
        found: Vec<String>,
    },
    /// A text that is empty or only spaces.
    Empty,
    /// A text longer than its limit (characters).
    TooLong {
        /// The limit.
        max: usize,
        /// The text's length.
        len: usize,
    },
    /// A `<` or `>`: packs hold plain words, never markup.
    Markup,
    /// A control character (a tab, a line break, anything unprintable).
    Control,
    /// A message key the form does not have.
    UnknownMessage(String),
    /// A message left out where the language gives the others.
    MissingMessage(String),
    /// A message without the placeholder (`{n}`, `{v}`) its number goes in,
    /// or with it more than once; empty: braces in a message without a number.
    Placeholder(String),
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.at.is_empty() {
            write!(f, "{}: ", self.at)?;
        }
        match &self.problem {
            Problem::TooLarge(n) => write!(
                f,
                "the file is {} KB; a wording pack may be at most {} KB",
                n.div_ceil(1024),
                PACK_MAX_BYTES / 1024
            ),
            Problem::NotUtf8 => write!(
                f,
                "the file is not UTF-8 text; save it as UTF-8 and load it again"
            ),
            Problem::Shape(why) => write!(f, "this is not a wording pack of the expected shape ({why})"),
            Problem::NotAPack => write!(f, "this file is not a wording pack (its \"format\" is not \"{PACK_FORMAT}\")"),
            Problem::NewerFormat(v) => write!(
                f,
                "this pack is in format {v}, made for a newer Attune; this one reads format {PACK_FORMAT_VERSION}"
            ),
            Problem::BadId => write!(f, "the id must be letters, digits, \"-\", \"_\" or \".\" (and not empty)"),
            Problem::BadVersion => write!(f, "the version must be a whole number from 1"),
            Problem::LanguageCount(n) => write!(
                f,
                "a pack holds from 1 to {PACK_MAX_LANGUAGES} languages, this one {n}"
            ),
            Problem::BadLanguageTag(t) => write!(
                f,
                "\"{t}\" is not a language tag (like \"es\", \"es-419\" or \"pt-BR\")"
            ),
            Problem::DuplicateLanguage(t) => write!(f, "the language \"{t}\" appears twice"),
            Problem::UnknownMeasure(m) => write!(f, "Attune has no measure \"{m}\""),
            Problem::MissingMeasure(m) => write!(f, "the measure \"{m}\" is missing"),
            Problem::Items { expected, found } => write!(
                f,
                "the items must be {} in this order; the pack has {}",
                quoted(expected),
                if found.is_empty() { "none".to_string() } else { quoted(found) }
            ),
            Problem::Empty => write!(f, "the text is empty"),
            Problem::TooLong { max, len } => {
                write!(f, "the text is {len} characters long; at most {max} fit")
            }
            Problem::Markup => write!(f, "the text holds \"<\" or \">\"; packs hold plain words, not markup"),
            Problem::Control => write!(
                f,
                "the text holds a line break, a tab or another control character"
            ),
            Problem::UnknownMessage(k) => write!(f, "Attune has no message \"{k}\""),
            Problem::MissingMessage(k) => write!(
                f,
                "the message \"{k}\" is missing (a language gives all of the form's messages or none)"
            ),
            Problem::Placeholder(p) if p.is_empty() => {
                write!(f, "the text holds \"{{\" or \"}}\", which mark only where a number goes")
            }
            Problem::Placeholder(p) => {
                write!(f, "the text must hold {p} once, where the number goes")
            }
        }
    }
}

impl PackError {
    /// The refusal in the therapist page's language `w` (`Display` keeps
    /// Attune's English): the place, then what is wrong there. The pack's
    /// own field names, ids and message keys stay as the file spells them.
    /// Only Settings says this: the form never shows a pack's refusal.
    pub fn words(&self, w: Words) -> String {
        let what = match &self.problem {
            Problem::TooLarge(n) => w.trf(
                "the file is {size} KB; a wording pack may be at most {max} KB",
                &[("size", &n.div_ceil(1024)), ("max", &(PACK_MAX_BYTES / 1024))],
            ),
            Problem::NotUtf8 => w
                .tr("the file is not UTF-8 text; save it as UTF-8 and load it again")
                .to_string(),
            Problem::Shape(why) => w.trf(
                "this is not a wording pack of the expected shape ({why})",
                &[("why", why)],
            ),
            Problem::NotAPack => w.trf(
                "this file is not a wording pack (its \"format\" is not \"{format}\")",
                &[("format", &PACK_FORMAT)],
            ),
            Problem::NewerFormat(v) => w.trf(
                "this pack is in format {v}, made for a newer Attune; this one reads format {ours}",
                &[("v", v), ("ours", &PACK_FORMAT_VERSION)],
            ),
            Problem::BadId => w
                .tr("the id must be letters, digits, \"-\", \"_\" or \".\" (and not empty)")
                .to_string(),
            Problem::BadVersion => w.tr("the version must be a whole number from 1").to_string(),
            Problem::LanguageCount(n) => w.trf(
                "a pack holds from 1 to {max} languages, this one {n}",
                &[("max", &PACK_MAX_LANGUAGES), ("n", n)],
            ),
            Problem::BadLanguageTag(t) => w.trf(
                "\"{tag}\" is not a language tag (like \"es\", \"es-419\" or \"pt-BR\")",
                &[("tag", t)],
            ),
            Problem::DuplicateLanguage(t) => {
                w.trf("the language \"{tag}\" appears twice", &[("tag", t)])
            }
            Problem::UnknownMeasure(m) => {
                w.trf("Attune has no measure \"{id}\"", &[("id", m)])
            }
            Problem::MissingMeasure(m) => {
                w.trf("the measure \"{id}\" is missing", &[("id", m)])
            }
            Problem::Items { expected, found } if found.is_empty() => w.trf(
                "the items must be {expected} in this order; the pack has none",
                &[("expected", &quoted(expected))],
            ),
            Problem::Items { expected, found } => w.trf(
                "the items must be {expected} in this order; the pack has {found}",
                &[("expected", &quoted(expected)), ("found", &quoted(found))],
            ),
            Problem::Empty => w.tr("the text is empty").to_string(),
            Problem::TooLong { max, len } => w.trf(
                "the text is {len} characters long; at most {max} fit",
                &[("len", len), ("max", max)],
            ),
            Problem::Markup => w
                .tr("the text holds \"<\" or \">\"; packs hold plain words, not markup")
                .to_string(),
            Problem::Control => w
                .tr("the text holds a line break, a tab or another control character")
                .to_string(),
            Problem::UnknownMessage(k) => {
                w.trf("Attune has no message \"{key}\"", &[("key", k)])
            }
            Problem::MissingMessage(k) => w.trf(
                "the message \"{key}\" is missing (a language gives all of the form's messages or none)",
                &[("key", k)],
            ),
            Problem::Placeholder(p) if p.is_empty() => w.trf(
                "the text holds \"{open}\" or \"{close}\", which mark only where a number goes",
                &[("open", &"{"), ("close", &"}")],
            ),
            Problem::Placeholder(p) => w.trf(
                "the text must hold {placeholder} once, where the number goes",
                &[("placeholder", p)],
            ),
        };
        if self.at.is_empty() {
            what
        } else {
            let place: Vec<String> = self.at.split(" › ").map(|p| place_words(p, w)).collect();
            format!("{}: {what}", place.join(" › "))
        }
    }
}

/// One step of a refusal's place (`language 1 (es)`, `item 2 (x)`, `left
/// end`) in `w`'s language; a field name, id or message key as it is.
fn place_words(step: &str, w: Words) -> String {
    let said = match step {
        "messages" => w.tr("messages"),
        "name" => w.tr("name"),
        "heading" => w.tr("heading"),
        "intro" => w.tr("intro"),
        "title" => w.tr("title"),
        "left end" => w.tr("left end"),
        "right end" => w.tr("right end"),
        "read aloud" => w.tr("read aloud"),
        _ => "",
    };
    if !said.is_empty() {
        return said.to_string();
    }
    if let Some(rest) = step.strip_prefix("language ") {
        return match rest.split_once(" (") {
            Some((n, tag)) => w.trf(
                "language {n} ({tag})",
                &[("n", &n), ("tag", &tag.trim_end_matches(')'))],
            ),
            None => w.trf("language {n}", &[("n", &rest)]),
        };
    }
    if let Some((n, id)) = step.strip_prefix("item ").and_then(|r| r.split_once(" (")) {
        return w.trf(
            "item {n} ({id})",
            &[("n", &n), ("id", &id.trim_end_matches(')'))],
        );
    }
    for (en, said) in [
        ("child SRS", w.tr("child SRS")),
        ("child ORS", w.tr("child ORS")),
        ("group SRS", w.tr("group SRS")),
    ] {
        if let Some(rest) = step.strip_prefix(en) {
            return format!("{said}{rest}");
        }
    }
    match step.strip_prefix("measure ") {
        Some(id) => w.trf("measure {id}", &[("id", &id)]),
        None => step.to_string(),
    }
}

fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn refuse<T>(at: impl Into<String>, problem: Problem) -> Result<T, PackError> {
    Err(PackError {
        at: at.into(),
        problem,
    })
}

/// Checks one text: present, within `max` characters, plain.
fn text(at: &str, s: &str, max: usize) -> Result<String, PackError> {
    if s.trim().is_empty() {
        return refuse(at, Problem::Empty);
    }
    let len = s.chars().count();
    if len > max {
        return refuse(at, Problem::TooLong { max, len });
    }
    if s.contains(['<', '>']) {
        return refuse(at, Problem::Markup);
    }
    if s.chars().any(char::is_control) {
        return refuse(at, Problem::Control);
    }
    Ok(s.trim().to_string())
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A BCP 47 tag's shape: a 2–3 letter language, then subtags of 1–8
/// letters or digits (`es`, `es-419`, `pt-BR`, `zh-Hant-TW`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && tag.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Where a measure is named in a refusal: its built-in id and what it is.
fn measure_label(id: &str) -> String {
    let what = match id {
        "srs-attune" => "SRS",
        "ors-attune" => "ORS",
        "srs-child-attune" => "child SRS",
        "ors-child-attune" => "child ORS",
        "srs-group-attune" => "group SRS",
        _ => return format!("measure \"{id}\""),
    };
    format!("{what} (\"{id}\")")
}

/// [`read_pack`] on a file's bytes: UTF-8, with or without a byte-order
/// mark; any other encoding is refused rather than guessed at.
pub fn read_pack_bytes(bytes: &[u8], builtin: &Scales) -> Result<Pack, PackError> {
    if bytes.len() > PACK_MAX_BYTES {
        return refuse("", Problem::TooLarge(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| PackError {
        at: String::new(),
        problem: Problem::NotUtf8,
    })?;
    read_pack(text, builtin)
}

/// Reads and checks a pack file against the scales it words (`builtin`:
/// [`Scales::builtin`] in the app). Every language must word every one of
/// them. On success each language's scales are the built-in ones with the
/// pack's words; on refusal, the first problem found, in the file's order.
pub fn read_pack(file: &str, builtin: &Scales) -> Result<Pack, PackError> {
    if file.len() > PACK_MAX_BYTES {
        return refuse("", Problem::TooLarge(file.len()));
    }
    // The format is checked before the shape, so another JSON file (a
    // backup, a scale definition) is named as such, not by its first field.
    let value: serde_json::Value = serde_json::from_str(file).map_err(|e| PackError {
        at: String::new(),
        problem: Problem::Shape(e.to_string()),
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(PACK_FORMAT) {
        return refuse("", Problem::NotAPack);
    }
    if let Some(v) = value.get("format_version").and_then(|v| v.as_u64()) {
        if v > u64::from(PACK_FORMAT_VERSION) {
            return refuse(
                "",
                Problem::NewerFormat(u32::try_from(v).unwrap_or(u32::MAX)),
            );
        }
    }
    let pack: PackFile = serde_json::from_value(value).map_err(|e| PackError {
        at: String::new(),
        problem: Problem::Shape(e.to_string()),
    })?;
    if pack.format_version == 0 {
        return refuse("format_version", Problem::BadVersion);
    }
    if !is_id(&pack.id) {
        return refuse("id", Problem::BadId);
    }
    if pack.version == 0 {
        return refuse("version", Problem::BadVersion);
    }
    let name = text("name", &pack.name, limits::NAME)?;
    let licence = text("licence", &pack.licence, limits::LICENCE)?;
    let n = pack.languages.len();
    if n == 0 || n > PACK_MAX_LANGUAGES {
        return refuse("languages", Problem::LanguageCount(n));
    }
    let mut languages: Vec<PackLanguage> = Vec::with_capacity(n);
    for (i, lang) in pack.languages.iter().enumerate() {
        let at = format!("language {} ({})", i + 1, lang.language);
        if !is_language_tag(&lang.language) {
            return refuse(
                format!("language {}", i + 1),
                Problem::BadLanguageTag(lang.language.clone()),
            );
        }
        if languages
            .iter()
            .any(|l| l.tag.eq_ignore_ascii_case(&lang.language))
        {
            return refuse(at, Problem::DuplicateLanguage(lang.language.clone()));
        }
        let own_name = text(&format!("{at} › name"), &lang.name, limits::NAME)?;
        if let Some(unknown) = lang
            .measures
            .keys()
            .find(|k| builtin.all().iter().all(|s| &s.id != *k))
        {
            return refuse(at, Problem::UnknownMeasure(unknown.clone()));
        }
        let word = |scale: &ScaleDefinition| -> Result<ScaleDefinition, PackError> {
            let Some(m) = lang.measures.get(&scale.id) else {
                return refuse(at.as_str(), Problem::MissingMeasure(scale.id.clone()));
            };
            measure(
                &format!("{at} › {}", measure_label(&scale.id)),
                scale,
                m,
                &name,
            )
        };
        let scales = Scales {
            srs: word(&builtin.srs)?,
            ors: word(&builtin.ors)?,
            child_srs: word(&builtin.child_srs)?,
            child_ors: word(&builtin.child_ors)?,
            group_srs: word(&builtin.group_srs)?,
        };
        let messages = messages(&at, &lang.messages)?;
        languages.push(PackLanguage {
            tag: lang.language.clone(),
            name: own_name,
            right_to_left: lang.right_to_left,
            scales,
            messages,
        });
    }
    Ok(Pack {
        id: pack.id,
        version: pack.version,
        name,
        licence,
        languages,
    })
}

/// The form's sentences of one language: none, or every [`Msg`] once,
/// plain, within [`MESSAGE_MAX`], each keeping its placeholder.
fn messages(at: &str, given: &BTreeMap<String, String>) -> Result<Vec<(Msg, String)>, PackError> {
    let at = format!("{at} › messages");
    if let Some(k) = given.keys().find(|k| Msg::from_key(k).is_none()) {
        return refuse(at, Problem::UnknownMessage(k.clone()));
    }
    if given.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(Msg::ALL.len());
    for m in Msg::ALL {
        let Some(t) = given.get(m.key()) else {
            if m.optional() {
                continue;
            }
            return refuse(at, Problem::MissingMessage(m.key().to_string()));
        };
        let here = format!("{at} › {}", m.key());
        let t = text(&here, t, MESSAGE_MAX)?;
        match m.placeholder() {
            // Once, and no other brace: the form fills the first `{`.
            Some(p) if t.matches(p).count() != 1 || t.replace(p, "").contains(['{', '}']) => {
                return refuse(here, Problem::Placeholder(p.to_string()))
            }
            None if t.contains(['{', '}']) => {
                return refuse(here, Problem::Placeholder(String::new()))
            }
            _ => {}
        }
        out.push((m, t));
    }
    Ok(out)
}

/// One measure in one language: the built-in scale with the pack's words.
fn measure(
    at: &str,
    builtin: &ScaleDefinition,
    m: &MeasureFile,
    pack_name: &str,
) -> Result<ScaleDefinition, PackError> {
    let expected: Vec<String> = builtin.items.iter().map(|i| i.id.clone()).collect();
    let found: Vec<String> = m.items.iter().map(|i| i.id.clone()).collect();
    if expected != found {
        return refuse(at, Problem::Items { expected, found });
    }
    let mut items = Vec::with_capacity(m.items.len());
    for (n, (item, base)) in m.items.iter().zip(&builtin.items).enumerate() {
        let here = format!("{at} › item {} ({})", n + 1, item.id);
        items.push(ScaleItem {
            id: base.id.clone(),
            title: text(&format!("{here} › title"), &item.title, limits::TITLE)?,
            left: text(&format!("{here} › left end"), &item.left, limits::END)?,
            right: text(&format!("{here} › right end"), &item.right, limits::END)?,
            read_aloud: text(
                &format!("{here} › read aloud"),
                &item.read_aloud,
                limits::READ_ALOUD,
            )?,
        });
    }
    Ok(ScaleDefinition {
        id: builtin.id.clone(),
        version: builtin.version,
        name: text(&format!("{at} › name"), &m.name, limits::NAME)?,
        heading: text(&format!("{at} › heading"), &m.heading, limits::HEADING)?,
        intro: text(&format!("{at} › intro"), &m.intro, limits::INTRO)?,
        wording_note: format!("Wording from the pack \"{pack_name}\"."),
        items,
        faces: builtin.faces,
    })
}
