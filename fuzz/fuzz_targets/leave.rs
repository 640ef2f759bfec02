#![no_main]
//! Any bytes as a leave file, against a small staff list: an error or leave, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let staff = b"nip,name,unit,role\n198609262015051001,A,U,r\n1,B,U,r\n";
    let Ok(staff) = roster::staff::Staff::from_reader(
        Box::new(std::io::Cursor::new(staff.to_vec())),
        "staff.csv",
    ) else {
        return;
    };
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    let _ = roster::leave::Leave::from_reader(input, "leave.csv", &staff);
});
