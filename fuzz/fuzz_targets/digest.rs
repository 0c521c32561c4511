//! Any bytes as a digest part (`brief digest --parts`, `Digest::merge_part`): an error that
//! leaves the digest as it was, or a merged digest whose report renders in every format.
#![no_main]
use brief::digest::Digest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut d = Digest::builder().build().expect("the default digest builds");
    if d.merge_part(text).is_err() {
        assert!(d.is_empty());
        return;
    }
    let documents = d.len();
    // A part merges twice, after itself.
    let again = d.merge_part(text).is_ok();
    let report = d.finish();
    assert_eq!(report.overview.documents, documents * if again { 2 } else { 1 });
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert!(json.is_object());
    assert!(report.to_markdown().starts_with("# Digest"));
    assert!(report.to_html().starts_with("<!DOCTYPE html>"));
});
