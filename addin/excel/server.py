"""The FastAPI app of the Office.js add-in: xlwings Server for salesflow.

Excel loads the add-in from this app: the manifest, the task pane and its
JavaScript, and the custom functions of :mod:`udfs.functions`. The task pane
posts the workbook as JSON to the script route; the script reads and writes
it through xlwings, and the route answers with the actions that the task
pane applies in Excel, plus the run's summary under ``"salesflow"``.

xlwings Server is part of xlwings PRO: importing :mod:`xlwings.server` needs
a license key in ``XLWINGS_LICENSE_KEY`` (``noncommercial`` for development
and non-commercial use, a paid key for commercial use).
"""

from __future__ import annotations

import json
import logging
import struct
import zlib
from functools import cache
from importlib import resources
from typing import Annotated, Any

import xlwings as xw
from fastapi import Body, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from addin import __version__
from addin.errors import SalesflowError

log = logging.getLogger(__name__)

ICON_SIZES = (16, 32, 64, 80, 128)
ICON_COLOR = (0x1F, 0x6F, 0x4A)
"""RGB of the add-in's plain square icon."""

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MAX_BODY_BYTES = 512 * 1024 * 1024
"""Largest workbook JSON accepted, once gunzipped."""

JsonBody = Annotated[dict[str, Any], Body()]

STATIC = resources.files("addin.excel") / "static"


def create_app() -> FastAPI:
    """Build the app; raise ``xlwings.LicenseError`` without a license key."""
    import xlwings.server  # noqa: F401  (checks the license key up front)

    app = FastAPI(title="salesflow", version=__version__)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"]
    )
    _add_routes(app)
    app.add_exception_handler(Exception, _unexpected_error)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    certfile: str | None = None,
    keyfile: str | None = None,
) -> None:
    """Serve the add-in with uvicorn until interrupted.

    Office.js loads add-ins only over HTTPS, so Excel needs ``certfile`` and
    ``keyfile``; without them the app serves plain HTTP, which is enough for
    a browser or tests.
    """
    import uvicorn

    app = create_app()
    log.info("serving salesflow on %s:%d (HTTPS: %s)", host, port, bool(certfile))
    uvicorn.run(app, host=host, port=port, ssl_certfile=certfile, ssl_keyfile=keyfile)


def _add_routes(app: FastAPI) -> None:
    app.get("/")(root)
    app.get("/manifest.xml")(manifest)
    app.get("/icons/icon-{size}.png")(icon)
    app.get("/xlwings/config.js")(client_config)
    app.get("/xlwings/custom-functions-meta")(custom_functions_meta)
    app.get("/xlwings/custom-functions-code")(custom_functions_code)
    app.post("/xlwings/custom-functions-call")(custom_functions_call)
    app.get("/xlwings/custom-scripts-meta")(custom_scripts_meta)
    app.post("/xlwings/custom-scripts-call/{script_name}")(custom_scripts_call)
    app.get("/reports/{token}/{filename}")(report_download)


async def root() -> dict[str, str]:
    return {"status": "ok", "app": "salesflow", "version": __version__}


async def manifest(request: Request) -> Response:
    """Return the add-in manifest, pointing at the address it was fetched from."""
    base = str(request.base_url).rstrip("/")
    template = (STATIC / "manifest.xml").read_text(encoding="utf-8")
    body = template.replace("{base_url}", base).replace("{version}", _version_quad())
    return Response(body, media_type="application/xml")


async def icon(size: int) -> Response:
    if size not in ICON_SIZES:
        return PlainTextResponse(f"no icon of size {size}", status_code=404)
    return Response(square_png(size, ICON_COLOR), media_type="image/png")


async def client_config() -> Response:
    """Return the settings the task pane's script reads at start."""
    body = f'globalThis.salesflowConfig = {{xlwingsVersion: "{xw.__version__}"}};\n'
    return Response(body, media_type="text/javascript")


async def custom_functions_meta() -> dict[str, Any]:
    import xlwings.server

    return xlwings.server.custom_functions_meta(_udf_module())


async def custom_functions_code() -> Response:
    """Return the custom functions runtime script and one binding per function."""
    runtime = (STATIC / "custom-functions.js").read_text(encoding="utf-8")
    bindings = [
        f'CustomFunctions.associate("{function["id"]}", '
        f'(...args) => callFunction("{function["id"].lower()}", args));'
        for function in (await custom_functions_meta())["functions"]
    ]
    body = runtime + "\n" + "\n".join(bindings) + "\n"
    return Response(body, media_type="text/javascript")


async def custom_functions_call(data: JsonBody) -> dict[str, Any]:
    import xlwings.server

    log.info("custom function %s called", data.get("func_name"))
    result = await xlwings.server.custom_functions_call(data, _udf_module())
    return {"result": result}


async def custom_scripts_meta() -> list[dict[str, Any]]:
    import xlwings.server

    from addin.excel import scripts

    return xlwings.server.custom_scripts_meta(scripts)


async def custom_scripts_call(script_name: str, request: Request) -> Response:
    """Run a script on the posted workbook; return its actions and summary.

    The task pane gzips the workbook (``Content-Encoding: gzip``), which
    shrinks the JSON of a 10,000-deal workbook from about 11 MB to about
    1 MB; a plain JSON body is accepted too.
    """
    import xlwings.server

    from addin.excel import scripts

    data = await json_body(request)
    # The task pane passes the Monthly report's month as ?month=YYYY-MM.
    arguments = (
        [request.query_params["month"]] if "month" in request.query_params else []
    )

    if script_name not in {
        entry["function_name"] for entry in await custom_scripts_meta()
    }:
        return PlainTextResponse(f"no script called {script_name!r}", status_code=404)
    summary: dict[str, Any] = {}
    token = scripts.summary_sink.set(summary)
    try:
        log.info("script %s started on %s", script_name, data["book"]["name"])
        book = await xlwings.server.custom_scripts_call(
            scripts,
            script_name,
            typehint_to_value={xw.Book: xw.Book(json=data)},
            args=arguments,
        )
    except SalesflowError as error:
        log.warning("script %s failed: %s", script_name, error)
        return PlainTextResponse(str(error), status_code=400)
    finally:
        scripts.summary_sink.reset(token)
    return JSONResponse({**book.json(), "salesflow": summary})


async def _unexpected_error(request: Request, error: Exception) -> Response:
    """Log the traceback; send the task pane one line it can show."""
    log.error("%s %s failed", request.method, request.url.path, exc_info=error)
    return PlainTextResponse(f"{type(error).__name__}: {error}", status_code=500)


async def report_download(token: str, filename: str) -> Response:
    """Return a monthly report that the Monthly report button built."""
    from addin.excel import scripts

    report = scripts.reports.get(token)
    if report is None or report.name != filename:
        return PlainTextResponse("no such report; build it again", status_code=404)
    return Response(
        report.content,
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{report.name}"'},
    )


async def json_body(request: Request) -> Any:
    """Return the request's JSON body, gunzipped if it was sent gzipped."""
    body = await request.body()
    if request.headers.get("content-encoding", "").lower() == "gzip":
        inflater = zlib.decompressobj(wbits=31)
        body = inflater.decompress(body, MAX_BODY_BYTES)
        if inflater.unconsumed_tail:
            raise ValueError(f"the workbook is larger than {MAX_BODY_BYTES:,} bytes")
    return json.loads(body)


def _udf_module() -> Any:
    from udfs import functions

    return functions


def _version_quad() -> str:
    # Office manifests need four numeric parts: 0.1.0 becomes 0.1.0.0.
    parts = [part for part in __version__.split(".") if part.isdigit()][:4]
    return ".".join(parts + ["0"] * (4 - len(parts)))


@cache
def square_png(size: int, rgb: tuple[int, int, int]) -> bytes:
    """Return a PNG image of one color, ``size`` pixels square."""
    row = b"\x00" + bytes(rgb) * size
    pixels = zlib.compress(row * size)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    checksum = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", checksum)
