//! Every sentence and label the engine says to a person, in English and Chinese: one table
//! ([`table`]'s `texts!` list), one key per message. The page's own texts are in the app's
//! `src/ui/i18n.rs`; the engine's (rejection reasons, import errors and report lines, the fit report,
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
//! Held by the tests below: every key has both languages and they name the same placeholders
//! (`both_languages_name_the_same_placeholders`), every key is used by the engine
//! (`every_text_is_used`), and a text filled without one of its values fails in debug builds.
//!
//! Not here, because they are data rather than messages: the vocabularies that recognise a file
//! (header synonyms and name parts in `import/header_mapping.rs` and `import/column_roles.rs`, order
//! statuses, the column names of known exports, date and currency marks), the demo data's names,
//! the user's own segment rules (their names come in the settings, in both languages), and the
//! strategy texts (`views/strategies.json`, a table keyed by framework and class with its own test
//! that every class has both languages).

use std::fmt::{Display, Write as _};

use crate::lang::Lang;

mod table;

pub use table::Text;

impl Text {
    /// The text in `lang`, placeholders unfilled.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.en(), self.zh())
    }

    /// The text in `lang` with each `{name}` replaced by its value in `args` and each
    /// `{name:one|many}` chosen by it. A placeholder without a value stays visible as written (and
    /// fails a debug build: `a_missing_value_is_caught`).
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        fill_template(self.get(lang), args, self.name())
    }
}

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

/// Fills a template written in the table's syntax that is not one of the engine's texts (the page's
/// own, from `src/ui/i18n.rs`): [`Text::fill`] for any string.
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Both languages of every key are written, differ where the text is a sentence, and name the
    /// same placeholders (a value added to one language only is how the two drift apart).
    #[test]
    fn both_languages_name_the_same_placeholders() {
        assert!(Text::ALL.len() > 300, "only {} texts", Text::ALL.len());
        let mut drift = Vec::new();
        for &t in Text::ALL {
            assert!(!t.en().trim().is_empty() && !t.zh().trim().is_empty(), "{t:?} lacks a language");
            let en: BTreeSet<&str> = placeholder_names(t.en()).into_iter().collect();
            let zh: BTreeSet<&str> = placeholder_names(t.zh()).into_iter().collect();
            if en != zh {
                drift.push(format!("{t:?}: en {en:?} zh {zh:?}"));
            }
            let words: String = t.en().split('{').map(|part| part.split_once('}').map_or(part, |(_, after)| after)).collect();
            let has_words = words.chars().filter(|c| c.is_ascii_alphabetic()).count() > 3;
            let has_han = t.zh().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(!has_words || has_han || t.en() == t.zh(), "{t:?}: the Chinese text has no Chinese: {}", t.zh());
        }
        assert!(drift.is_empty(), "placeholders differ: {drift:#?}");
    }

    /// Every key is used somewhere in the engine's sources (outside this table), so the table holds
    /// no stale text that a reader might take for the one shown.
    #[test]
    fn every_text_is_used() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut sources = String::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("texts/table.rs") {
                    sources.push_str(&std::fs::read_to_string(&path).expect("source"));
                }
            }
        }
        // `Text::SegmentLoyal` is not used by `Text::SegmentLoyalCustomers`: the name must end there.
        let used = |name: &str| {
            let needle = format!("Text::{name}");
            sources.match_indices(&needle).any(|(at, _)| !sources[at + needle.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        };
        let unused: Vec<&str> = Text::ALL.iter().map(|t| t.name()).filter(|name| !used(name)).collect();
        assert!(unused.is_empty(), "texts no code uses: {unused:?}");
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
