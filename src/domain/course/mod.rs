//! A client's course of treatment: the sessions their ratings make, the
//! episodes of care those sessions fall into, the
//! history read from them (alerts, the chart model, the ORS outcome and
//! change), the discussion prompts, "clients here who started like this",
//! the progress note and the printed report.

pub mod episode;
pub mod expected;
pub mod history;
pub mod note;
pub mod outcome;
pub mod outcome_prompt;
pub mod prompt;
pub mod report;
pub mod session;
