//! A client's language for the measures: which languages a therapist can
//! choose from, the wording a rating was given in, and the small text the
//! therapist page leaves for the form ([`encode_words`], read by
//! [`read_words`]).
//!
//! Why a text of its own: the form (a client's tablet, the first load)
//! parses no JSON and never reads the client records or a pack. The
//! therapist page, which has both, writes each chosen language's words once
//! as plain lines, and the form reads the few lines of the scale it draws
//! for the client it rates. Its first load grows by that reader only, and a
//! device where no client has a language stores nothing at all.
//!
//! The words never touch a number: the scale keeps its built-in id, version
//! and items, so scores, totals, cutoffs and status are the same in every
//! language; the rating only records which wording it was shown in
//! ([`Wording`]).

use crate::domain::measures::messages::{decimal_comma, shipped, FormWords, Msg};
use crate::domain::measures::pack::{Pack, PackLanguage};
use crate::domain::measures::scale::{ScaleDefinition, Scales};
use serde::{Deserialize, Serialize};

/// Attune's own wording in Spanish (`packs/es.json`), offered on the
/// therapist page beside the built-in English without loading any pack. It
/// is Attune's translation of its own wording, not the official text (see
/// `docs/wording-packs.md`), so it may ship.
pub const SHIPPED_ES: &str = include_str!("../../../packs/es.json");

/// The localStorage key of the words the therapist page leaves for the form.
pub const WORDS_KEY: &str = "attune.words";

/// The first line of that text: its format, so a later Attune can change it.
const WORDS_HEAD: &str = "attune-words 1";

/// The client id under which [`encode_words`] carries the device's wording
/// for every client without a language of their own, and for a rating of
/// no client (a clinic licensed for the official text shows it to all).
/// Generated client ids never are `*`.
pub const EVERY_CLIENT: &str = "*";

/// The (client id, language) pairs [`encode_words`] takes: each client's
/// own language, then `every`, the device's wording, under
/// [`EVERY_CLIENT`]. A client whose id is `*` (any id can come from a
/// backup or another device) is left out: its line would pass for the
/// device's and put its language on every client's form.
pub fn chosen_languages<'a>(
    clients: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    every: Option<&'a str>,
) -> Vec<(&'a str, &'a str)> {
    clients
        .into_iter()
        .filter(|(id, _)| *id != EVERY_CLIENT)
        .filter_map(|(id, tag)| tag.map(|t| (id, t)))
        .chain(every.map(|t| (EVERY_CLIENT, t)))
        .collect()
}

/// The wording a rating was given in, when not Attune's own English (a
/// rating without one was): the language, its own name, and the pack and
/// version the words came from (`attune-es` for Attune's own Spanish).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    /// The BCP 47 tag (`es`).
    pub language: String,
    /// The language's own name (`Español`), so the history reads the same
    /// after the pack is removed.
    pub name: String,
    /// The pack's id.
    pub pack: String,
    /// The pack's version.
    pub version: u32,
}

impl Wording {
    /// How a history or an export names it: `Español (es)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.language)
    }

    /// The CSV cell: `es attune-es 1`, one cell a spreadsheet can split.
    pub fn cell(&self) -> String {
        format!("{} {} {}", self.language, self.pack, self.version)
    }
}

/// How a history names a rating given in Attune's own English.
pub const BUILT_IN_LABEL: &str = "English (en)";

/// One language a therapist may choose for a client, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offered {
    /// The tag stored on the client.
    pub tag: String,
    /// What the picker shows: `Español (es)`, with the pack's name when the
    /// words come from a loaded pack.
    pub label: String,
}

/// Attune's own Spanish, read and checked like any pack (it is tested to
/// pass, so `None` only for a broken build).
pub fn shipped_spanish(builtin: &Scales) -> Option<Pack> {
    crate::domain::measures::pack::read_pack(SHIPPED_ES, builtin).ok()
}

/// Where the words of `tag` come from: the loaded pack first (a clinic's
/// licensed wording), else Attune's own Spanish for `es`; `None` when
/// neither has it (the client then rates in the built-in English).
pub fn resolve<'a>(
    tag: &str,
    loaded: Option<&'a Pack>,
    shipped: Option<&'a Pack>,
) -> Option<(&'a Pack, &'a PackLanguage)> {
    loaded
        .into_iter()
        .chain(shipped)
        .find_map(|p| p.language(tag).map(|l| (p, l)))
}

/// The languages a client's page offers beyond the built-in English: each
/// language of the loaded pack, then Attune's own Spanish unless the pack
/// words Spanish itself.
pub fn offered(loaded: Option<&Pack>, shipped: Option<&Pack>) -> Vec<Offered> {
    let mut out: Vec<Offered> = Vec::new();
    for p in loaded.into_iter().chain(shipped) {
        for l in &p.languages {
            if out.iter().any(|o| o.tag.eq_ignore_ascii_case(&l.tag)) {
                continue;
            }
            out.push(Offered {
                tag: l.tag.clone(),
                label: format!("{} ({}), {}", l.name, l.tag, p.name),
            });
        }
    }
    out
}

/// The text left for the form: for each client with a language (`clients`:
/// id and tag), the language its words come from, and each language's
/// words once. Tags neither source has are left out (that client rates in
/// English, as the client's page says). Empty when there is nothing to say,
/// so the shell removes the key. The same as [`encode_form_words`] with no
/// client reading aloud.
///
/// Per language, after its name line: `d⇥rtl` for a language written right
/// to left; `d⇥comma` when its sentences write marks with a decimal comma;
/// `m⇥<key>` and its text for each of the form's own sentences ([`Msg`])
/// the language has (the pack's, else Attune's own for that language, else
/// none: the form says them in English); then the scales (see
/// [`encode_form_words`]). The `d` and `m` lines came after the head's
/// format 1 and keep it: a reader from before them passes over lines it does
/// not know, and a text written before them reads as a language without
/// sentences of its own.
pub fn encode_words(
    clients: &[(&str, &str)],
    loaded: Option<&Pack>,
    shipped: Option<&Pack>,
) -> String {
    encode_form_words(clients, &[], loaded, shipped)
}

/// The text left for the form, as [`encode_words`], with an `a⇥<client id>`
/// line for each client in `aloud` (the lines read aloud, see
/// [`crate::domain::measures::aloud`]) right after the head. A client who
/// reads aloud in Attune's own English needs no words written: the form
/// then reads its built-in ones. A form from before read-aloud skips the
/// `a` lines (it looks only for its `c`, `l` and `s` lines), so the head
/// stays `attune-words 1`.
///
/// One field a line, each line ended by a line break: the head;
/// `a⇥<client id>` per client reading aloud; `c⇥<client id>⇥<tag>` per
/// client; per language `l⇥<tag>`, its pack's id, the pack's version and
/// the language's own name; then per scale `s⇥<scale id>⇥<version>`
/// followed by its heading, its intro and each item's title, left and right
/// end. Structure lines hold tabs and pack texts never do (the pack's checks
/// refuse control characters), so no text is ever read as structure. One
/// field a line keeps the form's reader a plain walk down the lines (its
/// first load carries that walk only).
///
/// `clients` may hold [`EVERY_CLIENT`] with the device's language: the
/// form then draws it for every other client, and a client whose own tag
/// neither source has still gets their line (pointing at no words: the
/// built-in English, as that client's page says), so the device's words
/// never stand in for a choice the therapist made.
pub fn encode_form_words(
    clients: &[(&str, &str)],
    aloud: &[&str],
    loaded: Option<&Pack>,
    shipped: Option<&Pack>,
) -> String {
    let mut heard = String::new();
    for id in aloud {
        // As for a language below: an id that would write structure is
        // left out (that client's lines are not read aloud).
        if !id.chars().any(char::is_control) {
            heard.push_str(&format!("a\t{id}\n"));
        }
    }
    let mut out = String::new();
    let mut langs: Vec<(&Pack, &PackLanguage)> = Vec::new();
    // Whether the device's words are in use: only then does a client's
    // unworded choice need its own line.
    let every = clients
        .iter()
        .any(|(id, tag)| *id == EVERY_CLIENT && resolve(tag, loaded, shipped).is_some());
    for (id, tag) in clients {
        // An id with a line break or a tab (a record from a backup or
        // another device can hold any) would write structure: that client
        // rates in English rather than words go to another.
        if id.chars().any(char::is_control) {
            continue;
        }
        let Some((p, l)) = resolve(tag, loaded, shipped) else {
            if every {
                // A tag no source has is any text (a record from a backup or
                // another device): one holding a line break or a tab would
                // write structure. Such a tag names no words either way.
                let tag = if tag.contains(['\n', '\t']) { "?" } else { tag };
                out.push_str(&format!("c\t{id}\t{tag}\n"));
            }
            continue;
        };
        out.push_str(&format!("c\t{id}\t{}\n", l.tag));
        if !langs.iter().any(|(_, x)| x.tag == l.tag) {
            langs.push((p, l));
        }
    }
    if langs.is_empty() {
        // No words to give: the `a` lines alone, if any.
        return if heard.is_empty() {
            heard
        } else {
            format!("{WORDS_HEAD}\n{heard}")
        };
    }
    for (p, l) in langs {
        out.push_str(&format!(
            "l\t{}\n{}\n{}\n{}\n",
            l.tag, p.id, p.version, l.name
        ));
        if l.right_to_left {
            out.push_str("d\trtl\n");
        }
        let said = sentences(l);
        // Marks in the language's own sentences take its decimal mark (in
        // the English ones, the point).
        if !said.is_empty() && decimal_comma(&l.tag) {
            out.push_str("d\tcomma\n");
        }
        for (m, text) in said {
            // Never structure: a text with a line break or a tab is left
            // out (the form says that sentence in English).
            if !text.chars().any(char::is_control) {
                out.push_str(&format!("m\t{}\n{text}\n", m.key()));
            }
        }
        for s in l.scales.all() {
            out.push_str(&format!(
                "s\t{}\t{}\n{}\n{}\n",
                s.id, s.version, s.heading, s.intro
            ));
            for i in &s.items {
                out.push_str(&format!("{}\n{}\n{}\n", i.title, i.left, i.right));
            }
        }
    }
    format!("{WORDS_HEAD}\n{heard}{out}")
}

/// Whether the words text (as [`encode_form_words`] writes it) may change
/// what the form draws for a draft: any text for a draft for a client (their
/// language, their lines read aloud), and for a draft of no client only the
/// device's wording ([`EVERY_CLIENT`]). `web/paint.js` decides the same
/// before any wasm has loaded.
pub fn words_reach(text: &str, for_client: bool) -> bool {
    for_client || text.contains("\nc\t*\t")
}

/// Whether the text [`encode_form_words`] wrote asks the form to read the
/// client `client_id`'s lines aloud. Its `a` lines come right after the
/// head, so the walk stops at the first other line; a text without any (an
/// earlier therapist page's) reads no line aloud.
pub fn reads_aloud(text: &str, client_id: &str) -> bool {
    let mut rest = text;
    if line(&mut rest) != Some(WORDS_HEAD) {
        return false;
    }
    while let Some(l) = line(&mut rest) {
        match l.strip_prefix("a\t") {
            Some(id) if id == client_id => return true,
            Some(_) => {}
            None => return false,
        }
    }
    false
}

/// The form's sentences in a pack's language: the pack's own, else
/// Attune's for that language (Spanish), else none. A message a pack may
/// leave out ([`Msg::optional`]) and left out is Attune's for that
/// language, if any (else the form says it in English).
fn sentences(l: &PackLanguage) -> Vec<(Msg, String)> {
    let ours = shipped(&l.tag);
    if !l.messages.is_empty() {
        let mut out = l.messages.clone();
        if let Some(f) = ours {
            for m in Msg::ALL {
                if !out.iter().any(|(x, _)| *x == m) {
                    out.push((m, f(m).to_string()));
                }
            }
        }
        return out;
    }
    ours.map_or_else(Vec::new, |f| {
        Msg::ALL.iter().map(|&m| (m, f(m).to_string())).collect()
    })
}

/// The form's sentences and direction for the client `client_id`, from the
/// text [`encode_words`] wrote; `None` (the built-in English, left to right)
/// when the text names no language for this client. A sentence the text
/// lacks, or a key this build does not know, leaves that sentence English.
pub fn read_form_words(text: &str, client_id: &str) -> Option<FormWords> {
    let mut none = ScaleDefinition {
        id: String::new(),
        version: 0,
        name: String::new(),
        heading: String::new(),
        intro: String::new(),
        wording_note: String::new(),
        items: Vec::new(),
        faces: false,
    };
    read_client(text, client_id, &mut none).1
}

/// Puts the words of the client `client_id`'s language into `scale` (the
/// built-in scale a draft is on), from the text [`encode_words`] wrote, and
/// returns the wording to record; `None`, with `scale` untouched (the
/// built-in words), when the text names no language for this client (nor
/// one for every client, [`EVERY_CLIENT`]), or lacks this scale and
/// version, or is cut short. A rating of no client passes `""`.
pub fn read_words(text: &str, client_id: &str, scale: &mut ScaleDefinition) -> Option<Wording> {
    read_client(text, client_id, scale).0
}

/// What the form reads for the client `client_id` in one walk: the words of
/// `scale` in their language with the wording to record (see
/// [`read_words`]), and the form's sentences and direction (see
/// [`read_form_words`]).
///
/// Written as one walk down the lines, with no iterator adapters and no
/// copy of the scale: this runs on the form, whose first load must not grow.
pub fn read_client(
    text: &str,
    client_id: &str,
    scale: &mut ScaleDefinition,
) -> (Option<Wording>, Option<FormWords>) {
    let mut rest = text;
    if line(&mut rest) != Some(WORDS_HEAD) {
        return (None, None);
    }
    let client = format!("c\t{client_id}\t");
    let want = format!("s\t{}\t{}", scale.id, scale.version);
    let mut lang = String::new();
    // The client's own line wins over the device's, whichever comes first.
    let mut own = false;
    let mut wording = None;
    let mut words: Option<FormWords> = None;
    while let Some(l) = line(&mut rest) {
        if let Some(tag) = l.strip_prefix(client.as_str()) {
            lang = format!("l\t{tag}");
            own = true;
        } else if let (false, Some(tag)) = (own, l.strip_prefix("c\t*\t")) {
            lang = format!("l\t{tag}");
        } else if l.starts_with("l\t") {
            // Another language after the one sought ends it.
            if words.is_some() {
                break;
            }
            if l == lang {
                let (Some(pack), Some(version), Some(name)) = (
                    line(&mut rest),
                    line(&mut rest).and_then(digits),
                    line(&mut rest),
                ) else {
                    return (None, None);
                };
                wording = Some(Wording {
                    language: lang[2..].to_string(),
                    pack: pack.to_string(),
                    version,
                    name: name.to_string(),
                });
                words = Some(FormWords {
                    lang: Some(lang[2..].to_string()),
                    rtl: false,
                    comma: false,
                    texts: vec![None; Msg::ALL.len()],
                });
            }
        } else if let Some(w) = words.as_mut() {
            if l == "d\trtl" {
                w.rtl = true;
            } else if l == "d\tcomma" {
                w.comma = true;
            } else if let Some(key) = l.strip_prefix("m\t") {
                let Some(text) = line(&mut rest) else { break };
                if let Some(m) = Msg::from_key(key) {
                    w.texts[m as usize] = Some(text.to_string());
                }
            } else if l == want {
                // Every line there first, so a text cut short changes
                // nothing. The sentences come before the scales: all read.
                if rest.bytes().filter(|&b| b == b'\n').count() >= 2 + 3 * scale.items.len() {
                    let mut take = || line(&mut rest).unwrap_or_default().to_string();
                    scale.heading = take();
                    scale.intro = take();
                    for item in &mut scale.items {
                        item.title = take();
                        item.left = take();
                        item.right = take();
                    }
                    return (wording, words);
                }
                break;
            }
        }
    }
    (None, words)
}

/// The next line of `rest` (each ends with a line break; a last one
/// without is a text cut short), and `rest` moved past it.
fn line<'a>(rest: &mut &'a str) -> Option<&'a str> {
    let i = rest.bytes().position(|b| b == b'\n')?;
    let l = &rest[..i];
    *rest = &rest[i + 1..];
    Some(l)
}

/// A version number written by [`encode_words`]: digits only. By hand, so
/// the form links no integer parser for it.
fn digits(s: &str) -> Option<u32> {
    let mut n: u32 = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
    }
    (!s.is_empty()).then_some(n)
}
