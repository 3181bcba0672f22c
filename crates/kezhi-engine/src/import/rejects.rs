//! Why a row was not used. Every data row is either used or listed here with its line, column and raw
//! value (`rows read = rows used + rows rejected`).

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::say;
use crate::texts::Text;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RejectReason {
    EmptyRow,
    /// The row ends before a mapped column.
    MissingField { fields: usize, expected: usize },
    /// The row has more non-empty fields than the header.
    ExtraFields { fields: usize, expected: usize },
    EmptyValue,
    NotADate { format: String },
    ImpossibleDate,
    /// Before 1900-01-01 or after 2100-12-31: a typo, not a purchase.
    ImplausibleDate,
    NotANumber,
    /// Larger in size than `amounts::MAX_AMOUNT` (10^15).
    AmountTooLarge,
    /// After the day of the import (`today`, with a day's grace for time zones): no purchase is dated
    /// in the future; a typo here would move the analysis date and every recency with it.
    FutureDate { today: String },
    /// The customer id holds bytes that did not decode (shown as U+FFFD): two different ids could
    /// collapse into one, so the row is set aside rather than guessed.
    UndecodableId { encoding: String },
    /// A quote opens in this row and never closes: the csv reader took the rest of the file, up to
    /// `last_line`, as one value.
    QuoteNeverCloses { last_line: u64 },
    /// A summary value outside its domain (negative frequency, recency > T …).
    OutOfRange { rule: RangeRule },
}

/// The domain rule a summary or RFM-table value broke (docs/methods.md §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RangeRule {
    DaysSinceNegative,
    PurchasesNotWhole,
    SpendNegative,
    FrequencyNotWhole,
    RecencyNegative,
    AgeBelowRecency,
    RecencyWithoutRepeats,
    MonetaryValueNegative,
}

impl RangeRule {
    pub fn text(self, lang: Lang) -> &'static str {
        use RangeRule::*;
        match self {
            DaysSinceNegative => Text::RuleDaysSinceNegative,
            PurchasesNotWhole => Text::RulePurchasesNotWhole,
            SpendNegative => Text::RuleSpendNegative,
            FrequencyNotWhole => Text::RuleFrequencyNotWhole,
            RecencyNegative => Text::RuleRecencyNegative,
            AgeBelowRecency => Text::RuleAgeBelowRecency,
            RecencyWithoutRepeats => Text::RuleRecencyWithoutRepeats,
            MonetaryValueNegative => Text::RuleMonetaryValueNegative,
        }
        .get(lang)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reject {
    /// 1-based line (or worksheet row) in the file.
    pub line: u64,
    /// 1-based column in the file; 0 when the whole row is at fault.
    pub column: usize,
    /// Header of that column ("" for whole-row reasons).
    pub column_name: String,
    pub value: String,
    pub reason: RejectReason,
}

impl RejectReason {
    pub fn text(&self, lang: Lang) -> String {
        use RejectReason::*;
        match self {
            EmptyRow => Text::RejectEmptyRow.get(lang).into(),
            MissingField { fields, expected } => say!(Text::RejectMissingField, lang, fields = fields, expected = expected),
            ExtraFields { fields, expected } => say!(Text::RejectExtraFields, lang, fields = fields, expected = expected),
            EmptyValue => Text::RejectEmptyValue.get(lang).into(),
            NotADate { format } => say!(Text::RejectNotADate, lang, format = format),
            ImpossibleDate => Text::RejectImpossibleDate.get(lang).into(),
            ImplausibleDate => Text::RejectImplausibleDate.get(lang).into(),
            NotANumber => Text::RejectNotANumber.get(lang).into(),
            AmountTooLarge => Text::RejectAmountTooLarge.get(lang).into(),
            FutureDate { today } => say!(Text::RejectFutureDate, lang, today = today),
            UndecodableId { encoding } => say!(Text::RejectUndecodableId, lang, encoding = encoding),
            QuoteNeverCloses { last_line } => say!(Text::RejectQuoteNeverCloses, lang, last_line = last_line),
            OutOfRange { rule } => say!(Text::RejectOutOfRange, lang, rule = rule.text(lang)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of one field reads "1 field", not "1 fields".
    #[test]
    fn a_missing_field_reason_agrees_with_its_count() {
        let missing = |fields| RejectReason::MissingField { fields, expected: 3 }.text(Lang::En);
        assert_eq!(missing(1), "the row has 1 field but the header has 3; a mapped column is missing");
        assert_eq!(missing(2), "the row has 2 fields but the header has 3; a mapped column is missing");
    }

    /// A summary's range rule is said in the reader's language (it was English in both once).
    #[test]
    fn a_range_rule_is_said_in_the_readers_language() {
        let r = RejectReason::OutOfRange { rule: RangeRule::AgeBelowRecency };
        assert_eq!(r.text(Lang::En), "out of range: T must be ≥ recency");
        assert_eq!(r.text(Lang::Zh), "超出范围：T 必须 ≥ recency（客户年龄不能小于最近一次复购的时间）");
    }
}
