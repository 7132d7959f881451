//! One run of the pipeline, end to end: resolve the policy, take the snapshot, run the
//! controls, apply waivers, decide, assemble the evidence (`check`, `run`); and the runs built
//! on it: repeating a recorded check (`verify`), checking many repositories (`scan`) and a
//! playbook's own tests (`playbook_test`).

pub mod check;
pub mod playbook_test;
pub mod remote;
pub mod run;
pub mod scan;
pub mod scan_cache;
pub mod scan_each;
pub mod shard;
pub mod steering;
pub mod verify;
