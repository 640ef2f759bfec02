#![no_main]
//! Any bytes as a policy file: an error or a policy, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = roster::policy::Policy::parse(text, "policy.toml");
    }
});
