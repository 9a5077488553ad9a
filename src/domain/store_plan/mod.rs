//! Storage decisions the shell used to make inline: how much room a stored
//! entry takes (one rule for the move into records and for a pull), how big
//! a step of the move may be ("half the room"), the records layout's start-up
//! status, and the sentence shown when the device settings cannot be used.
//! Pure: the shell passes in what it measured and read.

pub mod room;
pub mod start;
pub mod words;
