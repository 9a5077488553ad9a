//! Read aloud: what the form asks the device's speech to say for one line,
//! for a child or a client who cannot read the words (a setting on the
//! client, records version 8), and which of the device's voices says it.
//!
//! Only words are ever spoken: the line's title, then its low (left) end,
//! then its high (right) end, in the client's own words. Never a score, a
//! mark or any number: a digit in a pack's words (a clinic could write
//! "0 = …" at an end) is left out, so nothing heard can pass for a score
//! the client did not give.

/// The sentences read for one line, in order: its title, its low end and
/// its high end (each as the client reads it on the form), with every digit
/// left out; one left with nothing to say (a pack's end of only digits) is
/// not said.
pub fn line_sentences(title: &str, left: &str, right: &str) -> Vec<String> {
    let mut out = Vec::new();
    for s in [title, left, right] {
        let words: String = s.chars().filter(|&c| !is_digit(c)).collect();
        // Digits gone, the spaces around them are closed up.
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        if words.chars().any(|c| c != ' ' && !c.is_ascii_punctuation()) {
            out.push(words);
        }
    }
    out
}

/// The first code point (its zero) of each run of ten decimal digits of a
/// script other than ASCII (Unicode's `Nd`: Arabic-Indic, Devanagari,
/// fullwidth, …). A table of its own rather than `char::is_numeric`, whose
/// Unicode tables would grow the form's first load.
const DIGIT_ZEROS: [u32; 65] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// A digit of any script, or a superscript, subscript or fraction digit:
/// anything a listener could hear as a number.
fn is_digit(c: char) -> bool {
    let n = c as u32;
    c.is_ascii_digit()
        || matches!(n, 0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE | 0x2070..=0x2089 | 0x2150..=0x218B)
        || DIGIT_ZEROS.iter().any(|&z| (z..z + 10).contains(&n))
}

/// Which of the device's voices (`(lang, local)` each, as `getVoices()`
/// lists them) reads the language `tag`: one of that language that runs on
/// the device itself (offline, nothing sent away), the one whose tag matches
/// exactly first (`es-MX` for `es-MX`), else any of the language (`es-ES`
/// for `es`). `None` when the device has none: the engine then picks one
/// from the utterance's `lang`, as it would for a page that names none.
pub fn choose_voice(voices: &[(String, bool)], tag: &str) -> Option<usize> {
    let primary = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let want = primary(tag);
    let local = |i: &usize| voices[*i].1;
    let exact = (0..voices.len())
        .filter(local)
        .find(|&i| voices[i].0.replace('_', "-").eq_ignore_ascii_case(tag));
    exact.or_else(|| {
        (0..voices.len())
            .filter(local)
            .find(|&i| !want.is_empty() && primary(&voices[i].0) == want)
    })
}
