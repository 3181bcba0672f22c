//! Which orders are purchases: an order's status as the shop system writes it (`paid`, `pending`,
//! `交易关闭`, `等待买家付款` …), classed by what it means for money received (docs/methods.md §0,
//! "Orders that count"). Unpaid, pending, cancelled, closed, voided, failed and fully refunded orders
//! are not purchases: they are counted apart by status, not rejected. A status the table does not
//! know counts as a purchase and is listed in the report, where the user can turn it off.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::texts::Text;

/// What a status says about the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum StatusClass {
    /// Paid (or paid and on its way): a purchase.
    Paid,
    /// Not known to this table: counted as a purchase unless the user says otherwise.
    Unknown,
    /// Waiting for the buyer's payment.
    Unpaid,
    /// Payment authorised or pending, not received.
    Pending,
    Cancelled,
    /// Closed without a sale (Taobao's 交易关闭: unpaid and timed out, or refunded in full).
    Closed,
    Voided,
    Failed,
    /// Refunded in full.
    Refunded,
}

impl StatusClass {
    /// Whether an order of this class is a purchase by default.
    pub fn counts(self) -> bool {
        matches!(self, StatusClass::Paid | StatusClass::Unknown)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StatusClass::Paid => Text::StatusPaid,
            StatusClass::Unknown => Text::StatusUnknown,
            StatusClass::Unpaid => Text::StatusUnpaid,
            StatusClass::Pending => Text::StatusPending,
            StatusClass::Cancelled => Text::StatusCancelled,
            StatusClass::Closed => Text::StatusClosed,
            StatusClass::Voided => Text::StatusVoided,
            StatusClass::Failed => Text::StatusFailed,
            StatusClass::Refunded => Text::StatusRefunded,
        }
        .get(lang)
    }
}

/// Classes a status value as written. English values are compared in lower case with `-`, `_` and
/// spaces alike (`partially_refunded`, `Partially refunded`, `wc-completed`); Chinese values by the
/// words they contain, most specific first (`已发货，退款成功` is refunded, `买家已付款，等待卖家发货`
/// paid).
pub fn classify(raw: &str) -> StatusClass {
    let lower = raw.trim().to_lowercase();
    let key: String = lower.trim_start_matches("wc-").chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    let english = match key.as_str() {
        "paid" | "partially refunded" | "partially paid" | "completed" | "complete" | "processing" | "shipped" | "delivered"
        | "fulfilled" | "closed won" | "success" | "succeeded" | "settled" | "captured" | "done" | "finished" => Some(StatusClass::Paid),
        "pending" | "authorized" | "authorised" | "on hold" | "awaiting" | "in progress" => Some(StatusClass::Pending),
        "unpaid" | "pending payment" | "awaiting payment" | "not paid" | "expired" | "draft" | "checkout draft" => Some(StatusClass::Unpaid),
        "cancelled" | "canceled" | "cancel" => Some(StatusClass::Cancelled),
        "closed" => Some(StatusClass::Closed),
        "voided" | "void" => Some(StatusClass::Voided),
        "failed" | "declined" | "payment failed" => Some(StatusClass::Failed),
        "refunded" | "fully refunded" | "returned" => Some(StatusClass::Refunded),
        _ => None,
    };
    if let Some(class) = english {
        return class;
    }
    let has = |words: &[&str]| words.iter().any(|w| key.contains(w));
    if has(&["退款成功", "全额退款", "已退款", "退款完成", "已退货"]) {
        StatusClass::Refunded
    } else if has(&["等待买家付款", "待付款", "未付款", "待支付", "未支付", "等待付款"]) {
        StatusClass::Unpaid
    } else if has(&["取消"]) {
        StatusClass::Cancelled
    } else if has(&["关闭"]) {
        StatusClass::Closed
    } else if has(&["作废"]) {
        StatusClass::Voided
    } else if has(&["支付失败", "付款失败"]) {
        StatusClass::Failed
    } else if has(&[
        "交易成功", "已完成", "完成", "已付款", "已支付", "发货", "已签收", "签收", "收货", "已收货", "待收货", "待发货", "出库", "成功",
    ]) {
        StatusClass::Paid
    } else if has(&["锁定", "待审核", "待确认"]) {
        StatusClass::Pending
    } else {
        StatusClass::Unknown
    }
}

/// A status value and what became of its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusCount {
    /// As written in the file (the first spelling seen).
    pub value: String,
    pub class: StatusClass,
    /// Whether its orders were counted as purchases (the class's default, or the user's choice).
    pub counted: bool,
    /// Orders (distinct order ids in a row, or rows without an order column) and rows with it.
    pub orders: u64,
    pub rows: u64,
}

/// Why an order is not a purchase, beside its status value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCounted {
    /// Its status is not counted.
    Status,
    /// The refund column takes back all of its amount.
    RefundedInFull,
    /// A cancellation time is set.
    CancelledAt,
    /// The payment time is empty (beside an order time): never paid.
    NoPaymentTime,
}

/// Keys of the tally for orders not counted for a reason other than their status value.
pub const REFUNDED_IN_FULL_KEY: &str = "(refund = amount)";
pub const CANCELLED_AT_KEY: &str = "(cancelled at)";
pub const NO_PAYMENT_TIME_KEY: &str = "(no payment time)";
pub const MORE_VALUES_KEY: &str = "(more values)";

/// Distinct status values tallied one by one; the report lists each, so the list stays short.
const MAX_TALLIED: usize = 200;

/// The statuses of a file as its rows are read: classed once per distinct value, counted per row.
#[derive(Debug, Clone, Default)]
pub struct StatusTally {
    index: FxHashMap<String, usize>,
    pub counts: Vec<StatusCount>,
    /// The user's choices: value (trimmed, lower case) → counted.
    choices: Vec<(String, bool)>,
}

impl StatusTally {
    pub fn new(choices: &[(String, bool)]) -> StatusTally {
        StatusTally { choices: choices.iter().map(|(v, c)| (v.trim().to_lowercase(), *c)).collect(), ..StatusTally::default() }
    }

    /// The entry of `value`, made on first sight. Past [`MAX_TALLIED`] distinct values (a status
    /// column the user mapped over free text) new values share one entry, counted as purchases.
    fn entry(&mut self, value: &str, class: impl FnOnce() -> StatusClass) -> usize {
        if let Some(&i) = self.index.get(value) {
            return i;
        }
        if self.counts.len() >= MAX_TALLIED {
            return match self.index.get(MORE_VALUES_KEY) {
                Some(&i) => i,
                None => self.insert(MORE_VALUES_KEY, StatusClass::Unknown),
            };
        }
        self.insert(value, class())
    }

    fn insert(&mut self, value: &str, class: StatusClass) -> usize {
        let lower = value.trim().to_lowercase();
        let counted = self.choices.iter().find(|(v, _)| *v == lower).map_or(class.counts(), |(_, c)| *c);
        self.counts.push(StatusCount { value: value.to_string(), class, counted, orders: 0, rows: 0 });
        self.index.insert(value.to_string(), self.counts.len() - 1);
        self.counts.len() - 1
    }

    /// Counts a row of `value` (a new order when `new_order`) and says whether it is a purchase.
    pub fn count(&mut self, value: &str, new_order: bool) -> bool {
        let i = self.entry(value, || classify(value));
        let c = &mut self.counts[i];
        c.rows += 1;
        c.orders += u64::from(new_order);
        c.counted
    }

    /// Counts an order set apart for a reason other than its status value.
    pub fn set_apart(&mut self, why: NotCounted, new_order: bool) {
        let (key, class) = match why {
            NotCounted::RefundedInFull => (REFUNDED_IN_FULL_KEY, StatusClass::Refunded),
            NotCounted::CancelledAt => (CANCELLED_AT_KEY, StatusClass::Cancelled),
            NotCounted::NoPaymentTime => (NO_PAYMENT_TIME_KEY, StatusClass::Unpaid),
            NotCounted::Status => return,
        };
        let i = self.entry(key, || class);
        let c = &mut self.counts[i];
        c.counted = false;
        c.rows += 1;
        c.orders += u64::from(new_order);
    }

    /// Takes `other`'s counts in (the second half of a file parsed in two).
    pub fn merge(&mut self, other: StatusTally) {
        for c in other.counts {
            let i = self.entry(&c.value, || c.class);
            self.counts[i].rows += c.rows;
            self.counts[i].orders += c.orders;
            self.counts[i].counted = c.counted;
        }
    }

    /// Orders and rows not counted as purchases.
    pub fn not_counted(&self) -> (u64, u64) {
        self.counts.iter().filter(|c| !c.counted).fold((0, 0), |(o, r), c| (o + c.orders, r + c.rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statuses of the systems Kezhi recognises, as they write them, class as their help pages
    /// describe them.
    #[test]
    fn statuses_as_shop_systems_write_them_are_classed_by_money_received() {
        use StatusClass::*;
        let table = [
            ("paid", Paid),
            ("partially_refunded", Paid),
            ("pending", Pending),
            ("authorized", Pending),
            ("refunded", Refunded),
            ("voided", Voided),
            ("Completed", Paid),
            ("Processing", Paid),
            ("wc-on-hold", Pending),
            ("Pending payment", Unpaid),
            ("Cancelled", Cancelled),
            ("Failed", Failed),
            ("交易成功", Paid),
            ("交易关闭", Closed),
            ("等待买家付款", Unpaid),
            ("买家已付款，等待卖家发货", Paid),
            ("卖家已发货，等待买家确认", Paid),
            ("等待出库", Paid),
            ("等待确认收货", Paid),
            ("锁定", Pending),
            ("已取消", Cancelled),
            ("未发货，退款成功", Refunded),
            ("已发货，退款成功", Refunded),
            ("待付款", Unpaid),
            ("已收货", Paid),
            ("sur commande", Unknown),
        ];
        for (raw, class) in table {
            assert_eq!(classify(raw), class, "{raw}");
        }
        assert!(Paid.counts() && Unknown.counts() && !Closed.counts() && !Pending.counts());
    }

    /// Orders are counted once per order, rows per row; the user's choice overrides the class.
    #[test]
    fn the_tally_counts_orders_and_rows_and_honours_the_users_choice() {
        let mut t = StatusTally::new(&[("Pending".into(), true)]);
        assert!(t.count("paid", true));
        assert!(!t.count("voided", true));
        assert!(!t.count("voided", false));
        assert!(t.count("pending", true), "the user counts pending orders");
        t.set_apart(NotCounted::RefundedInFull, true);
        assert_eq!(t.not_counted(), (2, 3));
        let voided = t.counts.iter().find(|c| c.value == "voided").expect("voided");
        assert_eq!((voided.orders, voided.rows, voided.counted), (1, 2, false));
    }

    /// Thousands of distinct values (free text mapped as a status by hand) make at most MAX_TALLIED
    /// entries and one more: the report's table stays short, and every row is still counted.
    #[test]
    fn the_tally_stays_short() {
        let mut t = StatusTally::new(&[]);
        for i in 0..5_000 {
            assert!(t.count(&format!("note {i}"), true));
        }
        assert_eq!(t.counts.len(), MAX_TALLIED + 1);
        assert_eq!(t.counts.iter().map(|c| c.rows).sum::<u64>(), 5_000);
        assert_eq!(t.counts.last().map(|c| c.value.as_str()), Some(MORE_VALUES_KEY));
    }
}
