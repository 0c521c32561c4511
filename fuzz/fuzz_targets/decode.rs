//! Decoding any bytes: an error or valid text, never a panic; lossy decoding always succeeds
//! on non-binary input.
#![no_main]
use brief::tokenize::{decode, DecodeOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = decode(bytes, DecodeOptions::default()) {
        assert!(!text.contains('\r'));
    }
    if let Ok(d) = brief::tokenize::decode_any(bytes.to_vec(), DecodeOptions::default(), None) {
        assert!(!d.text.contains('\r'));
    }
    let _ = decode(
        bytes,
        DecodeOptions {
            lossy: true,
            allow_binary: true,
        },
    );
});
