//! What both pages share: the two roots (`app`), the pieces of state they
//! provide (`state`), how each page keeps ratings (`keeping`), banners, the
//! browser's clock and downloads (`browser`), WebCrypto's PBKDF2 (`crypto`,
//! the platform layer's, named here for the views) and the panic notice
//! (`panic`).

pub mod app;
pub(crate) mod banner;
pub(crate) mod browser;
pub mod keeping;
pub mod panic;
pub mod state;
pub mod words;
pub(crate) use crate::platform::browser::pbkdf2 as crypto;
