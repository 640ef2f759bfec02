//! End-to-end tests of the `roster` binary: one test binary, topic modules.

mod bad_inputs;
mod check;
mod checker;
mod errors;
mod faults;
mod html;
mod lookahead;
mod periods;
mod plan;
mod properties;
mod spreadsheets;
mod support;
