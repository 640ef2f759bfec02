#![no_main]
//! Any bytes as a staff file: an error or a staff list, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    let _ = roster::staff::Staff::from_reader(input, "staff.csv");
});
