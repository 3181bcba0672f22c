//! Errors that stop an import, each with what the user should do next, in both languages.

use super::column_roles::ContentKind;
use super::header_mapping::{Role, Shape};
use crate::lang::{group_thousands, Lang};

#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    Empty,
    /// Reading the file failed part way (it changed, moved or became unreadable since it was chosen).
    Read { detail: String },
    /// Bytes, but only blank lines or `#` note lines: no table.
    NoTable { bytes: u64 },
    Binary,
    /// More than a browser tab can hold (`memory_budget`): the file's size, the memory its import
    /// would need, and the budget, in bytes.
    TooLarge { bytes: u64, needed: u64, budget: u64 },
    UnknownEncoding { label: String },
    Workbook { detail: String },
    NoSheetWithData,
    SheetNotFound { name: String },
    HeaderOnly,
    MissingColumn { role: Role, shape: Shape },
    /// A column the file cannot do without was found from its values alone (its name says nothing):
    /// asked, not guessed.
    UnsureColumn { role: Role, column: String, content: Option<ContentKind> },
    AmbiguousDateOrder { column: String, example: String },
    NoUsableRows { rejected: usize, first_reason: String },
    UnknownColumn { name: String },
    /// `?src=` named a file on another origin: never fetched.
    OtherOrigin { url: String },
    /// `?src=` could not be fetched from the page's own server.
    Fetch { url: String, detail: String },
}

/// The page's English message about "the file"; callers that know the file's name and the reader's
/// language use [`ImportError::message`] or [`ImportError::message_on`].
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message("the file", Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// "25 MB" below a gigabyte, "1.2 GB" from there.
fn size_text(bytes: u64) -> String {
    if bytes < 1_000_000_000 { format!("{:.0} MB", bytes as f64 / 1e6) } else { format!("{:.1} GB", bytes as f64 / 1e9) }
}

/// Where a message is read: the page (choices on the mapping screen) or the command line (flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Page,
    CommandLine,
}

impl ImportError {
    /// The message for `surface`: on the command line, what to do names the flag.
    pub fn message_on(&self, file: &str, lang: Lang, surface: Surface) -> String {
        use ImportError::*;
        if surface == Surface::Page {
            return self.message(file, lang);
        }
        match (self, lang) {
            (MissingColumn { role, shape }, Lang::En) => format!("{file}: no column is mapped to \"{}\", which a {} needs. Name it with --map {}=COLUMN (a header or a column number from 1).", role.label(Lang::En), shape.label(Lang::En), role.key()),
            (MissingColumn { role, shape }, Lang::Zh) => format!("{file}：{}需要“{}”列，但没有列被映射到它。请用 --map {}=列名（表头或从 1 开始的列号）指定。", shape.label(Lang::Zh), role.label(Lang::Zh), role.key()),
            (UnsureColumn { role, column, content }, Lang::En) => format!(
                "{file}: no column is named for \"{}\"; column \"{column}\" holds {} and may be it. Confirm it with --map {}=\"{column}\" (or name another column).",
                role.label(Lang::En),
                content.map_or("values like it", |c| c.label(Lang::En)),
                role.key()
            ),
            (UnsureColumn { role, column, content }, Lang::Zh) => format!(
                "{file}：没有列名表明“{}”；“{column}”列的取值为{}，可能就是它。请用 --map {}=\"{column}\" 确认（或指定其他列）。",
                role.label(Lang::Zh),
                content.map_or("类似的值", |c| c.label(Lang::Zh)),
                role.key()
            ),
            (AmbiguousDateOrder { column, example }, Lang::En) => format!("{file}: dates in column \"{column}\" such as \"{example}\" could be day/month or month/day, and no row decides it. Give --date-format dmy or --date-format mdy."),
            (AmbiguousDateOrder { column, example }, Lang::Zh) => format!("{file}：“{column}”列中的日期（如“{example}”）既可能是日/月也可能是月/日，数据本身无法判断。请用 --date-format dmy 或 --date-format mdy 指定。"),
            (NoUsableRows { rejected, first_reason }, Lang::En) => format!("{file}: none of the {} data rows could be used. The first problem: {first_reason}. Check the columns (--map role=COLUMN) and formats (--date-format, --encoding, --delimiter).", group_thousands(*rejected as u64)),
            (NoUsableRows { rejected, first_reason }, Lang::Zh) => format!("{file}：{} 行数据全部无法使用。第一个问题：{first_reason}。请检查列映射（--map 角色=列名）与格式（--date-format、--encoding、--delimiter）。", group_thousands(*rejected as u64)),
            _ => self.message(file, lang),
        }
    }

    /// The message shown on the page, naming the file and saying what to do.
    pub fn message(&self, file: &str, lang: Lang) -> String {
        use ImportError::*;
        match (self, lang) {
            (Empty, Lang::En) => format!("{file} is empty (0 bytes). Export the data again and drop the new file."),
            (Empty, Lang::Zh) => format!("{file} 是空文件（0 字节）。请重新导出数据后再拖入。"),
            (Read { detail }, Lang::En) => format!("{file} could not be read to the end ({detail}). If it was changed, moved or is still being written, wait until it is complete and drop it again."),
            (Read { detail }, Lang::Zh) => format!("无法完整读取 {file}（{detail}）。如果文件已被修改、移动或仍在写入，请等其完成后重新拖入。"),
            (NoTable { bytes }, Lang::En) => format!("{file} has {bytes} bytes but no table: only blank lines or notes starting with #. Export the data again and drop the new file."),
            (NoTable { bytes }, Lang::Zh) => format!("{file} 有 {bytes} 字节，但没有表格：只有空行或以 # 开头的注释。请重新导出数据后再拖入。"),
            (Binary, Lang::En) => format!("{file} is not a text table (CSV/TSV) nor an Excel workbook. Save it from your spreadsheet as CSV (UTF-8) or XLSX and try again."),
            (Binary, Lang::Zh) => format!("{file} 既不是文本表格（CSV/TSV），也不是 Excel 工作簿。请在表格软件中另存为 CSV（UTF-8）或 XLSX 后重试。"),
            (TooLarge { bytes, needed, budget }, Lang::En) => format!("{file} is {}: reading it would take about {} of memory in this tab, more than the {} this page allows itself on this device, so it was not read. Aggregate it to one row per customer in your database (Kezhi's docs/warehouse.md has the SQL for DuckDB, Spark and others) and drop that summary instead; every model runs on it.", size_text(*bytes), size_text(*needed), size_text(*budget)),
            (TooLarge { bytes, needed, budget }, Lang::Zh) => format!("{file} 大小为 {}：读取它约需 {} 内存，超过本页面在此设备上的上限 {}，因此没有读取。请先在数据库中按客户汇总为每位客户一行（Kezhi 的 docs/warehouse.md 提供 DuckDB、Spark 等的 SQL），再拖入汇总文件；所有模型都可在汇总数据上运行。", size_text(*bytes), size_text(*needed), size_text(*budget)),
            (UnknownEncoding { label }, Lang::En) => format!("\"{label}\" is not an encoding this page knows. Choose one from the list (UTF-8, GBK, GB18030, Big5, Shift_JIS, windows-1252)."),
            (UnknownEncoding { label }, Lang::Zh) => format!("无法识别编码 \"{label}\"。请从列表中选择（UTF-8、GBK、GB18030、Big5、Shift_JIS、windows-1252）。"),
            (Workbook { detail }, Lang::En) => format!("{file} could not be opened as a workbook ({detail}). Open it in Excel, save it again as XLSX or CSV, and drop the new file."),
            (Workbook { detail }, Lang::Zh) => format!("无法作为工作簿打开 {file}（{detail}）。请在 Excel 中打开并另存为 XLSX 或 CSV 后重试。"),
            (NoSheetWithData, Lang::En) => format!("Every sheet of {file} is empty. Check that you exported the right workbook."),
            (NoSheetWithData, Lang::Zh) => format!("{file} 的所有工作表都是空的。请确认导出的是正确的工作簿。"),
            (SheetNotFound { name }, Lang::En) => format!("{file} has no sheet named \"{name}\". Pick a sheet from the list."),
            (SheetNotFound { name }, Lang::Zh) => format!("{file} 中没有名为“{name}”的工作表。请从列表中选择。"),
            (HeaderOnly, Lang::En) => format!("{file} has a header row but no data rows. Export the data again with its rows."),
            (HeaderOnly, Lang::Zh) => format!("{file} 只有表头，没有数据行。请重新导出包含数据的文件。"),
            (MissingColumn { role, shape }, Lang::En) => format!("{file}: no column is mapped to \"{}\", which a {} needs. Choose that column in the mapping above.", role.label(Lang::En), shape.label(Lang::En)),
            (MissingColumn { role, shape }, Lang::Zh) => format!("{file}：{}需要“{}”列，但没有列被映射到它。请在上方的列映射中选择。", shape.label(Lang::Zh), role.label(Lang::Zh)),
            (UnsureColumn { role, column, content }, Lang::En) => format!(
                "{file}: no column is named for \"{}\"; column \"{column}\" holds {} and may be it. Confirm it (or choose another) in the mapping above.",
                role.label(Lang::En),
                content.map_or("values like it", |c| c.label(Lang::En))
            ),
            (UnsureColumn { role, column, content }, Lang::Zh) => format!(
                "{file}：没有列名表明“{}”；“{column}”列的取值为{}，可能就是它。请在上方的列映射中确认（或另选）。",
                role.label(Lang::Zh),
                content.map_or("类似的值", |c| c.label(Lang::Zh))
            ),
            (AmbiguousDateOrder { column, example }, Lang::En) => format!("{file}: dates in column \"{column}\" such as \"{example}\" could be day/month or month/day, and no row decides it. Choose the date format in the mapping above."),
            (AmbiguousDateOrder { column, example }, Lang::Zh) => format!("{file}：“{column}”列中的日期（如“{example}”）既可能是日/月也可能是月/日，数据本身无法判断。请在上方选择日期格式。"),
            (NoUsableRows { rejected, first_reason }, Lang::En) => format!("{file}: none of the {} data rows could be used. The first problem: {first_reason}. Check the column mapping and formats above.", group_thousands(*rejected as u64)),
            (NoUsableRows { rejected, first_reason }, Lang::Zh) => format!("{file}：{} 行数据全部无法使用。第一个问题：{first_reason}。请检查上方的列映射与格式。", group_thousands(*rejected as u64)),
            (OtherOrigin { url }, Lang::En) => format!("{file}: {url} is on another server. Kezhi loads ?src= files only from the server it is served from, so nothing was fetched. Put the file beside Kezhi, or drop it here."),
            (OtherOrigin { url }, Lang::Zh) => format!("{file}：{url} 位于其他服务器。Kezhi 只从自身所在的服务器加载 ?src= 文件，因此没有发起任何请求。请将文件放在 Kezhi 旁边，或直接拖入本页面。"),
            (Fetch { url, detail }, Lang::En) => format!("{file}: {url} could not be fetched from this server ({detail}). Check the path in ?src=, or drop the file here."),
            (Fetch { url, detail }, Lang::Zh) => format!("{file}：无法从本服务器获取 {url}（{detail}）。请检查 ?src= 中的路径，或直接拖入文件。"),
            (UnknownColumn { name }, Lang::En) => format!("{file} has no column \"{name}\". Give a header name or a column number from 1."),
            (UnknownColumn { name }, Lang::Zh) => format!("{file} 中没有“{name}”列。请填写表头名称或从 1 开始的列号。"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On the command line, a message that asks for a choice names the flag, not the page's mapping.
    #[test]
    fn command_line_messages_name_their_flags() {
        let errors = [
            ImportError::MissingColumn { role: Role::Amount, shape: Shape::Transactions },
            ImportError::UnsureColumn { role: Role::Date, column: "Purchased On".into(), content: Some(ContentKind::Dates) },
            ImportError::AmbiguousDateOrder { column: "date".into(), example: "05/03/2024".into() },
            ImportError::NoUsableRows { rejected: 3, first_reason: "x".into() },
        ];
        for e in &errors {
            for lang in [Lang::En, Lang::Zh] {
                let cli = e.message_on("f.csv", lang, Surface::CommandLine);
                assert!(cli.contains("--"), "{cli}");
                assert!(!cli.contains("above") && !cli.contains("上方"), "{cli}");
                assert!(e.message("f.csv", lang).contains(lang.pick("above", "上方")), "{e:?}");
            }
        }
        assert!(errors[1].message_on("f.csv", Lang::En, Surface::CommandLine).contains("--map date=\"Purchased On\""));
    }

    #[test]
    fn a_count_of_rows_in_a_message_is_grouped() {
        let e = ImportError::NoUsableRows { rejected: 860_073, first_reason: "line 2: no date".into() };
        assert!(e.message("t.csv", Lang::En).starts_with("t.csv: none of the 860,073 data rows could be used."), "{}", e.message("t.csv", Lang::En));
        assert!(e.message("t.csv", Lang::Zh).starts_with("t.csv：860,073 行数据全部无法使用。"), "{}", e.message("t.csv", Lang::Zh));
    }

    #[test]
    fn an_error_displays_as_its_english_page_message() {
        let e = ImportError::SheetNotFound { name: "Orders".into() };
        assert_eq!(e.to_string(), e.message("the file", Lang::En));
        assert!(e.to_string().contains("Orders"));
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert!(!boxed.to_string().is_empty());
    }

    /// One of every error, with values a message must repeat (a variant added without a line here
    /// fails `index`'s match).
    fn one_of_each() -> Vec<ImportError> {
        use ImportError::*;
        let all = vec![
            Empty,
            Read { detail: "disk-gone-7".into() },
            NoTable { bytes: 4711 },
            Binary,
            TooLarge { bytes: 2_500_000_000, needed: 8_000_000_000, budget: 996_147_200 },
            UnknownEncoding { label: "koi9".into() },
            Workbook { detail: "zip-broken-3".into() },
            NoSheetWithData,
            SheetNotFound { name: "Orders-2024".into() },
            HeaderOnly,
            MissingColumn { role: Role::Amount, shape: Shape::Transactions },
            UnsureColumn { role: Role::Date, column: "Purchased On".into(), content: Some(ContentKind::Dates) },
            AmbiguousDateOrder { column: "date-col".into(), example: "05/03/2024".into() },
            NoUsableRows { rejected: 860_073, first_reason: "line 2: no date".into() },
            UnknownColumn { name: "Spalte-9".into() },
            OtherOrigin { url: "https://elsewhere.example/a.csv".into() },
            Fetch { url: "data/b.csv".into(), detail: "HTTP 404".into() },
        ];
        fn index(e: &ImportError) -> usize {
            match e {
                Empty => 0,
                Read { .. } => 1,
                NoTable { .. } => 2,
                Binary => 3,
                TooLarge { .. } => 4,
                UnknownEncoding { .. } => 5,
                Workbook { .. } => 6,
                NoSheetWithData => 7,
                SheetNotFound { .. } => 8,
                HeaderOnly => 9,
                MissingColumn { .. } => 10,
                UnsureColumn { .. } => 11,
                AmbiguousDateOrder { .. } => 12,
                NoUsableRows { .. } => 13,
                UnknownColumn { .. } => 14,
                OtherOrigin { .. } => 15,
                Fetch { .. } => 16,
            }
        }
        assert_eq!(all.iter().map(index).collect::<Vec<_>>(), (0..all.len()).collect::<Vec<_>>());
        all
    }

    /// The two languages say the same facts: on both surfaces, the English and the Chinese message of
    /// every error hold the same numbers (digit runs) and every value the error carries (file name,
    /// column, example, address, detail), and they differ (neither is the other's copy).
    #[test]
    fn both_languages_say_the_same_facts() {
        let digits = |m: &str| {
            let mut runs: Vec<String> = m.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).map(String::from).collect();
            runs.sort();
            runs
        };
        for e in one_of_each() {
            let values: Vec<String> = match &e {
                ImportError::Read { detail } | ImportError::Workbook { detail } => vec![detail.clone()],
                ImportError::UnknownEncoding { label } => vec![label.clone()],
                ImportError::SheetNotFound { name } | ImportError::UnknownColumn { name } => vec![name.clone()],
                ImportError::UnsureColumn { column, .. } => vec![column.clone()],
                ImportError::AmbiguousDateOrder { column, example } => vec![column.clone(), example.clone()],
                ImportError::NoUsableRows { first_reason, .. } => vec![first_reason.clone()],
                ImportError::OtherOrigin { url } => vec![url.clone()],
                ImportError::Fetch { url, detail } => vec![url.clone(), detail.clone()],
                _ => vec![],
            };
            for surface in [Surface::Page, Surface::CommandLine] {
                let (en, zh) = (e.message_on("orders-q3.csv", Lang::En, surface), e.message_on("orders-q3.csv", Lang::Zh, surface));
                assert_ne!(en, zh, "{e:?}");
                assert_eq!(digits(&en), digits(&zh), "{e:?} on {surface:?}:\n{en}\n{zh}");
                for v in &values {
                    assert!(en.contains(v.as_str()) && zh.contains(v.as_str()), "{e:?} on {surface:?} lacks {v}:\n{en}\n{zh}");
                }
                let names_file = en.contains("orders-q3.csv") && zh.contains("orders-q3.csv");
                assert!(names_file || matches!(e, ImportError::UnknownEncoding { .. }), "{e:?}: {en} / {zh}");
            }
        }
    }
}
