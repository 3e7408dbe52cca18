// salesflow task pane and ribbon commands: an Office.js client of the
// xlwings Server script routes.
//
// runScript() reads the workbook into the JSON that xlwings' remote engine
// expects (xw.Book(json=...)), posts it to /xlwings/custom-scripts-call/<name>
// and applies the returned actions in Excel. Reads and writes are split into
// blocks of CHUNK_ROWS rows and each block is one context.sync(), so that no
// single Office.js request comes near Excel's 5 MB payload limit.
//
// NOTE: this file runs only inside Excel; the Python tests check the JSON it
// must produce and the actions it must apply, not the file itself.

const CHUNK_ROWS = 2000;
const SYNC_BYTES = 1000000; // sync queued actions once their JSON passes this
let lastSummary = null;

Office.onReady(() => {
  document.querySelectorAll("[data-script]").forEach((button) => {
    button.addEventListener("click", () => runScript(button.dataset.script));
  });
  const ribbon = { refresh: "refresh", check: "check", monthlyReport: "monthly_report" };
  for (const [command, script] of Object.entries(ribbon)) {
    Office.actions.associate(command, (event) => {
      runScript(script).finally(() => event.completed());
    });
  }
});

async function runScript(name) {
  setStatus(`Running ${name}...`, false);
  try {
    const meta = await (await fetch("/xlwings/custom-scripts-meta")).json();
    const entry = meta.find((script) => script.function_name === name) || {};
    const exclude = (entry.exclude || "").split(",").filter((sheet) => sheet);
    await Excel.run(async (context) => {
      const payload = await getBookData(context, exclude);
      const response = await fetch(scriptUrl(name), {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Encoding": "gzip" },
        body: await gzip(JSON.stringify(payload)),
      });
      if (!response.ok) {
        throw new Error(await response.text());
      }
      const answer = await response.json();
      await runActions(context, answer.actions);
      lastSummary = answer.salesflow;
    });
    setStatus(`${name} finished.`, false);
    showSummary(lastSummary);
    if (lastSummary && lastSummary.report_url) {
      offerReport(lastSummary.report_url);
    }
  } catch (error) {
    setStatus(String(error.message || error), true);
  }
}

function scriptUrl(name) {
  // The Monthly report takes the month picked in the task pane, if any;
  // without one the server takes the last finished month.
  const url = `/xlwings/custom-scripts-call/${name}`;
  const month = document.getElementById("month");
  if (name === "monthly_report" && month && month.value) {
    return `${url}?month=${encodeURIComponent(month.value)}`;
  }
  return url;
}

function offerReport(path) {
  const url = window.location.origin + path;
  const link = document.getElementById("report");
  if (link) {
    link.href = url;
    link.hidden = false;
  }
  // From the ribbon the task pane may be closed, so open the download too.
  Office.context.ui.openBrowserWindow(url);
}

async function gzip(text) {
  // The workbook's JSON shrinks about tenfold; the server gunzips it.
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return await new Response(stream).arrayBuffer();
}

// Reading the workbook -------------------------------------------------------

async function getBookData(context, exclude) {
  const workbook = context.workbook;
  workbook.load("name");
  const worksheets = workbook.worksheets;
  worksheets.load("items/name,items/visibility,items/position");
  const active = worksheets.getActiveWorksheet().load("position");
  await context.sync();

  const sheets = [];
  for (const sheet of worksheets.items) {
    sheets.push(await getSheetData(context, sheet, exclude.includes(sheet.name)));
  }
  return {
    client: "Office.js",
    version: globalThis.salesflowConfig.xlwingsVersion,
    book: { name: workbook.name, active_sheet_index: active.position, selection: "A1" },
    names: await getNames(context, worksheets.items),
    sheets: sheets,
  };
}

async function getSheetData(context, sheet, excluded) {
  const used = sheet.getUsedRangeOrNullObject(true).load("address,rowCount,columnCount");
  const tables = sheet.tables.load("items/name,items/showHeaders,items/showTotals");
  await context.sync();
  const data = {
    name: sheet.name,
    values: [[]],
    visibility: sheet.visibility,
    used_range_address: used.isNullObject ? null : localAddress(used.address),
    tables: await getTables(context, tables.items),
    pictures: [], shapes: [], charts: [], notes: [], pivot_tables: [],
    print_area: null, show_gridlines: true,
  };
  if (!excluded && !used.isNullObject) {
    const last = used.getLastCell().load("rowIndex,columnIndex");
    await context.sync();
    data.values = await getValues(context, sheet, last.rowIndex + 1, last.columnIndex + 1);
  }
  return data;
}

async function getValues(context, sheet, rows, columns) {
  // Values from A1, read in blocks of CHUNK_ROWS rows; date and time cells
  // become ISO strings, as xlwings expects.
  const values = [];
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rows - start);
    const block = sheet.getRangeByIndexes(start, 0, count, columns)
      .load("values,numberFormatCategories");
    await context.sync();
    block.values.forEach((row, r) => {
      values.push(row.map((value, c) => {
        const category = String(block.numberFormatCategories[r][c]);
        if ((category === "Date" || category === "Time") && typeof value === "number") {
          return new Date(Math.round((value - 25569) * 86400000)).toISOString();
        }
        return value;
      }));
    });
  }
  return values;
}

async function getTables(context, tables) {
  const ranges = tables.map((table) => ({
    table,
    range: table.getRange().load("address"),
    body: table.getDataBodyRange().load("address"),
    header: table.showHeaders ? table.getHeaderRowRange().load("address") : null,
    total: table.showTotals ? table.getTotalRowRange().load("address") : null,
  }));
  await context.sync();
  return ranges.map(({ table, range, body, header, total }) => ({
    name: table.name,
    range_address: localAddress(range.address),
    header_row_range_address: header ? localAddress(header.address) : null,
    data_body_range_address: localAddress(body.address),
    total_row_range_address: total ? localAddress(total.address) : null,
    show_headers: table.showHeaders,
    show_totals: table.showTotals,
    table_style: "",
    show_autofilter: true,
  }));
}

async function getNames(context, worksheets) {
  // Every defined name, with its definition; names that refer to a range
  // also carry its sheet and address. salesflow's ownership marker is a
  // sheet-scoped name, and the .xlsx writer defines it as a text constant.
  const scopes = [{ items: context.workbook.names, sheet: null }];
  worksheets.forEach((sheet, index) => scopes.push({ items: sheet.names, sheet: index }));
  scopes.forEach((scope) => scope.items.load("items/name,items/type,items/formula"));
  await context.sync();
  const names = [];
  for (const scope of scopes) {
    for (const item of scope.items.items) {
      const range = item.type === "Range"
        ? item.getRangeOrNullObject().load("address")
        : null;
      names.push({ item, range, scope: scope.sheet });
    }
  }
  await context.sync();
  return names.map(({ item, range, scope }) => {
    const address = range && !range.isNullObject ? range.address : null;
    return {
      name: item.name,
      refers_to: item.formula,
      sheet_index: address ? worksheets.findIndex((s) => s.name === sheetOf(address)) : null,
      address: address ? localAddress(address) : null,
      scope_sheet_name: scope === null ? null : worksheets[scope].name,
      scope_sheet_index: scope,
      book_scope: scope === null,
    };
  });
}

function localAddress(address) {
  return address.split("!").pop().replaceAll("$", "");
}

function sheetOf(address) {
  const sheet = address.split("!")[0];
  return sheet.startsWith("'") ? sheet.slice(1, -1).replaceAll("''", "'") : sheet;
}

// Applying the actions -------------------------------------------------------

async function runActions(context, actions) {
  let queued = 0;
  for (const action of actions) {
    const handler = ACTIONS[action.func];
    if (!handler) {
      throw new Error(`salesflow cannot apply the action ${action.func}`);
    }
    await handler(context, action);
    queued += JSON.stringify(action).length;
    // Sheet changes must be synced before later actions address the sheet
    // by position; other actions are synced in batches under SYNC_BYTES.
    if (queued > SYNC_BYTES || action.func.toLowerCase().includes("sheet")) {
      await context.sync();
      queued = 0;
    }
  }
  await context.sync();
}

async function sheetAt(context, position) {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  return sheets.items[position];
}

async function rangeOf(context, action) {
  const sheet = await sheetAt(context, action.sheet_position);
  return sheet.getRangeByIndexes(
    action.start_row, action.start_column, action.row_count, action.column_count);
}

function excelValue(value) {
  // xlwings sends dates as "2026-01-05" or "2026-01-05 10:30:00"; Excel
  // stores them as serial days since 1899-12-30.
  if (typeof value !== "string") return value;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(value);
  if (!match) return value;
  const [, y, m, d, hh = 0, mm = 0, ss = 0] = match.map((part) => part && Number(part));
  return Date.UTC(y, m - 1, d, hh, mm, ss) / 86400000 + 25569;
}

const ACTIONS = {
  async setValues(context, action) {
    const range = await rangeOf(context, action);
    range.values = action.values.map((row) => row.map(excelValue));
  },
  async addSheet(context, action) {
    const [position, name] = action.args;
    const sheet = context.workbook.worksheets.add(name);
    sheet.position = position;
  },
  async sheetDelete(context, action) {
    (await sheetAt(context, action.sheet_position)).delete();
  },
  async addTable(context, action) {
    const [address, hasHeaders, style, name] = action.args;
    const sheet = await sheetAt(context, action.sheet_position);
    const table = sheet.tables.add(address, hasHeaders);
    if (style) table.style = style;
    if (name) table.name = name;
  },
  async namesAdd(context, action) {
    const [name, reference] = action.args;
    const owner = action.sheet_position === null || action.sheet_position === undefined
      ? context.workbook
      : await sheetAt(context, action.sheet_position);
    const item = owner.names.add(name, reference);
    // The ownership marker stays out of the Name Box, as in the .xlsx writer.
    if (name.startsWith("_salesflow")) item.visible = false;
  },
  async setNumberFormat(context, action) {
    const range = await rangeOf(context, action);
    range.numberFormat = Array.from({ length: action.row_count },
      () => Array(action.column_count).fill(action.args[0]));
  },
  async setRangeColor(context, action) {
    (await rangeOf(context, action)).format.fill.color = action.args[0];
  },
  async addConditionalFormat(context, action) {
    const rule = action.args[0];
    const range = await rangeOf(context, action);
    const format = range.conditionalFormats.add(Excel.ConditionalFormatType.custom);
    format.custom.rule.formula = rule.formula;
    if (rule.fill_color) format.custom.format.fill.color = rule.fill_color;
    if (rule.font_color) format.custom.format.font.color = rule.font_color;
    format.stopIfTrue = Boolean(rule.stop_if_true);
  },
  async addHyperlink(context, action) {
    const [address, text, tip] = action.args;
    const link = address.startsWith("#")
      ? { documentReference: address.slice(1), textToDisplay: text, screenTip: tip }
      : { address: address, textToDisplay: text, screenTip: tip };
    (await rangeOf(context, action)).hyperlink = link;
  },
  async setColumnWidth(context, action) {
    (await rangeOf(context, action)).format.columnWidth = action.args[0];
  },
  async freezePaneAtRange(context, action) {
    const sheet = await sheetAt(context, action.sheet_position);
    sheet.freezePanes.freezeAt(sheet.getRange(action.args[0]));
  },
  async setSheetVisibility(context, action) {
    (await sheetAt(context, action.sheet_position)).visibility = action.args[0];
  },
  async activateSheet(context, action) {
    (await sheetAt(context, action.args[0])).activate();
  },
};

// Task pane ------------------------------------------------------------------

function setStatus(message, isError) {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = message;
  status.className = isError ? "error" : "";
}

function showSummary(summary) {
  const target = document.getElementById("summary");
  if (!target || !summary) return;
  if (summary.action === "monthly_report") {
    target.textContent = `Monthly report of ${summary.month} built in ${summary.seconds} s.`;
    return;
  }
  const lines = [
    `${summary.action} as of ${summary.as_of}: ${summary.deals} deals`,
    `${summary.errors} errors, ${summary.warnings} warnings (see the Issues sheet)`,
    `Sheets written: ${summary.written.join(", ") || "none"}`,
  ];
  lines.push(`Took ${summary.seconds} s`);
  target.textContent = lines.join("\n");
}
