"""Convert workbooks with headless LibreOffice, for tests that open files as a user would.

Each conversion runs ``soffice`` with its own user profile under /tmp, named
after this process, so parallel test runs and a desktop LibreOffice never
share a profile (a shared profile makes soffice exit without converting).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

CONVERT_TIMEOUT_SECONDS = 180


def soffice() -> str | None:
    """Return the path of the soffice program, or None if it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


needs_libreoffice = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice (soffice) is not installed"
)


def convert(path: Path, to: str = "pdf", outdir: Path | None = None) -> Path:
    """Convert ``path`` with LibreOffice and return the converted file.

    Args:
        path: The workbook to convert.
        to: Target format as soffice's ``--convert-to`` takes it: ``pdf``,
            ``png`` (first page only) or ``xlsx``.
        outdir: Folder for the result; the workbook's own folder if None.

    Raises:
        RuntimeError: soffice is missing, failed or wrote no file.
    """
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir = outdir or path.parent
    profile = f"file:///tmp/lo-profile-{os.getpid()}"
    command = [
        program,
        "--headless",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        to,
        "--outdir",
        str(outdir),
        str(path),
    ]
    returncode, stderr = _run_in_own_group(command)
    extension = to.split(":", 1)[0]
    converted = outdir / f"{path.stem}.{extension}"
    if returncode != 0 or not converted.exists():
        raise RuntimeError(
            f"soffice could not convert {path.name} to {to} "
            f"(exit {returncode}): {stderr.strip()}"
        )
    return converted


def _run_in_own_group(command: list[str]) -> tuple[int, str]:
    """Run ``command`` in a new process group and return its exit code and stderr.

    soffice starts soffice.bin as a child, so a timeout kills the whole group;
    killing only the first process would leave soffice.bin running.
    """
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=CONVERT_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RuntimeError(
            f"soffice did not finish within {CONVERT_TIMEOUT_SECONDS} s: {command}"
        ) from None
    return process.returncode, stderr


def pdf_to_png(pdf: Path, resolution: int = 50, page: int = 1) -> Path:
    """Render one page of ``pdf`` to PNG with pdftoppm and return the file."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise RuntimeError("pdftoppm (poppler-utils) is not installed")
    prefix = pdf.with_suffix("")
    subprocess.run(
        [
            program,
            "-png",
            "-r",
            str(resolution),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
        capture_output=True,
        timeout=CONVERT_TIMEOUT_SECONDS,
    )
    return prefix.with_suffix(".png")
