//! Which of the form's two modules shows the page. The first module
//! (`ui::form::lean`, binary `attune`) carries only the plain form: the four
//! lines and Done, the header, the draft and the save, so a client's tablet
//! compiles fewer bytes before the lines are usable. Everything else (client
//! mode, presentation mode, another measure, a client's own words, another
//! screen named in the address) is the full form module's (binary `form`),
//! which the first one hands the page to. `web/paint.js` makes the same
//! "plain" decision before any wasm has loaded, and the page's loader picks
//! the module from it; this is the module's own word once it runs.

/// What the first module reads of the page to tell whether it can show it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageFacts<'a> {
    /// Client mode's marker is set (a client's form, or a round).
    pub locked: bool,
    /// Presentation mode is on in this tab.
    pub presenting: bool,
    /// The URL fragment.
    pub hash: &'a str,
    /// The saved draft's scale, if a draft is saved.
    pub draft_scale: Option<&'a str>,
    /// The default SRS's scale id (the static first paint's).
    pub srs_id: &'a str,
    /// The draft is for a client who rates in words of their own.
    pub client_words: bool,
    /// The therapist's header is stored in another language (the static
    /// first paint's is English).
    pub frame_words: bool,
}

/// True when the first module shows the page itself: the plain form with
/// the default SRS and nothing of client mode or presentation mode.
pub fn lean_shows(f: &PageFacts) -> bool {
    !f.locked
        && !f.presenting
        && (f.hash.is_empty() || f.hash == "#/")
        && f.draft_scale.is_none_or(|s| s == f.srs_id)
        && !f.client_words
        && !f.frame_words
}
