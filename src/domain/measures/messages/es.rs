//! The form's sentences in Attune's own Spanish: neutral Latin American
//! Spanish in a clinician's register, the client addressed as "usted", in
//! the words of `packs/es.json` (a "marca" on a "línea", the "terapeuta").
//! The therapist page writes them beside the measure's words for a client
//! whose language is Spanish; the form's code never holds them.

use super::Msg;

/// Each message in Spanish. The match is exhaustive: a message added to
/// [`Msg`] without its Spanish does not compile.
pub fn es(m: Msg) -> &'static str {
    match m {
        Msg::Done => "Listo",
        Msg::ClearAllMarks => "Borrar todas las marcas",
        Msg::LinesLeftOne => "Queda {n} línea por marcar",
        Msg::LinesLeftOther => "Quedan {n} líneas por marcar",
        Msg::TherapistUnlock => "Terapeuta: desbloquear",
        Msg::ThankYou => "Gracias",
        Msg::Saved => "Sus respuestas quedaron guardadas.",
        Msg::HandBack => "Por favor, devuelva el dispositivo a su terapeuta.",
        Msg::StopSharing => {
            "Terapeuta: deje de compartir la pantalla antes de abrir la revisión; es solo para usted."
        }
        Msg::OpenReview => "Terapeuta: abrir la revisión",
        Msg::NewRating => "Nueva valoración",
        Msg::LeftEnd => "Extremo izquierdo:",
        Msg::RightEnd => "Extremo derecho:",
        Msg::ValueOutOf => "{v} de 10",
        Msg::NotRatedYet => "todavía sin marcar",
        Msg::ReadAloud => "Leer en voz alta",
        Msg::NoSpeech => "Este dispositivo no puede leer las líneas en voz alta.",
    }
}
