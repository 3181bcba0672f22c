//! What the page shows of an import: what was detected and why, the report whose counts add up, the
//! overview, the first rejected rows, and the settings and options to show in the form; or, when the
//! import stopped, what went wrong in both languages with what was detected so far. Sent by the worker
//! as they are (src/protocol.rs).

use serde::{Deserialize, Serialize};

use crate::import::errors::ImportError;
use crate::import::rejects::Reject;
use crate::import::{Detected, ImportFailure, ImportOptions};
use crate::lang::Lang;
use crate::settings::Settings;
use crate::table::import_report::ImportReport;
use crate::table::imported::Imported;
use crate::table::overview::Overview;

/// How many rejected rows travel to the page; all of them are in the CSV download.
pub const REJECTS_SHOWN: usize = 200;

/// `Settings` travel inside a message as their JSON text, the form of the settings file: their segment
/// rules are an adjacently tagged enum (`{"kind": "custom", "rules": [...]}` in that file), which
/// postcard cannot read (it has no field names to find the tag by). The page reads that JSON anyway
/// (stored and imported settings), so this costs it no code.
pub mod settings_as_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::settings::Settings;

    pub fn serialize<S: Serializer>(settings: &Settings, s: S) -> Result<S::Ok, S::Error> {
        serde_json::to_string(settings).map_err(serde::ser::Error::custom)?.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Settings, D::Error> {
        let text = <&str>::deserialize(d)?;
        serde_json::from_str(text).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportView {
    pub detected: Detected,
    pub report: ImportReport,
    pub overview: Overview,
    pub rejects: Vec<Reject>,
    #[serde(with = "settings_as_json")]
    pub settings: Settings,
    pub options: ImportOptions,
    /// Milliseconds per stage in the worker (read, parse + customer table, view), for benchmarks.
    pub timings_ms: Vec<(TimedStage, f64)>,
}

/// A stage of the worker's import, timed for the benchmarks (the page's `__kezhiTimings`, where it is
/// written in snake case: `read`, `warm_up_longest_step`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimedStage {
    /// Reading the file (all of it, wherever it happened).
    Read,
    /// The whole import: decode + parse + table.
    Import,
    /// Encoding, dialect and columns.
    Decode,
    /// The rows.
    Parse,
    /// The customer table.
    Table,
    /// The import's view for the page.
    View,
    /// The warm-up before the file came (worker/warm_up.rs), 1 when it ran to its end, its longest step.
    WarmUp,
    WarmedUp,
    WarmUpLongestStep,
}

impl ImportView {
    pub fn new(imported: &Imported, settings: &Settings) -> ImportView {
        ImportView {
            detected: imported.detected.clone(),
            report: imported.report.clone(),
            overview: imported.overview.clone(),
            rejects: imported.rejects.iter().take(REJECTS_SHOWN).cloned().collect(),
            settings: settings.clone(),
            options: imported.detected.as_options(),
            timings_ms: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailureView {
    pub file_name: String,
    pub message_en: String,
    pub message_zh: String,
    /// What was detected before the import stopped, so the mapping screen can fix it.
    pub detected: Option<Box<Detected>>,
}

impl FailureView {
    pub fn new(file_name: &str, error: &ImportError, detected: Option<Box<Detected>>) -> FailureView {
        FailureView {
            file_name: file_name.to_string(),
            message_en: error.message(file_name, Lang::En),
            message_zh: error.message(file_name, Lang::Zh),
            detected,
        }
    }

    pub fn from_failure(file_name: &str, f: &ImportFailure) -> FailureView {
        FailureView::new(file_name, &f.error, f.detected.clone())
    }

    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_en, &self.message_zh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The benchmarks read the worker's stage times by these names (bench/scale_browser.mjs, bench/import_bench.mjs).
    #[test]
    fn timed_stages_keep_the_names_the_benchmarks_read() {
        let timings = vec![(TimedStage::Read, 1.5), (TimedStage::WarmUpLongestStep, 2.0)];
        assert_eq!(serde_json::to_string(&timings).unwrap(), r#"[["read",1.5],["warm_up_longest_step",2.0]]"#);
    }
}
