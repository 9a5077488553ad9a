//! What a language does with numbers, apart from its words: which count
//! takes the "one" form, and whether it writes a decimal comma. Shared by
//! the form's catalogue and the therapist page's.

/// The language subtag of a BCP 47 tag (`es` of `es-419`), as written.
/// By bytes: a `char` search would grow the form's first load.
fn primary(tag: &str) -> &str {
    let end = tag.bytes().position(|b| b == b'-').unwrap_or(tag.len());
    tag.get(..end).unwrap_or(tag)
}

/// Whether `n` takes the "one" form in `tag`'s language (CLDR plural rules
/// for whole numbers): 0 and 1 in French and Portuguese, 1 in English,
/// Spanish and every other language Attune knows of. A language whose
/// counts have more forms (Arabic, Polish, Russian) gets "one" and "other"
/// only: the form counts lines 1 to 4, and a pack's translator words those.
pub fn plural_is_one(tag: &str, n: usize) -> bool {
    let lang = primary(tag);
    n == 1 || n == 0 && (lang.eq_ignore_ascii_case("fr") || lang.eq_ignore_ascii_case("pt"))
}

/// Whether `tag`'s language writes a decimal comma (`4,5`), after CLDR:
/// most of Europe and South America do; English, Chinese, Japanese,
/// Korean, Hebrew, Thai and the Spanish of Mexico, the United States,
/// Central America and the Caribbean write a point. Unknown languages write
/// the point. Decided on the therapist page, which writes it into the words
/// text (`d⇥comma`): the form's first load carries no table of languages.
pub fn decimal_comma(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let lang = parts.next().unwrap_or("");
    let region =
        parts.find(|p| p.len() == 2 || p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()));
    match lang {
        "es" => !matches!(
            region,
            Some("mx" | "us" | "pr" | "do" | "gt" | "hn" | "ni" | "pa" | "sv" | "cu" | "419")
        ),
        "pt" | "fr" | "de" | "it" | "nl" | "ca" | "gl" | "eu" | "ro" | "ru" | "uk" | "pl"
        | "cs" | "sk" | "sl" | "hr" | "sr" | "bs" | "bg" | "hu" | "tr" | "el" | "da" | "nb"
        | "nn" | "no" | "sv" | "fi" | "et" | "lv" | "lt" | "is" | "id" | "vi" | "fa" | "az"
        | "kk" | "be" | "mk" | "sq" | "hy" | "ka" => true,
        _ => false,
    }
}
