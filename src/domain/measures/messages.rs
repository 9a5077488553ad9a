//! The form's own sentences (the buttons, hints and thank-you of the rating
//! form and client mode, and what a screen reader says of a line) as one
//! typed catalogue: each sentence is a [`Msg`], Attune's English is built in
//! as `&'static str` ([`Msg::en`]), and every other language arrives as data
//! the therapist page writes beside the measure's words
//! ([`crate::domain::measures::language::encode_words`], read on the form
//! into [`FormWords`]).
//!
//! Why not Fluent: its crates (parser, resolver, ICU plural rules) would add
//! far more than the form's whole size budget leaves, and the form holds a
//! dozen sentences with one count among them. A closed enum makes a missing
//! translation of a shipped language a compile error (the match in
//! [`es`](mod@es) is exhaustive), its one count picks its form with
//! [`plural_is_one`] (CLDR's "one" for the languages Attune knows), and the
//! form's first load carries only the English and the reader: Spanish is in
//! the therapist page's code, never in the form's.

pub mod es;

use crate::domain::measures::score::Tenths;

/// One sentence of the form or client mode. The order is the catalogue's
/// (see [`Msg::ALL`]); the key ([`Msg::key`]) is what the words text and a
/// pack's `messages` name it by, so a text written by another Attune version
/// never puts one sentence in another's place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Msg {
    /// The button that saves the rating.
    Done,
    /// The therapist's button that takes every mark away.
    ClearAllMarks,
    /// The hint under Done with one line still blank (`{n}` is the count).
    LinesLeftOne,
    /// The hint under Done with more lines still blank (`{n}` is the count).
    LinesLeftOther,
    /// Client mode's way out to the PIN.
    TherapistUnlock,
    /// The thank-you's heading.
    ThankYou,
    /// The thank-you, when the answers were stored.
    Saved,
    /// The thank-you: the device goes back.
    HandBack,
    /// The thank-you while the screen is shared (telehealth).
    StopSharing,
    /// The thank-you's way to the review (outside client mode).
    OpenReview,
    /// The thank-you's way to another rating (outside client mode).
    NewRating,
    /// Said before a line's left end description.
    LeftEnd,
    /// Said before a line's right end description.
    RightEnd,
    /// A marked line, as a screen reader says it (`{v}` is the mark).
    ValueOutOf,
    /// A line not marked yet, as a screen reader says it.
    NotRatedYet,
    /// The button under a line that has the device read it aloud.
    ReadAloud,
    /// Said once on a client's form set to read aloud, where the device
    /// has no speech.
    NoSpeech,
}

impl Msg {
    /// Every message, in the catalogue's order (`m as usize` is its place).
    pub const ALL: [Msg; 17] = [
        Msg::Done,
        Msg::ClearAllMarks,
        Msg::LinesLeftOne,
        Msg::LinesLeftOther,
        Msg::TherapistUnlock,
        Msg::ThankYou,
        Msg::Saved,
        Msg::HandBack,
        Msg::StopSharing,
        Msg::OpenReview,
        Msg::NewRating,
        Msg::LeftEnd,
        Msg::RightEnd,
        Msg::ValueOutOf,
        Msg::NotRatedYet,
        Msg::ReadAloud,
        Msg::NoSpeech,
    ];

    /// The message's name in the words text and in a pack (`done`,
    /// `lines-left-one`): stable across versions.
    pub const fn key(self) -> &'static str {
        match self {
            Msg::Done => "done",
            Msg::ClearAllMarks => "clear-all-marks",
            Msg::LinesLeftOne => "lines-left-one",
            Msg::LinesLeftOther => "lines-left-other",
            Msg::TherapistUnlock => "therapist-unlock",
            Msg::ThankYou => "thank-you",
            Msg::Saved => "saved",
            Msg::HandBack => "hand-back",
            Msg::StopSharing => "stop-sharing",
            Msg::OpenReview => "open-review",
            Msg::NewRating => "new-rating",
            Msg::LeftEnd => "left-end",
            Msg::RightEnd => "right-end",
            Msg::ValueOutOf => "value-out-of",
            Msg::NotRatedYet => "not-rated-yet",
            Msg::ReadAloud => "read-aloud",
            Msg::NoSpeech => "no-speech",
        }
    }

    /// The message a key names, if any.
    pub fn from_key(key: &str) -> Option<Msg> {
        let mut i = 0;
        while i < Msg::ALL.len() {
            if Msg::ALL[i].key() == key {
                return Some(Msg::ALL[i]);
            }
            i += 1;
        }
        None
    }

    /// Attune's own English, built into the form.
    pub const fn en(self) -> &'static str {
        match self {
            Msg::Done => "Done",
            Msg::ClearAllMarks => "Clear all marks",
            Msg::LinesLeftOne => "{n} line still to mark",
            Msg::LinesLeftOther => "{n} lines still to mark",
            Msg::TherapistUnlock => "Therapist: unlock",
            Msg::ThankYou => "Thank you",
            Msg::Saved => "Your answers are saved.",
            Msg::HandBack => "Please hand the device back to your therapist.",
            Msg::StopSharing => {
                "Therapist: stop sharing your screen before you open the review; it is for you only."
            }
            Msg::OpenReview => "Therapist: open the review",
            Msg::NewRating => "New rating",
            Msg::LeftEnd => "Left end:",
            Msg::RightEnd => "Right end:",
            Msg::ValueOutOf => "{v} out of 10",
            Msg::NotRatedYet => "not rated yet",
            Msg::ReadAloud => "Read aloud",
            Msg::NoSpeech => "This device cannot read the lines aloud.",
        }
    }

    /// Whether a pack may leave the message out (its language then says it
    /// in Attune's own words for that language, else in English): the
    /// messages added after packs could first word the form's sentences, so
    /// a pack written before them is still good.
    pub const fn optional(self) -> bool {
        matches!(self, Msg::ReadAloud | Msg::NoSpeech)
    }

    /// The placeholder the message must carry (every language's text keeps
    /// it, or the count or the mark would be lost), if any.
    pub const fn placeholder(self) -> Option<&'static str> {
        match self {
            Msg::LinesLeftOne | Msg::LinesLeftOther => Some("{n}"),
            Msg::ValueOutOf => Some("{v}"),
            _ => None,
        }
    }
}

/// The longest message text a pack may give, in characters: the longest
/// English one is under 90, and the form's buttons must still fit a phone.
pub const MESSAGE_MAX: usize = 200;

/// The languages whose sentences Attune ships (besides its English).
pub const SHIPPED: &[&str] = &["es"];

/// Attune's own catalogue for `tag`, when Attune ships the interface in
/// that language (Spanish, any region): each message's text.
pub fn shipped(tag: &str) -> Option<fn(Msg) -> &'static str> {
    primary(tag)
        .eq_ignore_ascii_case("es")
        .then_some(es::es as fn(Msg) -> &'static str)
}

/// The language subtag of a BCP 47 tag (`es` of `es-419`), as written.
/// By bytes: a `char` search would grow the form's first load.
fn primary(tag: &str) -> &str {
    let end = tag.bytes().position(|b| b == b'-').unwrap_or(tag.len());
    tag.get(..end).unwrap_or(tag)
}

pub use crate::domain::words::locale::{decimal_comma, plural_is_one};

/// A mark as `tag`'s language writes it: `4.5`, or `4,5` with a decimal
/// comma. Always one decimal, as the English `7.3`.
pub fn format_tenths(v: Tenths, comma: bool) -> String {
    let t = v.get();
    format!("{}{}{}", t / 10, if comma { "," } else { "." }, t % 10)
}

/// The form's sentences in the language of the client it is given to.
/// [`FormWords::default`] is Attune's English (no client language, or none
/// of its messages stored): nothing to read, nothing copied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormWords {
    /// The language's tag (`es`), `None` for the built-in English.
    pub lang: Option<String>,
    /// Written right to left: the form turns its text that way (the lines
    /// themselves never turn: 0 stays at the left).
    pub rtl: bool,
    /// Marks are written with a decimal comma ([`decimal_comma`]).
    pub comma: bool,
    /// Each message's text in this language, by [`Msg`]'s place; a message
    /// missing here is said in English.
    pub texts: Vec<Option<String>>,
}

impl FormWords {
    /// The text of `m`.
    pub fn get(&self, m: Msg) -> &str {
        match self.texts.get(m as usize) {
            Some(Some(t)) => t,
            _ => m.en(),
        }
    }

    /// The `lang` attribute of the message `m` alone: the language when its
    /// text is the language's, `en` when it falls back to the English.
    pub fn lang_of(&self, m: Msg) -> &str {
        match self.texts.get(m as usize) {
            Some(Some(_)) => self.lang(),
            _ => "en",
        }
    }

    /// The `lang` attribute of the form's own sentences: the language when
    /// it has its messages, else `en`.
    pub fn lang(&self) -> &str {
        match &self.lang {
            Some(l) if self.texts.iter().any(Option::is_some) => l,
            _ => "en",
        }
    }

    /// The `dir` attribute of the form's text.
    pub fn dir(&self) -> &'static str {
        if self.rtl {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The hint under Done: how many lines are still to mark, in the plural
    /// form the language takes (nothing once all are marked).
    pub fn lines_left(&self, left: usize) -> String {
        if left == 0 {
            return String::new();
        }
        let m = if plural_is_one(self.lang(), left) {
            Msg::LinesLeftOne
        } else {
            Msg::LinesLeftOther
        };
        fill(self.get(m), &left.to_string())
    }

    /// What a screen reader says of a line: `4.5 out of 10`, `4,5 de 10`.
    pub fn value_text(&self, value: Option<Tenths>) -> String {
        match value {
            Some(v) => fill(self.get(Msg::ValueOutOf), &format_tenths(v, self.comma)),
            None => self.get(Msg::NotRatedYet).to_string(),
        }
    }
}

/// `template` with its placeholder (`{n}`, `{v}`: the first `{` and the two
/// characters after it) replaced by `value`; unchanged without one. By
/// hand and by bytes rather than `str::replace` or a `char` search, either
/// of which would grow the form's first load.
fn fill(template: &str, value: &str) -> String {
    let i = template
        .bytes()
        .position(|b| b == b'{')
        .unwrap_or(template.len());
    match (template.get(..i), template.get(i + 3..)) {
        (Some(head), Some(tail)) => format!("{head}{value}{tail}"),
        _ => template.to_string(),
    }
}
