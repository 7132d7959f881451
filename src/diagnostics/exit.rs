//! The exit codes every command returns: 0 GO (or GO WITH CONDITIONS unless `--strict`),
//! 1 NO-GO, 2 usage, playbook or repository error, or anything that could not be evaluated.

pub const EXIT_GO: u8 = 0;
pub const EXIT_NO_GO: u8 = 1;
pub const EXIT_ERROR: u8 = 2;
