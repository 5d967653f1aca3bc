"""Excel workbooks (``.xlsx``) for ``permitcheck check``, read with ``permitcheck[excel]``.

A sheet is read row by row in openpyxl's read-only mode, so memory stays
flat.  Rows are numbered as Excel numbers them.  A cell holding text is
checked as it is; an empty cell is an empty row; a cell holding an Excel
number (or a date, which Excel stores as a number) is reported with the code
``excel_number`` and never judged: Excel keeps 15 significant digits and no
``X``, so ``810000199408230021`` typed into a cell becomes ``8.1E+17``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, Final

from permitcheck.cli.input import CommandError

if TYPE_CHECKING:
    from permitcheck.cli.input import Records

__all__ = ["Sheet", "read_sheet"]

#: Rows checked and written at a time.
BATCH_ROWS: Final = 10_000


class Sheet:
    """One sheet of a workbook: the column to check and its rows as batches of values."""

    def __init__(self, workbook: Any, worksheet: Any, column: str | None) -> None:
        self._workbook = workbook
        self._rows: Iterator[tuple[Any, ...]] = worksheet.iter_rows(values_only=True)
        #: The names in the first row (``--column``), or none (the first column, no header).
        self.header: list[str] = []
        #: The position of the checked column.
        self.index = 0
        #: The number of the first checked row (Excel's, from 1).
        self.first_row = 1
        if column is not None:
            first = next(self._rows, ())
            self.header = [_text(cell).strip() for cell in first]
            if column not in self.header:
                self.close()
                columns = ", ".join(self.header)
                raise CommandError("no_sheet_column", column=column, columns=columns)
            self.index = self.header.index(column)
            self.first_row = 2

    def close(self) -> None:
        """Close the workbook (its ZIP file)."""
        self._workbook.close()

    def records(self, *, keep: bool = False) -> Iterator[Records]:
        """Yield the checked column's values, BATCH_ROWS rows at a time (cells too with *keep*)."""
        index = self.index
        try:
            while True:
                values: list[str] = []
                codes: dict[int, str] = {}
                kept: list[list[str]] | None = [] if keep else None
                for row in self._rows:
                    cell = row[index] if index < len(row) else None
                    if cell is None or isinstance(cell, str):
                        values.append(cell or "")
                    else:
                        codes[len(values)] = "excel_number"
                        values.append("")
                    if kept is not None:
                        kept.append([_text(value) for value in row])
                    if len(values) == BATCH_ROWS:
                        break
                if not values:
                    return
                yield values, codes or None, None, kept
        finally:
            self.close()


def _text(cell: object) -> str:
    """Return a cell as text: empty for an empty cell, ``str()`` of anything else."""
    return "" if cell is None else str(cell)


def read_sheet(stream: BinaryIO, name: str, sheet: str | None, column: str | None) -> Sheet:
    """Open the workbook in *stream* (named *name*) and return the *sheet* to check.

    *sheet* is a sheet's name or its position from 1 (default: the first
    sheet).  Standard input is read into memory first: a workbook is a ZIP
    file, which can only be read from a file that can seek.
    """
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra
    except ImportError:  # pragma: no cover - the test extra installs openpyxl
        raise CommandError("needs_excel") from None
    if not stream.seekable():
        stream = io.BytesIO(stream.read())
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise CommandError("bad_workbook", path=name, reason=type(error).__name__) from None
    names: list[str] = workbook.sheetnames
    if sheet is None:
        chosen = 0
    elif sheet in names:
        chosen = names.index(sheet)
    elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
        chosen = int(sheet) - 1
    else:
        workbook.close()
        raise CommandError("no_sheet", sheet=sheet, sheets=", ".join(names))
    return Sheet(workbook, workbook.worksheets[chosen], column)
