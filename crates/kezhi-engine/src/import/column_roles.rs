//! Header → role by a scored match (docs/import.md, "How columns are read"): a known export's own
//! names first (`known_exports.rs`); else the synonyms of `header_mapping.rs`; else the words a name
//! contains (`dollar_value`, `买家实际支付金额`, `Paid at`); else, for a role the file cannot do without,
//! the column's content alone. Each mapping carries why it was made and how sure it is, and a required
//! role read from content alone is asked, not guessed.
//!
//! Where two columns could fill one role, the one that means money received wins: payment time over
//! creation time, amount actually paid over amount payable; the other is kept as an alternative.

use serde::{Deserialize, Serialize};

use super::amounts::{parse_amount, DecimalSeparator};
use super::dates::{detect_format, parse_date, DateFormat};
pub use super::header_mapping::Alternative;
use super::header_mapping::{normalise_header, role_for_header, Role};
use super::known_exports::{mapping_of, recognise, KnownExport};
use crate::lang::Lang;
use crate::texts::Text;
use crate::say;

/// What a column's values look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentKind {
    Dates,
    /// Decimal numbers, currency marks.
    Money,
    /// Whole numbers below 1,000.
    SmallIntegers,
    /// Text or codes that repeat (the same customer on several rows).
    RepeatingIds,
    /// A different value on every row.
    UniquePerRow,
}

impl ContentKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ContentKind::Dates => Text::ContentDates,
            ContentKind::Money => Text::ContentMoney,
            ContentKind::SmallIntegers => Text::ContentSmallIntegers,
            ContentKind::RepeatingIds => Text::ContentRepeatingIds,
            ContentKind::UniquePerRow => Text::ContentUniquePerRow,
        }
        .get(lang)
    }
}

/// Why a column got its role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Basis {
    /// The column's name in a recognised export.
    Export(KnownExport),
    /// A synonym of the role.
    Synonym,
    /// The name contains a word of the role (the word).
    NamePart(String),
    /// The values alone.
    Content,
    /// Chosen by the user (mapping screen or `--map`).
    User,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// One column's role and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnReading {
    pub role: Role,
    pub basis: Basis,
    /// What the sampled values look like, when they were looked at.
    pub content: Option<ContentKind>,
    pub confidence: Confidence,
}

impl ColumnReading {
    /// "name contains 金额; money amounts" — the reason shown beside the column.
    pub fn why(&self, lang: Lang) -> String {
        let basis = match &self.basis {
            Basis::Export(e) => say!(Text::BasisExport, lang, export = e.label(lang)),
            Basis::Synonym => Text::BasisSynonym.get(lang).to_string(),
            Basis::NamePart(w) => say!(Text::BasisNamePart, lang, word = w),
            Basis::Content => Text::BasisContent.get(lang).to_string(),
            Basis::User => Text::BasisUser.get(lang).to_string(),
        };
        let sure = match self.confidence {
            Confidence::High => Text::ConfidenceHigh,
            Confidence::Medium => Text::ConfidenceMedium,
            Confidence::Low => Text::ConfidenceLow,
        }
        .get(lang);
        match self.content {
            Some(k) => say!(Text::ReadingWithContent, lang, basis = basis, content = k.label(lang), sure = sure),
            None => format!("{basis} · {sure}"),
        }
    }
}

/// The whole mapping of a header.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnMapping {
    pub roles: Vec<Option<Role>>,
    pub readings: Vec<Option<ColumnReading>>,
    pub export: Option<KnownExport>,
    pub alternatives: Vec<Alternative>,
}

/// Values of a column looked at for its kind: enough to tell dates, money, small integers and ids apart
/// and to see an id repeat; more cost the head's reading time on every import and decided nothing
/// more on the test files (docs/performance.md, "Reading the file as it means").
const PROFILE_VALUES: usize = 300;

impl ColumnMapping {
    /// The user's roles (the mapping screen's, or `--map`'s): a column keeps the detected reason where
    /// the user kept its role; the export recognised and the alternatives stay what `detected` found.
    pub fn users(roles: &[Option<Role>], detected: ColumnMapping) -> ColumnMapping {
        let readings = roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.map(|role| match detected.readings.get(i).cloned().flatten() {
                    Some(reading) if reading.role == role => reading,
                    _ => ColumnReading { role, basis: Basis::User, content: None, confidence: Confidence::High },
                })
            })
            .collect();
        ColumnMapping { roles: roles.to_vec(), readings, export: detected.export, alternatives: detected.alternatives }
    }

    /// A file without a header, mapped from its values (`import::guess_by_content`): "likely".
    pub fn from_content(roles: Vec<Option<Role>>) -> ColumnMapping {
        let readings = roles
            .iter()
            .map(|r| {
                r.map(|role| {
                    let content = match role {
                        Role::Date => ContentKind::Dates,
                        Role::Amount => ContentKind::Money,
                        _ => ContentKind::RepeatingIds,
                    };
                    ColumnReading { role, basis: Basis::Content, content: Some(content), confidence: Confidence::Medium }
                })
            })
            .collect();
        ColumnMapping { roles, readings, export: None, alternatives: Vec::new() }
    }
}

/// What the sampled values of a column look like.
#[derive(Debug, Clone, Copy, Default)]
struct Profile {
    values: usize,
    dates: usize,
    money: usize,
    decimals: usize,
    small_integers: usize,
    distinct: usize,
}

impl Profile {
    /// Of the first [`PROFILE_VALUES`] non-empty values.
    fn of<'a>(values: impl Iterator<Item = &'a str>) -> Profile {
        let mut p = Profile::default();
        let mut seen = rustc_hash::FxHashSet::default();
        let mut texts: Vec<&str> = Vec::new();
        for v in values.map(str::trim).filter(|v| !v.is_empty()).take(PROFILE_VALUES) {
            p.values += 1;
            if seen.insert(v) {
                p.distinct += 1;
            }
            texts.push(v);
            if let Ok(x) = parse_amount(v, DecimalSeparator::Point) {
                p.money += 1;
                if v.contains('.') || v.contains(',') || v.chars().any(|c| "¥￥$€£元".contains(c)) {
                    p.decimals += 1;
                } else if x.fract() == 0.0 && x.abs() < 1000.0 {
                    p.small_integers += 1;
                }
            }
        }
        let detection = detect_format(texts.iter().copied(), false);
        if let Some(f) = detection.format.filter(|f| matches!(f, DateFormat::YearMonthDay | DateFormat::DayMonthYear | DateFormat::MonthDayYear)) {
            p.dates = texts.iter().filter(|t| parse_date(t, f).is_ok()).count();
        }
        p
    }

    fn share(&self, n: usize) -> f64 {
        if self.values == 0 { 0.0 } else { n as f64 / self.values as f64 }
    }

    /// The kind the values are, if they are clearly one.
    fn kind(&self) -> Option<ContentKind> {
        if self.values == 0 {
            return None;
        }
        if self.share(self.dates) >= 0.8 {
            Some(ContentKind::Dates)
        } else if self.share(self.money) >= 0.9 && self.decimals * 2 >= self.values {
            Some(ContentKind::Money)
        } else if self.share(self.small_integers) >= 0.9 {
            Some(ContentKind::SmallIntegers)
        } else if self.values >= 20 && self.distinct == self.values {
            Some(ContentKind::UniquePerRow)
        } else if self.distinct < self.values {
            Some(ContentKind::RepeatingIds)
        } else {
            None
        }
    }

    /// Whether the values can fill `role` (no values: nothing against it).
    fn fits(&self, role: Role) -> bool {
        if self.values == 0 {
            return true;
        }
        match role {
            Role::Date | Role::CancelledAt => self.share(self.dates) >= 0.8,
            Role::Amount | Role::UnitPrice | Role::Discount | Role::Refund | Role::Cost | Role::Profit | Role::Wallet | Role::MonetaryValue => {
                self.share(self.money) >= 0.9
            }
            Role::Quantity | Role::Frequency => self.share(self.money) >= 0.9,
            Role::CustomerId => self.share(self.dates) < 0.5 && !(self.share(self.money) >= 0.9 && self.decimals * 2 >= self.values),
            Role::Status => self.few_values(),
            _ => true,
        }
    }

    /// A status column holds a few values, each on many rows: at most [`MAX_STATUS_VALUES`] in the
    /// sample, and a fifth of its values at most once there are many.
    fn few_values(&self) -> bool {
        self.distinct <= MAX_STATUS_VALUES && (self.values < 50 || self.distinct * 5 <= self.values)
    }
}

/// Distinct values a status column may have in the sample: order systems have a dozen or two.
const MAX_STATUS_VALUES: usize = 60;

/// Words a header may contain, by role, in the order they are tried (the first role whose word is in
/// the name takes it: `买家实际支付金额` is an amount before it is a buyer, `Paid at` a date before it
/// is a payment, `Billing Province Name` a region before it is a name).
const NAME_PARTS: &[(Role, &[&str])] = &[
    (Role::Refund, &["退款金额", "已退款", "refund"]),
    (Role::CancelledAt, &["cancelledat", "canceledat", "取消时间", "关闭时间"]),
    (Role::Status, &["status", "状态"]),
    (Role::Date, &["时间", "日期", "date", "time", "paidat", "createdat", "processedat"]),
    (Role::Discount, &["discount", "折扣", "优惠"]),
    (Role::UnitPrice, &["unitprice", "priceperunit", "lineitemprice", "单价"]),
    (Role::Cost, &["cost", "cogs", "成本"]),
    (Role::Profit, &["profit", "毛利", "利润"]),
    (Role::Amount, &["金额", "实付", "货款", "销售额", "营业额", "amount", "total", "revenue", "sales", "spend", "payment", "paid", "value", "price", "gmv"]),
    (Role::Quantity, &["quantity", "qty", "数量", "件数", "numberof", "units"]),
    (Role::OrderId, &["订单号", "订单编号", "单号", "单据", "order", "invoice", "receipt", "transaction", "流水"]),
    (Role::CustomerId, &["会员名", "username", "昵称", "帐号", "账号", "account", "email", "邮箱", "e-mail"]),
    (Role::Region, &["province", "city", "country", "region", "省", "城市", "地区", "区域"]),
    (Role::Name, &["姓名", "name", "收货人", "名称"]),
    (Role::CustomerId, &["customer", "client", "member", "buyer", "会员", "买家", "客户", "顾客", "用户", "手机", "phone", "mobile"]),
    (Role::Channel, &["channel", "渠道", "门店", "store", "shop", "店铺", "source", "来源", "平台"]),
    (Role::Category, &["category", "品类", "类目", "product", "商品", "宝贝", "item", "sku", "description", "品名"]),
];

/// Words that keep a column out of the amount: taxes, shipping and fees are not what was paid for the
/// goods, and a currency's code is not a number.
const NOT_AMOUNT: &[&str] = &["tax", "shipping", "freight", "fee", "邮费", "运费", "税", "currency", "币种", "积分", "point", "compareat"];

/// A bonus for what means money received when (payment time, amount actually paid), a malus for
/// what does not (creation time, amount payable); ties go to the first column.
fn preference(role: Role, name: &str) -> f64 {
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    match role {
        Role::Date if has(&["付款", "支付", "paid", "payment", "成交"]) => 0.15,
        Role::Date if has(&["fulfilled", "shipped", "发货", "updated", "修改", "关闭", "完成", "confirmreceipt", "收货"]) => -0.1,
        Role::Amount if has(&["实际支付", "实付", "实收", "paid", "net", "received"]) => 0.15,
        Role::Amount if has(&["应付", "subtotal", "payable", "gross", "原价", "总价", "compare"]) => -0.05,
        Role::Status if has(&["financial", "payment", "订单状态", "交易状态", "orderstatus"]) => 0.1,
        Role::Status if has(&["fulfillment", "shipping", "物流", "发货", "售后", "退款"]) => -0.1,
        Role::CustomerId if has(&["email", "邮箱", "会员名", "帐号", "账号", "account"]) => 0.1,
        Role::CustomerId if has(&["phone", "mobile", "手机", "电话"]) => -0.05,
        _ => 0.0,
    }
}

/// A role candidate for a column.
#[derive(Debug, Clone)]
struct Candidate {
    column: usize,
    role: Role,
    /// How sure the name and values make the role.
    score: f64,
    /// Taken off the score when ranking only (a customer id unique per row ranks last, but a column
    /// named for the customer stays as sure as its name).
    penalty: f64,
    basis: Basis,
}

/// Maps a header whose data rows begin with `samples` (column → sampled values): a known export's
/// profile when the header is one's; else candidates from the names, the surest taken per column and
/// role, the required roles no name gave from content alone (unsure, so asked), and an RFM table or a
/// summary's monetary column recognised last.
pub fn map_columns(names: &[String], samples: &dyn Fn(usize) -> Vec<String>) -> ColumnMapping {
    if let Some(export) = recognise(names) {
        let (roles, alternatives) = mapping_of(export, names);
        let readings = roles
            .iter()
            .map(|r| r.map(|role| ColumnReading { role, basis: Basis::Export(export), content: None, confidence: Confidence::High }))
            .collect();
        return ColumnMapping { roles, readings, export: Some(export), alternatives };
    }
    let normalised: Vec<String> = names.iter().map(|n| normalise_header(n)).collect();
    // Values are looked at for the first 200 columns (a file of 10,000 columns is not profiled whole).
    let profiles: Vec<Option<Profile>> =
        (0..names.len()).map(|i| (i < 200).then(|| Profile::of(samples(i).iter().map(String::as_str)))).collect();
    let summary_like = [Role::Frequency, Role::Recency].iter().all(|r| names.iter().any(|n| role_for_header(n) == Some(*r)))
        || names.iter().any(|n| matches!(role_for_header(n), Some(Role::DaysSince | Role::LastPurchase | Role::Purchases)));
    let candidates = candidates_from_names(names, &normalised, &profiles, summary_like);
    let Assigned { mut roles, mut readings, alternatives } = assign_by_rank(&candidates, &profiles);
    let per_customer = summary_like || (roles.contains(&Some(Role::Frequency)) && roles.contains(&Some(Role::Recency)));
    if !per_customer {
        fill_from_content(&mut roles, &mut readings, &normalised, &profiles);
    }
    let kind_of = |i: usize| profiles[i].and_then(|p| p.kind());
    let export = rfm_table(&mut roles, &mut readings, &kind_of).then_some(KnownExport::RfmTable);
    // A `lifetimes` summary (with T) whose mean spend is headed "monetary": its monetary value.
    if export.is_none() && roles.contains(&Some(Role::Age)) {
        for (role, reading) in roles.iter_mut().zip(readings.iter_mut()).filter(|(r, _)| **r == Some(Role::Spend)) {
            *role = Some(Role::MonetaryValue);
            if let Some(r) = reading.as_mut() {
                r.role = Role::MonetaryValue;
            }
        }
    }
    ColumnMapping { roles, readings, export, alternatives }
}

/// Every role each column's name could give it, with how sure: a synonym of the role (sure), or a
/// word of the role's in the name, surer when the values agree. In a transaction log, a customer id
/// that is different on every row is more likely an order or row id: it ranks below any other
/// column that could be the customer.
fn candidates_from_names(names: &[String], normalised: &[String], profiles: &[Option<Profile>], summary_like: bool) -> Vec<Candidate> {
    let has_quantity = normalised.iter().any(|n| role_for_header(n) == Some(Role::Quantity) || n.contains("quantity") || n.contains("数量") || n == "qty");
    let mut candidates = Vec::new();
    for (i, n) in normalised.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        let profile = profiles[i];
        let fits = |role: Role| profile.is_none_or(|p| p.fits(role));
        if let Some(mut role) = role_for_header(&names[i]) {
            // "Price" beside a quantity is the unit's price, not the line's.
            if role == Role::Amount && n == "price" && has_quantity {
                role = Role::UnitPrice;
            }
            // A column named "status" that holds free text (a different note on every row) is not
            // an order's status: reading it as one would count every row apart as "not recognised".
            if role == Role::Status && profile.is_some_and(|p| !p.few_values()) {
                continue;
            }
            candidates.push(Candidate { column: i, role, score: 1.0 + preference(role, n), penalty: 0.0, basis: Basis::Synonym });
            continue;
        }
        for (role, words) in NAME_PARTS {
            let Some(word) = words.iter().find(|w| n.contains(*w)) else { continue };
            let mut role = *role;
            if role == Role::Amount && NOT_AMOUNT.iter().any(|w| n.contains(w)) {
                break;
            }
            // A summary's other money columns (expected spend, CLV) are not a transaction's amount.
            if summary_like && matches!(role, Role::Amount | Role::UnitPrice | Role::Discount | Role::Refund) {
                break;
            }
            if role == Role::Amount && n.ends_with("price") && has_quantity {
                role = Role::UnitPrice;
            }
            if fits(role) {
                let content = profile.and_then(|p| p.kind());
                let confirmed = matches!(
                    (role, content),
                    (Role::Date, Some(ContentKind::Dates)) | (Role::Amount | Role::UnitPrice, Some(ContentKind::Money)) | (Role::CustomerId, Some(ContentKind::RepeatingIds))
                );
                let score = 0.7 + if confirmed { 0.15 } else { 0.0 } + preference(role, n);
                candidates.push(Candidate { column: i, role, score, penalty: 0.0, basis: Basis::NamePart(word.to_string()) });
            }
            break;
        }
    }
    if !summary_like {
        for c in candidates.iter_mut().filter(|c| c.role == Role::CustomerId) {
            if profiles[c.column].and_then(|p| p.kind()) == Some(ContentKind::UniquePerRow) {
                c.penalty = 0.6;
            }
        }
    }
    candidates
}

/// Roles given by [`assign_by_rank`].
struct Assigned {
    roles: Vec<Option<Role>>,
    readings: Vec<Option<ColumnReading>>,
    alternatives: Vec<Alternative>,
}

/// The surest candidates first: each column takes one role and each role one column; a sure enough
/// candidate for a key role that another column took is kept as the alternative offered.
fn assign_by_rank(candidates: &[Candidate], profiles: &[Option<Profile>]) -> Assigned {
    let mut roles: Vec<Option<Role>> = vec![None; profiles.len()];
    let mut readings: Vec<Option<ColumnReading>> = vec![None; profiles.len()];
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let rank = |c: &Candidate| c.score - c.penalty;
    order.sort_by(|&a, &b| rank(&candidates[b]).total_cmp(&rank(&candidates[a])).then(candidates[a].column.cmp(&candidates[b].column)));
    let mut alternatives = Vec::new();
    for k in order {
        let c = &candidates[k];
        if roles[c.column].is_some() {
            continue;
        }
        if let Some(chosen) = roles.iter().position(|r| *r == Some(c.role)) {
            if rank(c) >= 0.5 && matches!(c.role, Role::CustomerId | Role::Date | Role::Amount | Role::UnitPrice | Role::Status) {
                alternatives.push(Alternative { role: c.role, chosen, other: c.column });
            }
            continue;
        }
        roles[c.column] = Some(c.role);
        let confidence = if c.score >= 0.85 { Confidence::High } else if c.score >= 0.5 { Confidence::Medium } else { Confidence::Low };
        readings[c.column] =
            Some(ColumnReading { role: c.role, basis: c.basis.clone(), content: profiles[c.column].and_then(|p| p.kind()), confidence });
    }
    Assigned { roles, readings, alternatives }
}

/// A transaction log's required roles no name gave (date, amount, customer), from content alone:
/// the first free column whose values look like it, unsure (asked).
fn fill_from_content(roles: &mut [Option<Role>], readings: &mut [Option<ColumnReading>], normalised: &[String], profiles: &[Option<Profile>]) {
    for (role, kind) in [(Role::Date, ContentKind::Dates), (Role::Amount, ContentKind::Money), (Role::CustomerId, ContentKind::RepeatingIds)] {
        let given = roles.contains(&Some(role)) || (role == Role::Amount && roles.contains(&Some(Role::UnitPrice)));
        if given {
            continue;
        }
        let free = |i: usize| roles[i].is_none() && !normalised[i].is_empty();
        if let Some(i) = (0..roles.len()).find(|&i| free(i) && profiles[i].and_then(|p| p.kind()) == Some(kind)) {
            roles[i] = Some(role);
            readings[i] = Some(ColumnReading { role, basis: Basis::Content, content: Some(kind), confidence: Confidence::Low });
        }
    }
}

/// An RFM table: recency, frequency and monetary columns without the customer's age (T) or a date of
/// each purchase. Its recency is the days since the last purchase (or that purchase's date), its
/// frequency the number of purchases, its monetary a spend: the roles are renamed so, never read as
/// the `lifetimes` summary's (where recency is the age at the last purchase, the opposite).
fn rfm_table(roles: &mut [Option<Role>], readings: &mut [Option<ColumnReading>], kind_of: &dyn Fn(usize) -> Option<ContentKind>) -> bool {
    let has = |roles: &[Option<Role>], r: Role| roles.contains(&Some(r));
    let recency = has(roles, Role::Recency) || has(roles, Role::DaysSince) || has(roles, Role::LastPurchase);
    let frequency = has(roles, Role::Frequency) || has(roles, Role::Purchases);
    if !recency || !frequency || has(roles, Role::Age) || has(roles, Role::Date) {
        return false;
    }
    let spend_named = has(roles, Role::Spend);
    for (i, (role, reading)) in roles.iter_mut().zip(readings.iter_mut()).enumerate() {
        let renamed = match *role {
            Some(Role::Recency) if kind_of(i) == Some(ContentKind::Dates) => Role::LastPurchase,
            Some(Role::Recency) => Role::DaysSince,
            Some(Role::Frequency) => Role::Purchases,
            Some(Role::MonetaryValue) | Some(Role::Amount) if !spend_named => Role::Spend,
            _ => continue,
        };
        *role = Some(renamed);
        if let Some(r) = reading.as_mut() {
            r.role = renamed;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(header: &str, rows: &[&str]) -> ColumnMapping {
        let names: Vec<String> = header.split(',').map(String::from).collect();
        let rows: Vec<Vec<String>> = rows.iter().map(|r| r.split(',').map(String::from).collect()).collect();
        map_columns(&names, &|i| rows.iter().filter_map(|r| r.get(i).cloned()).collect())
    }

    /// Among columns named for one role alike, the first takes it (moved here from header_mapping.rs
    /// with the mapping itself).
    #[test]
    fn a_role_goes_to_the_first_column_that_names_it() {
        assert_eq!(mapping("id,date,amount,total", &[]).roles, vec![Some(Role::CustomerId), Some(Role::Date), Some(Role::Amount), None]);
    }

    #[test]
    fn shape_is_detected_from_the_mapped_roles() {
        use crate::import::header_mapping::Shape;
        let summary = mapping("customer_id,frequency,recency,T,monetary_value", &[]).roles;
        assert_eq!(Shape::detect(&summary), Shape::CustomerSummary);
        let log = mapping("客户编号,交易日期,实付金额", &[]).roles;
        assert_eq!(mapping("客戶編號,交易日期,實付金額", &[]).roles, log, "traditional characters");
        assert_eq!(Shape::detect(&log), Shape::Transactions);
    }

    /// Names the synonyms miss are read by the words they contain, and say so.
    #[test]
    fn word_parts_map_and_say_why() {
        let m = mapping("buyer_account,pay_time,dollar_value,cust_phone", &["a1,2024-01-02,12.50,138", "a2,2024-01-03,8.00,139", "a1,2024-01-05,3.20,138"]);
        assert_eq!(m.roles[..3], [Some(Role::CustomerId), Some(Role::Date), Some(Role::Amount)]);
        let why = m.readings[2].as_ref().expect("amount").why(Lang::En);
        assert_eq!(why, "name contains \"value\"; money amounts · sure");
        assert_eq!(m.alternatives, vec![Alternative { role: Role::CustomerId, chosen: 0, other: 3 }]);
    }

    /// Of two dates the payment time wins, of two amounts the amount actually paid; the others are
    /// kept as alternatives.
    #[test]
    fn money_received_when_wins_over_money_owed() {
        let m = mapping(
            "订单创建时间,订单付款时间,买家应付货款,买家实际支付金额,会员,订单状态",
            &["2024-01-02 10:00,2024-01-02 10:05,12.50,12.00,a,交易成功", "2024-01-03 09:00,2024-01-03 09:01,8.00,8.00,b,交易成功"],
        );
        assert_eq!(m.roles, vec![None, Some(Role::Date), None, Some(Role::Amount), Some(Role::CustomerId), Some(Role::Status)]);
        assert!(m.alternatives.contains(&Alternative { role: Role::Date, chosen: 1, other: 0 }));
        assert!(m.alternatives.contains(&Alternative { role: Role::Amount, chosen: 3, other: 2 }));
    }

    /// A required role no name gives is read from the values, and marked unsure.
    #[test]
    fn content_alone_fills_a_required_role_as_unsure() {
        let m = mapping("kunde,wann,betrag", &["k1,2024-01-02,12.50", "k2,2024-01-03,8.10", "k1,2024-02-03,3.30"]);
        assert_eq!(m.roles, vec![Some(Role::CustomerId), Some(Role::Date), Some(Role::Amount)]);
        assert!(m.readings.iter().all(|r| r.as_ref().is_some_and(|r| r.confidence == Confidence::Low && r.basis == Basis::Content)));
    }

    /// A "status" column of free text is not read as order statuses (its rows would all count apart
    /// as unknown statuses, one table row each); one of a few values is.
    #[test]
    fn a_status_column_must_hold_a_few_values() {
        let rows: Vec<String> = (0..60).map(|i| format!("c{},2024-01-{:02},{}.5,shipped with note {i}", i % 7, 1 + i % 28, i)).collect();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        assert_eq!(mapping("customer,date,amount,status", &rows).roles[3], None);
        let rows: Vec<String> = (0..60).map(|i| format!("c{},2024-01-{:02},{}.5,{}", i % 7, 1 + i % 28, i, ["paid", "refunded"][i % 2])).collect();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        assert_eq!(mapping("customer,date,amount,status", &rows).roles[3], Some(Role::Status));
    }

    /// `Id` different on every row is not taken as the customer when a person's column is there.
    #[test]
    fn an_id_unique_per_row_loses_to_a_person() {
        let rows: Vec<String> = (0..30).map(|i| format!("{},c{}@x.cn,2024-01-{:02},{}.5", 1000 + i, i % 7, 1 + i % 28, i)).collect();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let m = mapping("Id,Email,Date,Amount", &rows);
        assert_eq!(m.roles[..2], [None, Some(Role::CustomerId)]);
    }
}
