//! `gonogo playbook import`: a repolinter ruleset or an alint config translated into a playbook.

use std::path::Path;

use super::diagnostics::PlaybookError;

pub fn import_file(path: &Path) -> Result<String, PlaybookError> {
    Err(PlaybookError::plain(format!("not yet: {}", path.display())))
}
