//! Decoding any bytes: an error or valid text, never a panic; lossy decoding always succeeds
//! on non-binary input. The text of any input read as an HTML page: never a panic, trimmed,
//! at most a blank line between paragraphs.
#![no_main]
use brief::tokenize::{decode, DecodeOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = decode(bytes, DecodeOptions::default()) {
        assert!(!text.contains('\r'));
    }
    if let Ok(d) = brief::tokenize::decode_any(bytes.to_vec(), DecodeOptions::default(), None) {
        assert!(!d.text.contains('\r'));
        let _ = brief::tokenize::looks_like_html(&d.text);
        let page = brief::tokenize::html_to_text(&d.text);
        assert_eq!(page.trim(), page);
        assert!(!page.contains("\n\n\n"), "{page:?}");
    }
    let _ = decode(
        bytes,
        DecodeOptions {
            lossy: true,
            allow_binary: true,
        },
    );
});
