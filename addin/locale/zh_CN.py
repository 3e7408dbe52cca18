"""Simplified Chinese texts; keys missing here fall back to English."""

TEXTS: dict[str, str] = {
    "reader.rows_below_table": (
        "第 {first} 至 {last} 行写在 Excel 表格 {table} 下方，但不属于该表格；"
        "salesflow 已将其作为表格的行读取。"
    ),
    "reader.rows_below_table.fix": (
        "请把表格 {table} 扩展到第 {first} 至 {last} 行（表设计 > 调整表格大小，"
        "或拖动表格右下角），使下拉列表和格式对这些行生效。"
    ),
    "validate.missing_tables": (
        "{path} 缺少 {sheets} 表，无法分析。请打开团队工作簿，或按新工作簿的表头"
        "补上缺少的工作表（salesflow new team.xlsx --lang zh-CN 可生成中文新工作簿）。"
    ),
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
    "reader.empty_file": "{path} 是空文件（0 字节），不是 Excel 工作簿。请重新复制该工作簿，或用 salesflow new 新建一个。",
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
    "reader.error_value": "单元格 {cell} 显示错误 {error}，因此其值未知。",
    "reader.error_value.fix": "请修正产生 {error} 的公式，或直接输入数值。",
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
    "value.date_out_of_range": "日期 {value} 不在 {first} 年至 {last} 年之间。",
    "value.date_out_of_range.fix": "请更正年份，并按“年-月-日”输入日期，例如 2024-03-15。",
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
    "value.too_large": "{value} 太大：Excel 只保留 15 位数字，salesflow 读取的数字最大为 999,999,999,999,999。",
    "value.too_large.fix": "请检查位数并重新输入该数字。",
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
    "value.yesno_invalid.fix": "请输入“是”或“否”。",
    "value.status_invalid": "{value} 不是商机状态。",
    "value.status_invalid.fix": "请输入“进行中”“赢单”或“输单”。",
    "value.status_misspelt": "{value} 不是商机状态；是否指 {closest}？",
    "value.status_misspelt.fix": "请输入“进行中”“赢单”或“输单”。",
    "value.currency_invalid": "{value} 不是币种代码。",
    "value.currency_invalid.fix": "请输入三个字母的币种代码（国际标准 4217），例如 USD、EUR 或 CNY。",
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
        "推进 {deals}：这些商机在当前阶段的停留已超过最长天数。请按商机审计中的“下一步”行动。"
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
        "在其日期之后超过 {backfill_days} 天才首次出现的证据（补录）按其权重的 "
        "{backfill:.0%} 计分。日期早于前一阶段完成之日的证据按 {out_of_order:.0%} "
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
        "10%、50%、90%。每次模拟还会在历史数据留下的不确定范围内抽取赢单率、"
        "每位业务员的新商机节奏和整个周期的波动，因此历史越短，区间越宽。"
        "完成指标概率：模拟中达到指标的比例。"
    ),
    "forecast.note.coverage": "覆盖倍数：本期预计成交的在途商机金额除以尚未完成的指标。",
    "forecast.stage_block": "各阶段赢单率：经理估计与实际结果",
    "forecast.col.stage": "阶段",
    "forecast.no_stage": "（所有商机，自创建起）",
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
    "xlsx.io_failed": (
        "无法写入 {workbook}：{reason}。原工作簿未改动。请确认文件夹 {folder} "
        "可写且有剩余空间，并且没有其他程序占用该文件，然后重试。"
    ),
    # addin/template.py
    "template.property.title": "salesflow 团队工作簿",
    "template.property.description": (
        "salesflow 团队工作簿：阶段流程、阶段标准、团队、商机、证据和设置。"
    ),
    "template.instructions.sheet": "说明",
    "template.instructions.title": "salesflow 团队工作簿",
    "template.instructions.intro": (
        "本工作簿记录团队的每一个客户商机。业务员和经理在“流程”“标准”“团队”"
        "“商机”“证据”和“设置”工作表中填写。salesflow 读取这些表，并把分析结果"
        "写入它自己的工作表（问题、商机审计、漏斗、记分卡、预测、历史），"
        "从不改动你输入的任何单元格。"
    ),
    "template.instructions.rep_heading": "业务员须知",
    "template.instructions.rep_deals": (
        "每个客户商机在“商机”表中占一行：唯一的商机编号、客户、产品、金额及其"
        "币种，以及创建商机的日期。"
    ),
    "template.instructions.rep_evidence": (
        "客户每完成“标准”表中的一个动作，就在“证据”表中添加一行：客户行动的"
        "日期、商机编号、标准编号和凭证，例如“形式发票 2026-118 已签回”。"
    ),
    "template.instructions.rep_customer_actions": (
        "记录客户做了什么，而不是你做了什么。你打的电话不算证据；客户确认规格的"
        "邮件才算。"
    ),
    "template.instructions.rep_stage": (
        "把“阶段”设为商机已到达的阶段。salesflow 会把它与证据对比，并报告证据"
        "尚不支持的阶段。"
    ),
    "template.instructions.rep_status": (
        "及时更新“状态”：商机仍在跟进时填“进行中”；客户下单时填“赢单”并填写"
        "成交日期；商机丢失时填“输单”，并填写关闭日期和输单原因。"
    ),
    "template.instructions.manager_heading": "经理须知",
    "template.instructions.manager_ladder": (
        "在“流程”表中设计阶段流程：每个阶段一行，按顺序排列，写明目标、推动商机"
        "进入下一阶段的业务员行动指南、商机在该阶段最多停留的天数，以及你对赢单"
        "概率的估计。最后一个阶段是订单。"
    ),
    "template.instructions.manager_criteria": (
        "在“标准”表中把每个阶段的完成标准写成客户行为，以客户为主语"
        "（“客户支付样品费”）。不要写“已发报价”这类业务员的活动。必需标准决定"
        "阶段是否完成；非必需标准只增加流程得分。"
    ),
    "template.instructions.manager_team": (
        "在“团队”表中列出每位业务员，填写以报告币种计的月度指标和提成比例。"
    ),
    "template.instructions.manager_settings": (
        "在“设置”表中设定报告币种、团队使用的每种币种的汇率、提成曲线和运气阈值。"
    ),
    "template.instructions.manager_refresh": (
        "在 Excel 的 salesflow 选项卡上点“刷新”，或对本文件运行 "
        "“salesflow refresh”，即可更新分析工作表。“salesflow check”列出输入中的"
        "问题，不改动文件。"
    ),
    "template.instructions.settings_heading": "设置",
    "template.instructions.settings_currency": (
        "报告币种：所有金额都换算成该币种。汇率表示一个单位的该币种值多少报告币种。"
    ),
    "template.instructions.settings_rates": (
        "新工作簿中的汇率只是粗略的示例汇率，请换成贵公司记账所用的汇率。"
    ),
    "template.instructions.settings_as_of": (
        "截至日期：分析所依据的日期。留空表示今天；填写日期可重现以前的刷新结果。"
    ),
    "template.instructions.settings_scores": (
        "运气阈值：流程得分低于此值的赢单算作运气单。预测模拟次数：预测范围所依据"
        "的模拟次数。补录天数：在客户行动之后超过此天数才记录的证据，计分打折。"
    ),
    "template.instructions.settings_curve": (
        "提成曲线：流程得分达到“最低分”的商机，按结果提成的“发放比例”发放。"
    ),
    "template.settings.title": "设置",
    "template.rates.title": "汇率（粗略的示例汇率，请换成你们的汇率）",
    "template.rates.title_plain": "汇率",
    "template.curve.title": "提成曲线",
    "template.write_failed": "无法写入 {path}：{reason}。请检查文件夹是否存在、是否有写入权限。",
    "template.dropdown.error_title": "值不在列表中",
    "template.dropdown.error": (
        "该值不在列表中。请从下拉列表中选择，或先把它添加到列表来源的工作表中。"
    ),
    # addin/samples/
    "samples.maven.title": "salesflow 示例：Maven CRM 销售商机",
    "samples.maven.notice": (
        "示例由 examples/build_maven.py 根据公开数据集“CRM Sales Opportunities”"
        "（Maven Analytics Data Playground，公有领域）生成。"
        "examples/data/maven_crm/PROVENANCE.md 说明其各列如何对应到本工作簿。"
    ),
    "samples.export_team.title": "salesflow 示例：外贸团队（生成数据）",
    "samples.export_team.notice": (
        "生成的示例：本工作簿中的公司、人员、金额和日期均由 "
        "examples/build_export_team.py（种子 {seed}）虚构。其中故意埋入了输入"
        "错误，列在 examples/export_team_faults.json 中。"
    ),
    # addin/cli.py
    "cli.new.exists": "错误：{path} 已存在。请换一个路径，或加上 --force 覆盖它。",
    "cli.new.written": "已写出 {path}。请先在“团队”表中添加业务员，再填写商机和证据。",
    "cli.check.errors": "错误（{count}）",
    "cli.check.warnings": "警告（{count}）",
    "cli.check.deal": "商机 {deal}：",
    "cli.check.fix": "修正：{fix}",
    "cli.check.summary": "{path}：错误 {errors} 个，警告 {warnings} 个。",
    "cli.check.clean": "{path}：未发现问题。",
    "cli.step.read": "正在读取工作簿",
    "cli.step.validate": "正在检查输入",
    "cli.step.stages": "正在审计阶段",
    "cli.step.process": "正在为流程评分",
    "cli.step.funnel": "正在生成漏斗",
    "cli.step.forecast": "正在预测",
    "cli.step.sheets": "正在排版工作表",
    "cli.step.write": "正在写入工作簿",
    "cli.refresh.title": "已刷新 {path}（截至 {as_of}）",
    "cli.refresh.deals": "  读取商机：{deals:,} 个",
    "cli.refresh.issues": "  问题：    错误 {errors:,} 个，警告 {warnings:,} 个",
    "cli.refresh.sheets": "  写入工作表：{sheets}",
    "cli.refresh.backup": "  备份：    {backup}",
    "cli.refresh.seconds": "  用时：    {seconds:.1f} 秒",
    "cli.output_suffix": "{output} 必须与工作簿一样以 {suffix} 结尾，因为 Excel 只按与文件类型相符的扩展名打开工作簿。",
    "cli.as_of_out_of_range": "{value} 不在 1900 年至 2199 年之间，请输入日期，例如 2026-11-30。",
    "cli.serve.cert_pair": (
        "--certfile 和 --keyfile 必须同时给出：Excel 只通过 HTTPS 加载加载项，"
        "两者缺一不可。"
    ),
    "cli.serve.license": (
        "xlwings Server 需要许可证密钥：{error} 开发和非商业用途请设置 "
        "XLWINGS_LICENSE_KEY=noncommercial，商业用途请设为你购买的密钥。"
    ),
    # shared words
    "status.open": "进行中",
    "status.won": "赢单",
    "status.lost": "输单",
    "common.yes": "是",
    "common.no": "否",
    # output sheet names
    "sheet.issues": "问题",
    "sheet.deal_audit": "商机审计",
    "sheet.funnel": "漏斗",
    "sheet.scorecard": "记分卡",
    "sheet.forecast": "预测",
    "sheet.history": "历史",
    # addin/sheets/deal_audit.py
    "audit.title": "商机审计（截至 {as_of}）：共 {deals} 个商机",
    "audit.col.deal_id": "商机编号",
    "audit.col.customer": "客户",
    "audit.col.rep": "业务员",
    "audit.col.status": "状态",
    "audit.col.amount": "金额",
    "audit.col.declared_stage": "填报阶段",
    "audit.col.earned_stage": "证据阶段",
    "audit.col.premature": "阶段超前",
    "audit.col.criteria_met": "已满足标准",
    "audit.col.criteria_required": "必需标准数",
    "audit.col.missing_actions": "缺少的客户行为",
    "audit.col.days_in_stage": "阶段停留天数",
    "audit.col.stuck": "停滞",
    "audit.col.next_step": "下一步",
    "audit.col.process_score": "流程得分",
    "audit.col.skipped_stages": "跳过的阶段",
    "audit.col.won_class": "赢单分类",
    # addin/sheets/issues.py
    "issues.title": "输入中的问题（截至 {as_of}）：错误 {errors} 个，警告 {warnings} 个",
    "issues.severity.error": "错误",
    "issues.severity.warning": "警告",
    "issues.col.severity": "严重程度",
    "issues.col.location": "位置",
    "issues.col.deal": "商机",
    "issues.col.message": "问题说明",
    "issues.col.fix": "修正方法",
    "issues.none": "输入中未发现问题。",
    # addin/engine/stages.py
    "stages.next_step.full": "{stage}：{playbook} 缺少的客户行为：{actions}。",
    "stages.next_step.actions": "{stage}：缺少的客户行为：{actions}。",
    "stages.next_step.playbook": "{stage}：{playbook}",
    "stages.next_step.mark_won": "所有阶段都已获得证据：订单确认后请把状态改为“赢单”。",
    # addin/validate*.py
    "validate.blank": "{column} 为空。",
    "validate.blank.fix": "请填写 {column}：{table} 表的每一行都需要它。",
    "validate.setting_unknown": "{value} 不是 salesflow 认识的设置项。",
    "validate.setting_unknown.fix": "请对照模板的设置表检查拼写，或删除该行。",
    "validate.setting_unknown.closest": "{value} 不是 salesflow 认识的设置项；是否指 {closest}？",
    "validate.setting_unknown.closest.fix": "请把设置项改名为 {closest}。",
    "validate.default_today": "今天",
    "history.no_header": "“历史”工作表有数据行，但没有含 {header} 的表头行，salesflow 无法读取以前的预测，为免丢失而停止。请把表头补回（第 3 行 A 列），或从 .salesflow-backups 中的文件复制“历史”工作表，然后重新刷新。",
    "validate.setting_invalid": "设置项 {setting} 的值 {value} 无效。",
    "validate.setting_invalid.fix": "请输入{expected}。在此之前使用默认值（{default}）。",
    "validate.expected.currency": "三个字母的币种代码，例如 USD",
    "validate.expected.date": "日期，例如 2026-11-30，留空表示今天",
    "validate.expected.period": "“月”或“季度”",
    "validate.expected.month": "财年开始的月份，1 到 12",
    "validate.expected.score": "0 到 100 的分数",
    "validate.expected.language": "en 或 zh-CN",
    "validate.expected.simulations": "100 到 1000000 的整数",
    "validate.expected.days": "0 或更大的整天数",
    "validate.rate_invalid": "{currency} 的汇率 {value} 不是正数。",
    "validate.rate_invalid.fix": "请输入一 {currency} 值多少报告币种。",
    "validate.rate_reporting": "{currency} 是报告币种，其汇率必须为 1，而不是 {value}。",
    "validate.rate_reporting.fix": "请把 {currency} 的汇率设为 1，或删除该行。",
    "validate.curve_score": "提成曲线的分数 {value} 不在 0 到 100 之间。",
    "validate.curve_score.fix": "请输入 0 到 100 的最低分。",
    "validate.curve_payout": "提成曲线的发放比例 {value} 为负数。",
    "validate.curve_payout.fix": "请输入 0% 或更大的发放比例，例如 90%。",
    "validate.duplicate.process": "阶段 {value} 在第 {first_row} 行和第 {row} 行重复出现。",
    "validate.duplicate.process.fix": "每个阶段只列一次；请删除或重命名第 {row} 行的阶段。",
    "validate.duplicate.criteria": "标准 {value} 在第 {first_row} 行和第 {row} 行重复出现。",
    "validate.duplicate.criteria.fix": "每个标准要有自己的编号；请重命名第 {row} 行的标准。",
    "validate.duplicate.team": "业务员 {value} 在第 {first_row} 行和第 {row} 行重复出现。",
    "validate.duplicate.team.fix": "每位业务员只列一次；请删除或重命名第 {row} 行。",
    "validate.duplicate.deals": "商机编号 {value} 在第 {first_row} 行和第 {row} 行都用到了。",
    "validate.duplicate.deals.fix": (
        "每个商机要有自己的商机编号；如果是同一个商机，请删除第 {row} 行。"
    ),
    "validate.unknown_stage": "阶段 {value} 不在流程表中。",
    "validate.unknown_stage.fix": "请从下拉列表中选择阶段，或把该阶段添加到流程表。",
    "validate.unknown_stage.closest": "阶段 {value} 不在流程表中；是否指 {closest}？",
    "validate.unknown_stage.closest.fix": "请把阶段改为 {closest}，或把 {value} 添加到流程表。",
    "validate.stage_is_status": "{value} 是商机状态，不是阶段。",
    "validate.stage_is_status.fix": (
        "请把 {value} 填在“状态”列，“阶段”列填商机到达的最后一个阶段。"
    ),
    "validate.unknown_rep": "业务员 {value} 不在团队表中。",
    "validate.unknown_rep.fix": "请从下拉列表中选择业务员，或把该业务员添加到团队表。",
    "validate.unknown_rep.closest": "业务员 {value} 不在团队表中；是否指 {closest}？",
    "validate.unknown_rep.closest.fix": "请把业务员改为 {closest}，或把 {value} 添加到团队表。",
    "validate.unknown_logger": "业务员 {value} 不在团队表中。",
    "validate.unknown_logger.fix": "请从下拉列表中选择业务员，或把该业务员添加到团队表。",
    "validate.unknown_logger.closest": "业务员 {value} 不在团队表中；是否指 {closest}？",
    "validate.unknown_logger.closest.fix": "请把姓名改为 {closest}，或把 {value} 添加到团队表。",
    "validate.unknown_criterion": "标准 {value} 不在标准表中。",
    "validate.unknown_criterion.fix": "请从下拉列表中选择标准，或把它添加到标准表。",
    "validate.unknown_criterion.closest": "标准 {value} 不在标准表中；是否指 {closest}？",
    "validate.unknown_criterion.closest.fix": "请把标准改为 {closest}，或把 {value} 添加到标准表。",
    "validate.criteria_stage": "该标准所属的阶段 {value} 不在流程表中。",
    "validate.criteria_stage.fix": "请从流程表中选择阶段，或把该阶段添加到流程表。",
    "validate.criteria_stage.closest": "该标准所属的阶段 {value} 不在流程表中；是否指 {closest}？",
    "validate.criteria_stage.closest.fix": "请把阶段改为 {closest}，或把 {value} 添加到流程表。",
    "validate.unknown_category": "预测类别 {value} 不是管道、最佳情况或承诺。",
    "validate.unknown_category.fix": "请输入管道、最佳情况或承诺。",
    "validate.unknown_category.closest": (
        "预测类别 {value} 不是管道、最佳情况或承诺；是否指 {closest}？"
    ),
    "validate.unknown_category.closest.fix": "请把类别改为 {closest}。",
    "validate.closed_without_date": "商机状态为 {status}，但关闭日期为空。",
    "validate.closed_without_date.fix": "请在关闭日期中填写商机 {status} 的日期。",
    "validate.closed_before_created": "关闭日期 {closed} 早于商机创建日期（{created}）。",
    "validate.closed_before_created.fix": "请更正关闭日期或创建日期。",
    "validate.currency_mismatch": "金额 {value} 的币种是 {found}，但“币种”列写的是 {currency}。",
    "validate.currency_mismatch.fix": (
        "请把金额输入为纯数字并更正币种；在此之前 {amount} 按 {currency} 计算。"
    ),
    "validate.currency_in_amount": "金额 {value} 中带有币种，已按 {amount} {found} 读取。",
    "validate.currency_in_amount.fix": (
        "请把金额输入为纯数字（{amount}），并在“币种”列填写 {found}。"
    ),
    "validate.quota_currency": (
        "月度指标 {value} 的币种是 {found}，但指标应以报告币种 {reporting} 计。"
    ),
    "validate.quota_currency.fix": "请以 {reporting} 把指标输入为纯数字。",
    "validate.rate_missing": "没有 {currency} 的汇率。",
    "validate.rate_missing.fix": (
        "请在设置表的汇率表中添加 {currency} 及其对 {reporting} 的汇率；在此之前"
        "该商机没有以 {reporting} 计的金额。"
    ),
    "validate.evidence_unknown_deal": "商机编号 {value} 不在商机表中。",
    "validate.evidence_unknown_deal.fix": "请更正商机编号，或把该商机添加到商机表。",
    "validate.evidence_future": "该证据的日期为 {date}，晚于截至日期 {as_of}，暂不计入。",
    "validate.evidence_future.fix": "如果客户已经行动，请更正日期。",
    "validate.evidence_before_created": "该证据的日期为 {date}，早于商机创建日期（{created}）。",
    "validate.evidence_before_created.fix": "请更正证据日期或商机的创建日期。",
    "validate.premature": "商机填报的阶段是 {stage}，但证据只支持到 {earned}。",
    "validate.premature.actions": "缺少的客户行为：{actions}。",
    "validate.premature.fix": (
        "客户完成每个行为后在证据表中记录，或把阶段退回到 {earned}。"
    ),
    "validate.premature.none": "商机填报的阶段是 {stage}，但证据尚不支持任何阶段。",
    "validate.premature.none.fix": (
        "客户完成每个行为后在证据表中记录，或把阶段退回到第一个阶段。"
    ),
    "validate.negative": "{column} {value} 为负数。",
    "validate.negative.fix": "请把 {column} 输入为 0 或更大的数。",
    "validate.over_100": "{column} {value} 超过 100%。",
    "validate.over_100.fix": "请把 {column} 输入为 0% 到 100% 的百分比。",
    "validate.not_positive": "{column} {value} 不是正数。",
    "validate.not_positive.fix": "请把 {column} 输入为大于 0 的数，例如 1。",
    "validate.no_stages": "流程表中没有任何阶段。",
    "validate.no_stages.fix": "请在流程表中按顺序列出销售流程的各个阶段，第一个阶段在最前。",
    "validate.repeats": "{column} 列从此单元格起还有 {count} 个单元格存在与上面相同的问题。",
    "validate.repeats.fix": "请按同样方法修正上面列出的单元格，然后再次检查以查看其余问题。",
    # addin/xlsx/
    "xlsx.sheet_not_owned.hidden": "该工作表已隐藏：右键单击任一工作表标签并选择“取消隐藏”即可看到它。",
    "xlsx.sheet_not_owned.very_hidden": (
        "该工作表为“深度隐藏”，Excel 的“取消隐藏”列表不会显示它：请在 Visual Basic "
        "编辑器（Alt+F11）中把它的 Visible 属性设为 -1 后再查看。"
    ),
    "xlsx.bad_sheet_name": (
        "“{sheet}”不是有效的工作表名称：必须为 1 到 31 个字符，不能重复，不含 "
        "[ ] : * ? / \\，且不能以 ' 开头或结尾。"
    ),
    "xlsx.no_styles": (
        "工作簿没有样式表（xl/styles.xml）。请在 Excel 或 LibreOffice 中打开并保存"
        "一次，然后再刷新。"
    ),
    "xlsx.not_a_package": (
        "{workbook} 不是 .xlsx 或 .xlsm 工作簿：它没有 zip 目录。请在 Excel 中另存为"
        " Excel 工作簿后重试。"
    ),
    "xlsx.damaged_package": (
        "{workbook} 已损坏（{reason}）。请在 Excel 中打开（通常可以修复）并保存，"
        "然后再刷新。"
    ),
    "xlsx.unsupported_package": (
        "{workbook} 使用了 {feature}，salesflow 无法写入。请在 Excel 中另存为普通"
        " Excel 工作簿（.xlsx 或 .xlsm）后再刷新。"
    ),
    "xlsx.missing_part": (
        "工作簿缺少 {part}，不是完整的 Excel 工作簿。请在 Excel 中打开并保存，"
        "然后再刷新。"
    ),
    "xlsx.damaged_part": (
        "工作簿中的 {part} 已损坏：{reason}。请在 Excel 中打开并保存工作簿，"
        "然后再刷新。"
    ),
    # addin/report/
    "report.title": "{month} 月度报告",
    "report.subtitle": "数据截至 {as_of}；金额单位 {currency}；来源 {source}",
    "report.sheet.summary": "汇总",
    "report.footer": "salesflow {month} 月度报告",
    "report.footer.page": "第 &P 页，共 &N 页",
    "report.chart.funnel": "各阶段漏斗：进行中与曾到达的商机",
    "report.chart.won_by_rep": "各业务员赢单金额（按赢单分类）",
    "report.chart.forecast": "预测范围与指标",
    "report.col.issues": "输入问题",
    "report.issues_count": "错误 {errors} 个，警告 {warnings} 个",
    "report.issues": (
        "输入中有错误 {errors} 个、警告 {warnings} 个。运行 salesflow check，"
        "或刷新工作簿后打开“问题”表，可以看到每个问题的单元格和修正方法。"
    ),
    "report.heading.accuracy": "{month} 预测的准确度",
    "report.heading.diagnoses": "漏斗形态",
    "report.heading.issues": "输入问题",
    "report.heading.funnel": "团队各阶段漏斗",
    "report.heading.forecast": "各月预测范围",
    "report.heading.won_by_rep": "各业务员赢单金额及分类",
    "report.heading.results": "结果与流程",
    "report.heading.result": "结果",
    "report.heading.process": "流程",
    "report.heading.rep_funnel": "漏斗与团队对比",
    "report.heading.stuck": "停滞商机（{count} 个）及其下一步",
    "report.heading.won": "本月赢单",
    "report.heading.commissions": "提成明细",
    "report.accuracy.history": "{made_on} 所做的 {month} 预测（保存在历史表中）与实际赢单金额对比。",
    "report.accuracy.rebuilt": (
        "{month} 之前没有任何刷新在历史表中保存预测，因此按回测的方法重建了预测："
        "依据 {made_on} 及之前的商机、证据和成交。"
    ),
    "report.accuracy.unfinished": "截至报告日期 {month} 尚未结束，其预测还无法检验。",
    "report.accuracy.too_little_history": (
        "历史表中没有保存 {month} 的预测，且 {month} 之前已关闭的商机太少，无法重建。"
    ),
    "report.accuracy.inside": (
        "实际赢单金额落在预测范围 {p10:,.0f} 到 {p90:,.0f} {currency}（P10 到 P90）之内。"
    ),
    "report.accuracy.outside": (
        "实际赢单金额落在预测范围 {p10:,.0f} 到 {p90:,.0f} {currency}（P10 到 P90）之外。"
    ),
    "report.col.forecast": "预测",
    "report.col.accuracy": "准确度",
    "report.col.total": "合计",
    "report.col.stuck": "停滞商机",
    "report.col.deal_id": "商机",
    "report.col.customer": "客户",
    "report.col.amount_rc": "金额",
    "report.col.amount_in": "金额（{currency}）",
    "report.col.stage": "证据阶段",
    "report.col.days_in_stage": "阶段停留天数",
    "report.col.max_days": "最长天数",
    "report.col.next_step": "下一步",
    "report.col.closed_on": "成交日期",
    "report.col.score": "流程得分",
    "report.col.won_class": "分类",
    "report.col.skipped_stages": "跳过的阶段",
    "report.col.rate": "提成比例",
    "report.col.by_result": "按结果提成",
    "report.col.payout": "发放比例",
    "report.col.by_process": "按流程提成",
    "report.none_stuck": "没有进行中商机在其阶段停留超过最长天数。",
    "report.more_stuck": (
        "另有 {count} 个停滞商机未在此列出，这里只列出停滞最久的 {listed} 个。"
        "刷新工作簿后，在“商机审计”工作表中按“停滞”筛选即可查看全部。"
    ),
    "report.none_won": "本月没有赢单。",
    "report.rep.title": "{rep}：{month} 月度报告",
    "report.rep.subtitle": "数据截至 {as_of}；金额单位 {currency}",
    "report.error.month": "月份应为 YYYY-MM 格式，例如 2026-11，实际为 {value!r}",
    "report.error.future": (
        "{month} 还没有数据：工作簿的截至日期是 {as_of}。请选择不晚于该日期的月份，"
        "或在设置中填写更晚的截至日期。"
    ),
    "report.error.empty": (
        "{month} 没有数据：该月没有创建、进行中或关闭的商机。工作簿中的商机创建于 "
        "{first} 至 {last}；请在此范围内选择月份。"
    ),
    "report.error.no_deals": "{month} 没有数据：商机表为空。请先添加商机，再生成报告。",
    "report.written": "已把 {month} 月度报告写入 {path}",
    "report.progress": "正在生成 {month} 月度报告",
    "report.error.write": "无法把报告写入 {path}：{error}。请确认文件夹存在且可写。",
    # addin/excel
    "excel.action.refresh": "刷新",
    "excel.action.check": "检查",
    "excel.report_written": "salesflow 已把月度报告写入 {path}",
    "excel.summary": (
        "salesflow {action}（截至 {as_of}）：{deals} 个商机，错误 {errors} 个，"
        "警告 {warnings} 个（{seconds} 秒）"
    ),
}
