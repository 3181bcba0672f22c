//! Anonymising for demos on real data: one switch replaces every customer id by a stable
//! pseudonym and hides every name, on screen and in exports. Customer i (0-based, in the table's
//! order, which is the file's order of first appearance) of n is "Customer-0001" / "客户-0001", padded
//! to at least four digits and to as many as n has, so the same file always gives the same names and
//! they sort in the table's order.

use crate::views::customer_list::{self, Card, ListRow, Selection};
use crate::import::header_mapping::Role;
use crate::import::rejects::Reject;
use crate::table::customer_table::CustomerTable;
use crate::lang::Lang;
use crate::scoring::Scored;
use crate::texts::Text;

pub fn pseudonym(index: usize, total: usize, lang: Lang) -> String {
    let width = total.to_string().len().max(4);
    format!("{}-{:0width$}", Text::PseudonymStem.get(lang), index + 1)
}

/// What a hidden value shows instead.
pub const MASK: &str = "•••";

/// Whether a column of this role shows its values while anonymised: dates, money, counts, statuses,
/// categories and channels say nothing of who a customer is or where they live. Ids (of customers
/// and of orders), names, regions and every column the import does not use (addresses, phones,
/// notes …) are hidden. `tests::only_measures_dates_and_statuses_show`.
pub fn shows(role: Option<Role>) -> bool {
    role.is_some_and(|r| !matches!(r, Role::CustomerId | Role::OrderId | Role::Name | Role::Region))
}

/// A cell of a column of `role` as shown while anonymised: itself, or [`MASK`] (empty stays empty).
pub fn cell(value: &str, role: Option<Role>) -> String {
    if value.is_empty() || shows(role) { value.to_string() } else { MASK.to_string() }
}

/// A rejected row as shown and downloaded while anonymised: its value hidden unless its column shows
/// (`roles` by 0-based column; a whole-row reason has column 0 and no value of a column).
pub fn reject(mut r: Reject, roles: &[Option<Role>]) -> Reject {
    let role = r.column.checked_sub(1).and_then(|c| roles.get(c).copied().flatten());
    r.value = cell(&r.value, role);
    r
}

/// The dropped file's name while anonymised: its kind only ("file.csv", "文件.xlsx"), since a file is
/// often named for the client.
pub fn file_name(name: &str, lang: Lang) -> String {
    let stem = Text::FileStem.get(lang);
    match name.rsplit_once('.') {
        Some((_, ext)) if !ext.is_empty() && ext.len() <= 5 => format!("{stem}.{ext}"),
        _ => stem.to_string(),
    }
}

/// The start of an export's file name: the dropped file's stem, or "kezhi" while anonymised.
pub fn export_stem(name: &str, anonymise: bool) -> String {
    if anonymise {
        return "kezhi".to_string();
    }
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
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
    fn only_measures_dates_and_statuses_show() {
        for role in Role::ALL {
            let hidden = matches!(role, Role::CustomerId | Role::OrderId | Role::Name | Role::Region);
            assert_eq!(shows(Some(role)), !hidden, "{role:?}");
        }
        assert!(!shows(None), "a column the import does not use may hold an address");
        assert_eq!(cell("kai.berg@example.com", Some(Role::CustomerId)), MASK);
        assert_eq!(cell("2024-03-23", Some(Role::Date)), "2024-03-23");
        assert_eq!(cell("", None), "");
        let r = Reject { line: 7, column: 2, column_name: "Email".into(), value: "kai.berg@example".into(), reason: crate::import::rejects::RejectReason::EmptyValue };
        assert_eq!(reject(r, &[Some(Role::Date), Some(Role::CustomerId)]).value, MASK);
        assert_eq!(file_name("华为_订单.xlsx", Lang::Zh), "文件.xlsx");
        assert_eq!(file_name("acme orders", Lang::En), "file");
        assert_eq!(export_stem("acme_orders.csv", true), "kezhi");
        assert_eq!(export_stem("acme_orders.csv", false), "acme_orders");
    }

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
        let (imported, scored) = crate::scoring::scored_fixture(300);
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
