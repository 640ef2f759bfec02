//! End-to-end tests of the `roster` binary: one test binary, topic modules.

mod bad_inputs;
mod check;
mod checker;
mod errors;
mod exact;
mod faults;
mod grants;
mod html;
mod inputs;
mod lang;
mod libreoffice;
mod lookahead;
mod memory;
mod names;
mod nothing_lost;
mod oracle;
mod outputs;
mod periods;
mod plan;
mod properties;
mod replan;
mod requests;
mod spreadsheets;
mod support;
mod terminal;
mod text;
