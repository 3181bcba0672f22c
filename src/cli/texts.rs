//! What the command line says, in English and Chinese (`--lang`): one table in the engine's syntax
//! (`kezhi::engine::texts`), checked by the same tests. Flags, file formats and model names stay as
//! written; `--help` is English.

kezhi_engine::texts_table! {
    /// One line or word of the command line's output.
    pub enum CliText;

    // ── fits (kezhi score) ──
    Converged: "converged after {n} iterations" / "{n} 次迭代后收敛";
    NotConverged: "NOT converged after {n} iterations" / "{n} 次迭代后仍未收敛";
    OutOfBudget: "NOT converged: stopped at its budget of {n} evaluations" / "未收敛：在 {n} 次计算的预算处停止";
    RanOff: "stopped at a limit of the model after {n} evaluations" / "{n} 次计算后停在模型的极限处";
    NotFitted: "not fitted" / "未拟合";
    RepeatCustomers: "{n} repeat customers" / "{n} 位复购客户";
    CustomersRead: "{customers} customers ({rows} rows read, {rejected} rejected)" / "{customers} 位客户（读取 {rows} 行，拒绝 {rejected} 行）";
    HoldoutHeader: "Holdout from {date} ({units} units): by calibration repeats, customers, actual mean, predicted mean" / "留出期自 {date} 起（{units} 个时间单位）：按校准期复购次数，客户数、实际均值、预测均值";
    RetentionLine: "Retention model  retention {rate} per period, margin {margin} per active period, CLV {clv}" / "留存模型  每期留存率 {rate}，每活跃期毛利 {margin}，CLV {clv}";
    MigrationLine: "Migration model  P(buy) by recency state 0..{last}: {buy}  value: {value}" / "迁移模型  按最近状态 0..{last} 的购买概率：{buy}  价值：{value}";
    ScoredIn: "scored in {seconds} s" / "评分用时 {seconds} 秒";

    // ── frameworks (kezhi score) ──
    ParetoLine: "Pareto: the top {top}% of customers deliver {margin}% of the margin; Gini {gini}" / "帕累托：前 {top}% 的客户贡献 {margin}% 的毛利；基尼系数 {gini}";
    ClassShares: "{key} {n} ({customers}% of customers, {margin}% of margin)" / "{key} {n}（客户 {customers}%，毛利 {margin}%）";
    PyramidLine: "Value pyramid by {by}: {classes}" / "价值金字塔（按 {by} 排序）：{classes}";
    TiersLine: "Tiers: {classes}" / "等级：{classes}";
    NewMatrixLine: "New-customer matrix: {classes}" / "新客户矩阵：{classes}";
    ClustersLine: "Clusters (k = {k}, silhouette {silhouette}):" / "聚类（k = {k}，轮廓系数 {silhouette}）：";
    ClusterLine: "  {key} {n} customers ({margin}% of margin): {words}" / "  {key} {n} 位客户（毛利 {margin}%）：{words}";
    LifecycleLine: "Lifecycle (lost by {rule}): {classes}" / "生命周期（流失判定：{rule}）：{classes}";
    VeteranLine: "Veteran matrix (loyalty {loyalty}, growth {growth}): {classes}" / "老客户矩阵（忠诚度 {loyalty}，增长 {growth}）：{classes}";
    GmcbLine: "Gold/meteor/creek/burden: {classes}" / "黄金/流星/小溪/负担：{classes}";
    SegmentCoverage: "Segments ({rules}): {uncovered} of 125 R-F-M score combinations match no rule (\"Others\"), {overlapping} match more than one (the first wins)" / "分群（{rules}）：125 种 R-F-M 得分组合中有 {uncovered} 种不符合任何规则（“其他”），{overlapping} 种符合多条规则（以第一条为准）";
    PriorityHeader: "Valuable and slipping (top 10): value percentile × (1 − P(alive))" / "高价值且在流失（前 10 位）：价值百分位 × (1 − 存活概率)";
    PriorityLine: "  {id} priority {priority}  CLV {clv}  P(alive) {p_alive}" / "  {id} 优先级 {priority}  CLV {clv}  存活概率 {p_alive}";
    StagesLine: "stages (ms): {stages}" / "各阶段用时（毫秒）：{stages}";
    StageModelChecks: "model checks" / "模型检验";
    StageGroupModels: "group models" / "分组模型";
    StageCustomers: "customers" / "客户";
    StageFrameworks: "frameworks" / "客户资产分类";

    // ── the import report (kezhi import) ──
    File: "File:" / "文件：";
    Sheet: "Sheet:" / "工作表：";
    Encoding: "Encoding:" / "编码：";
    Delimiter: "delimiter:" / "分隔符：";
    Shape: "Shape:" / "类型：";
    DateFormat: "date format:" / "日期格式：";
    NotUsed: "(not used)" / "（未使用）";
    ColumnsNotUsed: "columns not used:" / "未使用的列：";
    RowsAccount: "Rows read {read} = {used} used + {folded} folded into their orders + {not_counted} not counted + {rejected} rejected" / "读取行数 {read} = {used} 使用 + {folded} 并入订单 + {not_counted} 不计为购买 + {rejected} 拒绝";
    StatusesHeader: "Order statuses (--count-status / --skip-status VALUE to change):" / "订单状态（用 --count-status / --skip-status 状态值 更改）：";
    Orders: "orders" / "单";
    Counted: "counted" / "计入";
    NotCounted: "not counted" / "不计入";
    RowsAfterAnalysisDate: "Rows after the analysis date (holdout):" / "分析日之后的行（验证期）：";
    Customers: "Customers:" / "客户数：";
    Dates: "Dates:" / "日期范围：";
    AnalysisDate: "analysis date:" / "分析日：";
    RejectLine: "  line {line}, column {column} ({name}): {value} — {reason}" / "  第 {line} 行第 {column} 列（{name}）：{value} — {reason}";
    MoreRejects: "  … {n} more rejected rows (use --json for all)" / "  … 另有 {n} 行被拒绝（用 --json 查看全部）";
    ReadTimes: "read {read} s, parse {parse} s ({speed} MB/s), customer table {build} s" / "读取 {read} 秒，解析 {parse} 秒（{speed} MB/秒），客户表 {build} 秒";

    // ── files written, models, streams ──
    WroteDemo: "wrote {rows} rows for {customers} customers to {file}" / "已写入 {file}：{customers} 位客户的 {rows} 行";
    CouldNotWrite: "could not write {file}: {error}" / "无法写入 {file}：{error}";
    Wrote: "wrote {file}" / "已写入 {file}";
    ModelDecides: "with --model, the model's settings are used and the rows go to standard output: fit the model again (kezhi fit --settings …) to change them" / "使用 --model 时采用模型的设置，结果写到标准输出：如需更改设置，请重新拟合模型（kezhi fit --settings …）";
    FittedOn: "fitted on {n} of {all} customers in {seconds} s. {verdict}" / "基于 {all} 位客户中的 {n} 位拟合，用时 {seconds} 秒。{verdict}";
    StreamScored: "scored {scored} customers with the model; rows that could not be used: {rejected}" / "已用模型为 {scored} 位客户评分；无法使用的行：{rejected}";
    ChunkUnusable: "lines {from}–{to}: none of these {rows} rows could be used; {first}" / "第 {from}–{to} 行：这 {rows} 行都无法使用；{first}";
    RowRejected: "line {line}: {name} ({value}): {reason}" / "第 {line} 行：{name}（{value}）：{reason}";
    StandardOutput: "standard output: {error}" / "标准输出：{error}";
    NoRows: "no rows" / "没有数据行";
    LineUnreadable: "line {line}: {error}" / "第 {line} 行：{error}";

    // ── kezhi whatif ──
    NoEquity: "No CLV: BG/NBD or Gamma-Gamma could not be fitted on this file, so there is no equity to vary." / "没有 CLV：本文件无法拟合 BG/NBD 或 Gamma-Gamma，因此没有可模拟的客户资产。";
    EquityBaseline: "Customer equity, baseline" / "客户资产（基线）";
    EquityScenario: "Customer equity, scenario" / "客户资产（情景）";
    NewCustomers: "new customers" / "新客户";
    Veterans: "veterans" / "老客户";
    RetentionMeasured: "measured" / "实测";
    RetentionFromBgNbd: "from the BG/NBD fit" / "由 BG/NBD 推算";
    RetentionPerPeriod: "retention per period: {rate}% ({source}, {months} months per period)" / "每期保留率：{rate}%（{source}，{months} 个月/期）";
}

#[cfg(test)]
mod tests {
    use super::CliText;
    use kezhi_engine::texts::{sources_under, table_problems, unused_keys};

    /// The same checks as the engine's table: both languages, the same placeholders, Chinese in the
    /// Chinese, and every key used by the command line's sources.
    #[test]
    fn the_command_lines_texts_are_whole_and_used() {
        let rows: Vec<(&str, &str, &str)> = CliText::ALL.iter().map(|t| (t.name(), t.en(), t.zh())).collect();
        let problems = table_problems(&rows);
        assert!(problems.is_empty(), "{problems:#?}");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let sources = sources_under(&root.join("cli"), "cli/texts.rs") + &std::fs::read_to_string(root.join("cli.rs")).unwrap_or_default();
        let unused = unused_keys("CliText", CliText::ALL.iter().map(|t| t.name()), &sources);
        assert!(unused.is_empty(), "texts the command line does not use: {unused:?}");
    }
}
