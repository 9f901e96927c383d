"""The indicator CSV parser on its own: no database, forces and indicators built in memory."""

from decimal import Decimal

import pytest

from forces.models import Force
from grading.indicator_csv import (
    COLUMN_NAMES,
    MAX_BYTES,
    MAX_ROWS,
    parse_indicator_csv,
    read_indicator_csv,
)
from grading.models import Indicator

STAFFS = Force(pk=1, name="Staffordshire", formal_name="Staffordshire Police", short_name="Staffs")
KENT = Force(pk=2, name="Kent", formal_name="Kent Police", short_name="Kent")
FORCES = [STAFFS, KENT]
INDICATORS = [
    Indicator(pk=pk, code=code)
    for pk, code in enumerate(["SPI 2a", "KDI", "SPI 10b", "SPI 1e", "SPI 3b"], start=1)
]
HEADER = "force,indicator,year,value"


def parse(text: str):
    return parse_indicator_csv(text, forces=FORCES, indicators=INDICATORS)


def read(data: bytes):
    return read_indicator_csv(data, forces=FORCES, indicators=INDICATORS)


def only_error(result):
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def test_a_full_row_is_read_with_every_figure():
    result = parse(
        ",".join(COLUMN_NAMES) + "\n"
        "Staffordshire,SPI 3b,2008,78.5,1200,80.25,8400,-1.75,+2.00,6.4,User survey 2007/08\n"
    )
    assert result.errors == [] and result.is_valid
    (row,) = result.rows
    assert row.line == 2
    assert (row.force, row.indicator, row.year) == (STAFFS, INDICATORS[4], 2008)
    assert row.value == Decimal("78.5") and row.sample_size == 1200
    assert row.msf_value == Decimal("80.25") and row.msf_sample_size == 8400
    assert row.msf_difference == Decimal("-1.75") and row.change == Decimal("2.00")
    assert row.gap == Decimal("6.4") and row.source == "User survey 2007/08"


def test_optional_columns_may_be_left_out_or_empty():
    result = parse("force,indicator,year,value,sample_size,source\nKent,KDI,2008,50,,\n")
    (row,) = result.rows
    assert row.sample_size is None and row.msf_value is None and row.source == ""


def test_headers_are_case_insensitive_in_any_order_and_codes_ignore_spaces_and_case():
    result = parse(" Value ,YEAR,Indicator,Force,Sample Size\n41.2,2007,spi2a,kent,900\n")
    assert result.errors == []
    (row,) = result.rows
    assert (row.force, row.indicator, row.value, row.sample_size) == (
        KENT,
        INDICATORS[0],
        Decimal("41.2"),
        900,
    )


@pytest.mark.parametrize(
    "written", ["Staffordshire Police", "  staffordshire   police ", "STAFFS", "staffordshire"]
)
def test_a_force_is_found_by_its_name_formal_name_or_abbreviation(written):
    result = parse(f"{HEADER}\n{written},KDI,2008,50\n")
    assert result.errors == []
    assert result.rows[0].force == STAFFS


def test_a_name_shared_by_two_forces_is_refused_as_ambiguous():
    twin = Force(pk=3, name="Kentish", formal_name="Kent", short_name="KT")
    result = parse_indicator_csv(
        f"{HEADER}\nKent,KDI,2008,50\n", forces=[*FORCES, twin], indicators=INDICATORS
    )
    error = only_error(result)
    assert (error.line, error.column) == (2, "force")
    assert "could be Kent or Kentish" in error.message


def test_a_byte_order_mark_is_accepted_in_text_and_in_bytes():
    text = f"\ufeff{HEADER}\nKent,KDI,2008,50\n"
    assert parse(text).errors == []
    assert parse(text).text.startswith("force")
    result = read(text.encode("utf-8"))
    assert result.errors == [] and len(result.rows) == 1


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("Staffs Police,KDI,2008,50", "force", "Unknown force 'Staffs Police'"),
        ("Kent,SPI 99,2008,50", "indicator", "Unknown indicator 'SPI 99'; the codes are SPI 2a"),
        ("Kent,KDI,08,50", "year", "year '08' is not a four-digit year"),
        ("Kent,KDI,1999,50", "year", "year 1999 is outside 2000-2100"),
        ("Kent,KDI,2008,104.2", "value", "value 104.2 is outside 0-100"),
        ("Kent,KDI,2008,-0.5", "value", "value -0.5 is outside 0-100"),
        ("Kent,KDI,2008,52%", "value", "value '52%' is not a number"),
        ("Kent,KDI,2008,NaN", "value", "value 'NaN' is not a number"),
        ("Kent,KDI,2008,52.125", "value", "value 52.125 has more than two decimal places"),
        ("Kent,KDI,2008,", "value", "value is empty"),
        (",KDI,2008,50", "force", "force is empty"),
    ],
)
def test_each_bad_required_cell_is_reported_with_line_and_column(row, column, message):
    error = only_error(parse(f"{HEADER}\n{row}\n"))
    assert (error.line, error.column) == (2, column)
    assert error.message.startswith(message)


@pytest.mark.parametrize(
    ("column", "raw", "message"),
    [
        ("sample_size", "abc", "sample_size 'abc' is not a positive whole number"),
        ("sample_size", "0", "sample_size '0' is not a positive whole number"),
        ("sample_size", "-5", "sample_size '-5' is not a positive whole number"),
        ("sample_size", "12.5", "sample_size '12.5' is not a positive whole number"),
        ("sample_size", "99999999999", "sample_size 99999999999 is too large"),
        ("msf_value", "100.01", "msf_value 100.01 is outside 0-100"),
        ("msf_sample_size", "many", "msf_sample_size 'many' is not a positive whole number"),
        ("msf_difference", "-101", "msf_difference -101 is outside -100 to 100"),
        ("change", "up", "change 'up' is not a number"),
        ("gap", "250", "gap 250 is outside -100 to 100"),
        ("source", "x" * 201, "source is 201 characters long; the limit is 200"),
    ],
)
def test_each_bad_optional_cell_is_reported(column, raw, message):
    error = only_error(parse(f"{HEADER},{column}\nKent,KDI,2008,50,{raw}\n"))
    assert (error.line, error.column, error.message) == (2, column, message)


def test_thousands_separators_and_typographic_minus_signs_are_understood():
    result = parse(f'{HEADER},sample_size,change\nKent,KDI,2008,50,"1,200",\u22121.5\n')
    assert result.errors == []
    assert (result.rows[0].sample_size, result.rows[0].change) == (1200, Decimal("-1.5"))


def test_line_numbers_count_blank_lines_and_quoted_cells_spanning_lines():
    text = (
        f"{HEADER},source\n"
        'Kent,KDI,2008,50,"a source\nwritten over\nthree lines"\n'
        "\n"
        "Kent,SPI 2a,2008,500,\n"
    )
    result = parse(text)
    assert result.rows[0].line == 2
    error = only_error(result)
    assert (error.line, error.column) == (6, "value")


def test_every_problem_in_the_file_is_reported_at_once():
    result = parse(f"{HEADER}\nKent,KDI,2008,50\nNowhere,KDI,2008,50\nKent,SPI 2a,abc,200\n")
    assert [(e.line, e.column) for e in result.errors] == [
        (3, "force"),
        (4, "year"),
        (4, "value"),
    ]
    assert len(result.rows) == 1 and not result.is_valid


def test_the_same_force_indicator_and_year_twice_is_refused_naming_the_first_line():
    result = parse(f"{HEADER}\nKent,KDI,2008,50\nKent,KDI,2007,48\nkent police,kdi,2008,51\n")
    error = only_error(result)
    assert error.line == 4
    assert error.message == "Kent KDI 2008 is already on line 2; each may appear once"


def test_a_missing_required_column_is_reported_on_the_header_line():
    result = parse("force,indicator,value\nKent,KDI,50\n")
    error = only_error(result)
    assert (error.line, error.column) == (1, "year")
    assert error.message == "Missing column 'year' in the header row"
    assert result.rows == []


def test_unknown_and_repeated_columns_are_refused():
    result = parse(f"{HEADER},smaple_size,Value\nKent,KDI,2008,50,12,50\n")
    messages = [error.message for error in result.errors]
    assert messages[0].startswith("Unknown column 'smaple_size'; use force, indicator")
    assert messages[1] == "Column 'value' appears twice in the header"


def test_a_value_under_no_heading_is_refused_but_empty_trailing_cells_are_not():
    assert parse(f"{HEADER},,\nKent,KDI,2008,50,,\n").errors == []
    error = only_error(parse(f"{HEADER}\nKent,KDI,2008,50,oops\n"))
    assert (error.line, error.message) == (2, "Cell 5 has a value but no column heading")


@pytest.mark.parametrize("text", ["", "  \n\n", "\ufeff", ",,,\n"])
def test_an_empty_file_is_refused(text):
    assert only_error(parse(text)).message == "The file is empty"


def test_a_header_without_rows_is_refused():
    assert (
        only_error(parse(f"{HEADER}\n\n")).message == "The file has a header row but no data rows"
    )


def test_a_file_that_is_not_utf8_is_refused_with_the_line_of_the_first_bad_byte():
    data = f"{HEADER},source\nKent,KDI,2008,50,ok\nKent,SPI 2a,2008,50,caf\u00e9\n".encode(
        "latin-1"
    )
    error = only_error(read(data))
    assert error.line == 3
    assert error.message.startswith("The file is not UTF-8 text")


def test_a_file_over_the_size_limit_is_refused_unread():
    data = f"{HEADER},source\n".encode() + b"Kent,KDI,2008,50," + b"x" * MAX_BYTES
    assert only_error(read(data)).message.startswith("The file is larger than 2 MB")
    assert only_error(parse(data.decode())).message.startswith("The file is larger than 2 MB")


def test_more_rows_than_the_limit_are_refused_at_the_first_row_over_it():
    body = "".join(f"Kent,KDI,{2000 + n % 100},50\n" for n in range(MAX_ROWS + 1))
    result = parse(f"{HEADER}\n{body}")
    too_many = [error for error in result.errors if "more than" in error.message]
    assert [(error.line, error.message) for error in too_many] == [
        (MAX_ROWS + 2, "The file has more than 5000 rows; split it into smaller files")
    ]
    assert not result.is_valid


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('Kent,"KDI"x,2008,50\nKent,SPI 2a,2008,50\n', 2),
        ('Kent,KDI,2008,50\nKent,"SPI 2a,2008\n', 3),
    ],
)
def test_broken_quoting_is_refused_without_raising(body, line):
    error = only_error(parse(f"{HEADER}\n{body}"))
    assert error.line == line
    assert error.message.startswith("The file is not valid CSV")
