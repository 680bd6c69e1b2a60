"""Fills a report template in LibreOffice Calc, as a person would, and saves it as .xlsx.

Usage: /usr/bin/python3 fill.py TEMPLATE.xlsx ROWS.json OUT.xlsx [OUT.csv]

Starts `soffice --headless` with a user profile of its own, opens the template through the
Python-UNO bridge, types each value of ROWS (a list of rows, each a list of strings, from row 3
of the first sheet) into its cell with setFormula (Calc's input parser, as typing does: numbers
and dates are recognised), then stores the
document with Calc's "Calc MS Excel 2007 XML" filter; given OUT.csv, also as CSV in GBK (LibreOffice's
text encoding 85), as Chinese Excel and WPS save "CSV (逗号分隔)". Issue 13, stream C.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    template, rows_file, out = (os.path.abspath(a) for a in sys.argv[1:4])
    out_csv = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else None
    rows = json.load(open(rows_file, encoding="utf-8"))
    profile = tempfile.mkdtemp(prefix="shoutu-lo-")
    pipe = "shoutu_lo_%d" % os.getpid()
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "-env:UserInstallation=file://" + profile,
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
                )
                break
            except Exception:
                time.sleep(0.25)
        if ctx is None:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(template), "_blank", 0, (prop("Hidden", True),)
        )
        sheet = doc.Sheets.getByIndex(0)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value != "":
                    sheet.getCellByPosition(c, r + 2).setFormula(value)
        doc.storeToURL(
            uno.systemPathToFileUrl(out),
            (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)),
        )
        if out_csv:
            # Field separator 44 (comma), text delimiter 34 (quote), encoding 85 (RTL_TEXTENCODING_GBK), from line 1.
            doc.storeToURL(
                uno.systemPathToFileUrl(out_csv),
                (
                    prop("FilterName", "Text - txt - csv (StarCalc)"),
                    prop("FilterOptions", "44,34,85,1"),
                    prop("Overwrite", True),
                ),
            )
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
