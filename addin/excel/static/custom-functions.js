// Runtime of salesflow's custom functions: each call is posted to xlwings
// Server's /xlwings/custom-functions-call route. The server appends one
// CustomFunctions.associate() line per function of udfs/functions.py.
//
// NOTE: this file runs only inside Excel; the Python tests post the same
// JSON to the route.

let functionsRuntime = "1.1";

Office.onReady(() => {
  for (const version of ["1.4", "1.3", "1.2"]) {
    if (Office.context.requirements.isSetSupported("CustomFunctionsRuntime", version)) {
      functionsRuntime = version;
      break;
    }
  }
});

async function callFunction(name, args) {
  // Office.js passes the invocation as the last argument.
  const invocation = args[args.length - 1];
  const body = {
    func_name: name,
    args: args.slice(0, -1),
    caller_address: invocation && invocation.address,
    client: "Office.js",
    version: globalThis.salesflowConfig.xlwingsVersion,
    runtime: functionsRuntime,
  };
  const response = await fetch("/xlwings/custom-functions-call", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    return [[`#salesflow: ${await response.text()}`]];
  }
  return (await response.json()).result;
}
