//! The page's frame: its header and navigation, banners, the settings
//! screen's own sentences and the language chooser.

/// `(English, Spanish)`.
pub const ENTRIES: &[(&str, &str)] = &[
    ("Language of this page", "Idioma de esta página"),
    (
        "The therapist page is shown in this language on this device. Each client's form keeps the client's own language.",
        "La página del terapeuta se muestra en este idioma en este dispositivo. El formulario de cada cliente conserva el idioma del cliente.",
    ),
    ("Save language", "Guardar idioma"),
    (
        "The language could not be stored on this device: {error}",
        "No se pudo guardar el idioma en este dispositivo: {error}",
    ),
];
