#![no_main]
//! Any bytes as a published roster (`plan --published`, any form a roster is read in),
//! against a small policy and staff list: the published days or an error, never a panic.
//! The reader takes files, so each input is written to one file of this process first.

use libfuzzer_sys::fuzz_target;
use roster::input::Options;
use roster::leave::Leave;
use roster::policy::Policy;
use roster::published::Published;
use roster::resolve::Resolver;
use roster::staff::Staff;
use std::path::PathBuf;
use std::sync::OnceLock;

const POLICY: &str = "name = \"t\"\n[period]\nstart = 2025-06-02\nend = 2025-06-13\n\
                      [split]\nWFO = 50\nWFH = 50\n";
const STAFF: &[u8] = b"nip,name,unit,role\n198609262015051001,A,U,r\n198609262015051002,B,U,r\n";

fuzz_target!(|data: &[u8]| {
    static INPUTS: OnceLock<(Policy, Staff, Leave, PathBuf)> = OnceLock::new();
    let (policy, staff, leave, file) = INPUTS.get_or_init(|| {
        let policy = Policy::parse(POLICY, "policy.toml").expect("the policy reads");
        let staff = Staff::from_reader(Box::new(std::io::Cursor::new(STAFF)), "staff.csv")
            .expect("the staff file reads");
        let file = std::env::temp_dir().join(format!("roster-fuzz-{}", std::process::id()));
        (policy, staff, Leave::default(), file)
    });
    if std::fs::write(file, data).is_err() {
        return;
    }
    let resolver = Resolver::new(policy, staff, leave);
    let period = (policy.period.start, policy.period.end);
    let _ = Published::read(
        &resolver,
        std::slice::from_ref(file),
        period,
        &Options::default(),
        &|_| String::new(),
    );
});
