//! The therapist page's sentences in the therapist's language: every
//! sentence of the page (and of the domain's words it shows: reports,
//! prompts, errors) is written in the code in Attune's English and passed
//! through [`Words::tr`], [`Words::trf`] or [`Words::trn`], which give it in
//! the page's [`Lang`].
//!
//! Why keyed by the English (gettext's model) and not by an enum like the
//! form's [`crate::domain::measures::messages::Msg`]: the page holds several
//! hundred sentences, most said once, and a sentence read where it is used
//! is a sentence a reviewer can check against its screen. What an enum would
//! give (no missing and no unused translation) the native test
//! `tests/page_words.rs` gives instead: it reads every `tr("…")`, `trf("…")`
//! and `trn("…", "…")` in `src/` and fails on a sentence a shipped language
//! lacks, on a translation nothing says any more, and on a placeholder
//! (`{n}`) a translation dropped or invented. None of this is on the form's
//! first load: the form has its own catalogue.

pub mod es;
pub mod frame;
pub mod locale;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use std::fmt::Display;

/// A language the therapist page ships in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Attune's own English, as written in the code.
    En,
    /// Attune's own Spanish (neutral Latin American, a clinician's register).
    Es,
}

impl Lang {
    /// Every language, in the order the setting offers them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag (`lang` attribute, the stored setting).
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language named in its own words, as a chooser lists it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The language of a tag (`es-419` is Spanish); `None` when Attune does
    /// not ship its page in it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split('-').next().unwrap_or(tag).trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// Whether numbers are written with a decimal comma (`32,5`): Spanish of
    /// most of Latin America writes a point, but a page in Spanish chosen
    /// without a region follows [`locale::decimal_comma`].
    pub fn decimal_comma(self) -> bool {
        locale::decimal_comma(self.tag())
    }
}

/// The page's words in one language: a small copyable value the shell keeps
/// and passes to the domain wherever the domain writes a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    lang: Lang,
}

impl Default for Words {
    fn default() -> Self {
        Words::EN
    }
}

impl Words {
    /// Attune's English: what the domain's tests read.
    pub const EN: Words = Words { lang: Lang::En };

    /// The words of `lang`.
    pub const fn new(lang: Lang) -> Words {
        Words { lang }
    }

    /// The language.
    pub const fn lang(self) -> Lang {
        self.lang
    }

    /// `en` in this language. A sentence the catalogue lacks is said in
    /// English (the native test keeps that from shipping).
    pub fn tr(self, en: &'static str) -> &'static str {
        match self.lang {
            Lang::En => en,
            Lang::Es => es::find(en).unwrap_or(en),
        }
    }

    /// `en` in this language with its placeholders (`{name}`) filled.
    pub fn trf(self, en: &'static str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.tr(en), args)
    }

    /// A count's sentence: `one` when `n` takes the language's "one" form,
    /// else `other`, with `{n}` and the other placeholders filled.
    pub fn trn(
        self,
        one: &'static str,
        other: &'static str,
        n: usize,
        args: &[(&str, &dyn Display)],
    ) -> String {
        let text = if locale::plural_is_one(self.lang.tag(), n) {
            self.tr(one)
        } else {
            self.tr(other)
        };
        let mut all: Vec<(&str, &dyn Display)> = vec![("n", &n)];
        all.extend_from_slice(args);
        fill(text, &all)
    }
}

impl Words {
    /// Names joined as a sentence lists them: `A`, `A and B`, `A, B and C`
    /// (`A, B y C`). Spanish writes "e" for "y" before a word that starts
    /// with the sound "i" (`hi-` not followed by a vowel included), as a
    /// careful writer would.
    pub fn join(self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => {
                let rest = rest.join(", ");
                if self.lang == Lang::Es && starts_with_i_sound(last) {
                    format!("{rest} e {last}")
                } else {
                    self.trf("{rest} and {last}", &[("rest", &rest), ("last", last)])
                }
            }
        }
    }

    /// A calendar date as the page writes it among other words: English
    /// keeps `2026-06-20` (unambiguous in every English locale), Spanish
    /// writes day first, `20/06/2026`, as Latin America does.
    pub fn date(self, year: i32, month: u32, day: u32) -> String {
        match self.lang {
            Lang::En => format!("{year:04}-{month:02}-{day:02}"),
            Lang::Es => format!("{day:02}/{month:02}/{year:04}"),
        }
    }

    /// [`Words::date`] with a 24-hour clock time: `2026-06-20 10:00`,
    /// `20/06/2026 10:00`.
    pub fn date_time(self, year: i32, month: u32, day: u32, hour: u32, minute: u32) -> String {
        format!("{} {hour:02}:{minute:02}", self.date(year, month, day))
    }

    /// [`crate::domain::time::local_minutes`] as the page writes it
    /// ([`Words::date_time`]): the same in English.
    pub fn local_minutes(self, at: DateTime<Utc>, offset_east_minutes: i32) -> String {
        let t = at.naive_utc() + chrono::Duration::minutes(i64::from(offset_east_minutes));
        self.date_time(t.year(), t.month(), t.day(), t.hour(), t.minute())
    }

    /// The local calendar date alone as the page writes it
    /// ([`Words::date`]): `2026-11-22` in English.
    pub fn local_day(self, at: DateTime<Utc>, offset_east_minutes: i32) -> String {
        let t = at.naive_utc() + chrono::Duration::minutes(i64::from(offset_east_minutes));
        self.date(t.year(), t.month(), t.day())
    }

    /// A calendar date as the page writes it ([`Words::date`]).
    pub fn day(self, d: NaiveDate) -> String {
        self.date(d.year(), d.month(), d.day())
    }

    /// A number as the page writes it on screen: `32,5 / 40` with a
    /// decimal comma, `32.5 / 40` with a point (exports keep the point).
    pub fn number(self, text: impl Display) -> String {
        let text = text.to_string();
        if self.lang.decimal_comma() {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// `i…`, `í…`, `hi…` (not `hie…`, `hia…`: those start with "y").
fn starts_with_i_sound(word: &str) -> bool {
    let lower = word.trim_start().to_lowercase();
    let rest = lower.strip_prefix('h').unwrap_or(&lower);
    let mut chars = rest.chars();
    match chars.next() {
        Some('i' | 'í') => {
            lower.starts_with('i')
                || lower.starts_with('í')
                || !matches!(chars.next(), Some('a' | 'e' | 'o' | 'u'))
        }
        _ => false,
    }
}

/// `template` with every `{name}` of `args` replaced; a placeholder not in
/// `args` stays as written (the test shows it).
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of a text (`{n}`, `{name}`), sorted, each once: a
/// translation must carry exactly the English's.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.push(&after[..close]);
        rest = &after[close + 1..];
    }
    found.sort_unstable();
    found.dedup();
    found
}
