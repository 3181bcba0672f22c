//! The engine's texts: `Key: "English" / "中文";`, grouped by the stage that says them. See the
//! parent module for the placeholder syntax and the tests that hold the table.

crate::texts_table! {
    /// One engine message or label; [`Text::get`] and [`Text::fill`] give it in a language.
    pub enum Text;

    // ── import: errors that stop an import (import/errors.rs) ──
    ImportEmpty: "{file} is empty (0 bytes). Export the data again and drop the new file." / "{file} 是空文件（0 字节）。请重新导出数据后再拖入。";
    ImportRead: "{file} could not be read to the end ({detail}). If it was changed, moved or is still being written, wait until it is complete and drop it again." / "无法完整读取 {file}（{detail}）。如果文件已被修改、移动或仍在写入，请等其完成后重新拖入。";
    ImportNoTable: "{file} has {bytes} bytes but no table: only blank lines or notes starting with #. Export the data again and drop the new file." / "{file} 有 {bytes} 字节，但没有表格：只有空行或以 # 开头的注释。请重新导出数据后再拖入。";
    ImportBinary: "{file} is not a text table (CSV/TSV) nor an Excel workbook. Save it from your spreadsheet as CSV (UTF-8) or XLSX and try again." / "{file} 既不是文本表格（CSV/TSV），也不是 Excel 工作簿。请在表格软件中另存为 CSV（UTF-8）或 XLSX 后重试。";
    ImportTooLarge: "{file} is {size}: reading it would take about {needed} of memory in this tab, more than the {budget} this page allows itself on this device, so it was not read. Aggregate it to one row per customer in your database (Kezhi's docs/warehouse.md has the SQL for DuckDB, Spark and others) and drop that summary instead; every model runs on it." / "{file} 大小为 {size}：读取它约需 {needed} 内存，超过本页面在此设备上的上限 {budget}，因此没有读取。请先在数据库中按客户汇总为每位客户一行（Kezhi 的 docs/warehouse.md 提供 DuckDB、Spark 等的 SQL），再拖入汇总文件；所有模型都可在汇总数据上运行。";
    ImportUnknownEncoding: "\"{label}\" is not an encoding this page knows. Choose one from the list (UTF-8, GBK, GB18030, Big5, Shift_JIS, windows-1252)." / "无法识别编码 \"{label}\"。请从列表中选择（UTF-8、GBK、GB18030、Big5、Shift_JIS、windows-1252）。";
    ImportWorkbook: "{file} could not be opened as a workbook ({detail}). Open it in Excel, save it again as XLSX or CSV, and drop the new file." / "无法作为工作簿打开 {file}（{detail}）。请在 Excel 中打开并另存为 XLSX 或 CSV 后重试。";
    ImportNoSheetWithData: "Every sheet of {file} is empty. Check that you exported the right workbook." / "{file} 的所有工作表都是空的。请确认导出的是正确的工作簿。";
    ImportSheetNotFound: "{file} has no sheet named \"{name}\". Pick a sheet from the list." / "{file} 中没有名为“{name}”的工作表。请从列表中选择。";
    ImportHeaderOnly: "{file} has a header row but no data rows. Export the data again with its rows." / "{file} 只有表头，没有数据行。请重新导出包含数据的文件。";
    ImportMissingColumn: "{file}: no column is mapped to \"{role}\", which a {shape} needs. Choose that column in the mapping above." / "{file}：{shape}需要“{role}”列，但没有列被映射到它。请在上方的列映射中选择。";
    ImportMissingColumnCli: "{file}: no column is mapped to \"{role}\", which a {shape} needs. Name it with --map {key}=COLUMN (a header or a column number from 1)." / "{file}：{shape}需要“{role}”列，但没有列被映射到它。请用 --map {key}=列名（表头或从 1 开始的列号）指定。";
    ImportUnsureColumn: "{file}: no column is named for \"{role}\"; column \"{column}\" holds {content} and may be it. Confirm it (or choose another) in the mapping above." / "{file}：没有列名表明“{role}”；“{column}”列的取值为{content}，可能就是它。请在上方的列映射中确认（或另选）。";
    ImportUnsureColumnCli: "{file}: no column is named for \"{role}\"; column \"{column}\" holds {content} and may be it. Confirm it with --map {key}=\"{column}\" (or name another column)." / "{file}：没有列名表明“{role}”；“{column}”列的取值为{content}，可能就是它。请用 --map {key}=\"{column}\" 确认（或指定其他列）。";
    /// What an unsure column holds when its values fit no known kind.
    ImportValuesLikeIt: "values like it" / "类似的值";
    ImportAmbiguousDateOrder: "{file}: dates in column \"{column}\" such as \"{example}\" could be day/month or month/day, and no row decides it. Choose the date format in the mapping above." / "{file}：“{column}”列中的日期（如“{example}”）既可能是日/月也可能是月/日，数据本身无法判断。请在上方选择日期格式。";
    ImportAmbiguousDateOrderCli: "{file}: dates in column \"{column}\" such as \"{example}\" could be day/month or month/day, and no row decides it. Give --date-format dmy or --date-format mdy." / "{file}：“{column}”列中的日期（如“{example}”）既可能是日/月也可能是月/日，数据本身无法判断。请用 --date-format dmy 或 --date-format mdy 指定。";
    ImportNoUsableRows: "{file}: none of the {n} data rows could be used. The first problem: {reason}. Check the column mapping and formats above." / "{file}：{n} 行数据全部无法使用。第一个问题：{reason}。请检查上方的列映射与格式。";
    ImportNoUsableRowsCli: "{file}: none of the {n} data rows could be used. The first problem: {reason}. Check the columns (--map role=COLUMN) and formats (--date-format, --encoding, --delimiter)." / "{file}：{n} 行数据全部无法使用。第一个问题：{reason}。请检查列映射（--map 角色=列名）与格式（--date-format、--encoding、--delimiter）。";
    ImportOtherOrigin: "{file}: {url} is on another server. Kezhi loads ?src= files only from the server it is served from, so nothing was fetched. Put the file beside Kezhi, or drop it here." / "{file}：{url} 位于其他服务器。Kezhi 只从自身所在的服务器加载 ?src= 文件，因此没有发起任何请求。请将文件放在 Kezhi 旁边，或直接拖入本页面。";
    ImportFetch: "{file}: {url} could not be fetched from this server ({detail}). Check the path in ?src=, or drop the file here." / "{file}：无法从本服务器获取 {url}（{detail}）。请检查 ?src= 中的路径，或直接拖入文件。";
    ImportUnknownColumn: "{file} has no column \"{name}\". Give a header name or a column number from 1." / "{file} 中没有“{name}”列。请填写表头名称或从 1 开始的列号。";
    // ── import: why a row was not used (import/rejects.rs) ──
    RejectEmptyRow: "the row is empty" / "空行";
    RejectMissingField: "the row has {fields} {fields:field|fields} but the header has {expected}; a mapped column is missing" / "该行只有 {fields} 个字段，表头有 {expected} 个，缺少已映射的列";
    RejectExtraFields: "the row has {fields} fields but the header has {expected} (an unquoted delimiter inside a value?)" / "该行有 {fields} 个字段，表头只有 {expected} 个（值中含未加引号的分隔符？）";
    RejectEmptyValue: "the value is empty" / "值为空";
    RejectNotADate: "not a date in the column's format ({format})" / "不是该列格式（{format}）的日期";
    RejectImpossibleDate: "no such calendar date" / "日历上不存在该日期";
    RejectImplausibleDate: "date before 1900 or after 2100" / "日期早于 1900 年或晚于 2100 年";
    RejectNotANumber: "not a number" / "不是数字";
    RejectAmountTooLarge: "larger than 10^15, no purchase is that large (an id or a broken number in the amount column?)" / "大于 10^15，不可能是一笔消费（金额列中混入了编号或损坏的数字？）";
    RejectFutureDate: "dated after today ({today}); a purchase cannot be in the future — check the date" / "日期晚于今天（{today}），消费不可能发生在未来，请检查日期";
    RejectUndecodableId: "the customer id has bytes that are not valid {encoding} (the file mixes encodings?); save the file again in one encoding" / "客户编号中有无法按 {encoding} 解码的字节（文件混用了多种编码？），请以单一编码重新保存文件";
    RejectQuoteNeverCloses: "a quote opens in this row and never closes, so everything up to line {last_line} (the end of the file) was read as one value; close or remove the quote in the file" / "该行的引号没有闭合，直到第 {last_line} 行（文件末尾）的内容都被读成了一个值；请在文件中补全或删除该引号";
    RejectOutOfRange: "out of range: {rule}" / "超出范围：{rule}";
    RuleDaysSinceNegative: "days since the last purchase must be ≥ 0" / "距末次购买天数必须 ≥ 0";
    RulePurchasesNotWhole: "purchases must be a whole number ≥ 1" / "购买次数必须是 ≥ 1 的整数";
    RuleSpendNegative: "spend must be ≥ 0" / "消费额必须 ≥ 0";
    RuleFrequencyNotWhole: "frequency must be a whole number ≥ 0" / "frequency（复购次数）必须是 ≥ 0 的整数";
    RuleRecencyNegative: "recency must be ≥ 0" / "recency（首购到末次购买的时间）必须 ≥ 0";
    RuleAgeBelowRecency: "T must be ≥ recency" / "T 必须 ≥ recency（客户年龄不能小于最近一次复购的时间）";
    RuleRecencyWithoutRepeats: "recency must be 0 when frequency is 0" / "frequency 为 0 时 recency 必须为 0";
    RuleMonetaryValueNegative: "monetary_value must be ≥ 0" / "monetary_value（平均每次复购金额）必须 ≥ 0";
    // ── shared punctuation ──
    /// Between the items of a list in a sentence.
    ListSeparator: ", " / "、";
    /// The end of a sentence built from parts.
    FullStop: "." / "。";

    // ── table: the import report (table/import_report.rs) ──
    WarnEncodingErrors: "Some characters could not be read as {encoding} and show as �. If names look wrong, choose another encoding." / "部分字符无法按 {encoding} 解码，显示为 �。如姓名显示异常，请选择其他编码。";
    WarnReturnsNetted: "{rows} {rows:row|rows} with negative amounts {rows:was|were} treated as returns and netted into their day; {days} {days:customer-day|customer-days} whose returns cancel their purchases {days:does|do} not count as purchases." / "{rows} 行负金额按退货处理，已与当天消费相抵；{days} 个客户日因退货抵消了购买，不计为购买。";
    WarnCustomersWithoutPurchase: "{customers} {customers:customer has|customers have} no purchase in the window (only returns) and {customers:is|are} not in the customer table." / "{customers} 位客户在观察期内没有购买（仅有退货），未计入客户表。";
    WarnAfterAnalysisDate: "{rows} {rows:row is|rows are} dated after the analysis date: kept aside as the holdout, not used in the scores." / "{rows} 行日期晚于分析日：留作验证期（holdout），不参与评分。";
    WarnTitleSkipped: "The header is on line {header_line}; the {lines:line|{lines} lines} above it (\"{first}\") {lines:was|were} skipped as a title." / "表头在第 {header_line} 行；其上方的 {lines} 行（“{first}”）作为标题跳过。";
    WarnDuplicateColumns: "Columns {columns} all look like \"{role}\"; {used} is used. Choose another in the mapping if that is wrong." / "{columns} 列看起来都是“{role}”，使用了 {used}。如有误，请在列映射中另选。";
    WarnOtherColumn: "\"{used}\" was used as the {role}; \"{other}\" could be it too. Choose it in the mapping if it is the one you mean." / "“{role}”使用了“{used}”列；“{other}”列也可能是它，如需改用请在列映射中选择。";
    WarnAmountFromQuantityAndPrice: "No column gives the amount: it is \"{quantity}\" × \"{price}\" (quantity × unit price) on every row." / "没有金额列：每行金额按“{quantity}”×“{price}”（数量 × 单价）计算。";
    WarnAmountFromPrice: "No column gives the amount and none the quantity: the unit price \"{price}\" is taken as the amount (quantity 1)." / "没有金额列也没有数量列：以单价“{price}”作为金额（数量按 1 计）。";
    WarnRefundsSubtracted: "Refunds were subtracted from {rows} {rows:order|orders}." / "已从 {rows} 个订单的金额中扣除退款。";
    WarnCPrefixReturns: "{rows} {rows:row has|rows have} invoice numbers starting with C (cancellations) and {rows:is|are} read as returns." / "{rows} 行的发票号以 C 开头（取消单），按退货处理。";
    WarnUnknownStatuses: "Order statuses Kezhi does not know were counted as purchases: {values}. Untick them in the status table if they are not." / "以下订单状态未能识别，已计为购买：{values}。如不应计入，请在状态表中取消勾选。";
    WarnAllOneTimeBuyers: "Every one of the {customers} customers bought only once. That is rare in a customer file: check that the customer column names a person, not an order." / "全部 {customers} 位客户都只购买过一次，这在客户数据中很少见：请确认客户列是“人”而不是订单。";
    WarnIdUniquePerRow: "The customer column \"{column}\" is different on every row, as an order or row id would be. If it is not the customer, choose the right column in the mapping." / "客户列“{column}”每行都不同，像是订单号或行号。如果它不是客户，请在列映射中选择正确的列。";
    WarnAmountsLookLikeUnitPrices: "\"{amount}\" looks like a unit price beside the quantity \"{quantity}\". If so, map it as the unit price: the amount is then quantity × unit price." / "“{amount}”看起来是单价（旁边有数量列“{quantity}”）。如果是，请将其映射为单价，金额将按数量 × 单价计算。";
    WarnAllOnOneDay: "Every purchase is on {day}: recency, frequency and every model need purchases on different days." / "所有购买都发生在 {day} 这一天：最近度、频次和各模型都需要不同日期的购买。";
    WarnRfmTableRead: "Read as an RFM table: recency is the days since the last purchase (fewest days → R = 5), frequency the number of purchases, monetary the {spend} (if the column holds the other, choose it under \"RFM table\" in the import report, or give --rfm-spend). BG/NBD, Pareto/NBD, CLV, lifecycle stages and cohorts need each customer's purchase history: drop the transaction log, or a summary with T (the customer's age), to see them." / "按 RFM 表读取：最近度为距最近一次购买的天数（天数越少 R 越高，最高 5 分），频次为购买次数，金额为{spend}（如该列含义相反，请在导入报告的“RFM 表”处更改，或使用 --rfm-spend）。BG/NBD、Pareto/NBD、客户终身价值、生命周期与同期群需要每位客户的购买记录：请导入交易明细，或含 T（客龄）的客户汇总。";
    WarnSummaryRevenueIsRepeatOnly: "A customer summary carries only repeat purchases: revenue shown is repeat revenue (frequency × monetary value)." / "客户汇总文件只含复购信息：显示的收入为复购收入（频次 × 平均复购金额）。";
    ReadingAsExport: "Read as {export}: " / "按{export}读取：";
    ReadingRowsToCustomers: "{rows} rows → {customers} customers" / "{rows} 行 → {customers} 位客户";
    ReadingRowsToOrders: "{rows} rows → {orders} {orders:order|orders} → {purchases} {purchases:purchase|purchases} by {customers} {customers:customer|customers}" / "{rows} 行 → {orders} 个订单 → {purchases} 次购买，来自 {customers} 位客户";
    ReadingRowsToPurchases: "{rows} rows → {purchases} {purchases:purchase|purchases} by {customers} {customers:customer|customers}" / "{rows} 行 → {purchases} 次购买，来自 {customers} 位客户";
    ReadingOrdersNotCounted: "; {n} {n:order|orders} not counted ({statuses})" / "；{n} 个订单不计为购买（{statuses}）";
    ReadingRowsNotCounted: "; {n} {n:row|rows} not counted ({statuses})" / "；{n} 行不计为购买（{statuses}）";
    ReadingItemsFolded: "; {n} line {n:item|items} folded into {n:its|their} orders" / "；{n} 行商品明细并入所属订单";
    ReadingRowsRejected: "; {n} {n:row|rows} rejected" / "；{n} 行被拒绝";
    /// Between the clauses of a list of reasons.
    ClauseSeparator: "; " / "；";

    // ── settings: why the user's RFM thresholds cannot be used (settings.rs) ──
    ThresholdsCutCount: "RFM thresholds: give 2 to 4 cut values for each of R, F and M, the same number for all three" / "RFM 阈值：R、F、M 各需 2 至 4 个切分值，且三者个数相同";
    ThresholdsNotAscending: "RFM thresholds: the {dimension} cut values must be finite and strictly ascending" / "RFM 阈值：{dimension} 的切分值必须是有限数且严格递增";

    // ── models: the fit report (models/fit_report.rs) ──
    LimitSameRate: "every customer buys at about the same rate (a Poisson process, r/α = {rate} purchases per time unit)" / "每位客户的购买频率几乎相同（泊松过程，r/α = 每时间单位 {rate} 次）";
    LimitNoDropout: "nobody seems to drop out" / "看不出有客户流失";
    LimitSameDropout: "every customer seems equally likely to drop out" / "每位客户的流失可能几乎相同";
    LimitSameMeanSpend: "customers' mean order values differ no more than chance makes them, so each is expected to spend the overall mean" / "客户之间平均客单价的差异不超过随机波动，因此每位客户的预期客单价都取总体均值";
    LimitSameOrderSpend: "each customer's orders are all of about the same amount" / "每位客户的各笔订单金额几乎相同";
    VerdictGood: "The CLV model (BG/NBD + Gamma-Gamma) fits the data well: its figures can be used." / "CLV 模型（BG/NBD + Gamma-Gamma）与数据吻合良好，结果可以使用。";
    VerdictUseWithCare: "The CLV model (BG/NBD + Gamma-Gamma) fits with reservations: use its figures with care." / "CLV 模型（BG/NBD + Gamma-Gamma）拟合有保留，结果需谨慎使用。";
    VerdictNotUsable: "The data cannot support a CLV model: RFM and the classifications still work, CLV columns stay empty." / "数据不足以支撑 CLV 模型：RFM 与各类分类照常可用，CLV 相关列留空。";
    FitTooFewRepeaters: "{model} not fitted: {have} repeat customers, at least {need} are needed." / "{model} 未拟合：只有 {have} 位复购客户，至少需要 {need} 位。";
    FitNoFiniteLikelihood: "{model} could not be fitted: no parameter set gave a finite likelihood." / "{model} 未拟合：没有任何参数组合给出有限的似然值。";
    FitNotConverged: "{model}: the optimiser stopped before converging; treat the parameters with care." / "{model}：优化器未收敛即停止，参数需谨慎看待。";
    FitOutOfBudget: "{model}: the optimiser reached its budget ({evaluations} evaluations or {seconds} s) before converging and stopped at the best parameters so far; treat them with care." / "{model}：优化用完了预算（{evaluations} 次计算或 {seconds} 秒）仍未收敛，已停在目前最优的参数上；请谨慎使用这些参数。";
    FitAtLimit: "{model} sits at a limit of the model: {limits}. Its parameters run off without end that way, so the search stopped at the edge; the figures are the limit's." / "{model} 处于模型的极限：{limits}。参数在此方向上无限增大或趋于零，搜索停在边界处，结果即该极限模型的结果。";
    FitAtBound: "{model}: parameter {parameter} = {value} sits at a bound of the search; the data cannot pin it down." / "{model}：参数 {parameter} = {value} 落在搜索边界上，数据无法确定它。";
    FitNoStandardErrors: "{model}: the Hessian is not invertible at the estimate, so there are no standard errors." / "{model}：估计点处的 Hessian 不可逆，无法给出标准误。";
    FitImprecise: "{model}: the standard error of {parameter} is {percent}% of its value; the estimate is imprecise." / "{model}：参数 {parameter} 的标准误为其值的 {percent}%，估计不精确。";
    FitNoMeanSpend: "Gamma-Gamma not fitted: too few repeat customers with positive spend, or q ≤ 1 (no finite mean); CLV stays empty." / "Gamma-Gamma 未拟合：正消费的复购客户太少，或 q ≤ 1（均值不存在）；CLV 留空。";
    FitSpendDependsOnFrequency: "Gamma-Gamma assumes spend does not depend on frequency; here their correlation is {correlation}." / "Gamma-Gamma 假设客单价与购买频次无关；此数据中二者相关系数为 {correlation}。";
    FitHoldoutOff: "Holdout check: {predicted} repeat purchases predicted, {actual} happened, more than 20% off." / "留出期检验：预测复购 {predicted} 次，实际 {actual} 次，偏差超过 20%。";
    FitHoldoutFine: "Holdout check: {predicted} repeat purchases predicted, {actual} happened." / "留出期检验：预测复购 {predicted} 次，实际 {actual} 次。";
    FitComparisonTie: "Log-likelihood: BG/NBD {bg_nbd}, Pareto/NBD {pareto_nbd} (same number of parameters; the two fit equally well)." / "对数似然：BG/NBD {bg_nbd}，Pareto/NBD {pareto_nbd}（参数个数相同，两者同样贴合）。";
    FitComparison: "Log-likelihood: BG/NBD {bg_nbd}, Pareto/NBD {pareto_nbd} (same number of parameters; {better} fits better)." / "对数似然：BG/NBD {bg_nbd}，Pareto/NBD {pareto_nbd}（参数个数相同，{better} 更贴合）。";
    FitUnusableThresholds: "{why}; quantile bins were used instead." / "自定义 RFM 阈值不可用，已改用分位数分箱：{why}";
    FitAhpInconsistent: "The AHP judgments are inconsistent (CR = {cr}, 0.1 or more): review them before relying on these weights." / "AHP 判断矩阵一致性比率 CR = {cr}，不低于 0.1：判断不一致，请复核后再使用这些权重。";
    FitNeedsPurchaseHistories: "Not available for an RFM table: BG/NBD, Pareto/NBD, Gamma-Gamma, CLV, lifecycle stages and cohorts need each customer's purchase history. Drop the transaction log (customer, date, amount), or a summary with T (the customer's age), to see them." / "RFM 表无法提供：BG/NBD、Pareto/NBD、Gamma-Gamma、客户终身价值、生命周期阶段与同期群都需要每位客户的购买记录。请导入交易明细（客户、日期、金额）或含 T（客龄）的客户汇总后查看。";
    FitAhpUnusable: "The AHP matrix is not a 3 × 3 positive reciprocal matrix over R, F, M; the default weights were used." / "AHP 矩阵不是 R、F、M 的 3×3 正互反矩阵，已改用默认权重。";
    FitChecksCancelled: "The Pareto/NBD comparison and the model checks were cancelled. The CLV figures do not depend on them; change a setting or import again to run them." / "已取消 Pareto/NBD 对比与模型检验。客户终身价值不依赖它们；修改设置或重新导入即可再次运行。";
    FitChecksFailed: "The Pareto/NBD comparison and the model checks stopped on an error and gave no result. The CLV figures do not depend on them." / "Pareto/NBD 对比与模型检验因错误中止，没有结果。客户终身价值不依赖它们。";
    FitOnSampleWithBand: "Fitted on a uniform sample of {n} of {all} customers: each BG/NBD parameter is within ±{percent}% of what all of them would give, with 95% probability (twice its standard error, corrected for the sample's share)." / "基于 {all} 位客户中均匀抽取的 {n} 位拟合：BG/NBD 的每个参数与全部客户拟合结果相差在 ±{percent}% 以内的概率为 95%（两倍标准误，按抽样比例校正）。";
    FitOnSampleNoBand: "Fitted on a uniform sample of {n} of {all} customers; without standard errors, how far its parameters are from a fit on all of them is not known: fit on more customers or on all." / "基于 {all} 位客户中均匀抽取的 {n} 位拟合；没有标准误，无法得知其参数与全部客户拟合结果相差多少：请用更多客户或全部客户拟合。";
    // ── fitted_model: a model fitted once, read back (fitted_model.rs) ──
    ScoreSetFiveBin: "five-bin" / "五分档";
    ScoreSetShown: "shown" / "显示的";
    ModelNoCustomers: "no customers to fit a model on" / "没有可用于拟合模型的客户";
    ModelEmptySample: "a sample of 0 customers cannot be fitted; give --sample 1 or more" / "0 位客户的样本无法拟合；请用 --sample 指定 1 或更多";
    ModelNoCutValues: "no cut values reproduce the fitted customers' {scores} RFM scores" / "没有切分值能重现所拟合客户的{scores} RFM 得分";
    ModelFormat: "a model file of layout {found}; this Kezhi reads layout {format}: fit it again with this version" / "模型文件的格式版本为 {found}，本版客值读取版本 {format}：请用本版本重新拟合";
    ModelNotAModel: "not a Kezhi model file: {detail}" / "不是客值的模型文件：{detail}";
    ModelBadCuts: "the model's RFM cut values cannot be used ({scores} scores): {problem}" / "模型的 RFM 切分值无法使用（{scores}得分）：{problem}";
    ModelFiveBinNotFive: "the model's RFM cut values cannot be used: the segments' five-bin scores need four cut values each" / "模型的 RFM 切分值无法使用：分群所用的五分档得分每项需要 4 个切分值";
    // ── views: why a customer has each class (views/class_reasons.rs) ──
    MeasureRScore: "R score" / "R 得分";
    MeasureFScore: "F score" / "F 得分";
    MeasureMScore: "M score" / "M 得分";
    MeasureDaysSinceLast: "days since the last purchase" / "距末次购买天数";
    MeasurePurchases: "purchases" / "购买次数";
    MeasureSpend: "spend" / "消费金额";
    MeasureClv: "CLV" / "CLV";
    MeasureMargin: "margin" / "毛利";
    MeasureRevenue: "revenue" / "收入";
    MeasureWeightedRfm: "weighted RFM" / "加权 RFM";
    MeasureMonthlySpend: "spend per month" / "月均消费";
    MeasureMarginPerPurchase: "margin per purchase" / "每次购买毛利";
    MeasureRepeatPurchases: "repeat purchases" / "复购次数";
    MeasurePAlive: "P(alive)" / "存活概率";
    MeasureFScoreLoyalty: "F score (loyalty)" / "F 得分（忠诚度）";
    MeasureMarginPerMonth: "margin per month" / "月均毛利";
    MeasureShareOfWalletGrowth: "share-of-wallet growth" / "钱包份额增长率";
    MeasureSpendGrowth: "spend growth" / "消费增长率";
    MeasurePurchaseGrowth: "purchase growth" / "购买频次增长率";
    /// A growth measure and the periods it compares.
    MeasureOverMonths: "{measure} (last {m} months vs the {m} before)" / "{measure}（近 {m} 个月对比之前 {m} 个月）";
    MeasureConversion: "chance of a second purchase" / "再次购买概率";
    MeasurePotentialProfit: "potential profit" / "潜在盈利";
    MeasureMarginRate: "margin rate" / "毛利率";
    MeasureDaysSinceFirst: "days since the first purchase" / "距首次购买天数";
    /// A growth from nothing to something.
    ChangeFromNothing: "new (nothing before)" / "新增（此前为零）";
    CutMean: "the mean {x}" / "均值 {x}";
    CutMedian: "the median {x}" / "中位数 {x}";
    CutModelMean: "the model's mean {x}" / "模型均值 {x}";
    CutModelMedian: "the model's median {x}" / "模型中位数 {x}";
    CutModelLowest: "the model's cut {x}" / "模型切分点 {x}";
    FactInRange: "{name} {v}, in {low} – {high}: {band} of customers" / "{name} {v}，位于 {low} – {high}：{band}的客户";
    FactInRule: "{name} {v} (rule {rule})" / "{name} {v}（规则 {rule}）";
    BandTopThird: "the top third" / "前三分之一";
    BandBottomThird: "the bottom third" / "后三分之一";
    BandMiddleThird: "the middle third" / "中间三分之一";
    BandTop: "the top {share}" / "前 {share}";
    BandBottom: "the bottom {share}" / "后 {share}";
    BandFromTop: "the {from}–{to} from the top" / "排名 {from}–{to}";
    NoteNoRuleCovers: "no segment rule covers these R, F, M scores" / "没有分群规则覆盖这组 R、F、M 得分";
    NoteOneOccasion: "one purchase occasion so far" / "目前只有一次购买";
    NoteQualityGood: "→ quality 优 good (both above their medians)" / "→ 资产质量 优（两项均高于中位数）";
    NoteQualityFair: "→ quality 中 fair (one of the two above its median)" / "→ 资产质量 中（一项高于中位数）";
    NoteQualityPoor: "→ quality 劣 poor (neither above its median)" / "→ 资产质量 劣（两项均不高于中位数）";
    NoteNearestCentre: "nearest of the cluster centres on standardised recency, frequency, spend and CLV" / "在标准化的最近消费、频次、金额与 CLV 上最接近该聚类中心";
    // ── frameworks/gold_meteor_creek_burden.rs: gold, meteor, creek, burden ──
    GmcbGold: "Gold" / "黄金客户";
    GmcbMeteor: "Meteor" / "流星客户";
    GmcbCreek: "Creek" / "小溪客户";
    GmcbBurden: "Burden" / "负担客户";

    // ── frameworks/lifecycle.rs: lifecycle stages ──
    StageIntroduction: "Introduction" / "导入期";
    StageGrowth: "Growth" / "成长期";
    StageMaturity: "Maturity" / "成熟期";
    StageDecline: "Decline" / "衰退期";
    StageLost: "Lost" / "流失";

    // ── frameworks/new_customer_matrix.rs: new-customer classes ──
    NewPotential: "Potential" / "潜力类";
    NewWatch: "Watch" / "观察类";
    NewRoutine: "Routine" / "常规类";
    NewEliminate: "Eliminate" / "淘汰类";

    // ── frameworks/tier_ladder.rs: tiers ──
    TierCrystal: "Crystal" / "水晶";
    TierJade: "Jade" / "翡翠";
    TierGold: "Gold" / "黄金";
    TierPlatinum: "Platinum" / "白金";
    TierDiamond: "Diamond" / "钻石";
    TierBlackGold: "Black gold" / "黑金";

    // ── frameworks/value_pyramid.rs: pyramid levels ──
    PyramidKey: "A key" / "A 关键客户";
    PyramidImportant: "B important" / "B 重点客户";
    PyramidGeneral: "C general" / "C 一般客户";
    PyramidMaintain: "D maintain" / "D 维持客户";

    // ── frameworks/veteran_matrix.rs: veteran classes ──
    VeteranHighQuality: "High quality" / "高质类";
    VeteranPotentialA: "Potential A" / "潜力A类";
    VeteranWatch: "Watch" / "观察类";
    VeteranPotentialB: "Potential B" / "潜力B类";
    VeteranProblem: "Problem" / "问题类";
    VeteranBelowPar: "Below par" / "低质类";
    VeteranEliminate: "Eliminate" / "淘汰类";

    // ── frameworks/nine_grid.rs: a cell is "row-column" ──
    GridLow: "low" / "低";
    GridMid: "mid" / "中";
    GridHigh: "high" / "高";
    /// Two sentences one after the other.
    SentenceThenSentence: "{first} {second}" / "{first}{second}";

    // ── frameworks/clustering.rs: features and a cluster in words ──
    FeatureRecency: "recency (R)" / "最近消费（R）";
    FeatureFrequency: "frequency (F)" / "消费频次（F）";
    FeatureMonetary: "monetary (M)" / "消费金额（M）";
    ClusterRecent: "recent" / "近期活跃";
    ClusterLapsed: "lapsed" / "久未购买";
    ClusterOccasional: "occasional" / "购买少";
    ClusterFrequent: "frequent" / "购买频繁";
    ClusterLowSpend: "low spend" / "消费低";
    ClusterHighSpend: "high spend" / "消费高";
    ClusterLowValue: "low value" / "价值低";
    ClusterHighValue: "high value" / "价值高";
    ClusterAverage: "average on every measure" / "各项指标均接近平均";

    // ── frameworks/lifecycle.rs: how "lost" was decided ──
    LostOneTimeAfterGap: "A customer with one purchase is lost once more than {days} days have passed since it: {k} × the {gap} days that customers who came back took, at the median, to buy again, and over {min}." / "只购买过一次的客户：距该次购买超过 {days} 天即为流失（回购客户从首购到再次购买的中位天数 {gap} 的 {k} 倍，且超过 {min} 天）。";
    LostOneTimeNoRepeat: "No customer has bought twice yet, so one-time buyers stay in introduction." / "尚无客户再次购买，因此只购买过一次的客户均归入导入期。";
    LostByPAlive: "Lost: P(alive) below {p} under BG/NBD." / "流失：BG/NBD 模型中存活概率低于 {p}。";
    LostByGap: "Lost (no model fitted): more than {k} times the customer's usual gap and over {min} days since the last purchase." / "流失（未拟合模型）：距末次购买超过该客户通常间隔的 {k} 倍且超过 {min} 天。";

    // ── rfm/value_classes.rs: the eight value classes ──
    ClassImportantValue: "important value" / "重要价值客户";
    ClassImportantDevelop: "important to develop" / "重要发展客户";
    ClassImportantKeep: "important to keep" / "重要保持客户";
    ClassImportantWinBack: "important to win back" / "重要挽留客户";
    ClassGeneralValue: "general value" / "一般价值客户";
    ClassGeneralDevelop: "general to develop" / "一般发展客户";
    ClassGeneralKeep: "general to keep" / "一般保持客户";
    ClassGeneralWinBack: "general to win back" / "一般挽留客户";
    // ── views/insights.rs: the overview's sentences ──
    InsightOneDay: "Every purchase in this file falls on one day: recency, repeat purchases and the models cannot tell customers apart, so only the sentences about spend are given. A longer history (a year or more) gives the rest." / "该文件的所有购买都在同一天：最近购买、复购与模型都无法区分客户，因此只给出关于消费金额的结论。导入更长的历史（一年或以上）即可得到其余结论。";
    InsightPareto: "The top {top} of customers bring {margin} of the margin." / "前 {top} 的客户贡献了 {margin} 的毛利。";
    InsightAtRisk: "{n} valuable {n:customer is|customers are} slipping away; they brought {margin} of the margin." / "{n} 位高价值客户正在流失，他们贡献了 {margin} 的毛利。";
    InsightOneTime: "{share} of customers have bought only once; {n} of them {n:is|are} likely to return and worth a follow-up." / "{share} 的客户只购买过一次，其中 {n} 位可能回购且值得跟进。";
    InsightOneTimeNoneLikely: "{share} of customers have bought only once; none of them looks likely to return yet." / "{share} 的客户只购买过一次，其中暂无可能回购的客户。";
    InsightBestSegment: "{segment} are {customers} of customers and bring {revenue} of revenue." / "{segment}占客户的 {customers}，贡献了 {revenue} 的收入。";
    InsightDecline: "{n} {n:customer is|customers are} in decline, spending less than before; they brought {margin} of the margin." / "{n} 位客户处于衰退期、消费在下降，他们贡献了 {margin} 的毛利。";
    InsightPyramidSurprise: "{level} holds {share} of past margin: customers who spent much in the past (mean margin {margin} against {margin_all} overall) but whose {what} is now low (mean {value} against {value_all})." / "{level}占过去毛利的 {share}：这些客户过去消费多（平均毛利 {margin}，整体 {margin_all}），但现在的{what}低（平均 {value}，整体 {value_all}）。";
    RankedByClv: "expected value (CLV)" / "预期价值（CLV）";
    RankedByRevenue: "revenue" / "收入";
    RankedByWeightedRfm: "weighted RFM score" / "加权 RFM 得分";
    InsightVeteranSurprise: "{class} holds {margin} of the veterans' margin with {customers} of them: {why}." / "{class}以 {customers} 的老客户贡献了 {margin} 的老客户毛利：{why}。";
    VeteranWhyGoodShrinking: "good customers (loyalty and margin both above their medians) whose share is shrinking" / "资产质量为优（忠诚度与盈利性均高于中位数）但份额在下降的客户";
    VeteranWhyLargeAccounts: "large accounts whose loyalty or margin is at or below its median, {shrinking} of them with a shrinking share" / "忠诚度或盈利性不高于中位数的大客户，其中 {shrinking} 份额在下降";
    // ── views/customer_list.rs: drill-down dimensions and the customer card ──
    DimSegment: "RFM segment" / "RFM 分群";
    DimValueClass: "Value class" / "价值分类";
    DimRfCell: "R×F cell" / "R×F 单元格";
    DimPyramid: "Pyramid level" / "金字塔层级";
    DimTier: "Tier" / "等级";
    DimGmcb: "Gold/meteor/creek/burden" / "黄金/流星/小溪/负担";
    DimNewMatrix: "New-customer class" / "新客户分类";
    DimVeteran: "Veteran class" / "老客户分类";
    DimLifecycle: "Lifecycle stage" / "生命周期阶段";
    DimValueGrid: "Value grid cell" / "价值九宫格";
    DimGrowthGrid: "Growth grid cell" / "成长九宫格";
    DimCluster: "Cluster" / "聚类";
    DimAtRisk: "Priority" / "优先关注";
    /// The customers no segment rule covers.
    SegmentOthers: "Others" / "其他";
    ClusterNumber: "cluster {n}" / "类 {n}";
    ValuableAndSlipping: "valuable and slipping" / "高价值且在流失";
    CardRfmScores: "R, F, M scores" / "R、F、M 得分";
    CardWeightedRfm: "Weighted RFM" / "加权 RFM";
    CardDaysSinceLast: "Days since last purchase" / "距末次购买天数";
    CardRepeatPurchases: "Repeat purchases (x)" / "复购次数 (x)";
    CardPAlive: "P(alive)" / "存活概率";
    CardExpectedPurchases: "Expected purchases over the horizon" / "预测期预期购买次数";
    CardExpectedMeanSpend: "Expected mean spend" / "预期平均客单价";
    CardClv: "CLV" / "客户终身价值";
    CardHistoricalValue: "Historical value (margin)" / "历史价值（毛利）";
    CardHistoricalValueAssumed: "Historical value (margin, assumed {rate} of revenue)" / "历史价值（毛利，假定为收入的 {rate}）";
    CardPotentialValue: "Potential value" / "潜在价值";
    CardPriority: "Priority (valuable and slipping)" / "优先级（高价值且在流失）";
    // ── views/what_if.rs: the scenario's levers ──
    LeverRetention: "Retention" / "保留率";
    LeverFrequency: "Purchase frequency" / "购买频次";
    LeverSpend: "Spend per purchase" / "客单价";
    LeverMargin: "Margin" / "毛利率";
    LeverDiscount: "Discount rate" / "折现率";
    LeverConversion: "Converting potential new customers" / "转化潜力类新客户";

    // ── views/anonymise.rs and views/csv_export.rs ──
    /// A customer's pseudonym is this, a dash and a number.
    PseudonymStem: "Customer" / "客户";
    /// An anonymised file's name is this and its extension.
    FileStem: "file" / "文件";
    RejectsLine: "line" / "行号";
    RejectsColumn: "column" / "列号";
    RejectsColumnName: "column_name" / "列名";
    RejectsValue: "value" / "原始值";
    RejectsReason: "reason" / "原因";
    // ── import/header_mapping.rs: column roles ──
    RoleCustomerId: "customer id" / "客户ID";
    RoleDate: "date" / "日期";
    RoleAmount: "amount" / "金额";
    RoleOrderId: "order id" / "订单号";
    RoleCost: "cost" / "成本";
    RoleProfit: "profit" / "利润";
    RoleQuantity: "quantity" / "数量";
    RoleCategory: "category" / "品类";
    RoleChannel: "channel" / "渠道";
    RoleName: "customer name" / "姓名";
    RoleRegion: "region" / "地区";
    RoleWallet: "wallet (category spend)" / "钱包（品类总支出）";
    RoleUnitPrice: "unit price (amount = quantity × unit price)" / "单价（金额 = 数量 × 单价）";
    RoleDiscount: "line discount" / "折扣金额";
    RoleStatus: "order status" / "订单状态";
    RoleRefund: "refunded amount" / "退款金额";
    RoleCancelledAt: "cancelled at" / "取消时间";
    RoleDaysSince: "recency (days since the last purchase)" / "最近一次购买距今天数";
    RoleLastPurchase: "last purchase date" / "最近一次购买日期";
    RolePurchases: "purchases (count)" / "购买次数";
    RoleSpend: "spend (total, or per purchase)" / "消费金额（总额或每次平均）";
    RoleFrequency: "frequency (repeat purchases)" / "频次（复购次数）";
    RoleRecency: "recency (age at last purchase)" / "最近购买时的客龄";
    RoleAge: "T (age at analysis date)" / "T（截至分析日的客龄）";
    RoleMonetaryValue: "monetary value (mean repeat spend)" / "平均复购金额";

    // ── import/column_roles.rs: what a column was seen to hold ──
    ContentDates: "dates" / "日期";
    ContentMoney: "money amounts" / "金额数值";
    ContentSmallIntegers: "small whole numbers" / "较小的整数";
    ContentRepeatingIds: "values that repeat across rows" / "跨行重复的值";
    ContentUniquePerRow: "a different value on every row" / "每行都不同的值";

    // ── import/known_exports.rs: systems whose exports are known ──
    ExportShopifyOrders: "a Shopify orders export" / "Shopify 订单导出";
    ExportWooCommerceOrders: "a WooCommerce orders export" / "WooCommerce 订单导出";
    ExportTaobaoOrders: "a Taobao/Tmall order report (订单报表)" / "淘宝/天猫订单报表";
    ExportJdOrders: "a JD (京东) orders export" / "京东订单导出";
    ExportYouzanOrders: "a Youzan (有赞) orders export" / "有赞订单导出";
    ExportPinduoduoOrders: "a Pinduoduo (拼多多) orders export" / "拼多多订单导出";
    ExportUciOnlineRetail: "the UCI Online Retail data set" / "UCI Online Retail 数据集";
    ExportUciOnlineRetail2: "the UCI Online Retail II data set" / "UCI Online Retail II 数据集";
    ExportLifetimesCdnow: "CDNOW as the lifetimes package ships it" / "lifetimes 包自带的 CDNOW 数据";
    ExportRfmTable: "an RFM table (recency in days since the last purchase)" / "RFM 表（最近度为距最近一次购买的天数）";

    // ── import/order_status.rs: order status classes ──
    StatusPaid: "paid" / "已付款";
    StatusUnknown: "not recognised" / "未识别";
    StatusUnpaid: "unpaid" / "未付款";
    StatusPending: "pending" / "待确认";
    StatusCancelled: "cancelled" / "已取消";
    StatusClosed: "closed" / "已关闭";
    StatusVoided: "voided" / "已作废";
    StatusFailed: "payment failed" / "支付失败";
    StatusRefunded: "refunded in full" / "全额退款";
    ShapeTransactions: "transaction log" / "交易明细";
    ShapeCustomerSummary: "customer summary" / "客户汇总";
    ShapeRfmTable: "RFM table" / "RFM 表";
    BasisExport: "column of {export}" / "{export}的列";
    BasisSynonym: "name" / "列名";
    BasisNamePart: "name contains \"{word}\"" / "列名含“{word}”";
    BasisContent: "values only" / "仅依据取值";
    BasisUser: "your choice" / "您的选择";
    ConfidenceHigh: "sure" / "确定";
    ConfidenceMedium: "likely" / "较可能";
    ConfidenceLow: "unsure" / "不确定";
    SpendTotal: "total spend" / "消费总额";
    SpendPerPurchase: "mean spend per purchase" / "每次购买的平均金额";
    // ── rfm/segments.rs: the preset segments' names ──
    SegmentChampions: "Champions" / "冠军客户";
    SegmentLoyal: "Loyal" / "忠诚客户";
    SegmentPotentialLoyalists: "Potential Loyalists" / "潜在忠诚客户";
    SegmentNewCustomers: "New Customers" / "新客户";
    SegmentPromising: "Promising" / "有潜力客户";
    SegmentNeedAttention: "Need Attention" / "需要关注";
    SegmentAboutToSleep: "About To Sleep" / "即将沉睡";
    SegmentAtRisk: "At Risk" / "流失风险";
    SegmentCantLoseThem: "Can't Lose Them" / "不能失去";
    SegmentHibernating: "Hibernating" / "沉睡客户";
    SegmentPotentialLoyalist: "Potential Loyalist" / "潜在忠诚客户";
    SegmentLoyalCustomers: "Loyal Customers" / "忠诚客户";
    SegmentLost: "Lost" / "已流失";

    // ── settings_form.rs: the settings as a form ──
    ChoiceDay: "day" / "日";
    ChoiceWeek: "week" / "周";
    ChoiceMonth: "month" / "月";
    ChoiceTotal: "total spend" / "消费总额";
    ChoiceMeanPerOccasion: "mean spend per occasion" / "每次平均消费";
    ChoiceClvOrMargin: "CLV (margin without a model)" / "CLV（无模型时按毛利）";
    ChoiceMargin: "margin" / "毛利";
    ChoiceRevenue: "revenue" / "销售额";
    ChoiceWeightedRfm: "weighted RFM score" / "加权 RFM 得分";
    SettingAnalysisDate: "Analysis date (empty = last date in the data)" / "分析日（留空 = 数据中最后日期）";
    SettingTimeUnit: "Time unit of the models" / "模型时间单位";
    SettingMarginRate: "Margin rate when the file has no cost column (0–1)" / "无成本列时的毛利率（0–1）";
    SettingRfmBins: "RFM bins shown (3, 4 or 5)" / "RFM 显示分档（3、4 或 5）";
    SettingRfmMonetary: "M is" / "M 的口径";
    SettingRfmThresholds: "Your score thresholds (JSON {\"r_days\":[…],\"f\":[…],\"m\":[…]}; empty = quantiles)" / "自定义评分阈值（JSON；留空 = 分位数）";
    SettingRfmWeights: "Weights wR, wF, wM of the combined score" / "综合得分权重 wR、wF、wM";
    SettingAhpRfm: "AHP comparison matrix over R, F, M (replaces the weights)" / "R、F、M 的 AHP 判断矩阵（替代权重）";
    SettingValueSplit: "High/low split of the 8 classes (\"Mean\", \"Median\" or {\"Fixed\":{…}})" / "八类划分的高低基准（均值、中位数或固定值）";
    SettingSegmentRules: "Segment rules ({\"kind\":\"grid\"}, {\"kind\":\"rfm_package\"} or your rules)" / "分群规则（网格、rfm 包预设或自定义）";
    SettingHorizonMonths: "CLV horizon (months)" / "CLV 预测期（月）";
    SettingDiscountAnnual: "Annual discount rate" / "年折现率";
    SettingHoldoutShare: "Share of the window held out for the check (0–0.9)" / "用于留出检验的时间窗比例（0–0.9）";
    SettingGroupPeriodMonths: "Period of the retention and migration models (months)" / "留存与迁移模型的周期（月）";
    SettingMigrationLapsedState: "Migration model: periods without purchase until lapsed" / "迁移模型：多少个周期未购买视为流失";
    SettingNewConversionCut: "New-customer matrix: conversion cut (empty = median)" / "新客户矩阵：转化率分界（留空 = 中位数）";
    SettingVeteranPeriodMonths: "Veteran matrix: length of the two periods compared (months)" / "老客户矩阵：比较的两个周期长度（月）";
    SettingVeteranFastGrowth: "Veteran matrix: growth counted as fast" / "老客户矩阵：视为快速增长的增长率";
    SettingNineGridStrategy: "Nine-grid strategy per cell (rows low→high; 0 keep investing, 1 deepen, 2 adjust, 3 exit)" / "九宫格各格策略（0 持续投入、1 深度挖潜、2 调整优化、3 策略退出）";
    SettingPyramidValue: "Value pyramid ranks by" / "价值金字塔排序依据";
    SettingPyramidShares: "Pyramid shares of customers A, B, C, D" / "金字塔 A、B、C、D 层客户占比";
    SettingParetoTopShare: "Pareto figure: top share of customers" / "帕累托：头部客户比例";
    SettingTierShares: "Tier shares, crystal to black gold" / "等级占比（水晶至黑金）";
    SettingTierThresholds: "Tier monthly-spend thresholds (jade … black gold; empty = shares)" / "等级月均消费门槛（玉至黑金；留空 = 按占比）";
    SettingLifecycleLostPAlive: "Lost below this P(alive)" / "存活概率低于此值视为流失";
    SettingLifecycleLostGapMultiple: "No model: lost after this many usual gaps" / "无模型时：超过通常间隔的倍数视为流失";
    SettingLifecycleLostMinDays: "No model: and at least this many days" / "无模型时：且至少超过天数";
    SettingLifecycleIntroductionDays: "Introduction: first purchase within (days)" / "导入期：首购在多少天内";
    SettingLifecycleDeclinePAlive: "Decline below this P(alive)" / "存活概率低于此值视为衰退";
    SettingLifecycleSpendChange: "Spend change counted as growth or decline" / "视为增长或下降的消费变化幅度";
    SettingLifecyclePeriodMonths: "Periods compared (months)" / "比较周期（月）";
    SettingLifecycleFlowMonths: "Stage flow: months back" / "阶段迁移：回溯月数";
    SettingClusterK: "Clusters k" / "聚类数 k";
    SettingClusterRestarts: "k-means restarts" / "k-means 重启次数";
    SettingClusterSeed: "Random seed" / "随机种子";
    GroupData: "Data and window" / "数据与时间窗";
    GroupRfm: "RFM scores and segments" / "RFM 评分与分群";
    GroupClv: "CLV models and checks" / "CLV 模型与检验";
    GroupPortfolio: "Portfolio classifications" / "客户资产分类";
    GroupLifecycle: "Lifecycle" / "生命周期";
    GroupClusters: "Clusters" / "聚类";
    ShortAnalysisDate: "analysis date" / "分析日";
    ShortTimeUnit: "time unit" / "时间单位";
    ShortMarginRate: "margin rate" / "毛利率";
    ShortHorizonMonths: "CLV horizon (months)" / "CLV 预测期（月）";
    ShortDiscountAnnual: "annual discount" / "年折现率";
    ShortRfmBins: "RFM bins" / "RFM 分档";
    ShortRfmMonetary: "M" / "M 口径";
    ShortRfmThresholds: "score cuts" / "评分分界";
    ShortAhpRfm: "AHP matrix" / "AHP 矩阵";
    ShortRfmWeights: "RFM weights" / "RFM 权重";
    ShortValueSplit: "high/low split" / "高低基准";
    ShortSegmentRules: "segments" / "分群规则";
    ShortNewConversionCut: "conversion cut" / "转化率分界";
    ShortVeteranPeriodMonths: "veteran periods (months)" / "老客户比较周期（月）";
    ShortVeteranFastGrowth: "fast growth" / "快速增长线";
    ShortLifecycle: "lifecycle rules" / "生命周期规则";
    ShortLifecycleFlowMonths: "flow, months back" / "迁移回溯月数";
    ShortNineGridStrategy: "nine-grid strategies" / "九宫格策略";
    ShortClusters: "k-means" / "聚类";
    ShortPyramidValue: "pyramid ranks by" / "金字塔排序依据";
    ShortPyramidShares: "pyramid shares" / "金字塔占比";
    ShortParetoTopShare: "Pareto top share" / "帕累托头部比例";
    ShortTierShares: "tier shares" / "等级占比";
    ShortTierThresholds: "tier thresholds" / "等级门槛";
    ShortHoldoutShare: "holdout share" / "留出比例";
    ShortGroupPeriodMonths: "group period (months)" / "分组周期（月）";
    ShortMigrationLapsedState: "lapsed after periods" / "流失周期数";
    WordsLastDateInTheData: "last date in the data" / "数据中最后日期";
    WordsQuantiles: "quantiles" / "分位数";
    WordsDays: "days" / "天数";
    WordsNoAhp: "none (the weights above)" / "无（用上方权重）";
    WordsMean: "mean" / "均值";
    WordsMedian: "median" / "中位数";
    WordsFixed: "fixed:" / "固定：";
    WordsDaysUnit: "days" / "天";
    WordsGrid: "R × F grid" / "R × F 网格";
    WordsRfmPackagePreset: "rfm package preset" / "rfm 包预设";
    WordsYourRules: "your rules" / "自定义规则";
    WordsRestarts: "restarts" / "重启";
    WordsSeed: "seed" / "种子";
    WordsByTheShares: "by the shares" / "按占比";
    WordsBottomToTop: "bottom to top" / "由低到高";
    WordsBySumOfLevels: "by the sum of the two levels" / "按两项等级之和";
    WordsYourNineGrid: "your matrix (0 keep investing, 1 deepen, 2 adjust, 3 managed exit)" / "自定义矩阵（0 持续投入、1 深度挖潜、2 调整优化、3 策略退出）";
    WordsAYear: "a year" / "每年";
    WordsLifecycle: "lost P(alive) < {p} (no model: > {k}× own gap and > {min} days; one purchase: the same against the median wait for a second), introduction < {intro} days, decline P(alive) < {decline}, spend change ±{change}, periods {months} months" / "流失：存活概率 < {p}（无模型时：超过自身通常间隔 {k} 倍且超过 {min} 天；只购买一次：以回购客户再次购买的中位天数代替自身间隔）；导入期：首购 {intro} 天内；衰退：存活概率 < {decline}；消费变化 ±{change}；比较周期 {months} 个月";
    WordsVersus: "vs" / "对";
    InputNotANumber: "not a number" / "不是数字";
    InputNotAWholeNumber: "not a whole number" / "不是非负整数";
    InputNotADate: "write the date as YYYY-MM-DD" / "日期格式应为 YYYY-MM-DD";
    InputOneOf: "one of" / "可选值：";
    InputNotJson: "not valid JSON" / "不是有效的 JSON";
    InputDoesNotFit: "this value does not fit the setting" / "该值不符合此设置";
    InputUnknownSetting: "unknown setting" / "未知的设置";
    ProblemMarginRate: "The margin rate must be between 0 and 1." / "毛利率须在 0 到 1 之间。";
    ProblemRfmBins: "RFM bins must be 3, 4 or 5." / "RFM 分档须为 3、4 或 5。";
    ProblemHorizon: "The CLV horizon must be 1 to 120 months." / "CLV 预测期须为 1 到 120 个月。";
    ProblemDiscount: "The annual discount rate must be at least 0 and below 1." / "年折现率须不小于 0 且小于 1。";
    ProblemHoldout: "The holdout share must be between 0 and 0.9." / "留出比例须在 0 到 0.9 之间。";
    ProblemPeriods: "Periods must be at least one month." / "周期至少为一个月。";
    ProblemRfmWeights: "RFM weights must be non-negative and not all zero." / "RFM 权重须非负且不全为零。";
    ProblemPyramidShares: "Pyramid shares must be non-negative and add up to 1." / "金字塔占比须非负且合计为 1。";
    ProblemTierShares: "Tier shares must be non-negative and add up to 1." / "等级占比须非负且合计为 1。";
    ProblemParetoShare: "The Pareto top share must be between 0 and 1." / "帕累托头部比例须在 0 到 1 之间。";
    ProblemClusters: "Clusters: k from 1 to 20, at least one restart." / "聚类数须为 1 到 20，且至少重启一次。";
    ProblemNineGrid: "Nine-grid strategies are 0 to 3." / "九宫格策略取值为 0 到 3。";
    ProblemAhp: "The AHP matrix must be 3 × 3, positive and reciprocal." / "AHP 矩阵须为 3 × 3、元素为正且互为倒数。";

    // ── frameworks/lifecycle.rs: the exhibition seed's own stage terms, shown in both languages ──
    StageSeedNurture: "培育期" / "培育期";
    StageSeedConfirm: "确认期" / "确认期";
    StageSeedTrust: "信任期" / "信任期";
    StageSeedWeaken: "弱化期" / "弱化期";
    StageSeedVanish: "消失期" / "消失期";
    SettingsFileNotSettings: "not a settings file: {detail}" / "不是设置文件：{detail}";
    /// Where a rejected row is and why.
    RejectAt: "line {line}, column {column} ({name}): {reason}" / "第 {line} 行第 {column} 列（{name}）：{reason}";
    /// The first problem when no row was rejected but none could be used.
    NoRowRejected: "no row was rejected; every row was counted apart (an order status that is not a purchase, or a line folded into its order)" / "没有行被拒绝；每一行都被单独计数（订单状态不计为购买，或并入所属订单）";
    RejectsTooFewFields: "the row has too few fields" / "该行字段过少";
    RejectsTooManyFields: "the row has too many fields" / "该行字段过多";
    /// A reason counted by the column it was found in.
    RejectsInColumn: "{column}: {reason}" / "{column}：{reason}";
    /// Why a column was read as it was: by what, what its values are, how sure.
    ReadingWithContent: "{basis}; {content} · {sure}" / "{basis}；{content} · {sure}";
}
