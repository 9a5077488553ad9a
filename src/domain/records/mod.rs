//! What the device keeps, and how: the store (clients, cases, ratings,
//! unrated sessions), the edits made to it, the rating form's draft and new
//! rating records, the save plans, the codecs the form page uses, and the
//! local record layout with its migrations. Sync and export read this area;
//! it reads only [`crate::domain::measures`] and [`crate::domain::time`].

pub mod case;
pub mod clients;
pub mod codec;
pub mod draft;
pub mod duplicates;
pub mod episode_end;
pub mod home;
pub mod inbox;
pub mod layout;
pub mod migrate;
pub mod moving;
pub mod older;
pub mod room;
pub mod save_plan;
pub mod saving;
pub mod start;
pub mod store;
pub mod therapist;
pub mod unrated;
