//! FHIR R4 export: each scale (SRS and ORS) as a `Questionnaire`, each
//! episode of care as an `EpisodeOfCare`, each session as an `Encounter`
//! (in its episode) and each measure given in it as a
//! `QuestionnaireResponse`, in a `collection` Bundle.
//!
//! The session is Attune's unit (an ORS at the start, an SRS at the end);
//! in FHIR that is what an `Encounter` is, and R4's
//! `QuestionnaireResponse.encounter` is made to tie answers to one, so an
//! EHR sees the two measures of a session as belonging together and dated
//! once. No LOINC code exists for the SRS or for this ORS wording (clinical
//! notes), so the items carry a local code system. Every URL lives under the reserved `.invalid` domain
//! (RFC 2606): absolute, as FHIR canonicals must be, yet guaranteed never to
//! resolve to, or collide with, anyone else's definitions.

use crate::domain::course::episode::{all_episodes, Episode};
use crate::domain::course::session::{sessions, Session};

use crate::domain::measures::kinds::RaterRef;
use crate::domain::measures::rating::Rating;
use crate::domain::measures::scale::{ScaleDefinition, Scales};
use crate::domain::measures::score::Total;
use crate::domain::raters::roster::rater_label;
use crate::domain::records::episode_end::format_date;
use crate::domain::records::store::Store;
use crate::domain::time::{self, Zone};
use chrono::{DateTime, Utc};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Root of Attune's local canonical URLs.
pub const FHIR_BASE: &str = "https://attune.invalid/fhir";

/// Media type for the download.
pub const FHIR_MIME: &str = "application/fhir+json";

const EXT_MIN: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const EXT_MAX: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
const EXT_DECIMALS: &str = "http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces";
const EXT_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";
/// How an episode ended: R4's `EpisodeOfCare` has no field for it, so a
/// local extension carries it (a code of [`END_REASON_SYSTEM`]).
pub const END_REASON_EXT: &str =
    "https://attune.invalid/fhir/StructureDefinition/episode-end-reason";
/// The local code system of the end reasons (`planned`, `unilateral`, …).
pub const END_REASON_SYSTEM: &str = "https://attune.invalid/fhir/CodeSystem/episode-end-reason";
/// HL7 v3 ActCode, the code system of R4's `Encounter.class` (`AMB`).
const ACT_CODE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
/// linkId of the read-only total; item ids are words like `relationship`.
const TOTAL_LINK: &str = "total";

/// `https://attune.invalid/fhir/Questionnaire/srs-attune`.
pub fn questionnaire_url(scale_id: &str) -> String {
    format!("{FHIR_BASE}/Questionnaire/{}", url_segment(scale_id))
}

/// `…/Questionnaire/srs-attune|1`: what a response points at, so a wording
/// change (a new scale version) never reinterprets old answers.
pub fn questionnaire_canonical(scale_id: &str, version: u32) -> String {
    format!("{}|{version}", questionnaire_url(scale_id))
}

/// `https://attune.invalid/fhir/CodeSystem/srs-attune-items`: codes are item ids.
pub fn codesystem_url(scale_id: &str) -> String {
    format!("{FHIR_BASE}/CodeSystem/{}-items", url_segment(scale_id))
}

/// `attune-fhir-2026-11-22.json`.
pub fn fhir_file_name(now: DateTime<Utc>) -> String {
    format!("attune-fhir-{}.json", time::date(now))
}

/// The scale as an R4 `Questionnaire`: one required decimal slider per item
/// (0–10, one decimal) and a read-only total.
///
/// Item text is the scale's title, so official wording appears only if a
/// licensed clinic loaded it. R4's `questionnaire-sliderStepValue` is an
/// integer allowed only on integer items, so the 0.1 step is expressed as
/// `maxDecimalPlaces` 1 instead; a step of 1 would forbid tenths.
pub fn fhir_questionnaire(scale: &ScaleDefinition) -> Value {
    let system = codesystem_url(&scale.id);
    let mut items: Vec<Value> = scale
        .items
        .iter()
        .map(|item| {
            json!({
                "extension": [
                    {"url": EXT_CONTROL, "valueCodeableConcept": {"coding": [
                        {"system": CONTROL_SYSTEM, "code": "slider", "display": "Slider"}
                    ]}},
                    {"url": EXT_MIN, "valueDecimal": decimal(0)},
                    {"url": EXT_MAX, "valueDecimal": decimal(100)},
                    {"url": EXT_DECIMALS, "valueInteger": 1}
                ],
                "linkId": item.id,
                "code": [{"system": system, "code": item.id, "display": item.title}],
                "text": item.title,
                "type": "decimal",
                "required": true
            })
        })
        .collect();
    items.push(json!({
        "extension": [
            {"url": EXT_MIN, "valueDecimal": decimal(0)},
            {"url": EXT_MAX, "valueDecimal": (10 * scale.items.len()) as f64},
            {"url": EXT_DECIMALS, "valueInteger": 1}
        ],
        "linkId": TOTAL_LINK,
        "text": "Total",
        "type": "decimal",
        "readOnly": true
    }));
    let mut q = json!({
        "resourceType": "Questionnaire",
        "url": questionnaire_url(&scale.id),
        "version": scale.version.to_string(),
        "name": machine_name(&scale.id),
        "title": scale.name,
        "status": "active",
        "subjectType": ["Patient"],
        "item": items
    });
    if is_fhir_id(&scale.id) {
        q["id"] = json!(scale.id);
    }
    q
}

/// Everything as a `collection` Bundle: the two `Questionnaire`s first (SRS,
/// then ORS) so the file explains itself to an EHR that cannot resolve the
/// local URLs, then each session in date order: its `Encounter`, followed by
/// one `QuestionnaireResponse` per measure given in it.
///
/// Each episode of care (see [`crate::domain::course::episode`], read in
/// `zone`, the device's) comes before its sessions as an `EpisodeOfCare`:
/// `status` `active` or `finished`, `patient` by display label, `period`
/// from its first session to the date it ended, and how it ended in a local
/// extension ([`END_REASON_EXT`]); each of its `Encounter`s points at it
/// (`episodeOfCare`). Its `fullUrl` is `…/EpisodeOfCare/<key>`, the id of
/// its first visit, which no later session changes.
///
/// The `Encounter` carries the session: `period.start` is the session date,
/// `subject` the client's label, `status` `finished` and `class` `AMB`
/// (ambulatory: R4 requires a class, and Attune does not record whether a
/// session was in the room or online). Its `fullUrl` is always
/// `…/Encounter/<session id>`, never a `urn:uuid:`, because a session of
/// its own has its one rating's id, which that rating's response already
/// uses as its `urn:uuid:`; `fullUrl`s must be unique within a Bundle.
///
/// Each response: id and `fullUrl` from the rating id (`urn:uuid:` when it is
/// a UUID, as the shell makes them); `questionnaire` = the canonical of the
/// scale it was rated on (`…|version`); `encounter` = its session's
/// `Encounter`; `authored` = when the answers were saved (the session date
/// is the encounter's, so a back-dated session is told truthfully); subject
/// by display label only (Attune has no patient records to reference); and
/// one `valueDecimal` per item plus the total, exact to the tenth.
///
/// Who answered is the response's `source` (R4: "the person who answered
/// the questions about the subject"): the client or a member of the case as
/// a `Patient`, a collateral rater (a parent rating a child's ORS) as a
/// `RelatedPerson`, each by display label. `author` is left out: in R4 it is
/// whoever received and recorded the answers, which Attune does not know.
pub fn fhir_bundle(store: &Store, scales: &Scales, now: DateTime<Utc>, zone: Zone) -> Value {
    let labels: HashMap<&str, &str> = store
        .clients
        .iter()
        .map(|c| (c.id.as_str(), c.label.as_str()))
        .collect();
    let label = |id: Option<&str>| id.and_then(|id| labels.get(id).copied());
    let mut entries = vec![json!({
        "fullUrl": questionnaire_url(&scales.srs.id),
        "resource": fhir_questionnaire(&scales.srs)
    })];
    // Two definitions with one id would be one canonical: listed once.
    if scales.ors.id != scales.srs.id {
        entries.push(json!({
            "fullUrl": questionnaire_url(&scales.ors.id),
            "resource": fhir_questionnaire(&scales.ors)
        }));
    }
    let episodes = all_episodes(&store.ratings, &store.unrated, &store.episode_ends, zone);
    let mut listed: Vec<&Episode<'_>> = episodes.values().flat_map(|e| &e.episodes).collect();
    listed.sort_by_key(|e| (e.opened_at, e.key));
    let mut episode_of: HashMap<&str, String> = HashMap::new();
    for ep in listed {
        let url = episode_url(ep.key);
        for s in &ep.sessions {
            episode_of.insert(s.id, url.clone());
        }
        entries.push(json!({
            "fullUrl": url,
            "resource": episode_of_care(ep, label(Some(ep.client_id)))
        }));
    }
    for session in sessions(&store.ratings) {
        let encounter_url = encounter_url(session.id);
        let mut e = encounter(&session, label(session.client_id));
        if let Some(url) = episode_of.get(session.id) {
            e["episodeOfCare"] = json!([{"reference": url}]);
        }
        entries.push(json!({
            "fullUrl": encounter_url,
            "resource": e
        }));
        entries.extend(session.measures.iter().map(|r| {
            let client = label(r.client_id.as_deref());
            let mut qr = response(r, scales.of(r.measure), client);
            qr["encounter"] = json!({"reference": encounter_url});
            if let Some(source) = source(store, r) {
                qr["source"] = source;
            }
            json!({"fullUrl": full_url(&r.id), "resource": qr})
        }));
    }
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": time::format(now),
        "entry": entries
    })
}

/// `https://attune.invalid/fhir/Encounter/<session id>`: the `fullUrl` of a
/// session's `Encounter`, and what its responses' `encounter` points at.
pub fn encounter_url(session_id: &str) -> String {
    format!("{FHIR_BASE}/Encounter/{}", url_segment(session_id))
}

/// `https://attune.invalid/fhir/EpisodeOfCare/<key>`: an episode's
/// `fullUrl`, and what its sessions' `episodeOfCare` points at.
pub fn episode_url(key: &str) -> String {
    format!("{FHIR_BASE}/EpisodeOfCare/{}", url_segment(key))
}

fn episode_of_care(ep: &Episode<'_>, label: Option<&str>) -> Value {
    let mut period = json!({"start": time::format(ep.opened_at)});
    let mut e = json!({
        "resourceType": "EpisodeOfCare",
        "status": if ep.is_open() { "active" } else { "finished" },
        // R4 requires a patient; Attune has none to reference, so the
        // client's label is its display, as for encounters.
        "patient": {"display": label.unwrap_or("(no label)")},
    });
    if let Some(end) = ep.end {
        period["end"] = json!(format_date(end.ended_on));
        e["extension"] = json!([{
            "url": END_REASON_EXT,
            "valueCoding": {
                "system": END_REASON_SYSTEM,
                "code": end.reason.key(),
                "display": end.reason.label()
            }
        }]);
    }
    e["period"] = period;
    if is_fhir_id(ep.key) {
        e["id"] = json!(ep.key);
    }
    e
}

fn encounter(session: &Session<'_>, label: Option<&str>) -> Value {
    let mut e = json!({
        "resourceType": "Encounter",
        "status": "finished",
        "class": {"system": ACT_CODE_SYSTEM, "code": "AMB", "display": "ambulatory"},
        "period": {"start": time::format(session.at)}
    });
    if is_fhir_id(session.id) {
        e["id"] = json!(session.id);
    }
    if let Some(label) = label {
        e["subject"] = json!({"display": label});
    }
    e
}

/// Who answered, as an R4 `source` reference by display label; `None` when
/// the rater has no label to show (an unassigned client's own rating).
fn source(store: &Store, r: &Rating) -> Option<Value> {
    let kind = match r.rater {
        RaterRef::Collateral { .. } => "RelatedPerson",
        RaterRef::Client | RaterRef::Member { .. } => "Patient",
    };
    let display = match (
        &r.rater,
        rater_label(store, r.client_id.as_deref(), &r.rater),
    ) {
        (_, Some(label)) => label,
        (RaterRef::Member { id }, None) => id.as_str(),
        _ => return None,
    };
    Some(json!({"type": kind, "display": display}))
}

fn response(r: &Rating, scale: &ScaleDefinition, label: Option<&str>) -> Value {
    // linkIds must match the questionnaire the response names; a rating made
    // with another scale keeps its own reference and gets positional ids.
    let same_scale = r.scale_id == scale.id;
    let mut items: Vec<Value> = r
        .scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let item = scale.items.get(i).filter(|_| same_scale);
            let mut v = json!({
                "linkId": item.map_or_else(|| format!("item-{}", i + 1), |it| it.id.clone()),
                "answer": [{"valueDecimal": decimal(s.get())}]
            });
            if let Some(it) = item {
                v["text"] = json!(it.title);
            }
            v
        })
        .collect();
    items.push(json!({
        "linkId": TOTAL_LINK,
        "text": "Total",
        "answer": [{"valueDecimal": decimal(Total::of(&r.scores).tenths())}]
    }));
    let mut qr = json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire_canonical(&r.scale_id, r.scale_version),
        "status": "completed",
        "authored": time::format(r.recorded_at),
        "item": items
    });
    if is_fhir_id(&r.id) {
        qr["id"] = json!(r.id);
    }
    if let Some(label) = label {
        qr["subject"] = json!({"display": label});
    }
    qr
}

/// Tenths as a JSON number. `n / 10.0` is the double nearest to the decimal,
/// and serde_json prints the shortest text that reads back as that double,
/// which is the decimal itself: 73 → `7.3`, 70 → `7.0` (tested for 0–400).
fn decimal(tenths: u16) -> Value {
    json!(f64::from(tenths) / 10.0)
}

fn full_url(id: &str) -> String {
    if is_uuid(id) {
        format!("urn:uuid:{}", id.to_ascii_lowercase())
    } else {
        format!("{FHIR_BASE}/QuestionnaireResponse/{}", url_segment(id))
    }
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// FHIR `id`: `[A-Za-z0-9\-\.]{1,64}`. Anything else is left out, not mangled.
fn is_fhir_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// `srs-attune` → `SrsAttune`: FHIR wants a computer-friendly `name`
/// (`[A-Z][A-Za-z0-9_]*`).
fn machine_name(id: &str) -> String {
    let mut name: String = id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut cs = p.chars();
            let first = cs.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(cs).collect::<String>()
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        name.insert(0, 'Q');
    }
    name
}

/// Percent-encodes all but RFC 3986 unreserved characters, so a wording
/// pack's id cannot break the URL.
fn url_segment(s: &str) -> String {
    // RFC 3986's unreserved characters: letters, digits and `-._~`.
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(s, KEEP).to_string()
}
