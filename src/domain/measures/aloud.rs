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
/// left out; an empty one (a pack's end of only digits) is not said.
pub fn line_sentences(title: &str, left: &str, right: &str) -> Vec<String> {
    [title, left, right]
        .into_iter()
        .map(|s| {
            let words: String = s.chars().filter(|c| !c.is_numeric()).collect();
            // Digits gone, the spaces around them are closed up.
            words.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|s| s.chars().any(char::is_alphabetic))
        .collect()
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
