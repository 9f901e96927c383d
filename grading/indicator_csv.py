"""Reads a CSV of indicator results for many forces, checking every cell before anything is saved.

Pure: forces and indicators are passed in, so parsing runs no queries and is tested without a
database. Every problem is reported with its CSV line number (the header is line 1) and
column, so one pass tells the user everything to fix.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from forces.models import Force
from grading.models import Indicator

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
YEAR_RANGE = (2000, 2100)
SOURCE_LIMIT = 200
# The database column is a 32-bit signed integer.
_LARGEST_SAMPLE = 2_147_483_647
_HUNDREDTHS = Decimal("0.01")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")


@dataclass(frozen=True)
class ParsedRow:
    line: int
    force: Force
    indicator: Indicator
    year: int
    value: Decimal
    sample_size: int | None = None
    msf_value: Decimal | None = None
    msf_sample_size: int | None = None
    msf_difference: Decimal | None = None
    change: Decimal | None = None
    gap: Decimal | None = None
    source: str = ""

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.force.pk, self.indicator.pk, self.year)


@dataclass(frozen=True)
class RowError:
    """One problem; `line` is None for the file as a whole, `column` empty for a whole row."""

    line: int | None
    column: str
    message: str


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # The decoded text, so a valid file can be carried to the confirm step as it was read.
    text: str = ""

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors


class _CellError(ValueError):
    pass


def _shown(raw: str) -> str:
    return raw if len(raw) <= 40 else f"{raw[:39]}…"


def _decimal(column: str, low: int, high: int, raw: str) -> Decimal:
    # Published tables often print a typographic minus sign.
    try:
        number = Decimal(raw.replace("\u2212", "-"))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise _CellError(f"{column} '{_shown(raw)}' is not a number")
    if not low <= number <= high:
        bounds = f"{low}-{high}" if low >= 0 else f"{low} to {high}"
        raise _CellError(f"{column} {_shown(raw)} is outside {bounds}")
    if number != number.quantize(_HUNDREDTHS):
        raise _CellError(f"{column} {raw} has more than two decimal places")
    return number


def _positive_int(column: str, raw: str) -> int:
    digits = raw.replace(",", "") if _THOUSANDS.match(raw) else raw
    if not digits.isascii() or not digits.isdigit() or int(digits) == 0:
        raise _CellError(f"{column} '{_shown(raw)}' is not a positive whole number")
    if int(digits) > _LARGEST_SAMPLE:
        raise _CellError(f"{column} {_shown(raw)} is too large")
    return int(digits)


def _year(raw: str) -> int:
    if not (len(raw) == 4 and raw.isascii() and raw.isdigit()):
        raise _CellError(f"year '{_shown(raw)}' is not a four-digit year")
    low, high = YEAR_RANGE
    if not low <= int(raw) <= high:
        raise _CellError(f"year {raw} is outside {low}-{high}")
    return int(raw)


def _source(raw: str) -> str:
    if len(raw) > SOURCE_LIMIT:
        raise _CellError(f"source is {len(raw)} characters long; the limit is {SOURCE_LIMIT}")
    return raw


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _code_key(text: str) -> str:
    return "".join(text.split()).casefold()


def _force_finder(forces: Iterable[Force]) -> Callable[[str], Force]:
    by_name: dict[str, dict[int, Force]] = {}
    for force in forces:
        for name in (force.name, force.formal_name, force.short_name):
            if name:
                by_name.setdefault(_name_key(name), {})[force.pk] = force

    def find(raw: str) -> Force:
        matches = list(by_name.get(_name_key(raw), {}).values())
        if not matches:
            raise _CellError(f"Unknown force '{_shown(raw)}'")
        if len(matches) > 1:
            names = " or ".join(sorted(force.name for force in matches))
            raise _CellError(f"Force '{_shown(raw)}' could be {names}; use the full name")
        return matches[0]

    return find


def _indicator_finder(indicators: Iterable[Indicator]) -> Callable[[str], Indicator]:
    by_code = {_code_key(indicator.code): indicator for indicator in indicators}
    known = ", ".join(indicator.code for indicator in by_code.values())

    def find(raw: str) -> Indicator:
        try:
            return by_code[_code_key(raw)]
        except KeyError:
            raise _CellError(f"Unknown indicator '{_shown(raw)}'; the codes are {known}") from None

    return find


@dataclass(frozen=True)
class _Column:
    name: str
    parse: Callable[[str], object]
    required: bool = False
    empty: object = None


def _columns(forces: Iterable[Force], indicators: Iterable[Indicator]) -> list[_Column]:
    def number(name: str, low: int = 0, high: int = 100) -> _Column:
        return _Column(name, lambda raw: _decimal(name, low, high, raw))

    def count(name: str) -> _Column:
        return _Column(name, lambda raw: _positive_int(name, raw))

    return [
        _Column("force", _force_finder(forces), required=True),
        _Column("indicator", _indicator_finder(indicators), required=True),
        _Column("year", _year, required=True),
        _Column("value", lambda raw: _decimal("value", 0, 100, raw), required=True),
        count("sample_size"),
        number("msf_value"),
        count("msf_sample_size"),
        number("msf_difference", -100, 100),
        number("change", -100, 100),
        number("gap", -100, 100),
        _Column("source", _source, empty=""),
    ]


COLUMN_NAMES = [column.name for column in _columns([], [])]
REQUIRED_COLUMNS = [column.name for column in _columns([], []) if column.required]


def _header_name(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().casefold())


def _read_header(cells: list[str], line: int, errors: list[RowError]) -> dict[str, int]:
    """Map each known column to its position; report unknown, repeated and missing ones."""
    positions: dict[str, int] = {}
    for position, cell in enumerate(cells):
        name = _header_name(cell)
        if not name:
            continue  # spreadsheets add unnamed trailing columns; their cells must stay empty
        if name not in COLUMN_NAMES:
            known = ", ".join(COLUMN_NAMES)
            errors.append(RowError(line, cell, f"Unknown column '{_shown(cell)}'; use {known}"))
        elif name in positions:
            errors.append(RowError(line, name, f"Column '{name}' appears twice in the header"))
        else:
            positions[name] = position
    for name in REQUIRED_COLUMNS:
        if name not in positions:
            errors.append(RowError(line, name, f"Missing column '{name}' in the header row"))
    return positions


class _RowReader:
    def __init__(self, columns: list[_Column], positions: dict[str, int]):
        self.columns = [column for column in columns if column.name in positions]
        self.positions = positions
        self.seen: dict[tuple[int, int, int], int] = {}

    def stray_cells(self, cells: list[str], line: int) -> list[RowError]:
        used = set(self.positions.values())
        return [
            RowError(line, "", f"Cell {position + 1} has a value but no column heading")
            for position, cell in enumerate(cells)
            if position not in used and cell.strip()
        ]

    def read(self, cells: list[str], line: int) -> tuple[ParsedRow | None, list[RowError]]:
        values, errors = {}, self.stray_cells(cells, line)
        for column in self.columns:
            position = self.positions[column.name]
            raw = cells[position].strip() if position < len(cells) else ""
            if not raw:
                if column.required:
                    errors.append(RowError(line, column.name, f"{column.name} is empty"))
                values[column.name] = column.empty
                continue
            try:
                values[column.name] = column.parse(raw)
            except _CellError as exc:
                errors.append(RowError(line, column.name, str(exc)))
        if errors:
            return None, errors
        row = ParsedRow(line=line, **values)
        if row.key in self.seen:
            what = f"{row.force.name} {row.indicator.code} {row.year}"
            message = f"{what} is already on line {self.seen[row.key]}; each may appear once"
            return None, [RowError(line, "", message)]
        self.seen[row.key] = line
        return row, []


def _read_rows(reader, row_reader: _RowReader, result: ParseResult) -> None:
    line_end = reader.line_num
    count = 0
    for cells in reader:
        # A quoted cell may span lines, so a row starts just after the previous one ended.
        line, line_end = line_end + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            message = f"The file has more than {MAX_ROWS} rows; split it into smaller files"
            result.errors.append(RowError(line, "", message))
            return
        row, errors = row_reader.read(cells, line)
        result.errors.extend(errors)
        if row is not None:
            result.rows.append(row)
    if count == 0:
        result.errors.append(RowError(None, "", "The file has a header row but no data rows"))


def _too_large() -> RowError:
    megabytes = MAX_BYTES // (1024 * 1024)
    message = f"The file is larger than {megabytes} MB; split it into smaller files"
    return RowError(None, "", message)


def parse_indicator_csv(
    text: str, *, forces: Iterable[Force], indicators: Iterable[Indicator]
) -> ParseResult:
    """Check every row of the CSV text; rows are only usable when `errors` is empty."""
    result = ParseResult(text=text.removeprefix("\ufeff"))
    if len(result.text.encode("utf-8", errors="replace")) > MAX_BYTES:
        result.errors.append(_too_large())
        return result
    if not result.text.strip():
        result.errors.append(RowError(None, "", "The file is empty"))
        return result
    # Strict, so a stray quote is reported instead of swallowing the rest of the file.
    reader = csv.reader(io.StringIO(result.text, newline=""), strict=True)
    try:
        header = next((cells for cells in reader if any(cell.strip() for cell in cells)), None)
        if header is None:
            result.errors.append(RowError(None, "", "The file is empty"))
            return result
        positions = _read_header(header, reader.line_num, result.errors)
        if not result.errors:
            _read_rows(reader, _RowReader(_columns(forces, indicators), positions), result)
    except csv.Error as exc:
        message = f"The file is not valid CSV ({exc}); check the quote marks on this line"
        result.errors.append(RowError(reader.line_num, "", message))
    return result


def read_indicator_csv(
    data: bytes, *, forces: Iterable[Force], indicators: Iterable[Indicator]
) -> ParseResult:
    """Decode an uploaded file (UTF-8, with or without a byte order mark) and parse it."""
    if len(data) > MAX_BYTES:
        return ParseResult(errors=[_too_large()])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = (
            "The file is not UTF-8 text; in your spreadsheet, save it as "
            "'CSV UTF-8 (comma delimited)'"
        )
        return ParseResult(errors=[RowError(line, "", message)])
    return parse_indicator_csv(text, forces=forces, indicators=indicators)
