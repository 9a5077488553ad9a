//! What the person rating sees: the four lines (`rate`, `vas`), client
//! mode and the PIN prompt that ends it (`lock`), and the screen between
//! people in a round (`turn`). The form page (`index.html`) is made of these.

pub(crate) mod lock;
pub(crate) mod rate;
pub(crate) mod turn;
pub(crate) mod vas;
