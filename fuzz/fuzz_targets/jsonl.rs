//! JSON Lines framing of any bytes: never a panic; every line is numbered in order, is never
//! blank, holds no line end and no NUL, and the lossy reader fails only on NUL bytes.
#![no_main]
use brief::tokenize::jsonl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut last = 0;
    for line in jsonl::lines(bytes) {
        let number = match &line {
            Ok(l) => {
                // Blank means ASCII whitespace only (a vertical tab is not blank: it is the
                // JSON parser's to refuse).
                assert!(!l.text.bytes().all(|b| b.is_ascii_whitespace()));
                assert!(!l.text.contains('\n') && !l.text.contains('\0'));
                l.number
            }
            Err(e) => e.number,
        };
        assert!(number > last);
        last = number;
    }
    assert!(last <= bytes.iter().filter(|&&b| b == b'\n').count() + 1);
    for line in jsonl::lines_lossy(bytes) {
        if let Err(e) = line {
            assert!(matches!(e.kind, jsonl::LineErrorKind::Nul { .. }));
        }
    }
});
