//! End-to-end tests of the `roster` binary: one test binary, topic modules.

mod checker;
mod errors;
mod plan;
mod properties;
mod support;
