//! The in-progress rating (`attune.draft`), as serde writes and reads
//! [`Draft`]: every field in declaration order, `null` for an absent client,
//! date or session, the rater left out when it is the client.

use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::records::codec::json::{self, Object, Reader};
use crate::domain::records::codec::parts;
use crate::domain::records::draft::Draft;

/// Field names in declaration order (serde's order, also for the array form).
const FIELDS: [&str; 8] = [
    "scale_id",
    "scale_version",
    "client_id",
    "session_at",
    "scores",
    "measure",
    "session_id",
    "rater",
];

/// `scale_id`, `scale_version` and `scores` have no default.
const REQUIRED: u32 = 0b1_0011;

/// The draft as stored: byte for byte what `serde_json::to_string` writes.
pub fn encode(d: &Draft) -> String {
    let mut out = String::with_capacity(160);
    let mut o = Object::new(&mut out);
    json::string(o.key("scale_id"), &d.scale_id);
    json::uint(o.key("scale_version"), u64::from(d.scale_version));
    parts::write_opt_string(o.key("client_id"), d.client_id.as_deref());
    match d.session_at {
        Some(at) => parts::write_time(o.key("session_at"), at),
        None => o.key("session_at").push_str("null"),
    }
    parts::write_scores(o.key("scores"), d.scores.iter().map(Option::as_ref));
    parts::write_measure(o.key("measure"), d.measure);
    parts::write_opt_string(o.key("session_id"), d.session_id.as_deref());
    if !d.rater.is_client() {
        parts::write_rater(o.key("rater"), &d.rater);
    }
    o.end();
    out
}

/// Reads a stored draft; `None` for anything `serde_json` would refuse as a
/// [`Draft`] (a damaged draft is dropped, never repaired).
pub fn decode(text: &str) -> Option<Draft> {
    let mut r = Reader::new(text);
    let mut d = Draft {
        scale_id: String::new(),
        scale_version: 0,
        client_id: None,
        session_at: None,
        scores: Vec::new(),
        measure: MeasureKind::Srs,
        session_id: None,
        rater: RaterRef::Client,
    };
    let seen = r.record(&FIELDS, &mut |r, i| {
        match i {
            0 => d.scale_id = r.string()?,
            1 => d.scale_version = r.uint(u64::from(u32::MAX))? as u32,
            2 => d.client_id = r.optional(Reader::string)?,
            3 => d.session_at = r.optional(parts::read_time)?,
            4 => {
                let mut scores = Vec::new();
                r.array(&mut |r| {
                    scores.push(r.optional(parts::read_tenths)?);
                    Some(())
                })?;
                d.scores = scores;
            }
            5 => d.measure = parts::read_measure(r)?,
            6 => d.session_id = r.optional(Reader::string)?,
            _ => d.rater = parts::read_rater(r)?,
        }
        Some(())
    })?;
    (seen & REQUIRED == REQUIRED).then_some(())?;
    r.finish()?;
    Some(d)
}
