//! Pieces the shapes share: timestamps, scores, the measure and the rater,
//! each read and written as its serde attributes say.

use crate::domain::measures::kinds::{MeasureKind, RaterRef};
use crate::domain::measures::score::Tenths;
use crate::domain::records::codec::json::{self, Object, Reader};
use crate::domain::time;
use chrono::{DateTime, Utc};

/// A timestamp (`time::rfc3339`): an RFC 3339 string.
pub fn read_time(r: &mut Reader) -> Option<DateTime<Utc>> {
    time::parse(&r.string()?).ok()
}

/// Writes a timestamp as [`time::format`] does.
pub fn write_time(out: &mut String, at: DateTime<Utc>) {
    json::string(out, &time::format(at));
}

/// A score: tenths 0..=100 (larger integers are refused, as by
/// `Tenths`' `try_from`).
pub fn read_tenths(r: &mut Reader) -> Option<Tenths> {
    Tenths::new(r.uint(u64::from(Tenths::MAX.get()))? as u16)
}

/// `"srs"` or `"ors"` (`rename_all = "lowercase"`).
pub fn read_measure(r: &mut Reader) -> Option<MeasureKind> {
    Some(match r.variant(&["ors", "srs"])? {
        0 => MeasureKind::Ors,
        _ => MeasureKind::Srs,
    })
}

/// Writes the measure's name.
pub fn write_measure(out: &mut String, m: MeasureKind) {
    json::string(out, if m.is_srs() { "srs" } else { "ors" });
}

/// A rater as its wire struct: `type` (required), `id`, `label`; then the
/// same rule as `RaterRef`'s `try_from`.
pub fn read_rater(r: &mut Reader) -> Option<RaterRef> {
    let (mut kind, mut id, mut label) = (String::new(), None, None);
    let seen = r.record(&["type", "id", "label"], &mut |r, i| {
        match i {
            0 => kind = r.string()?,
            1 => id = r.optional(Reader::string)?,
            _ => label = r.optional(Reader::string)?,
        }
        Some(())
    })?;
    if seen & 1 == 0 {
        return None;
    }
    match (kind.as_str(), id, label) {
        ("client", _, _) => Some(RaterRef::Client),
        ("member", Some(id), _) => Some(RaterRef::Member { id }),
        ("collateral", Some(id), Some(label)) => Some(RaterRef::Collateral { id, label }),
        _ => None,
    }
}

/// Writes a rater other than the client (`{"type":…,"id":…,"label":…}`,
/// absent parts left out); the client themself is never written.
pub fn write_rater(out: &mut String, rater: &RaterRef) {
    let mut o = Object::new(out);
    let (kind, id, label) = match rater {
        RaterRef::Client => ("client", None, None),
        RaterRef::Member { id } => ("member", Some(id), None),
        RaterRef::Collateral { id, label } => ("collateral", Some(id), Some(label)),
    };
    json::string(o.key("type"), kind);
    if let Some(id) = id {
        json::string(o.key("id"), id);
    }
    if let Some(label) = label {
        json::string(o.key("label"), label);
    }
    o.end();
}

/// Writes `null` or the string.
pub fn write_opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => json::string(out, s),
        None => out.push_str("null"),
    }
}

/// Writes the scores as an array of integers.
pub fn write_scores<'a>(out: &mut String, scores: impl Iterator<Item = Option<&'a Tenths>>) {
    out.push('[');
    for (i, s) in scores.enumerate() {
        if i > 0 {
            out.push(',');
        }
        match s {
            Some(t) => json::uint(out, u64::from(t.get())),
            None => out.push_str("null"),
        }
    }
    out.push(']');
}
