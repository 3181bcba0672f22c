//! Records → typed transactions (or summary rows) and rejects, under a resolved column mapping.

use chrono::NaiveDate;
use compact_str::CompactString;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::amounts::{parse_amount, AmountError, DecimalSeparator};
use super::dates::{parse_date, DateError, DateFormat};
use super::header_mapping::Role;
use super::order_status::{NotCounted, StatusCount, StatusTally};
use super::records::Row;
use super::rejects::{RangeRule, Reject, RejectReason};
use super::text_normal::{trim, unguard};
use crate::texts::Text;

/// An optional amount in 8 bytes, where `Option<f64>` takes 16: NaN stands for none, which a parsed
/// amount never is (`parse_amount` refuses values that are not finite). A row holds three, so this
/// keeps a row at 64 bytes instead of 88; the rows are the largest thing an import keeps
/// (`memory_budget.rs` counts on the 64).
#[derive(Clone, Copy)]
pub struct OptionalAmount(f64);

impl OptionalAmount {
    pub fn new(value: Option<f64>) -> OptionalAmount {
        OptionalAmount(value.filter(|v| !v.is_nan()).unwrap_or(f64::NAN))
    }

    pub fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }

    pub fn is_some(self) -> bool {
        !self.0.is_nan()
    }

    pub fn unwrap_or(self, default: f64) -> f64 {
        self.get().unwrap_or(default)
    }
}

impl PartialEq for OptionalAmount {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for OptionalAmount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// One purchase row (64 bytes). `customer` indexes [`Transactions::customer_ids`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Txn {
    pub customer: u32,
    pub date: NaiveDate,
    pub amount: f64,
    /// Gross margin of the row when the file gives cost or profit; none = apply the margin rate.
    pub margin: OptionalAmount,
    /// Hash of the order id; 0 when there is no order column.
    pub order: u64,
    /// Interned category (+1); 0 = none.
    pub category: u32,
    pub channel: u32,
    pub quantity: OptionalAmount,
    pub wallet: OptionalAmount,
    /// Line in the file, for drill-down to the source.
    pub line: u64,
}

/// The transaction log as read, all dates (the window split happens later).
#[derive(Debug, Clone, Default)]
pub struct Transactions {
    pub customer_ids: Vec<String>,
    pub names: Vec<Option<String>>,
    pub regions: Vec<Option<String>>,
    pub categories: Vec<String>,
    pub channels: Vec<String>,
    pub rows: Vec<Txn>,
    pub has_margin_column: bool,
    /// Lines of an order after its first, folded into it (docs/methods.md §0, "Orders over lines").
    pub folded_lines: u64,
    /// Every status value met, with its orders and rows, counted or not.
    pub statuses: Vec<StatusCount>,
    /// Orders that became purchases (a new order id, or a row without an order column).
    pub orders: u64,
    /// Orders whose first row was rejected (counted once per order, for the report's count of orders).
    pub orders_rejected: u64,
    /// Rows whose refund was subtracted from their amount.
    pub refunds_subtracted: u64,
    /// The amount is quantity × unit price (no amount column).
    pub amount_derived: bool,
    /// Rows whose order id starts with `C` read as returns (UCI Online Retail).
    pub c_prefix_returns: u64,
    /// The first and last order id's hash seen (0: none), and what became of the first row: for
    /// joining a file parsed in two halves whose cut falls inside an order (`split_parse.rs`).
    pub first_order: u64,
    pub last_order: u64,
    pub first_row: FirstRow,
}

/// What became of a file's (or a half's) first data row, read as the start of an order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FirstRow {
    #[default]
    Rejected,
    /// A purchase, counted as a new order.
    Used,
    /// Counted by its status (its order with it).
    Tallied,
    /// It would have been folded into an order that began before it.
    Folds,
}

impl Transactions {
    /// Orders and rows not counted as purchases (status, refund in full, cancellation).
    pub fn not_counted(&self) -> (u64, u64) {
        self.statuses.iter().filter(|c| !c.counted).fold((0, 0), |(o, r), c| (o + c.orders, r + c.rows))
    }
}

/// What an RFM table's spend column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpendMeaning {
    /// The customer's total spend (SQL RFM queries' `SUM(amount)`).
    Total,
    /// The mean spend per purchase.
    PerPurchase,
}

impl SpendMeaning {
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            SpendMeaning::Total => Text::SpendTotal.get(lang),
            SpendMeaning::PerPurchase => Text::SpendPerPurchase.get(lang),
        }
    }
}

/// One customer of an RFM table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmRow {
    pub customer_id: String,
    pub name: Option<String>,
    /// Days since the last purchase, or the last purchase's date.
    pub days_since: Option<f64>,
    pub last_purchase: Option<NaiveDate>,
    /// Purchases, a whole number ≥ 1.
    pub purchases: f64,
    pub spend: f64,
    pub line: u64,
}

/// One customer of a summary file (lifetimes convention, docs/methods.md §0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    pub customer_id: String,
    pub name: Option<String>,
    pub frequency: f64,
    pub recency: f64,
    pub t: f64,
    pub monetary_value: f64,
    pub line: u64,
}

/// Each role's column, in an array indexed by `Role as usize`, and one past the last mapped column.
/// Looked up for every field of every row, so an array, not a hash map (the profile that chose it:
/// docs/performance.md, "Measurements behind the code").
#[derive(Debug, Clone, Default)]
pub struct RoleColumns {
    column: [Option<usize>; Role::ALL.len()],
    needed: usize,
}

impl RoleColumns {
    /// From the role of each column.
    pub fn from_mapping(mapping: &[Option<Role>]) -> RoleColumns {
        let mut r = RoleColumns::default();
        for (i, role) in mapping.iter().enumerate() {
            if let Some(role) = role {
                r.column[*role as usize] = Some(i);
                r.needed = r.needed.max(i + 1);
            }
        }
        r
    }

    pub fn get(&self, role: Role) -> Option<usize> {
        self.column[role as usize]
    }
}

#[derive(Debug, Clone)]
pub struct ColumnPlan {
    pub index: RoleColumns,
    pub names: Vec<String>,
    pub columns: usize,
    pub date_format: DateFormat,
    pub decimal: DecimalSeparator,
    /// The day of the import; rows dated more than a day later are rejected.
    pub today: Option<NaiveDate>,
    /// The encoding's name when some bytes did not decode: ids holding U+FFFD are then rejected.
    pub undecodable_in: Option<String>,
    pub rules: ReadingRules,
}

/// How a file's orders are read beyond its columns (a recognised export's rules, the user's status
/// choices).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadingRules {
    /// The amount is the order's: an order's lines after the first are folded into it.
    pub amount_per_order: bool,
    /// Order ids starting with `C` are returns (UCI Online Retail's cancelled invoices).
    pub c_prefix_returns: bool,
    /// The user's choices of statuses: value → counted.
    pub status_choices: Vec<(String, bool)>,
    /// The other date column (creation time beside payment time), read where the date is blank: an
    /// order the user counts though it was never paid has no payment time.
    pub date_fallback: Option<usize>,
    /// A status, cancellation, refund or second date column is mapped: each row is checked for them
    /// (else the checks are skipped, and a plain log reads as fast as before).
    pub reads_orders: bool,
}

impl ColumnPlan {
    #[inline]
    fn col(&self, role: Role) -> Option<usize> {
        self.index.get(role)
    }

    /// The file gives cost or profit, so rows carry their own margin.
    pub fn has_margin_column(&self) -> bool {
        self.index.get(Role::Cost).is_some() || self.index.get(Role::Profit).is_some()
    }
}

/// Checks the shape of a row: not empty, no missing mapped field, no extra non-empty field.
fn row_shape_problem(rec: Row, plan: &ColumnPlan) -> Option<RejectReason> {
    if let Some(last_line) = rec.quote_never_closes() {
        return Some(RejectReason::QuoteNeverCloses { last_line });
    }
    if rec.iter().all(|f| trim(f).is_empty()) {
        return Some(RejectReason::EmptyRow);
    }
    if rec.len() < plan.index.needed {
        return Some(RejectReason::MissingField { fields: rec.len(), expected: plan.columns });
    }
    if rec.len() > plan.columns && rec.iter().skip(plan.columns).any(|f| !trim(f).is_empty()) {
        return Some(RejectReason::ExtraFields { fields: rec.len(), expected: plan.columns });
    }
    None
}

pub struct RowReader<'p> {
    plan: &'p ColumnPlan,
    user_column: &'p dyn Fn(usize) -> usize,
}

impl<'p> RowReader<'p> {
    pub fn new(plan: &'p ColumnPlan, user_column: &'p dyn Fn(usize) -> usize) -> Self {
        RowReader { plan, user_column }
    }

    /// Whether `user_column` (a reject's, 1-based as the user sees it) holds one of `roles`.
    fn is_column_of(&self, user_column: usize, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.plan.col(*r).is_some_and(|c| (self.user_column)(c) == user_column))
    }

    fn reject(&self, line: u64, col: usize, value: &str, reason: RejectReason) -> Reject {
        Reject {
            line,
            column: (self.user_column)(col),
            column_name: self.plan.names.get(col).cloned().unwrap_or_default(),
            value: value.chars().take(200).collect(),
            reason,
        }
    }

    fn whole_row(&self, line: u64, rec: Row, reason: RejectReason) -> Reject {
        let value: String = rec.iter().collect::<Vec<_>>().join(" | ").chars().take(200).collect();
        Reject { line, column: 0, column_name: String::new(), value, reason }
    }

    #[inline]
    fn text<'r>(&self, rec: Row<'r>, role: Role) -> Option<&'r str> {
        self.plan.col(role).and_then(|c| rec.get(c)).map(trim).filter(|s| !s.is_empty())
    }

    /// An id's text: `text` without Excel's `="…"` guard (order and customer ids only, where exports
    /// put it).
    #[inline]
    fn id_text<'r>(&self, rec: Row<'r>, role: Role) -> Option<&'r str> {
        self.text(rec, role).map(unguard).filter(|s| !s.is_empty())
    }

    fn required_text<'r>(&self, line: u64, rec: Row<'r>, role: Role) -> Result<&'r str, Reject> {
        let c = self.plan.col(role).unwrap_or(0);
        self.id_text(rec, role).ok_or_else(|| self.reject(line, c, "", RejectReason::EmptyValue))
    }

    /// The customer id, set aside when it holds a character that did not decode.
    fn customer_id<'r>(&self, line: u64, rec: Row<'r>) -> Result<&'r str, Reject> {
        let id = self.required_text(line, rec, Role::CustomerId)?;
        match &self.plan.undecodable_in {
            // U+FFFD is EF BF BD: a byte search first (`str::contains` of a char sets up a
            // substring search for every row).
            Some(encoding) if id.as_bytes().contains(&0xEF) && id.contains('\u{FFFD}') => {
                let c = self.plan.col(Role::CustomerId).unwrap_or(0);
                Err(self.reject(line, c, id, RejectReason::UndecodableId { encoding: encoding.clone() }))
            }
            _ => Ok(id),
        }
    }

    /// The role's amount, none when the file has no such column: that check inlined where it is
    /// asked (a row asks for up to seven roles most files do not have), the parse out of line.
    #[inline]
    fn number(&self, line: u64, rec: Row, role: Role) -> Result<Option<f64>, Reject> {
        match self.plan.col(role) {
            None => Ok(None),
            Some(c) => self.number_at(line, rec, c),
        }
    }

    fn number_at(&self, line: u64, rec: Row, c: usize) -> Result<Option<f64>, Reject> {
        let raw = rec.get(c).unwrap_or("");
        match parse_amount(raw, self.plan.decimal) {
            Ok(v) => Ok(Some(v)),
            Err(AmountError::Empty) => Ok(None),
            Err(AmountError::NotANumber) => Err(self.reject(line, c, raw, RejectReason::NotANumber)),
            Err(AmountError::TooLarge) => Err(self.reject(line, c, raw, RejectReason::AmountTooLarge)),
        }
    }

    fn required_number(&self, line: u64, rec: Row, role: Role) -> Result<f64, Reject> {
        let c = self.plan.col(role).unwrap_or(0);
        self.number(line, rec, role)?.ok_or_else(|| self.reject(line, c, "", RejectReason::EmptyValue))
    }

    fn date(&self, line: u64, rec: Row) -> Result<NaiveDate, Reject> {
        self.date_of(line, rec, Role::Date)
    }

    fn date_of(&self, line: u64, rec: Row, role: Role) -> Result<NaiveDate, Reject> {
        let c = self.plan.col(role).unwrap_or(0);
        match self.plan.rules.date_fallback {
            Some(other) if role == Role::Date && rec.get(c).is_none_or(|v| trim(v).is_empty()) => self.date_at(line, rec, other),
            _ => self.date_at(line, rec, c),
        }
    }

    fn date_at(&self, line: u64, rec: Row, c: usize) -> Result<NaiveDate, Reject> {
        let raw = rec.get(c).unwrap_or("");
        let lowest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
        let highest = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or_default();
        match parse_date(raw, self.plan.date_format) {
            Ok(d) if d < lowest || d > highest => Err(self.reject(line, c, raw, RejectReason::ImplausibleDate)),
            Ok(d) if self.plan.today.is_some_and(|t| d > t + chrono::Days::new(1)) => {
                let today = self.plan.today.map(|t| t.to_string()).unwrap_or_default();
                Err(self.reject(line, c, raw, RejectReason::FutureDate { today }))
            }
            Ok(d) => Ok(d),
            Err(DateError::Empty) => Err(self.reject(line, c, raw, RejectReason::EmptyValue)),
            Err(DateError::Impossible) => Err(self.reject(line, c, raw, RejectReason::ImpossibleDate)),
            Err(DateError::NotADate) => Err(self.reject(
                line,
                c,
                raw,
                RejectReason::NotADate { format: self.plan.date_format.name().to_string() },
            )),
        }
    }
}

/// Interns strings to dense indices.
///
/// Keys are `CompactString`s, which hold up to 24 bytes inline, so a customer id is compared where the
/// table keeps it, not behind a pointer to elsewhere on the heap (why: docs/performance.md,
/// "Measurements behind the code").
#[derive(Default)]
pub struct Interner {
    map: FxHashMap<CompactString, u32>,
}

impl Interner {
    pub fn get_or_insert(&mut self, s: &str, list: &mut Vec<String>) -> u32 {
        if let Some(&i) = self.map.get(s) {
            return i;
        }
        let i = list.len() as u32;
        list.push(s.to_string());
        self.map.insert(CompactString::from(s), i);
        i
    }
}

/// FNV-1a, 64 bit: a stable hash of order ids, so distinct orders per customer can be counted without
/// keeping a string per row. (Eight lines; a crate would add a dependency for no gain.)
pub fn order_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h.max(1)
}

/// Accumulates the transaction log row by row.
#[derive(Default)]
pub struct TxnBuilder {
    pub txns: Transactions,
    ids: Interner,
    cats: Interner,
    chans: Interner,
    statuses: StatusTally,
    started: bool,
    /// The row being read starts an order (for counting orders rejected).
    row_starts_order: bool,
    seen_order_row: bool,
    first_row_folds: bool,
}

impl TxnBuilder {
    /// A builder with room for about `rows` rows, so a large file does not regrow (and copy) its
    /// row vector a dozen times.
    pub fn with_capacity(rows: usize, rules: &ReadingRules) -> TxnBuilder {
        let mut b = TxnBuilder { statuses: StatusTally::new(&rules.status_choices), ..TxnBuilder::default() };
        b.txns.rows.reserve(rows);
        b
    }

    /// The transaction log, with the statuses met.
    pub fn finish(self, plan: &ColumnPlan) -> Transactions {
        let mut txns = self.txns;
        txns.statuses = self.statuses.counts;
        txns.has_margin_column = plan.has_margin_column();
        txns.amount_derived = plan.col(Role::Amount).is_none() && plan.col(Role::UnitPrice).is_some();
        txns
    }

    /// Reads one row: a purchase, a line folded into its order, an order that is not a purchase
    /// (counted apart by status), or a reject. Each row is exactly one of these
    /// (`crates/kezhi-engine/tests/export_fixtures.rs` holds `rows read = used + folded + not counted + rejected`).
    pub fn push(&mut self, reader: &RowReader, line: u64, rec: Row) -> Result<(), Reject> {
        if self.started {
            let got = self.read_row(reader, line, rec);
            if got.is_err() && self.row_starts_order {
                self.txns.orders_rejected += 1;
            }
            return got;
        }
        self.started = true;
        let tallied = |b: &TxnBuilder| b.statuses.counts.iter().map(|c| c.rows).sum::<u64>();
        let before = tallied(self);
        let got = self.read_row(reader, line, rec);
        if got.is_err() && self.row_starts_order {
            self.txns.orders_rejected += 1;
        }
        self.txns.first_row = if self.first_row_folds {
            FirstRow::Folds
        } else if tallied(self) > before {
            FirstRow::Tallied
        } else if !self.txns.rows.is_empty() {
            FirstRow::Used
        } else {
            FirstRow::Rejected
        };
        got
    }

    fn read_row(&mut self, reader: &RowReader, line: u64, rec: Row) -> Result<(), Reject> {
        let plan = reader.plan;
        self.row_starts_order = false;
        if let Some(reason) = row_shape_problem(rec, plan) {
            return Err(reader.whole_row(line, rec, reason));
        }
        let order_text = reader.id_text(rec, Role::OrderId);
        let order = order_text.map_or(0, order_hash);
        let new_order = order == 0 || order != self.txns.last_order;
        self.row_starts_order = new_order && order != 0;
        let first_row = !self.seen_order_row;
        self.seen_order_row = true;
        if order != 0 {
            if self.txns.first_order == 0 {
                self.txns.first_order = order;
            }
            self.txns.last_order = order;
        }
        // An order's later line is folded into it: always when the export's amount is the order's;
        // when statuses are read, as soon as the order's own money or date is blank on it (a blank
        // date there must not read as an unpaid order); else when its date or amount is blank
        // (below, where reading it fails: no check on rows that read whole).
        let continues = order != 0 && !new_order;
        let money = if plan.col(Role::Amount).is_some() { Role::Amount } else { Role::UnitPrice };
        let blank = |role: Role| plan.col(role).is_some() && reader.text(rec, role).is_none();
        if first_row {
            self.first_row_folds =
                order != 0 && (plan.rules.amount_per_order || blank(money) || blank(Role::Date));
        }
        if continues && (plan.rules.amount_per_order || (plan.rules.reads_orders && (blank(money) || blank(Role::Date)))) {
            self.txns.folded_lines += 1;
            return Ok(());
        }
        if plan.rules.reads_orders {
            let status = reader.text(rec, Role::Status);
            if let Some(status) = status {
                if !self.statuses.count(status, new_order) {
                    return Ok(());
                }
            }
            if reader.text(rec, Role::CancelledAt).is_some() {
                self.statuses.set_apart(NotCounted::CancelledAt, new_order);
                return Ok(());
            }
            // An empty payment time beside an order time: never paid, unless the user counts its
            // status (then the order time dates it, `RowReader::date_of`).
            if plan.rules.date_fallback.is_some() && blank(Role::Date) {
                let counted_by_user = status.is_some_and(|s| plan.rules.status_choices.iter().any(|(v, c)| *c && v.trim().eq_ignore_ascii_case(s)));
                if !counted_by_user {
                    self.statuses.set_apart(NotCounted::NoPaymentTime, new_order);
                    return Ok(());
                }
            }
        }
        match self.purchase(reader, line, rec, order_text, order, new_order) {
            // An empty date or amount on an order's later line is that line leaving the order's
            // columns to its first. (An empty customer is not: a guest order's lines are rejected.)
            Err(r) if continues && r.reason == RejectReason::EmptyValue && reader.is_column_of(r.column, &[Role::Date, money]) => {
                self.txns.folded_lines += 1;
                Ok(())
            }
            other => other,
        }
    }

    /// Reads a row that is not folded nor set apart as a purchase: every field is read before anything
    /// is counted, so a reject leaves no trace but itself.
    fn purchase(&mut self, reader: &RowReader, line: u64, rec: Row, order_text: Option<&str>, order: u64, new_order: bool) -> Result<(), Reject> {
        let plan = reader.plan;
        let id = reader.customer_id(line, rec)?;
        let date = reader.date(line, rec)?;
        let quantity = reader.number(line, rec, Role::Quantity)?;
        let mut amount = match plan.col(Role::Amount) {
            Some(_) => reader.required_number(line, rec, Role::Amount)?,
            None => {
                let price = reader.required_number(line, rec, Role::UnitPrice)?;
                let discount = reader.number(line, rec, Role::Discount)?.unwrap_or(0.0);
                price * quantity.unwrap_or(1.0) - discount
            }
        };
        // WooCommerce writes refunds as negative amounts: a refund is its size.
        let refund = if plan.rules.reads_orders { reader.number(line, rec, Role::Refund)? } else { None };
        let cost = reader.number(line, rec, Role::Cost)?;
        let profit = reader.number(line, rec, Role::Profit)?;
        let wallet = reader.number(line, rec, Role::Wallet)?;
        let c_return = plan.rules.c_prefix_returns && order_text.is_some_and(|o| o.starts_with(['C', 'c']));
        if c_return {
            amount = -amount.abs();
        }
        if let Some(refund) = refund.map(f64::abs).filter(|r| *r > 0.0) {
            if amount > 0.0 && refund >= amount - 0.005 {
                self.statuses.set_apart(NotCounted::RefundedInFull, new_order);
                return Ok(());
            }
            amount -= refund;
            self.txns.refunds_subtracted += 1;
        }
        self.txns.c_prefix_returns += u64::from(c_return);
        // A return (UCI's C invoice, a negative line) is not a purchase.
        self.txns.orders += u64::from(new_order && amount >= 0.0);
        let margin = profit.or(cost.map(|c| amount - c));
        let category = reader.text(rec, Role::Category).map_or(0, |c| self.cats.get_or_insert(c, &mut self.txns.categories) + 1);
        let channel = reader.text(rec, Role::Channel).map_or(0, |c| self.chans.get_or_insert(c, &mut self.txns.channels) + 1);
        let customer = self.ids.get_or_insert(id, &mut self.txns.customer_ids);
        if customer as usize == self.txns.names.len() {
            self.txns.names.push(reader.text(rec, Role::Name).map(String::from));
            self.txns.regions.push(reader.text(rec, Role::Region).map(String::from));
        }
        let (margin, quantity, wallet) = (OptionalAmount::new(margin), OptionalAmount::new(quantity), OptionalAmount::new(wallet));
        self.txns.rows.push(Txn { customer, date, amount, margin, order, category, channel, quantity, wallet, line });
        Ok(())
    }
}

/// Reads one row of an RFM table (docs/methods.md §0, shape 3).
pub fn rfm_row(reader: &RowReader, line: u64, rec: Row) -> Result<RfmRow, Reject> {
    if let Some(reason) = row_shape_problem(rec, reader.plan) {
        return Err(reader.whole_row(line, rec, reason));
    }
    let id = reader.customer_id(line, rec)?;
    let col = |r: Role| reader.plan.col(r).unwrap_or(0);
    let out = |r: Role, v: f64, rule: RangeRule| Err(reader.reject(line, col(r), &v.to_string(), RejectReason::OutOfRange { rule }));
    let (days_since, last_purchase) = match reader.plan.col(Role::DaysSince) {
        Some(_) => (Some(reader.required_number(line, rec, Role::DaysSince)?), None),
        None => (None, Some(reader.date_of(line, rec, Role::LastPurchase)?)),
    };
    let purchases = reader.required_number(line, rec, Role::Purchases)?;
    let spend = reader.required_number(line, rec, Role::Spend)?;
    if days_since.is_some_and(|d| d < 0.0) {
        return out(Role::DaysSince, days_since.unwrap_or(0.0), RangeRule::DaysSinceNegative);
    }
    if purchases < 1.0 || purchases.fract() != 0.0 {
        return out(Role::Purchases, purchases, RangeRule::PurchasesNotWhole);
    }
    if spend < 0.0 {
        return out(Role::Spend, spend, RangeRule::SpendNegative);
    }
    Ok(RfmRow { customer_id: id.to_string(), name: reader.text(rec, Role::Name).map(String::from), days_since, last_purchase, purchases, spend, line })
}

/// Reads one summary row (docs/methods.md §0, shape 2).
pub fn summary_row(reader: &RowReader, line: u64, rec: Row) -> Result<SummaryRow, Reject> {
    if let Some(reason) = row_shape_problem(rec, reader.plan) {
        return Err(reader.whole_row(line, rec, reason));
    }
    let id = reader.customer_id(line, rec)?;
    let frequency = reader.required_number(line, rec, Role::Frequency)?;
    let recency = reader.required_number(line, rec, Role::Recency)?;
    let t = reader.required_number(line, rec, Role::Age)?;
    let monetary_value = reader.number(line, rec, Role::MonetaryValue)?.unwrap_or(0.0);
    let col = |r: Role| reader.plan.col(r).unwrap_or(0);
    let out = |r: Role, v: f64, rule: RangeRule| Err(reader.reject(line, col(r), &v.to_string(), RejectReason::OutOfRange { rule }));
    if frequency < 0.0 || frequency.fract() != 0.0 {
        return out(Role::Frequency, frequency, RangeRule::FrequencyNotWhole);
    }
    if recency < 0.0 {
        return out(Role::Recency, recency, RangeRule::RecencyNegative);
    }
    if t < recency {
        return out(Role::Age, t, RangeRule::AgeBelowRecency);
    }
    if frequency == 0.0 && recency != 0.0 {
        return out(Role::Recency, recency, RangeRule::RecencyWithoutRepeats);
    }
    if monetary_value < 0.0 {
        return out(Role::MonetaryValue, monetary_value, RangeRule::MonetaryValueNegative);
    }
    Ok(SummaryRow {
        customer_id: id.to_string(),
        name: reader.text(rec, Role::Name).map(String::from),
        frequency,
        recency,
        t,
        monetary_value,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every role has a slot of its own in `RoleColumns` (a role left out of `Role::ALL` would index
    /// past the array), and the columns and the count of needed fields come back as mapped.
    #[test]
    fn role_columns_hold_every_role_and_the_last_mapped_column() {
        let mut slots: Vec<usize> = Role::ALL.iter().map(|&r| r as usize).collect();
        slots.sort_unstable();
        assert_eq!(slots, (0..Role::ALL.len()).collect::<Vec<_>>());
        let r = RoleColumns::from_mapping(&[Some(Role::Date), None, Some(Role::CustomerId), Some(Role::MonetaryValue), None]);
        assert_eq!((r.get(Role::Date), r.get(Role::CustomerId), r.get(Role::MonetaryValue), r.get(Role::Amount)), (Some(0), Some(2), Some(3), None));
        assert_eq!(r.needed, 4);
    }

    /// The row stays at 64 bytes, and an absent amount reads back as none, a present one as itself.
    #[test]
    fn a_row_is_64_bytes_and_optional_amounts_round_trip() {
        assert_eq!(std::mem::size_of::<Txn>(), 64);
        for v in [None, Some(0.0), Some(-12.5), Some(1e15)] {
            assert_eq!(OptionalAmount::new(v).get(), v);
            assert_eq!(format!("{:?}", OptionalAmount::new(v)), format!("{v:?}"));
        }
        assert_eq!(OptionalAmount::new(Some(f64::NAN)).get(), None);
    }
}
