//! Every sentence and label the engine says to a person, in English and Chinese: one table
//! (`texts/table.rs`, declared with [`texts_table!`]), one key per message. The page's own texts are
//! in the app's `src/ui/i18n.rs` and the command line's in its `src/cli/texts.rs`, both held by this
//! module's checks ([`table_problems`], [`unused_keys`]); the engine's (rejection reasons, import errors and report lines, the fit report,
//! the customer card's reasons, insights, class and segment names, the settings form) are here, so
//! the command line and the page say the same thing.
//!
//! A key is a [`Text`] variant: a typo does not compile, and looking a text up is a `match` (class
//! labels are written once per row by the streaming scorer). A text may hold placeholders:
//! - `{name}`: the value given for `name` in [`Text::fill`] (or the [`crate::say!`] macro);
//! - `{name:one|many}`: English grammar for a count: `one` when `name`'s value reads `1`, else
//!   `many` ("{n} {n:row was|rows were}"); a choice may hold placeholders ("the {n:line|{n} lines}").
//!   Chinese needs none.
//!
//! Held by the tests below: every key has both languages, with Chinese in the Chinese, and they name
//! the same placeholders (`both_languages_name_the_same_placeholders`), every key is used by the
//! engine (`every_text_is_used`), and a text filled without one of its values fails in debug builds
//! (`a_missing_value_is_caught`).
//!
//! Not here, because they are data rather than messages: the vocabularies that recognise a file
//! (header synonyms and name parts in `import/header_mapping.rs` and `import/column_roles.rs`, order
//! statuses, the column names of known exports, date and currency marks), the demo data's names,
//! the user's own segment rules (their names come in the settings, in both languages), and the
//! strategy texts (`views/strategies.json`, a table keyed by framework and class with its own test
//! that every class has both languages).

use std::collections::BTreeSet;
use std::fmt::{Display, Write as _};

/// Declares a table of texts: an enum with one variant per line (`Key: "English" / "中文";`) and
/// `ALL`, `en`, `zh`, `name`, `get` and `fill` (see the module doc for the placeholders). The engine's
/// table is [`Text`]; the command line declares its own with this macro.
#[macro_export]
macro_rules! texts_table {
    ($(#[$enum_doc:meta])* pub enum $name:ident; $($(#[$doc:meta])* $key:ident: $en:literal / $zh:literal;)*) => {
        $(#[$enum_doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$doc])* $key,)*
        }

        impl $name {
            /// Every text, in the table's order.
            pub const ALL: &'static [$name] = &[$($name::$key,)*];

            pub const fn en(self) -> &'static str {
                match self {
                    $($name::$key => $en,)*
                }
            }

            pub const fn zh(self) -> &'static str {
                match self {
                    $($name::$key => $zh,)*
                }
            }

            /// The key as written in the table (for messages about the table itself).
            pub const fn name(self) -> &'static str {
                match self {
                    $($name::$key => stringify!($key),)*
                }
            }

            /// The text in `lang`, placeholders unfilled.
            pub fn get(self, lang: $crate::lang::Lang) -> &'static str {
                lang.pick(self.en(), self.zh())
            }

            /// The text in `lang` with each `{name}` replaced by its value in `args` and each
            /// `{name:one|many}` chosen by it. A placeholder without a value stays visible as written
            /// (and fails a debug build).
            pub fn fill(self, lang: $crate::lang::Lang, args: &[(&str, &dyn ::std::fmt::Display)]) -> String {
                $crate::texts::fill(self.get(lang), args)
            }
        }
    };
}

mod table;

pub use table::Text;

/// [`Text::fill`] with named values: `say!(Text::RowsRejected, lang, n = count, file = name)`.
#[macro_export]
macro_rules! say {
    ($text:expr, $lang:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $text.fill($lang, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    };
}

/// A placeholder found in a template: its name and, for a count's grammar, the two choices.
struct Placeholder<'a> {
    name: &'a str,
    choices: Option<(&'a str, &'a str)>,
}

/// The placeholder starting right after a `{` at the head of `rest`, and its length with the closing
/// `}` (braces inside a choice nest); `None` when the brace is literal text (such as JSON).
fn placeholder(rest: &str) -> Option<(Placeholder<'_>, usize)> {
    let mut depth = 0usize;
    let end = rest.char_indices().find_map(|(at, c)| match c {
        '{' => {
            depth += 1;
            None
        }
        '}' if depth == 0 => Some(at),
        '}' => {
            depth -= 1;
            None
        }
        _ => None,
    })?;
    let inner = &rest[..end];
    let (name, choices) = match inner.split_once(':') {
        Some((name, forms)) => (name, Some(forms.split_once('|')?)),
        None => (inner, None),
    };
    let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    is_name.then_some((Placeholder { name, choices }, end + 1))
}

/// The placeholder names of a template, in order, repeats included (a choice's own placeholders
/// after its count's name). The page's own table (`src/ui/i18n.rs`) is checked with it too.
pub fn placeholder_names(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        rest = &rest[at + 1..];
        if let Some((p, len)) = placeholder(rest) {
            names.push(p.name);
            if let Some((one, many)) = p.choices {
                names.extend(placeholder_names(one));
                names.extend(placeholder_names(many));
            }
            rest = &rest[len..];
        }
    }
    names
}

/// Fills a template in the tables' syntax: what every table's `fill` does, and what the page does
/// with its own texts (`src/ui/i18n.rs`). A missing value fails a debug build, naming the template.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    fill_template(template, args, template)
}

fn fill_template(template: &str, args: &[(&str, &dyn Display)], key: &str) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let Some((p, len)) = placeholder(rest) else {
            out.push('{');
            continue;
        };
        match args.iter().find(|(name, _)| *name == p.name) {
            Some((_, value)) => {
                let value = value.to_string();
                match p.choices {
                    Some((one, many)) => out.push_str(&fill_template(if value == "1" { one } else { many }, args, key)),
                    None => out.push_str(&value),
                }
            }
            None => {
                debug_assert!(false, "{key}: no value for {{{}}}", p.name);
                let _ = write!(out, "{{{}}}", &rest[..len - 1]);
            }
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// What is wrong with a table of texts `(key, English, Chinese)`: a language left empty, the two
/// naming different placeholders (how they drift apart), or a Chinese text with no Chinese in it
/// where the English has words. Empty when the table is sound; each table's test asserts that.
pub fn table_problems(texts: &[(&str, &str, &str)]) -> Vec<String> {
    let mut problems = Vec::new();
    for &(key, en, zh) in texts {
        if en.trim().is_empty() || zh.trim().is_empty() {
            problems.push(format!("{key}: a language is empty"));
        }
        let (en_names, zh_names): (BTreeSet<&str>, BTreeSet<&str>) = (placeholder_names(en).into_iter().collect(), placeholder_names(zh).into_iter().collect());
        if en_names != zh_names {
            problems.push(format!("{key}: placeholders differ: en {en_names:?} zh {zh_names:?}"));
        }
        let words: String = en.split('{').map(|part| part.split_once('}').map_or(part, |(_, after)| after)).collect();
        let has_words = words.chars().filter(|c| c.is_ascii_alphabetic()).count() > 3;
        let has_han = zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if has_words && !has_han && en != zh {
            problems.push(format!("{key}: the Chinese text has no Chinese: {zh}"));
        }
    }
    problems
}

/// The keys of `names` that `sources` never writes as `{prefix}::{key}` (with the name ending there:
/// `Text::SegmentLoyal` is not used by `Text::SegmentLoyalCustomers`).
pub fn unused_keys<'a>(prefix: &str, names: impl IntoIterator<Item = &'a str>, sources: &str) -> Vec<&'a str> {
    let used = |name: &str| {
        let needle = format!("{prefix}::{name}");
        sources.match_indices(&needle).any(|(at, _)| !sources[at + needle.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    };
    names.into_iter().filter(|name| !used(name)).collect()
}

/// The Rust sources under `dir`, concatenated, leaving out files whose path ends with `skip`.
pub fn sources_under(dir: &std::path::Path, skip: &str) -> String {
    let mut sources = String::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with(skip) {
                sources.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both languages of every key are written, have Chinese where the English has words, and name
    /// the same placeholders (a value added to one language only is how the two drift apart).
    #[test]
    fn both_languages_name_the_same_placeholders() {
        assert!(Text::ALL.len() > 300, "only {} texts", Text::ALL.len());
        let rows: Vec<(&str, &str, &str)> = Text::ALL.iter().map(|t| (t.name(), t.en(), t.zh())).collect();
        let problems = table_problems(&rows);
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(table_problems(&[("Drift", "{file} is empty", "文件是空的")]).len(), 1, "a drift is found");
        assert_eq!(table_problems(&[("Untranslated", "the file is empty", "the file is empty!")]).len(), 1, "a copy is found");
    }

    /// Every key is used somewhere in the engine's sources (outside this table), so the table holds
    /// no stale text that a reader might take for the one shown.
    #[test]
    fn every_text_is_used() {
        let sources = sources_under(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), "texts/table.rs");
        assert!(sources.len() > 100_000, "the engine's sources were not read");
        let unused = unused_keys("Text", Text::ALL.iter().map(|t| t.name()), &sources);
        assert!(unused.is_empty(), "texts no code uses: {unused:?}");
        assert_eq!(unused_keys("Text", ["SegmentLoyal"], "Text::SegmentLoyalCustomers"), vec!["SegmentLoyal"]);
    }

    #[test]
    fn placeholders_are_filled_and_counts_choose_their_words() {
        let t = "{n} {n:row was|rows were} read from {file}; {\"json\":1} {not a placeholder}";
        assert_eq!(fill_template(t, &[("n", &"1"), ("file", &"a.csv")], "t"), "1 row was read from a.csv; {\"json\":1} {not a placeholder}");
        assert_eq!(fill_template(t, &[("n", &"1,105"), ("file", &"a.csv")], "t"), "1,105 rows were read from a.csv; {\"json\":1} {not a placeholder}");
        assert_eq!(placeholder_names(t), vec!["n", "n", "file"]);
        let nested = "the {lines:line|{lines} lines} above";
        assert_eq!(fill_template(nested, &[("lines", &1)], "t"), "the line above");
        assert_eq!(fill_template(nested, &[("lines", &3)], "t"), "the 3 lines above");
    }

    #[test]
    #[should_panic(expected = "no value for {file}")]
    fn a_missing_value_is_caught() {
        fill_template("read from {file}", &[], "t");
    }
}
