//! A finished rating as the form writes it (the record `attune.new.<id>`,
//! also the rating's entry in the document): byte for byte what
//! `serde_json::to_string(&rating)` writes. Only the therapist page reads
//! records, with serde, so there is no decoder here.

use crate::domain::measures::rating::Rating;
use crate::domain::records::codec::json::{self, Object};
use crate::domain::records::codec::parts;

/// The record for `r`: every field in declaration order; `client_id` as
/// `null` when absent; `line`, `updated_at`, `note`, `session_id` left out
/// when absent, `measure` when the SRS, `rater` when the client,
/// `therapist` and `wording` when absent.
pub fn encode(r: &Rating) -> String {
    let mut out = String::with_capacity(256);
    let mut o = Object::new(&mut out);
    json::string(o.key("id"), &r.id);
    parts::write_time(o.key("recorded_at"), r.recorded_at);
    parts::write_time(o.key("session_at"), r.session_at);
    parts::write_opt_string(o.key("client_id"), r.client_id.as_deref());
    parts::write_scores(o.key("scores"), r.scores.iter().map(Some));
    json::string(o.key("scale_id"), &r.scale_id);
    json::uint(o.key("scale_version"), u64::from(r.scale_version));
    if let Some(line) = &r.line {
        let mut l = Object::new(o.key("line"));
        json::uint(l.key("line_tenth_mm"), u64::from(line.line_tenth_mm));
        json::uint(l.key("dpr_hundredths"), u64::from(line.dpr_hundredths));
        l.key("calibrated")
            .push_str(if line.calibrated { "true" } else { "false" });
        l.end();
    }
    if let Some(at) = r.updated_at {
        parts::write_time(o.key("updated_at"), at);
    }
    if let Some(note) = &r.note {
        let mut n = Object::new(o.key("note"));
        json::string(n.key("client_feedback"), &note.client_feedback);
        json::string(n.key("therapist_response"), &note.therapist_response);
        n.end();
    }
    if !r.measure.is_srs() {
        parts::write_measure(o.key("measure"), r.measure);
    }
    if let Some(id) = &r.session_id {
        json::string(o.key("session_id"), id);
    }
    if !r.rater.is_client() {
        parts::write_rater(o.key("rater"), &r.rater);
    }
    if let Some(t) = &r.therapist {
        json::string(o.key("therapist"), t);
    }
    if let Some(w) = &r.wording {
        let mut n = Object::new(o.key("wording"));
        json::string(n.key("language"), &w.language);
        json::string(n.key("name"), &w.name);
        json::string(n.key("pack"), &w.pack);
        json::uint(n.key("version"), u64::from(w.version));
        n.end();
    }
    o.end();
    out
}
