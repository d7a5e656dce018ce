//! The restricted pickle reader on arbitrary bytes: it may refuse them, never panic, and what
//! it accepts are arrays whose values fill their shapes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match dlfs::io::pickle::read_arrays(bytes) {
        Ok(arrays) => {
            for (_, a) in arrays {
                assert_eq!(a.len(), a.shape().iter().product::<usize>());
            }
        }
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "one line: {e}");
            assert!(e.at <= bytes.len(), "{e}: past the end");
        }
    }
});
