//! What both pages share: the two roots (`app`), the pieces of state they
//! provide (`state`), how each page keeps ratings (`keeping`), banners, the
//! browser's clock and downloads (`browser`), WebCrypto (`crypto`) and the
//! panic notice (`panic`).

pub mod app;
pub(crate) mod banner;
pub(crate) mod browser;
pub(crate) mod crypto;
pub mod keeping;
pub mod panic;
pub mod state;
