//! Any header and any sample values through the scored column mapping (`column_roles::map_columns`,
//! known exports, word parts, content, the RFM-table renaming). The bytes are split into lines, the
//! first line into header names at `,`, the others into values. Invariants: no panic; one role per
//! column and each role on one column at most; a reading for every mapped column and none for the
//! others, naming the same role; alternatives point at two different columns inside the header, the
//! chosen one holding the role; a recognised export's signature columns are all in the header.
#![no_main]

use kezhi_engine::import::column_roles::map_columns;
use kezhi_engine::import::header_mapping::normalise_header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let names: Vec<String> = lines.next().unwrap_or("").split(',').map(String::from).collect();
    let rows: Vec<Vec<String>> = lines.take(200).map(|l| l.split(',').map(String::from).collect()).collect();
    let m = map_columns(&names, &|i| rows.iter().filter_map(|r| r.get(i).cloned()).collect());
    assert_eq!(m.roles.len(), names.len());
    assert_eq!(m.readings.len(), names.len());
    for (i, (role, reading)) in m.roles.iter().zip(&m.readings).enumerate() {
        assert_eq!(role.is_some(), reading.is_some(), "column {i}");
        if let (Some(r), Some(x)) = (role, reading) {
            assert_eq!(*r, x.role, "column {i}");
            assert_eq!(m.roles.iter().filter(|o| **o == Some(*r)).count(), 1, "{r:?} twice");
        }
    }
    for a in &m.alternatives {
        assert!(a.chosen < names.len() && a.other < names.len() && a.chosen != a.other);
        assert_eq!(m.roles[a.chosen], Some(a.role));
    }
    if let Some(e) = m.export {
        let normal: Vec<String> = names.iter().map(|n| normalise_header(n)).collect();
        assert!(e.profile().signature.iter().all(|s| normal.iter().any(|n| n == s)), "{e:?}");
    }
});
