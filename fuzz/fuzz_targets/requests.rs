#![no_main]
//! Any bytes as a requests file (CSV or workbook), against a small policy and staff list:
//! requests or an error, never a panic.

use libfuzzer_sys::fuzz_target;
use roster::policy::Policy;
use roster::staff::Staff;
use std::sync::OnceLock;

const POLICY: &str = "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-06-13\n\
                      [split]\nWFO = 50\nWFH = 50\n";
const STAFF: &[u8] = b"nip,name,unit,role\n198609262015051001,A,U,r\n198609262015051002,B,U,r\n";

fuzz_target!(|data: &[u8]| {
    static INPUTS: OnceLock<(Policy, Staff)> = OnceLock::new();
    let (policy, staff) = INPUTS.get_or_init(|| {
        let policy = Policy::parse(POLICY, "policy.toml").expect("the policy reads");
        let staff = Staff::from_reader(Box::new(std::io::Cursor::new(STAFF)), "staff.csv")
            .expect("the staff file reads");
        (policy, staff)
    });
    let days = policy.period.working_days();
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    let _ = roster::requests::Requests::from_reader(input, "requests.csv", staff, policy, &days);
});
