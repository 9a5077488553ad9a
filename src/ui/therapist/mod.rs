//! The therapist page (`therapist.html`): reviews and prompts, clients and
//! cases, histories and charts, the caseload and "My alliance", reports,
//! spoken entry, data and settings; and, in client mode, the PIN prompt
//! (`unlock`) and rounds (`turn`). None of it is on the form's first load.

pub(crate) mod alliance;
pub(crate) mod aloud;
pub(crate) mod case;
pub(crate) mod case_history;
pub(crate) mod chart_frame;
pub(crate) mod clients;
pub(crate) mod clinic_move;
pub(crate) mod data;
pub(crate) mod duplicates;
pub(crate) mod episodes;
pub(crate) mod face;
pub(crate) mod history;
pub(crate) mod language;
pub(crate) mod note;
pub(crate) mod ors_review;
pub(crate) mod outcome_chart;
pub(crate) mod outcomes;
pub(crate) mod prompt_view;
pub(crate) mod raters_review;
pub(crate) mod report;
pub(crate) mod review;
pub(crate) mod session;
pub(crate) mod settings;
pub(crate) mod spoken;
pub(crate) mod sync_panel;
pub(crate) mod therapists;
pub(crate) mod turn;
pub(crate) mod unlock;
