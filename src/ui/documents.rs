//! What the page makes of all the views at once: the printable report and the slide deck.

pub mod presentation;
pub mod report;
