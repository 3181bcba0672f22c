//! Anonymising for demos on real data (issue 8): one switch replaces every customer id by a stable
//! pseudonym and hides every name, on screen and in exports. Customer i (0-based, in the table's
//! order, which is the file's order of first appearance) of n is "Customer-0001" / "客户-0001", padded
//! to at least four digits and to as many as n has, so the same file always gives the same names and
//! they sort in the table's order.

use super::customer_list::{self, Card, ListRow, Selection};
use super::customer_table::CustomerTable;
use super::lang::Lang;
use super::scoring::Scored;

pub fn pseudonym(index: usize, total: usize, lang: Lang) -> String {
    let width = total.to_string().len().max(4);
    format!("{}-{:0width$}", lang.pick("Customer", "客户"), index + 1)
}

/// The list's customers while anonymised: the search matches the pseudonyms (in either language),
/// never the real ids or names, so typing a name reveals nothing.
pub fn select(table: &CustomerTable, scored: &Scored, sel: &Selection) -> Vec<usize> {
    let needle = sel.search.trim().to_lowercase();
    let unsearched = Selection { search: String::new(), ..sel.clone() };
    let all = customer_list::select(table, scored, &unsearched);
    if needle.is_empty() {
        return all;
    }
    let n = table.customers.len();
    all.into_iter()
        .filter(|&i| [Lang::En, Lang::Zh].iter().any(|&l| pseudonym(i, n, l).to_lowercase().contains(&needle)))
        .collect()
}

/// The list's customers as shown: anonymised (see [`select`]) or not.
pub fn select_shown(table: &CustomerTable, scored: &Scored, sel: &Selection, anonymise: bool) -> Vec<usize> {
    if anonymise { select(table, scored, sel) } else { customer_list::select(table, scored, sel) }
}

/// The row with its id replaced and its name hidden.
pub fn row(mut row: ListRow, total: usize, lang: Lang) -> ListRow {
    row.id = pseudonym(row.index, total, lang);
    row.name = None;
    row
}

/// The card with its id replaced and its name and region hidden.
pub fn card(mut card: Card, total: usize, lang: Lang) -> Card {
    card.row = row(card.row, total, lang);
    card.region = None;
    card
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_padded_stable_and_in_both_languages() {
        assert_eq!(pseudonym(0, 5000, Lang::En), "Customer-0001");
        assert_eq!(pseudonym(41, 5000, Lang::Zh), "客户-0042");
        assert_eq!(pseudonym(99_999, 100_000, Lang::En), "Customer-100000");
        assert_eq!(pseudonym(6, 100_000, Lang::En), "Customer-000007");
        assert_eq!(pseudonym(6, 100_000, Lang::En), pseudonym(6, 100_000, Lang::En));
    }

    #[test]
    fn an_anonymised_search_finds_pseudonyms_not_names() {
        let (imported, scored) = crate::engine::demo_data::scored_fixture(300);
        let table = &imported.table;
        let name = table.customers[7].name.clone().expect("the demo has names");
        let by = |search: &str| select(table, &scored, &Selection { search: search.into(), ..Selection::default() });
        assert!(by(&name).is_empty(), "a real name finds nobody");
        assert!(by(&table.customers[7].id).is_empty(), "nor a real id");
        assert_eq!(by("customer-0008"), [7]);
        assert_eq!(by("客户-0008"), [7]);
        assert_eq!(by("").len(), table.customers.len());
    }
}
