"""Spreadsheet exports that are safe to open: a cell that starts like a formula (=, +, -, @, or
a tab or carriage return) is written as text, so that a query a student typed can never run as
a formula in the editor's spreadsheet (CSV injection)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvExportMixin:
    """For Wagtail's report and listing views with `list_export`."""

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(
            writer, {field: neutralise(value) for field, value in row_dict.items()}
        )
