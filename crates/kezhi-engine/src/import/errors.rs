//! Errors that stop an import, each with what the user should do next, in both languages.

use super::column_roles::ContentKind;
use super::header_mapping::{Role, Shape};
use super::rejects::Reject;
use crate::lang::{group_thousands, Lang};
use crate::say;
use crate::texts::Text;

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
    /// No data row could be used: how many were rejected, and the first of them (none when every
    /// row was counted apart rather than rejected).
    NoUsableRows { rejected: usize, first: Option<Reject> },
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
        match self {
            MissingColumn { role, shape } => say!(Text::ImportMissingColumnCli, lang, file = file, role = role.label(lang), shape = shape.label(lang), key = role.key()),
            UnsureColumn { role, column, content } => {
                say!(Text::ImportUnsureColumnCli, lang, file = file, role = role.label(lang), column = column, content = content_text(*content, lang), key = role.key())
            }
            AmbiguousDateOrder { column, example } => say!(Text::ImportAmbiguousDateOrderCli, lang, file = file, column = column, example = example),
            NoUsableRows { rejected, first } => say!(Text::ImportNoUsableRowsCli, lang, file = file, n = group_thousands(*rejected as u64), reason = first_problem(first.as_ref(), lang)),
            _ => self.message(file, lang),
        }
    }

    /// The message shown on the page, naming the file and saying what to do.
    pub fn message(&self, file: &str, lang: Lang) -> String {
        use ImportError::*;
        match self {
            Empty => say!(Text::ImportEmpty, lang, file = file),
            Read { detail } => say!(Text::ImportRead, lang, file = file, detail = detail),
            NoTable { bytes } => say!(Text::ImportNoTable, lang, file = file, bytes = bytes),
            Binary => say!(Text::ImportBinary, lang, file = file),
            TooLarge { bytes, needed, budget } => say!(Text::ImportTooLarge, lang, file = file, size = size_text(*bytes), needed = size_text(*needed), budget = size_text(*budget)),
            UnknownEncoding { label } => say!(Text::ImportUnknownEncoding, lang, label = label),
            Workbook { detail } => say!(Text::ImportWorkbook, lang, file = file, detail = detail),
            NoSheetWithData => say!(Text::ImportNoSheetWithData, lang, file = file),
            SheetNotFound { name } => say!(Text::ImportSheetNotFound, lang, file = file, name = name),
            HeaderOnly => say!(Text::ImportHeaderOnly, lang, file = file),
            MissingColumn { role, shape } => say!(Text::ImportMissingColumn, lang, file = file, role = role.label(lang), shape = shape.label(lang)),
            UnsureColumn { role, column, content } => say!(Text::ImportUnsureColumn, lang, file = file, role = role.label(lang), column = column, content = content_text(*content, lang)),
            AmbiguousDateOrder { column, example } => say!(Text::ImportAmbiguousDateOrder, lang, file = file, column = column, example = example),
            NoUsableRows { rejected, first } => say!(Text::ImportNoUsableRows, lang, file = file, n = group_thousands(*rejected as u64), reason = first_problem(first.as_ref(), lang)),
            OtherOrigin { url } => say!(Text::ImportOtherOrigin, lang, file = file, url = url),
            Fetch { url, detail } => say!(Text::ImportFetch, lang, file = file, url = url, detail = detail),
            UnknownColumn { name } => say!(Text::ImportUnknownColumn, lang, file = file, name = name),
        }
    }
}

/// The first rejected row in words: where it is and why, in `lang`.
pub fn first_problem(first: Option<&Reject>, lang: Lang) -> String {
    match first {
        Some(r) => say!(Text::RejectAt, lang, line = r.line, column = r.column, name = r.column_name, reason = r.reason.text(lang)),
        None => Text::NoRowRejected.get(lang).into(),
    }
}

/// What an unsure column was seen to hold, in words.
fn content_text(content: Option<ContentKind>, lang: Lang) -> &'static str {
    content.map_or(Text::ImportValuesLikeIt.get(lang), |c| c.label(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::rejects::RejectReason;

    /// A rejected date in line 2, column 3.
    fn date_reject() -> Reject {
        Reject { line: 2, column: 3, column_name: "Bestelldatum".into(), value: "31.02.2024".into(), reason: RejectReason::ImpossibleDate }
    }

    /// The first problem is said in the reader's language, where it is included (it was English in
    /// the Chinese message once); with no row rejected, that is said instead.
    #[test]
    fn the_first_problem_is_said_in_the_readers_language() {
        let e = ImportError::NoUsableRows { rejected: 1, first: Some(date_reject()) };
        assert_eq!(e.message("t.csv", Lang::En), "t.csv: none of the 1 data rows could be used. The first problem: line 2, column 3 (Bestelldatum): no such calendar date. Check the column mapping and formats above.");
        assert_eq!(e.message("t.csv", Lang::Zh), "t.csv：1 行数据全部无法使用。第一个问题：第 2 行第 3 列（Bestelldatum）：日历上不存在该日期。请检查上方的列映射与格式。");
        let none = ImportError::NoUsableRows { rejected: 0, first: None };
        assert!(none.message("t.csv", Lang::En).contains("no row was rejected"), "{}", none.message("t.csv", Lang::En));
    }

    /// On the command line, a message that asks for a choice names the flag, not the page's mapping.
    #[test]
    fn command_line_messages_name_their_flags() {
        let errors = [
            ImportError::MissingColumn { role: Role::Amount, shape: Shape::Transactions },
            ImportError::UnsureColumn { role: Role::Date, column: "Purchased On".into(), content: Some(ContentKind::Dates) },
            ImportError::AmbiguousDateOrder { column: "date".into(), example: "05/03/2024".into() },
            ImportError::NoUsableRows { rejected: 3, first: Some(date_reject()) },
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
        let e = ImportError::NoUsableRows { rejected: 860_073, first: Some(date_reject()) };
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
            NoUsableRows { rejected: 860_073, first: Some(date_reject()) },
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
                ImportError::NoUsableRows { .. } => vec!["Bestelldatum".into()],
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
