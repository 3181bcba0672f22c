//! Whether a browser tab can hold a file's import before it is read: the worker's memory
//! grows with the file, and a tab that runs out dies with it. Above the budget the page refuses the
//! file up front and points to the warehouse route (docs/warehouse.md: a one-row-per-customer summary).
//!
//! The budget is per byte of the file: a text file is read in pieces as it is parsed
//! (`text_stream.rs`) and a typed row takes 64 bytes (`typed_rows::OptionalAmount`), so the worker's
//! peak memory grows linearly with the file (`bench/scale_browser.mjs` measures it; the figures:
//! docs/performance.md, "Measurements behind the code"). A workbook is read whole but bounded by
//! Excel's 1,048,576 rows a sheet, so the per-byte figure of text is used for every file.

use super::errors::ImportError;

/// Peak worker memory per byte of the file (the measured ratio, docs/performance.md), with a margin.
pub const MEMORY_PER_FILE_BYTE: f64 = 3.2;
/// The worker's memory before any file (its code, tables and the first pages of the heap).
pub const BASE_MEMORY_BYTES: u64 = 32 << 20;
/// The most a tab plans to use: wasm32's address space is 4 GiB and growing a memory copies it, so
/// 3 GiB leaves room; a device that reports less memory (`navigator.deviceMemory`, in GB, capped at 8
/// by browsers) gets half of what it reports.
pub const MAX_BUDGET_BYTES: u64 = 3 << 30;

/// The worker's memory an import of a file of `file_bytes` needs at its peak, estimated.
pub fn needed(file_bytes: u64) -> u64 {
    BASE_MEMORY_BYTES + (file_bytes as f64 * MEMORY_PER_FILE_BYTE).ceil() as u64
}

/// The budget on a device reporting `device_memory_gb` (none reported: the maximum).
pub fn budget(device_memory_gb: Option<f64>) -> u64 {
    match device_memory_gb.filter(|g| g.is_finite() && *g > 0.0) {
        Some(gb) => MAX_BUDGET_BYTES.min((gb * 1e9 / 2.0) as u64),
        None => MAX_BUDGET_BYTES,
    }
}

/// `Ok` when the file fits the budget, else the error that says so and what to do instead.
pub fn check(file_bytes: u64, budget: u64) -> Result<(), ImportError> {
    let needed = needed(file_bytes);
    if needed > budget {
        return Err(ImportError::TooLarge { bytes: file_bytes, needed, budget });
    }
    Ok(())
}

/// The largest file `budget` admits.
pub fn largest_file(budget: u64) -> u64 {
    (budget.saturating_sub(BASE_MEMORY_BYTES) as f64 / MEMORY_PER_FILE_BYTE) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: 3 GiB = 3,221,225,472 bytes; minus 32 MiB (33,554,432) = 3,187,671,040; ÷ 3.2 =
    /// 996,147,200 bytes. The 639.5 MB file the benchmark completed is admitted, a 1 GB file is not
    /// (32 MiB + 3.2 × 10^9 = 3,233,554,432 bytes needed).
    #[test]
    fn the_budget_admits_what_was_measured_to_work_and_refuses_more() {
        assert_eq!(largest_file(MAX_BUDGET_BYTES), 996_147_200);
        assert!(check(639_502_621, budget(None)).is_ok());
        assert!(check(996_147_200, budget(None)).is_ok());
        let err = check(1_000_000_000, budget(None)).unwrap_err();
        assert_eq!(err, ImportError::TooLarge { bytes: 1_000_000_000, needed: 3_233_554_432, budget: 3 << 30 });
    }

    /// A 4 GB device gets 2 GB; 8 GB (browsers' cap) and unreported get 3 GiB; nonsense is ignored.
    #[test]
    fn the_budget_follows_the_device() {
        assert_eq!(budget(Some(4.0)), 2_000_000_000);
        assert_eq!(budget(Some(8.0)), MAX_BUDGET_BYTES);
        assert_eq!(budget(Some(f64::NAN)), MAX_BUDGET_BYTES);
        assert_eq!(budget(Some(0.0)), MAX_BUDGET_BYTES);
        assert!(check(600_000_000, budget(Some(4.0))).is_ok());
        assert!(check(700_000_000, budget(Some(4.0))).is_err());
    }

    /// The message names the file, the figures, the budget and the way out, in both languages.
    #[test]
    fn the_refusal_says_what_to_do() {
        let e = check(1_000_000_000, budget(None)).unwrap_err();
        let en = e.message("all_orders.csv", crate::lang::Lang::En);
        assert!(
            en.contains("all_orders.csv")
                && en.contains("1.0 GB")
                && en.contains("about 3.2 GB")
                && en.contains("the 3.2 GB")
                && en.contains("summary"),
            "{en}"
        );
        let zh = e.message("all_orders.csv", crate::lang::Lang::Zh);
        assert!(zh.contains("all_orders.csv") && zh.contains("汇总"), "{zh}");
    }
}
