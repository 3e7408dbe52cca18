"""Simplified Chinese texts; keys missing here fall back to English."""

TEXTS: dict[str, str] = {
    # addin/reader.py
    "reader.file_missing": "文件 {path} 不存在。请检查文件夹和文件名。",
    "reader.not_a_file": "{path} 是文件夹，不是工作簿。请给出团队 .xlsx 文件的路径。",
    "reader.encrypted": (
        "{path} 设置了打开密码，salesflow 无法读取。请在 Excel 中清除密码"
        "（文件 > 信息 > 保护工作簿 > 用密码进行加密），保存后再运行 salesflow。"
    ),
    "reader.old_format": (
        "{path} 是 Excel 97-2003 工作簿（.xls），salesflow 无法读取。"
        "请在 Excel 中打开，另存为 Excel 工作簿（.xlsx）。"
    ),
    "reader.binary_workbook": (
        "{path} 是 Excel 二进制工作簿（.xlsb），salesflow 无法读取。"
        "请在 Excel 中打开，另存为 Excel 工作簿（.xlsx）。"
    ),
    "reader.text_file": (
        "{path} 是文本文件（例如 CSV），不是 Excel 工作簿。"
        "请在 Excel 中打开，另存为 Excel 工作簿（.xlsx）。"
    ),
    "reader.word_document": (
        "{path} 是 Word 文档，不是 Excel 工作簿。请给出团队 .xlsx 文件的路径。"
    ),
    "reader.presentation": (
        "{path} 是 PowerPoint 演示文稿，不是 Excel 工作簿。"
        "请给出团队 .xlsx 文件的路径。"
    ),
    "reader.opendocument": (
        "{path} 是 OpenDocument 文件（.ods），不是 Excel 工作簿。"
        "请另存为 Excel 工作簿（.xlsx），再对该副本运行 salesflow。"
    ),
    "reader.not_a_workbook": (
        "{path} 不是 Excel 工作簿。请给出团队 .xlsx 文件的路径。"
    ),
    "reader.damaged": (
        "{path} 已损坏或未完整复制（{detail}）。请在 Excel 中打开以修复，"
        "或从原处重新复制。"
    ),
    "reader.missing_sheet": "工作簿中没有工作表“{sheet}”，也没有 Excel 表格 {table}。",
    "reader.missing_sheet.fix": "添加名为“{sheet}”的工作表，并写上标题行：{headers}。",
    "reader.missing_header": (
        "工作表“{sheet}”的前 {rows} 行中没有包含 {headers} 的标题行，"
        "工作簿中也没有 Excel 表格 {table}。"
    ),
    "reader.missing_header.fix": (
        "在“{sheet}”顶部的同一行中输入标题 {headers}，"
        "或把该区域转换为名为 {table} 的 Excel 表格。"
    ),
    "reader.missing_columns": (
        "工作表“{sheet}”中 {table} 表的标题行（第 {row} 行）缺少列：{headers}。"
    ),
    "reader.missing_columns.fix": "在表中添加标题为 {headers} 的列，或重命名存放这些值的列。",
    "reader.duplicate_header": "标题“{header}”出现了两次，分别在 {first} 和 {second}。",
    "reader.duplicate_header.fix": "重命名或删除其中一列；salesflow 读取 {first} 所在的列。",
    "reader.duplicate_column": (
        "{first} 的标题“{first_header}”和 {second} 的标题“{header}”指的是同一列。"
    ),
    "reader.duplicate_column.fix": "重命名或删除其中一列；salesflow 读取 {first} 所在的列。",
    "reader.formula_without_result": "{cell} 中的公式没有保存计算结果，因此其值未知。",
    "reader.formula_without_result.fix": (
        "请在 Excel 或 LibreOffice 中打开工作簿，计算后保存，再运行 salesflow；"
        "或者直接输入数值，不用公式。"
    ),
    # addin/values.py
    "value.excel_error": "该单元格显示 Excel 错误 {value}。",
    "value.excel_error.fix": "请修正公式或其引用的单元格，或直接输入数值。",
    "value.date_serial": "日期 {value} 以普通数字保存，已按 {date} 读取。",
    "value.date_serial.fix": "请把单元格格式设为日期（设置单元格格式 > 日期），使其显示为 {date}。",
    "value.date_text": "日期 {value} 以文本保存，已按 {date} 读取。",
    "value.date_text.fix": "请重新输入为真正的日期（{date}），让 Excel 保存为日期而不是文本。",
    "value.date_ambiguous": (
        "日期 {value} 有歧义：可理解为日/月（{day_month}）或月/日（{month_day}）。"
    ),
    "value.date_ambiguous.fix": (
        "请按“年-月-日”输入，避免歧义，例如 {month_day} 或 {day_month}。"
    ),
    "value.date_short_year": "日期 {value} 的年份只有两位，无法分辨年、月、日。",
    "value.date_short_year.fix": "请按“年-月-日”输入四位年份，例如 2026-11-03。",
    "value.date_invalid": "{value} 不是有效日期。",
    "value.date_invalid.fix": "请按“年-月-日”输入日期，例如 2024-03-15。",
    "value.amount_ambiguous": "金额 {value} 有歧义：其中的分隔符可能是小数点，也可能是千位分隔符。",
    "value.amount_ambiguous.fix": (
        "请输入不带千位分隔符、用小数点表示小数的数字，例如 12.5 或 12500。"
    ),
    "value.amount_invalid": "{value} 不是有效金额。",
    "value.amount_invalid.fix": "请输入数字，例如 1200 或 1200.50，并在“币种”列填写币种。",
    "value.number_ambiguous": "数字 {value} 有歧义：其中的分隔符可能是小数点，也可能是千位分隔符。",
    "value.number_ambiguous.fix": (
        "请输入不带千位分隔符、用小数点表示小数的数字，例如 12.5 或 12500。"
    ),
    "value.number_invalid": "{value} 不是有效数字。",
    "value.number_invalid.fix": "请输入普通数字，例如 14 或 0.5。",
    "value.percent_ambiguous": "百分比 {value} 有歧义：其中的分隔符可能是小数点，也可能是千位分隔符。",
    "value.percent_ambiguous.fix": "请用小数点输入百分比，例如 12.5%。",
    "value.percent_invalid": "{value} 不是有效百分比。",
    "value.percent_invalid.fix": "请输入百分比，例如 2% 或 90%。",
    "value.percent_one": "百分比 {value} 已按 100% 读取。",
    "value.percent_one.fix": "如果指的是百分之一，请输入 1%。",
    "value.id_rounded": "编号 {value} 以超过 15 位的数字输入，Excel 已把末尾几位四舍五入。",
    "value.id_rounded.fix": "请以文本重新输入编号（以撇号 ' 开头），并与原始编号核对每一位。",
    "value.id_invalid": "{value} 不是有效编号。",
    "value.id_invalid.fix": "请以文本或整数输入编号。",
    "value.yesno_invalid": "{value} 不是“是”或“否”。",
    "value.yesno_invalid.fix": "请输入“是”或“否”（Yes 或 No）。",
    "value.status_invalid": "{value} 不是商机状态。",
    "value.status_invalid.fix": "请输入 Open、Won 或 Lost（进行中、赢单或输单）。",
    "value.status_misspelt": "{value} 不是商机状态；是否指 {closest}？",
    "value.status_misspelt.fix": "请输入 Open、Won 或 Lost（进行中、赢单或输单）。",
    "value.currency_invalid": "{value} 不是币种代码。",
    "value.currency_invalid.fix": "请输入三个字母的 ISO 4217 代码，例如 USD、EUR 或 CNY。",
    # addin/engine/score.py won-deal classes
    "won_class.process_win": "流程赢单",
    "won_class.won_with_gaps": "有缺口的赢单",
    "won_class.luck": "运气单",
    # addin/engine/diagnose.py
    "diagnose.team": "团队",
    "diagnose.top_too_small": (
        "{scope}的漏斗入口太小：{period} 新建商机 {created:.0f} 个，而按指标 "
        "{quota:,.0f}、平均赢单金额 {average_won:,.0f}、从第一阶段起的赢单率 "
        "{win_rate:.0%} 计算，需要 {needed:.1f} 个。"
    ),
    "diagnose.thin_stage": (
        "{scope}的阶段偏薄：{stage} 占进行中商机的 {share:.0%}，团队为 "
        "{team_share:.0%}。"
    ),
    "diagnose.leaky_stage": (
        "{scope}的阶段漏单：离开 {stage} 的 {left:.0f} 个商机中有 "
        "{conversion:.0%} 进入下一阶段，团队为 {team_conversion:.0%}。"
    ),
    "diagnose.jammed_stage.max": (
        "{scope}的阶段拥堵：商机在 {stage} 停留的中位天数为 {days:.0f} 天，"
        "超过该阶段的最长天数 {max_days:.0f} 天。"
    ),
    "diagnose.jammed_stage.team": (
        "{scope}的阶段拥堵：商机在 {stage} 停留的中位天数为 {days:.0f} 天，"
        "团队为 {team_days:.0f} 天。"
    ),
    "diagnose.low_coverage": (
        "{scope}的覆盖不足：进行中商机金额 {pipeline:,.0f}，低于按赢单率 "
        "{win_rate:.0%} 完成剩余指标 {remaining:,.0f} 所需的 {needed:,.0f}。"
    ),
    "diagnose.too_few_deals": (
        "商机太少，无法判断{scope}在 {stage} 是否存在{check}：只有 {count} 个，"
        "至少需要 {needed} 个。"
    ),
    "diagnose.too_few_closed": (
        "已关闭的商机太少，无法判断{scope}的{check}：只有 {count} 个，"
        "至少需要 {needed} 个。"
    ),
    "diagnose.check.top_too_small": "漏斗入口和覆盖",
    "diagnose.check.thin_stage": "阶段偏薄",
    "diagnose.check.leaky_stage": "阶段漏单",
    "diagnose.check.jammed_stage": "阶段拥堵",
    # addin/engine/scorecard.py coaching notes
    "coach.luck": (
        "复盘 {deal}（{amount:,.0f}）是如何赢下的：{stages} 没有证据。"
        "向客户了解这些阶段发生了什么，并补录。"
    ),
    "coach.luck_score": (
        "复盘 {deal}（{amount:,.0f}）是如何赢下的：流程得分只有 {score:.0f}。"
        "补录客户做过的动作，或弄清订单为何没有这些动作也来了。"
    ),
    "coach.stuck": (
        "推进 {deals}：它们在当前阶段停留已超过最长天数。请按商机审计中的下一步行动。"
    ),
    "coach.leaky_stage": (
        "找出商机离开 {stage} 的原因：只有 {conversion:.0%} 进入下一阶段，"
        "团队为 {team_conversion:.0%}。"
    ),
    "coach.jammed_stage": (
        "疏通停在 {stage} 的商机（{deals}）：商机在此停留的中位天数为 {days:.0f} 天。"
    ),
    "coach.jammed_stage.none_open": (
        "加快商机通过 {stage}：在此停留的中位天数为 {days:.0f} 天。"
    ),
    "coach.thin_stage": (
        "让更多商机进入 {stage}：它只占你进行中商机的 {share:.0%}，"
        "团队为 {team_share:.0%}。"
    ),
    "coach.top_too_small": (
        "多开发新商机：上期新建 {created:.0f} 个，完成指标需要 {needed:.1f} 个。"
    ),
    "coach.low_coverage": (
        "补充商机：进行中金额 {pipeline:,.0f}，完成剩余指标需要 {needed:,.0f}。"
    ),
    "coach.more_deals": "{deals} 等另外 {count} 个",
    # addin/sheets/scorecard.py
    "scorecard.title": "{period} 计分卡（截至 {as_of}）",
    "scorecard.team_row": "团队",
    "scorecard.col.rep": "销售",
    "scorecard.col.won": "赢单金额",
    "scorecard.col.quota": "指标",
    "scorecard.col.attainment": "指标完成率",
    "scorecard.col.process_score": "流程得分",
    "scorecard.col.luck_share": "运气占比",
    "scorecard.col.pipeline": "进行中金额",
    "scorecard.col.coverage": "覆盖倍数",
    "scorecard.col.by_result": "按结果提成",
    "scorecard.col.by_process": "按流程提成",
    "scorecard.col.difference": "差额",
    "scorecard.col.notes": "辅导建议",
    "scorecard.note.score": (
        "流程得分：本期进行中或已关闭商机得分的金额加权平均。运气占比：赢单金额中"
        "属于运气单的比例。覆盖倍数：进行中金额除以尚未完成的指标，完成指标后留空。"
    ),
    "scorecard.note.credits": (
        "日期之后超过 {backfill_days} 天才首次出现的证据（补录）按其权重的 "
        "{backfill:.0%} 计分。早于前一阶段完成日期的证据按 {out_of_order:.0%} "
        "计分。两者兼有的按 {both:.1%} 计分。"
    ),
    "scorecard.note.classes": (
        "赢单分类：没有跳过必需阶段且得分不低于 {process_win:.0f} 为流程赢单；"
        "跳过必需阶段或得分低于 {luck:.0f} 为运气单；其余为有缺口的赢单。"
    ),
    # addin/sheets/funnel.py
    "funnel.title": "销售漏斗（截至 {as_of}）",
    "funnel.block.team": "团队",
    "funnel.chart": "销售漏斗：{scope}",
    "funnel.col.stage": "阶段",
    "funnel.col.open": "进行中商机",
    "funnel.col.share": "进行中占比",
    "funnel.col.team_share": "团队进行中占比",
    "funnel.col.reached": "曾到达",
    "funnel.col.value": "金额",
    "funnel.col.conversion": "转入下一阶段",
    "funnel.col.team_conversion": "团队转化率",
    "funnel.col.median_days": "阶段中位天数",
    "funnel.col.team_median_days": "团队中位天数",
    "funnel.col.max_days": "最长天数",
    "funnel.unstaged": "{count} 个进行中商机尚未获得任何阶段，不计入漏斗。",
    "funnel.note.definitions": (
        "商机位于其证据所获得的阶段，赢单视为到达了每个阶段。转化率：到达某阶段"
        "并已离开的商机中，到达下一阶段的比例。阶段天数从到达该阶段算到到达下一"
        "阶段，或算到截至日期。"
    ),
    "funnel.no_diagnoses": "未发现漏斗形态问题。",
    # addin/sheets/forecast.py and addin/sheets/history.py
    "forecast.title": "销售预测（截至 {as_of}）",
    "forecast.team": "团队",
    "forecast.team_block": "团队预测",
    "forecast.rep_block": "{rep} 的预测",
    "forecast.col.period": "期间",
    "forecast.col.won_so_far": "本期已赢单",
    "forecast.col.stage_weighted": "按阶段加权",
    "forecast.col.evidence_based": "按证据预测",
    "forecast.col.new_deals": "其中新商机",
    "forecast.col.p10": "P10",
    "forecast.col.p50": "P50",
    "forecast.col.p90": "P90",
    "forecast.col.quota": "指标",
    "forecast.col.chance_of_quota": "完成指标概率",
    "forecast.col.coverage": "覆盖倍数",
    "forecast.col.open_pipeline": "在途商机金额",
    "forecast.chart": "赢单金额的范围",
    "forecast.note.stage_weighted": (
        "按阶段加权：预计成交日期在本期的进行中商机，金额乘以所报阶段的赢单率。"
        "未填预计成交日期或日期已过的商机计入当期。"
    ),
    "forecast.note.evidence_based": (
        "按证据预测：金额乘以团队历史上达到同一阶段的商机的赢单比例（业务员"
        "自己的比例在 {prior} 个已关闭商机后与团队比例同等重要），再乘以按以往"
        "成交用时算出的本期内关闭的概率；另加尚未创建的新商机，按每位业务员"
        "最近 {days} 天的节奏估算。"
    ),
    "forecast.note.range": (
        "P10、P50、P90：在 {simulations} 次模拟中，赢单金额低于它们的比例分别为 "
        "10%、50%、90%。完成指标概率：模拟中达到指标的比例。"
    ),
    "forecast.note.coverage": "覆盖倍数：本期预计成交的在途商机金额除以尚未完成的指标。",
    "forecast.stage_block": "各阶段赢单率：经理估计与实际结果",
    "forecast.col.stage": "阶段",
    "forecast.no_stage": "（未获得任何阶段）",
    "forecast.col.manager_win_pct": "经理赢单率",
    "forecast.col.observed_win_rate": "实际赢单率",
    "forecast.col.win_gap": "实际 - 经理",
    "forecast.col.closed_deals": "已关闭商机",
    "forecast.col.won_deals": "赢单商机",
    "forecast.note.stages": "实际赢单率：获得该阶段的已关闭商机中赢单的比例。",
    "forecast.accuracy_block": "已结束期间的预测准确度",
    "forecast.col.as_of": "预测日期",
    "forecast.col.scope": "团队或业务员",
    "forecast.col.actual": "实际赢单",
    "forecast.col.stage_weighted_accuracy": "按阶段加权准确度",
    "forecast.col.evidence_based_accuracy": "按证据预测准确度",
    "forecast.col.p50_accuracy": "P50 准确度",
    "forecast.col.in_range": "在 P10-P90 内",
    "forecast.note.accuracy": (
        "准确度 = 1 - |实际 - 预测| / 实际，最低为 0，按历史表中保存的每次预测计算。"
    ),
    "forecast.note.no_accuracy": (
        "历史表中还没有已结束期间的预测；某期间结束后，其间做过的刷新会在此显示准确度。"
    ),
    "history.title": "预测历史：每次刷新、每个团队或业务员、每个期间一行",
    "history.col.period_start": "期间开始",
    "history.col.period_end": "期间结束",
    "history.col.pipeline": "在途：{stage}",
    # salesflow backtest
    "backtest.title": "回测（截至 {as_of}）：每个期间开始前一天所做的预测",
    "backtest.method.stage_weighted": "按阶段加权",
    "backtest.method.evidence_based": "按证据预测",
    "backtest.method.p50": "P50",
    "backtest.col.method": "方法",
    "backtest.col.periods": "期间数",
    "backtest.col.mean_accuracy": "平均准确度",
    "backtest.col.mape": "MAPE",
    "backtest.col.bias": "偏差",
    "backtest.col.range_coverage": "P10-P90 覆盖率",
    "backtest.skipped": "之前历史太少而跳过的期间：{periods}",
    "backtest.none": "没有任何已结束期间在其开始前有足够的已关闭商机可供回测。",
    # addin/xlsx/ (writing output sheets into the workbook)
    "xlsx.open_in_excel": (
        "{workbook} 正在 Excel 中打开（旁边有 {lock}），salesflow 没有写入。"
        "请在 Excel 中关闭工作簿后重试，或在 Excel 的 salesflow 选项卡上点"
        "“刷新”。如果 Excel 并未运行，请删除 {lock}。"
    ),
    "xlsx.open_in_libreoffice": (
        "{workbook} 正在 LibreOffice 中打开（旁边有 {lock}），salesflow 没有"
        "写入。请在 LibreOffice 中关闭后重试。如果 LibreOffice 并未运行，请删除 "
        "{lock}。"
    ),
    "xlsx.sheet_not_owned": (
        "工作簿中已有一个名为“{sheet}”的工作表，但它不是 salesflow 创建的，"
        "因此 salesflow 没有改动文件。请重命名该工作表（例如改为“{sheet}（自用）”）"
        "后再刷新。"
    ),
    "xlsx.cell_truncated": " …［已按 Excel 上限截断为 {limit} 个字符］",
    "xlsx.cell_cut": "{cell} 的文本超过 Excel 的 32,767 个字符上限，已被截断，末尾有说明。",
    "xlsx.table_renamed": "工作簿中已使用名称 {wanted}，因此“{sheet}”上的表格命名为 {name}。",
    "xlsx.check_failed": "新写出的工作簿副本未通过检查（{reason}），已丢弃；原工作簿未改动。",
    "xlsx.io_failed": "无法写入 {workbook}：{reason}。原工作簿未改动。",
}
