//! Spreadsheets (XLSX, XLSM, XLSB, XLS, ODS) through `calamine`: sheet choice, cells to text, and
//! Excel's 1900 and 1904 date systems.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use csv::StringRecord;

use super::errors::ImportError;

/// A ZIP (XLSX/ODS) or OLE2 (XLS) signature.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

pub struct Sheet {
    pub names: Vec<String>,
    pub chosen: String,
    pub rows: Vec<StringRecord>,
    pub first_row: u64,
    pub first_col: usize,
    /// The workbook counts dates from 1904 (old Excel for Mac).
    pub is_1904: bool,
}

/// Cell text as a CSV export of the sheet would show it; date cells become `YYYY-MM-DD HH:MM:SS`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Opens a workbook and reads one sheet: the one named, or the first with data.
pub fn read_sheet(bytes: &[u8], wanted: Option<&str>) -> Result<Sheet, ImportError> {
    let mut book: Sheets<_> = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::Workbook { detail: e.to_string() })?;
    let is_1904 = match &book {
        Sheets::Xlsx(x) => x.has_1904_epoch(),
        _ => false,
    };
    let names = book.sheet_names().to_vec();
    let candidates: Vec<String> = match wanted.filter(|w| !w.is_empty()) {
        Some(w) => {
            if !names.iter().any(|n| n == w) {
                return Err(ImportError::SheetNotFound { name: w.to_string() });
            }
            vec![w.to_string()]
        }
        None => names.clone(),
    };
    for name in candidates {
        let range = book.worksheet_range(&name).map_err(|e| ImportError::Workbook { detail: e.to_string() })?;
        if range.is_empty() || range.used_cells().all(|(_, _, c)| matches!(c, Data::Empty)) {
            if wanted.is_some() {
                return Err(ImportError::NoSheetWithData);
            }
            continue;
        }
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|r| {
                let mut rec = StringRecord::new();
                for c in r {
                    rec.push_field(&cell_text(c));
                }
                rec
            })
            .collect();
        return Ok(Sheet { names, chosen: name, rows, first_row: first_row as u64, first_col: first_col as usize, is_1904 });
    }
    Err(ImportError::NoSheetWithData)
}
