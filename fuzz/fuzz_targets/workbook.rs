#![no_main]
//! Any bytes as a tabular input (a workbook when they start like one: `.xlsx`, `.ods`,
//! `.xls`), every row read to the end: rows or an error, never a panic, an abort or
//! gigabytes.

use libfuzzer_sys::fuzz_target;
use roster::input::{Options, Table, fields};

fuzz_target!(|data: &[u8]| {
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    let Ok(mut table) = Table::from_reader(input, "book.xlsx", fields::STAFF, &Options::default())
    else {
        return;
    };
    while let Ok(Some(_)) = table.next_record() {}
});
