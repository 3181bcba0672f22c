//! Column roles, their English and Chinese header synonyms (docs/methods.md §0), header-row detection, and the
//! input shape (transaction log or customer summary).

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::texts::Text;

/// What a column means to Kezhi.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Role {
    CustomerId,
    Date,
    Amount,
    OrderId,
    Cost,
    Profit,
    Quantity,
    Category,
    Channel,
    Name,
    Region,
    Wallet,
    /// Price of one unit: the amount is quantity × unit price (less a line discount) when no column
    /// gives the amount.
    UnitPrice,
    /// A line discount, subtracted from quantity × unit price.
    Discount,
    /// The order's status (paid, pending, 交易关闭 …): which orders are purchases.
    Status,
    /// The amount refunded on the order, subtracted from it.
    Refund,
    /// Set when the order was cancelled.
    CancelledAt,
    /// An RFM table's recency: days since the customer's last purchase (fewest days = most recent).
    DaysSince,
    /// An RFM table's date of the customer's last purchase (recency as a date).
    LastPurchase,
    /// An RFM table's purchase count (all purchases, not repeats).
    Purchases,
    /// An RFM table's spend: the total, or the mean per purchase (`ImportOptions::rfm_spend`).
    Spend,
    Frequency,
    Recency,
    Age,
    MonetaryValue,
}

impl Role {
    pub const ALL: [Role; 25] = [
        Role::CustomerId,
        Role::Date,
        Role::Amount,
        Role::OrderId,
        Role::Cost,
        Role::Profit,
        Role::Quantity,
        Role::Category,
        Role::Channel,
        Role::Name,
        Role::Region,
        Role::Wallet,
        Role::UnitPrice,
        Role::Discount,
        Role::Status,
        Role::Refund,
        Role::CancelledAt,
        Role::DaysSince,
        Role::LastPurchase,
        Role::Purchases,
        Role::Spend,
        Role::Frequency,
        Role::Recency,
        Role::Age,
        Role::MonetaryValue,
    ];

    /// Stable key used by the CLI (`--map amount=实付金额`) and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Role::CustomerId => "customer_id",
            Role::Date => "date",
            Role::Amount => "amount",
            Role::OrderId => "order_id",
            Role::Cost => "cost",
            Role::Profit => "profit",
            Role::Quantity => "quantity",
            Role::Category => "category",
            Role::Channel => "channel",
            Role::Name => "name",
            Role::Region => "region",
            Role::Wallet => "wallet",
            Role::UnitPrice => "unit_price",
            Role::Discount => "discount",
            Role::Status => "status",
            Role::Refund => "refund",
            Role::CancelledAt => "cancelled_at",
            Role::DaysSince => "days_since",
            Role::LastPurchase => "last_purchase",
            Role::Purchases => "purchases",
            Role::Spend => "spend",
            Role::Frequency => "frequency",
            Role::Recency => "recency",
            Role::Age => "T",
            Role::MonetaryValue => "monetary_value",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key().eq_ignore_ascii_case(key.trim()))
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::CustomerId => Text::RoleCustomerId,
            Role::Date => Text::RoleDate,
            Role::Amount => Text::RoleAmount,
            Role::OrderId => Text::RoleOrderId,
            Role::Cost => Text::RoleCost,
            Role::Profit => Text::RoleProfit,
            Role::Quantity => Text::RoleQuantity,
            Role::Category => Text::RoleCategory,
            Role::Channel => Text::RoleChannel,
            Role::Name => Text::RoleName,
            Role::Region => Text::RoleRegion,
            Role::Wallet => Text::RoleWallet,
            Role::UnitPrice => Text::RoleUnitPrice,
            Role::Discount => Text::RoleDiscount,
            Role::Status => Text::RoleStatus,
            Role::Refund => Text::RoleRefund,
            Role::CancelledAt => Text::RoleCancelledAt,
            Role::DaysSince => Text::RoleDaysSince,
            Role::LastPurchase => Text::RoleLastPurchase,
            Role::Purchases => Text::RolePurchases,
            Role::Spend => Text::RoleSpend,
            Role::Frequency => Text::RoleFrequency,
            Role::Recency => Text::RoleRecency,
            Role::Age => Text::RoleAge,
            Role::MonetaryValue => Text::RoleMonetaryValue,
        }
        .get(lang)
    }

    /// Normalised header names that mean this role. Compared after [`normalise_header`].
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Role::CustomerId => &[
                "customerid", "customer", "custid", "customerno", "customernumber", "customercode", "clientid", "client",
                "memberid", "member", "memberno", "userid", "user", "buyerid", "accountid", "account", "id",
                "客户id", "客户编号", "客户号", "客户代码", "客户", "会员号", "会员id", "会员编号", "会员卡号", "会员",
                "用户id", "用户编号", "顾客id", "顾客编号", "买家id", "买家", "卡号",
            ],
            Role::Date => &[
                "date", "orderdate", "transactiondate", "purchasedate", "invoicedate", "saledate", "salesdate", "paymentdate",
                "datetime", "time", "timestamp", "createdat", "orderedat", "txdate", "day",
                "日期", "交易日期", "下单时间", "下单日期", "订单日期", "订单时间", "购买日期", "购买时间", "消费日期", "消费时间",
                "交易时间", "付款时间", "付款日期", "支付时间", "支付日期", "成交时间", "成交日期", "时间",
            ],
            Role::Amount => &[
                "amount", "sales", "revenue", "value", "total", "totalamount", "spend", "orderamount", "ordervalue", "payment",
                "paymentamount", "netsales", "netamount", "salesamount", "price", "gmv", "turnover",
                "金额", "消费金额", "实付金额", "订单金额", "交易金额", "销售额", "销售金额", "支付金额", "实收金额", "付款金额",
                "实付", "成交金额", "应付金额", "营业额",
            ],
            Role::OrderId => &[
                "orderid", "order", "orderno", "ordernumber", "invoice", "invoiceno", "invoicenumber", "invoiceid",
                "transactionid", "transaction", "txid", "receipt", "receiptno", "ticket",
                "订单号", "订单编号", "订单id", "交易号", "交易编号", "单号", "流水号", "小票号",
            ],
            Role::Cost => &["cost", "cogs", "costofgoods", "unitcost", "成本", "成本金额", "进价", "销售成本"],
            Role::Profit => &["profit", "margin", "grossprofit", "grossmargin", "利润", "毛利", "毛利润", "毛利额"],
            Role::Quantity => &["quantity", "qty", "units", "count", "数量", "件数", "购买数量", "销量"],
            Role::Category => &[
                "category", "productcategory", "product", "item", "sku", "productname", "department",
                "品类", "类别", "商品类别", "商品品类", "商品", "产品", "品名", "商品名称", "类目",
            ],
            Role::Channel => &["channel", "saleschannel", "source", "store", "shop", "渠道", "销售渠道", "门店", "店铺", "来源"],
            Role::Name => &[
                "name", "customername", "clientname", "membername", "fullname", "姓名", "客户姓名", "客户名称", "会员名", "会员姓名",
                "名称", "顾客姓名", "用户名",
            ],
            Role::Region => &["region", "city", "province", "state", "area", "country", "地区", "区域", "城市", "省份", "省", "市"],
            Role::Wallet => &["wallet", "categoryspend", "totalcategoryspend", "walletsize", "钱包", "钱包规模", "品类总支出"],
            Role::UnitPrice => &[
                "unitprice", "priceperunit", "lineitemprice", "itemprice", "单价", "成交单价", "商品单价", "销售单价", "成交价",
            ],
            Role::Discount => &["discount", "linediscount", "lineitemdiscount", "折扣", "折扣金额", "优惠金额", "优惠"],
            Role::Status => &[
                "status", "orderstatus", "financialstatus", "paymentstatus", "transactionstatus", "订单状态", "交易状态", "支付状态", "状态",
            ],
            Role::Refund => &["refund", "refundamount", "refundedamount", "orderrefundamount", "refunded", "退款金额", "退款", "已退款金额"],
            Role::CancelledAt => &["cancelledat", "canceledat", "cancelleddate", "cancelledon", "取消时间", "关闭时间"],
            Role::DaysSince => &["dayssincelastpurchase", "dayssincelastorder", "recencydays", "dayssince", "距今天数", "最近消费间隔", "最近购买间隔", "最近一次消费距今天数"],
            Role::LastPurchase => &["lastpurchasedate", "lastpurchase", "lastorderdate", "lastorder", "最近购买日期", "最后购买日期", "最近一次消费日期", "最近消费日期"],
            Role::Purchases => &["purchases", "ordercount", "numberoforders", "orders", "purchasecount", "购买次数", "消费次数", "订单数", "累计订单数"],
            Role::Spend => &["totalspend", "totalsales", "totalrevenue", "monetary", "totalamount", "累计消费", "累计消费金额", "消费总额"],
            Role::Frequency => &["frequency", "频次", "复购次数", "重复购买次数"],
            Role::Recency => &["recency", "最近购买客龄"],
            Role::Age => &["t", "customerage", "客龄"],
            Role::MonetaryValue => &["monetaryvalue", "平均复购金额", "平均客单价"],
        }
    }
}

/// Another column that could fill a role, not chosen (payment time beside creation time, amount paid
/// beside amount payable): the chosen column and the other, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    pub role: Role,
    pub chosen: usize,
    pub other: usize,
}

/// Lower-case, drop spaces, `_` `-` `.` and a trailing unit in brackets: `实付金额（元）` → `实付金额`,
/// `Customer_ID` → `customerid`.
pub fn normalise_header(h: &str) -> String {
    let mut s = h.trim().trim_start_matches('\u{feff}').to_lowercase();
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        if s.ends_with(close) {
            if let Some(i) = s.rfind(open) {
                if i > 0 {
                    s.truncate(i);
                }
            }
        }
    }
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '/' | '\u{3000}')).map(simplified).collect()
}

/// Traditional → simplified for the characters of the Chinese header names above, so exports from
/// Taiwan and Hong Kong (`客戶編號`, `實付金額`, `交易日期`) map as the mainland ones do.
fn simplified(c: char) -> char {
    const PAIRS: [(char, char); 39] = [
        ('戶', '户'), ('編', '编'), ('號', '号'), ('碼', '码'), ('會', '会'), ('員', '员'), ('顧', '顾'), ('買', '买'),
        ('訂', '订'), ('單', '单'), ('時', '时'), ('間', '间'), ('購', '购'), ('費', '费'), ('實', '实'), ('額', '额'),
        ('銷', '销'), ('營', '营'), ('業', '业'), ('應', '应'), ('價', '价'), ('潤', '润'), ('數', '数'), ('類', '类'),
        ('別', '别'), ('產', '产'), ('稱', '称'), ('區', '区'), ('門', '门'), ('鋪', '铺'), ('來', '来'), ('錢', '钱'),
        ('頻', '频'), ('齡', '龄'), ('復', '复'), ('筆', '笔'), ('贈', '赠'), ('財', '财'), ('帳', '账'),
    ];
    PAIRS.iter().find(|(t, _)| *t == c).map_or(c, |(_, s)| *s)
}

/// The role a header names, if any.
pub fn role_for_header(h: &str) -> Option<Role> {
    let n = normalise_header(h);
    if n.is_empty() {
        return None;
    }
    Role::ALL.into_iter().find(|r| r.synonyms().contains(&n.as_str()))
}

/// The two input shapes of docs/methods.md §0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    Transactions,
    CustomerSummary,
    /// One row per customer with recency as days since the last purchase (or its date), a purchase
    /// count and a spend: what SQL RFM queries and BI tools write.
    RfmTable,
}

impl Shape {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Shape::Transactions => Text::ShapeTransactions,
            Shape::CustomerSummary => Text::ShapeCustomerSummary,
            Shape::RfmTable => Text::ShapeRfmTable,
        }
        .get(lang)
    }

    pub fn key(self) -> &'static str {
        match self {
            Shape::Transactions => "transactions",
            Shape::CustomerSummary => "summary",
            Shape::RfmTable => "rfm_table",
        }
    }

    /// Roles this shape cannot do without.
    pub fn required(self) -> &'static [Role] {
        match self {
            Shape::Transactions => &[Role::CustomerId, Role::Date, Role::Amount],
            Shape::CustomerSummary => &[Role::CustomerId, Role::Frequency, Role::Recency, Role::Age],
            Shape::RfmTable => &[Role::CustomerId, Role::DaysSince, Role::Purchases, Role::Spend],
        }
    }

    /// A summary when the summary columns are there and no date column is; an RFM table when its
    /// recency (days since, or the last purchase's date) and its purchase count are.
    pub fn detect(mapping: &[Option<Role>]) -> Shape {
        let has = |r: Role| mapping.contains(&Some(r));
        // The summary's three columns name a customer summary even beside a date column: there the
        // date is a first or last purchase (Kezhi's own customer table has `first_date`), never one
        // purchase's (`a_customer_table_export_reads_back_as_a_summary`).
        if has(Role::Frequency) && has(Role::Recency) && has(Role::Age) {
            Shape::CustomerSummary
        } else if (has(Role::DaysSince) || has(Role::LastPurchase)) && has(Role::Purchases) && !has(Role::Date) {
            Shape::RfmTable
        } else {
            Shape::Transactions
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_chinese_synonyms_map_to_roles() {
        let table = [
            ("Customer ID", Role::CustomerId),
            ("UnitPrice", Role::UnitPrice),
            ("单价", Role::UnitPrice),
            ("Financial Status", Role::Status),
            ("订单状态", Role::Status),
            ("Refunded Amount", Role::Refund),
            ("退款金额", Role::Refund),
            ("Cancelled at", Role::CancelledAt),
            ("Lineitem discount", Role::Discount),
            ("customer_id", Role::CustomerId),
            ("客户ID", Role::CustomerId),
            ("客户编号", Role::CustomerId),
            ("会员号", Role::CustomerId),
            ("Order Date", Role::Date),
            ("InvoiceDate", Role::Date),
            ("日期", Role::Date),
            ("交易日期", Role::Date),
            ("下单时间", Role::Date),
            ("Amount", Role::Amount),
            ("金额", Role::Amount),
            ("消费金额", Role::Amount),
            ("实付金额（元）", Role::Amount),
            ("Sales (USD)", Role::Amount),
            ("成本", Role::Cost),
            ("利润", Role::Profit),
            ("毛利", Role::Profit),
            ("订单号", Role::OrderId),
            ("Invoice No", Role::OrderId),
            ("品类", Role::Category),
            ("渠道", Role::Channel),
            ("姓名", Role::Name),
            ("Region", Role::Region),
            ("wallet", Role::Wallet),
            ("frequency", Role::Frequency),
            ("recency", Role::Recency),
            ("T", Role::Age),
            ("monetary_value", Role::MonetaryValue),
        ];
        for (h, r) in table {
            assert_eq!(role_for_header(h), Some(r), "{h}");
        }
        assert_eq!(role_for_header("favourite colour"), None);
        assert_eq!(role_for_header(""), None);
    }
}
