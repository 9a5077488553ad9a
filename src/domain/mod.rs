//! The functional core: clinical rules, scoring and data codecs. Nothing here
//! touches the DOM, storage or the clock; the shell passes `now` and ids in.

pub mod backoff;
pub mod calibration;
pub mod caseload;
pub mod checklist;
pub mod clients;
pub mod draft;
pub mod expected;
pub mod export;
pub mod history;
pub mod inbox;
pub mod lists;
pub mod note;
pub mod numbers;
pub mod outcome;
pub mod outcome_prompt;
pub mod pin;
pub mod prompt;
pub mod raters;
pub mod rating;
pub mod recovery;
pub mod reminder;
pub mod report;
pub mod route;
pub mod save_plan;
pub mod scale;
pub mod score;
pub mod session;
pub mod settings;
pub mod slider;
pub mod spoken;
pub mod status;
pub mod store;
pub mod sync;
pub mod thresholds;
pub mod time;
