//! Why a row was not used. Every data row is either used or listed here with its line, column and raw
//! value (`rows read = rows used + rows rejected`).

use serde::{Deserialize, Serialize};

use crate::lang::{plural, Lang};

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
    OutOfRange { rule: String },
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
        match (self, lang) {
            (EmptyRow, Lang::En) => "the row is empty".into(),
            (EmptyRow, Lang::Zh) => "空行".into(),
            (MissingField { fields, expected }, Lang::En) => {
                format!("the row has {fields} {} but the header has {expected}; a mapped column is missing", plural(*fields as u64, "field", "fields"))
            }
            (MissingField { fields, expected }, Lang::Zh) => format!("该行只有 {fields} 个字段，表头有 {expected} 个，缺少已映射的列"),
            (ExtraFields { fields, expected }, Lang::En) => format!("the row has {fields} fields but the header has {expected} (an unquoted delimiter inside a value?)"),
            (ExtraFields { fields, expected }, Lang::Zh) => format!("该行有 {fields} 个字段，表头只有 {expected} 个（值中含未加引号的分隔符？）"),
            (EmptyValue, Lang::En) => "the value is empty".into(),
            (EmptyValue, Lang::Zh) => "值为空".into(),
            (NotADate { format }, Lang::En) => format!("not a date in the column's format ({format})"),
            (NotADate { format }, Lang::Zh) => format!("不是该列格式（{format}）的日期"),
            (ImpossibleDate, Lang::En) => "no such calendar date".into(),
            (ImpossibleDate, Lang::Zh) => "日历上不存在该日期".into(),
            (ImplausibleDate, Lang::En) => "date before 1900 or after 2100".into(),
            (ImplausibleDate, Lang::Zh) => "日期早于 1900 年或晚于 2100 年".into(),
            (NotANumber, Lang::En) => "not a number".into(),
            (NotANumber, Lang::Zh) => "不是数字".into(),
            (AmountTooLarge, Lang::En) => "larger than 10^15, no purchase is that large (an id or a broken number in the amount column?)".into(),
            (AmountTooLarge, Lang::Zh) => "大于 10^15，不可能是一笔消费（金额列中混入了编号或损坏的数字？）".into(),
            (FutureDate { today }, Lang::En) => format!("dated after today ({today}); a purchase cannot be in the future — check the date"),
            (FutureDate { today }, Lang::Zh) => format!("日期晚于今天（{today}），消费不可能发生在未来，请检查日期"),
            (UndecodableId { encoding }, Lang::En) => format!("the customer id has bytes that are not valid {encoding} (the file mixes encodings?); save the file again in one encoding"),
            (UndecodableId { encoding }, Lang::Zh) => format!("客户编号中有无法按 {encoding} 解码的字节（文件混用了多种编码？），请以单一编码重新保存文件"),
            (QuoteNeverCloses { last_line }, Lang::En) => format!("a quote opens in this row and never closes, so everything up to line {last_line} (the end of the file) was read as one value; close or remove the quote in the file"),
            (QuoteNeverCloses { last_line }, Lang::Zh) => format!("该行的引号没有闭合，直到第 {last_line} 行（文件末尾）的内容都被读成了一个值；请在文件中补全或删除该引号"),
            (OutOfRange { rule }, Lang::En) => format!("out of range: {rule}"),
            (OutOfRange { rule }, Lang::Zh) => format!("超出范围：{rule}"),
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
}
