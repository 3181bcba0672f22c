//! Exports of known systems, recognised by their header (docs/import.md lists them and their rules).
//! A recognised export is mapped by its own column names, the way its system means them: the customer
//! is the person (Shopify's `Email`, Taobao's `买家会员名`), never the order's `Id` or `Name`; the date
//! is when the money was received (`Paid at`, `订单付款时间`), the amount what was paid (`Total`,
//! `买家实际支付金额`), with the status and refund columns that say which orders count.
//!
//! The column names are those the systems document in their help pages and that public code reading
//! their exports uses; a file is recognised when every column of the export's signature is there
//! (after `normalise_header`), so renamed or extra columns do not stop it.

use serde::{Deserialize, Serialize};

use super::header_mapping::{normalise_header, Alternative, Role};
use crate::lang::Lang;
use crate::texts::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KnownExport {
    ShopifyOrders,
    WooCommerceOrders,
    /// 淘宝/天猫 订单报表 (卖家中心 → 已卖出的宝贝 → 批量导出).
    TaobaoOrders,
    /// 京东 商家后台 订单导出.
    JdOrders,
    /// 有赞 订单导出.
    YouzanOrders,
    /// 拼多多 商家后台 订单导出.
    PinduoduoOrders,
    /// UCI Machine Learning Repository, "Online Retail" (Chen, Sain & Guo 2012).
    UciOnlineRetail,
    /// UCI "Online Retail II" (2009–2011).
    UciOnlineRetail2,
    /// CDNOW as the `lifetimes` package ships it (`customer_id, date, number_of_cds, dollar_value`).
    LifetimesCdnow,
    /// An RFM table from a SQL query or a BI tool (recency as days since, a purchase count, a spend);
    /// recognised by its columns' roles (`column_roles.rs`), not by a fixed header.
    RfmTable,
}

/// How an export is read.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// Columns that must all be there (normalised).
    pub signature: &'static [&'static str],
    /// Role → the column names that fill it, the first one present taken.
    pub roles: &'static [(Role, &'static [&'static str])],
    /// Role → other columns that could fill it, offered in the report ("Paid at was used; Created at
    /// is the other date").
    pub alternatives: &'static [(Role, &'static [&'static str])],
    /// The amount is the order's, written on its first line (or on every line): the order's other
    /// lines are folded into it, not added.
    pub amount_per_order: bool,
    /// Invoice numbers starting with `C` are cancellations (returns).
    pub c_prefix_returns: bool,
}

impl KnownExport {
    pub const ALL: [KnownExport; 10] = [
        KnownExport::ShopifyOrders,
        KnownExport::WooCommerceOrders,
        KnownExport::TaobaoOrders,
        KnownExport::JdOrders,
        KnownExport::YouzanOrders,
        KnownExport::PinduoduoOrders,
        KnownExport::UciOnlineRetail,
        KnownExport::UciOnlineRetail2,
        KnownExport::LifetimesCdnow,
        KnownExport::RfmTable,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            KnownExport::ShopifyOrders => Text::ExportShopifyOrders,
            KnownExport::WooCommerceOrders => Text::ExportWooCommerceOrders,
            KnownExport::TaobaoOrders => Text::ExportTaobaoOrders,
            KnownExport::JdOrders => Text::ExportJdOrders,
            KnownExport::YouzanOrders => Text::ExportYouzanOrders,
            KnownExport::PinduoduoOrders => Text::ExportPinduoduoOrders,
            KnownExport::UciOnlineRetail => Text::ExportUciOnlineRetail,
            KnownExport::UciOnlineRetail2 => Text::ExportUciOnlineRetail2,
            KnownExport::LifetimesCdnow => Text::ExportLifetimesCdnow,
            KnownExport::RfmTable => Text::ExportRfmTable,
        }
        .get(lang)
    }

    pub fn key(self) -> &'static str {
        match self {
            KnownExport::ShopifyOrders => "shopify_orders",
            KnownExport::WooCommerceOrders => "woocommerce_orders",
            KnownExport::TaobaoOrders => "taobao_orders",
            KnownExport::JdOrders => "jd_orders",
            KnownExport::YouzanOrders => "youzan_orders",
            KnownExport::PinduoduoOrders => "pinduoduo_orders",
            KnownExport::UciOnlineRetail => "uci_online_retail",
            KnownExport::UciOnlineRetail2 => "uci_online_retail_2",
            KnownExport::LifetimesCdnow => "lifetimes_cdnow",
            KnownExport::RfmTable => "rfm_table",
        }
    }

    /// How this export is read (its profile below).
    pub fn profile(self) -> Profile {
        match self {
            KnownExport::ShopifyOrders => profiles::SHOPIFY_ORDERS,
            KnownExport::WooCommerceOrders => profiles::WOO_COMMERCE_ORDERS,
            KnownExport::TaobaoOrders => profiles::TAOBAO_ORDERS,
            KnownExport::JdOrders => profiles::JD_ORDERS,
            KnownExport::YouzanOrders => profiles::YOUZAN_ORDERS,
            KnownExport::PinduoduoOrders => profiles::PINDUODUO_ORDERS,
            KnownExport::UciOnlineRetail => profiles::UCI_ONLINE_RETAIL,
            KnownExport::UciOnlineRetail2 => profiles::UCI_ONLINE_RETAIL2,
            KnownExport::LifetimesCdnow => profiles::LIFETIMES_CDNOW,
            KnownExport::RfmTable => profiles::RFM_TABLE,
        }
    }
}

/// The profiles, one per export: the columns that name it and the roles its columns fill.
mod profiles {
    use super::{Profile, Role::*};

    pub const SHOPIFY_ORDERS: Profile = Profile {
        signature: &["name", "email", "financialstatus", "paidat", "lineitemquantity", "total"],
        roles: &[
            (CustomerId, &["email"]),
            (Date, &["paidat"]),
            (Amount, &["total"]),
            (OrderId, &["name"]),
            (Status, &["financialstatus"]),
            (Refund, &["refundedamount"]),
            (CancelledAt, &["cancelledat"]),
            (Name, &["billingname"]),
            (Region, &["billingprovincename", "billingprovince", "billingcountry"]),
            (Quantity, &["lineitemquantity"]),
            (Category, &["lineitemname"]),
            (Channel, &["source"]),
        ],
        alternatives: &[(Date, &["createdat"]), (Amount, &["subtotal"])],
        amount_per_order: true,
        c_prefix_returns: false,
    };

    pub const WOO_COMMERCE_ORDERS: Profile = Profile {
        signature: &["ordernumber", "orderstatus", "orderdate", "ordertotalamount"],
        roles: &[
            (CustomerId, &["email", "emailbilling", "billingemail", "customeremail"]),
            (Date, &["paiddate", "orderdate"]),
            (Amount, &["ordertotalamount"]),
            (OrderId, &["ordernumber"]),
            (Status, &["orderstatus"]),
            (Refund, &["orderrefundamount"]),
            (Name, &["firstname", "billingfirstname"]),
            (Region, &["statecode", "state", "countrycode", "country"]),
            (Quantity, &["quantity"]),
            (Category, &["itemname"]),
        ],
        alternatives: &[(Date, &["orderdate"]), (Amount, &["ordersubtotalamount"])],
        amount_per_order: true,
        c_prefix_returns: false,
    };

    pub const TAOBAO_ORDERS: Profile = Profile {
        signature: &["订单编号", "买家会员名", "买家实际支付金额", "订单状态"],
        roles: &[
            (CustomerId, &["买家会员名"]),
            (Date, &["订单付款时间"]),
            (Amount, &["买家实际支付金额"]),
            (OrderId, &["订单编号"]),
            (Status, &["订单状态"]),
            (Refund, &["退款金额"]),
            (Name, &["收货人姓名"]),
            (Quantity, &["宝贝总数量"]),
            (Category, &["宝贝标题"]),
            (Channel, &["店铺名称"]),
        ],
        alternatives: &[(Date, &["订单创建时间"]), (Amount, &["买家应付货款", "总金额"])],
        amount_per_order: true,
        c_prefix_returns: false,
    };

    pub const JD_ORDERS: Profile = Profile {
        signature: &["订单号", "下单帐号", "应付金额", "订单状态"],
        roles: &[
            (CustomerId, &["下单帐号"]),
            (Date, &["付款确认时间"]),
            (Amount, &["应付金额"]),
            (OrderId, &["订单号"]),
            (Status, &["订单状态"]),
            (Name, &["客户姓名"]),
            (Quantity, &["订购数量"]),
            (Category, &["商品名称"]),
            (Channel, &["订单渠道", "订单来源"]),
        ],
        alternatives: &[(Date, &["下单时间"]), (Amount, &["订单金额", "结算金额"])],
        amount_per_order: true,
        c_prefix_returns: false,
    };

    pub const YOUZAN_ORDERS: Profile = Profile {
        signature: &["订单号", "订单状态", "订单实付金额", "买家手机号"],
        roles: &[
            (CustomerId, &["买家手机号", "买家昵称"]),
            (Date, &["买家付款时间", "付款时间"]),
            (Amount, &["订单实付金额"]),
            (OrderId, &["订单号"]),
            (Status, &["订单状态"]),
            (Refund, &["订单已退款金额", "已退款金额", "退款金额"]),
            (Name, &["收货人提货人", "收货人"]),
            (Region, &["收货人省份", "省"]),
            (Quantity, &["商品数量"]),
            (Category, &["商品名称"]),
        ],
        alternatives: &[(Date, &["订单创建时间", "下单时间"]), (Amount, &["商品金额合计"])],
        amount_per_order: true,
        c_prefix_returns: false,
    };

    pub const PINDUODUO_ORDERS: Profile = Profile {
        signature: &["订单号", "订单状态", "用户实付金额", "商家实收金额"],
        roles: &[
            (CustomerId, &["用户购买手机号", "手机", "收货人"]),
            (Date, &["支付时间", "订单成交时间"]),
            (Amount, &["用户实付金额"]),
            (OrderId, &["订单号"]),
            (Status, &["订单状态"]),
            (Name, &["收货人"]),
            (Region, &["省"]),
            (Quantity, &["商品数量"]),
            (Category, &["商品"]),
        ],
        alternatives: &[(Date, &["订单成交时间", "发货时间"]), (Amount, &["商家实收金额", "商品总价"])],
        amount_per_order: true,
        c_prefix_returns: false,
    };

    pub const UCI_ONLINE_RETAIL: Profile = Profile {
        signature: &["invoiceno", "stockcode", "description", "quantity", "invoicedate", "unitprice", "customerid", "country"],
        roles: &[
            (CustomerId, &["customerid"]),
            (Date, &["invoicedate"]),
            (UnitPrice, &["unitprice"]),
            (Quantity, &["quantity"]),
            (OrderId, &["invoiceno"]),
            (Category, &["description"]),
            (Region, &["country"]),
        ],
        alternatives: &[],
        amount_per_order: false,
        c_prefix_returns: true,
    };

    pub const UCI_ONLINE_RETAIL2: Profile = Profile {
        signature: &["invoice", "stockcode", "description", "quantity", "invoicedate", "price", "customerid", "country"],
        roles: &[
            (CustomerId, &["customerid"]),
            (Date, &["invoicedate"]),
            (UnitPrice, &["price"]),
            (Quantity, &["quantity"]),
            (OrderId, &["invoice"]),
            (Category, &["description"]),
            (Region, &["country"]),
        ],
        alternatives: &[],
        amount_per_order: false,
        c_prefix_returns: true,
    };

    pub const LIFETIMES_CDNOW: Profile = Profile {
        signature: &["customerid", "date", "numberofcds", "dollarvalue"],
        roles: &[(CustomerId, &["customerid"]), (Date, &["date"]), (Amount, &["dollarvalue"]), (Quantity, &["numberofcds"])],
        alternatives: &[],
        amount_per_order: false,
        c_prefix_returns: false,
    };

    pub const RFM_TABLE: Profile = Profile { signature: &[], roles: &[], alternatives: &[], amount_per_order: false, c_prefix_returns: false };
}

/// The export whose signature the header holds, if any (the one with the longest signature when
/// several do).
pub fn recognise(headers: &[String]) -> Option<KnownExport> {
    let names: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    KnownExport::ALL
        .into_iter()
        .filter(|e| !e.profile().signature.is_empty() && e.profile().signature.iter().all(|s| names.iter().any(|n| n == s)))
        .max_by_key(|e| e.profile().signature.len())
}

/// The roles of `headers` as `export` means them (one role per column), and the alternatives present.
pub fn mapping_of(export: KnownExport, headers: &[String]) -> (Vec<Option<Role>>, Vec<Alternative>) {
    let names: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let position = |wanted: &str| names.iter().position(|n| n == wanted);
    let profile = export.profile();
    let mut roles = vec![None; headers.len()];
    for (role, columns) in profile.roles {
        if let Some(i) = columns.iter().find_map(|c| position(c)).filter(|&i| roles[i].is_none()) {
            roles[i] = Some(*role);
        }
    }
    let mut alternatives = Vec::new();
    for (role, columns) in profile.alternatives {
        let Some(chosen) = roles.iter().position(|r| *r == Some(*role)) else { continue };
        if let Some(other) = columns.iter().find_map(|c| position(c)).filter(|&i| i != chosen) {
            alternatives.push(Alternative { role: *role, chosen, other });
        }
    }
    (roles, alternatives)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(String::from).collect()
    }

    /// Each export is recognised by its own header and by no other's (the signatures do not overlap).
    #[test]
    fn every_export_is_recognised_by_its_signature_alone() {
        for e in KnownExport::ALL.into_iter().filter(|e| *e != KnownExport::RfmTable) {
            let sig: Vec<String> = e.profile().signature.iter().map(|s| s.to_string()).collect();
            assert_eq!(recognise(&sig), Some(e), "{e:?}");
        }
        assert_eq!(recognise(&headers("customer_id,date,amount")), None);
    }

    /// Shopify: the customer is the email, never the order's Id or its Name; the date is Paid at,
    /// Created at offered as the other date.
    #[test]
    fn shopify_maps_the_person_and_the_payment() {
        let h = headers("Name,Email,Financial Status,Paid at,Fulfillment Status,Total,Created at,Lineitem quantity,Id,Refunded Amount");
        assert_eq!(recognise(&h), Some(KnownExport::ShopifyOrders));
        let (roles, alternatives) = mapping_of(KnownExport::ShopifyOrders, &h);
        assert_eq!(roles[1], Some(Role::CustomerId));
        assert_eq!(roles[0], Some(Role::OrderId));
        assert_eq!(roles[8], None, "Id is the order's");
        assert_eq!(roles[3], Some(Role::Date));
        assert_eq!(roles[9], Some(Role::Refund));
        assert_eq!(alternatives, vec![Alternative { role: Role::Date, chosen: 3, other: 6 }]);
    }
}
