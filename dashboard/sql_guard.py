"""Read-only ad-hoc SQL over the warehouse: refuse anything but reading, then run with limits.

Defence in depth, each layer enough on its own for the common attacks:
1. DuckDB's own parser splits the text: exactly one statement, of type SELECT or EXPLAIN
   (of a SELECT); COPY, ATTACH, INSTALL/LOAD, CREATE, DROP, INSERT, UPDATE, DELETE,
   PRAGMA, SET, CALL ... are refused by statement type, with a message saying why.
2. The SELECT's parse tree (`json_serialize_sql`) is walked: only table functions from
   an allow-list (range, unnest, duckdb_tables ...), no file-reading or SQL-running
   function (read_*, *_scan, glob, query ...), no table named by a file path or URL.
3. The query runs on a read-only connection after `SET enable_external_access = false`
   and `SET lock_configuration = true`, wrapped in `select * from (...) limit N+1`, and is
   interrupted (`conn.interrupt()` from a timer thread) when it passes the time limit.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from dashboard.warehouse import connect_readonly

ALLOWED_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
WHY_REFUSED = {
    "COPY": "COPY reads or writes files",
    "COPY_DATABASE": "COPY reads or writes files",
    "ATTACH": "ATTACH opens other databases",
    "DETACH": "DETACH changes the open databases",
    "LOAD": "INSTALL and LOAD bring in extensions",
    "EXPORT": "EXPORT writes files",
    "PRAGMA": "PRAGMA changes settings",
    "SET": "SET changes settings",
    "VARIABLE_SET": "SET changes settings",
    "CALL": "CALL runs procedures",
}
SAFE_TABLE_FUNCTIONS = frozenset(
    {
        "range",
        "generate_series",
        "unnest",
        "duckdb_tables",
        "duckdb_columns",
        "duckdb_views",
        "duckdb_schemas",
        "duckdb_types",
        "duckdb_functions",
        "duckdb_constraints",
        "duckdb_indexes",
        "pragma_table_info",
        "json_each",
        "json_tree",
    }
)
FILE_FUNCTIONS = re.compile(
    r"^(read_.*|.*_scan|glob|query|query_table|sniff_csv|parquet_.*|.*_metadata|getenv|"
    r"write_.*|export_.*|load_.*|install_.*|iceberg_.*|delta_.*|sqlite_.*|postgres_.*|mysql_.*)$"
)
PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
EXPLAIN_PREFIX = re.compile(r"^\s*explain(\s+analyze)?\s+", re.IGNORECASE)


class QueryRefused(ValueError):
    """The query is not a plain read, or it was stopped; the message tells the analyst why."""


@dataclass(frozen=True)
class CheckedQuery:
    text: str  # the one statement, without a trailing semicolon
    is_explain: bool


@dataclass(frozen=True)
class QueryResult:
    frame: pl.DataFrame
    truncated: bool
    seconds: float


def _one_statement(sql: str) -> duckdb.Statement:
    if not sql or not sql.strip():
        raise QueryRefused("Write a query first.")
    try:
        with duckdb.connect() as parser:
            statements = parser.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"DuckDB cannot parse this query: {str(exc).splitlines()[0]}") from exc
    if len(statements) != 1:
        raise QueryRefused("One statement at a time: remove the `;` that starts a second statement.")
    statement = statements[0]
    if statement.type not in ALLOWED_STATEMENTS:
        name = statement.type.name
        reason = WHY_REFUSED.get(name, f"{name} changes the warehouse")
        raise QueryRefused(f"Only SELECT, WITH and EXPLAIN are allowed here: {reason}.")
    return statement


def _tree_names(node, found: dict[str, set[str]]) -> None:
    """Collect table-function, function and table names anywhere in a serialised parse tree."""
    if isinstance(node, dict):
        if node.get("type") == "TABLE_FUNCTION" and isinstance(node.get("function"), dict):
            found["table_functions"].add(str(node["function"].get("function_name", "")).lower())
        elif "function_name" in node:
            found["functions"].add(str(node["function_name"]).lower())
        if isinstance(node.get("table_name"), str):
            found["tables"].add(node["table_name"])
        for value in node.values():
            _tree_names(value, found)
    elif isinstance(node, list):
        for value in node:
            _tree_names(value, found)


def _check_tree(select_sql: str) -> None:
    with duckdb.connect() as conn:
        tree = json.loads(conn.execute("select json_serialize_sql(?)", [select_sql]).fetchall()[0][0])
    if tree.get("error"):
        raise QueryRefused(f"This query cannot be checked: {tree.get('error_message', 'unsupported statement')}")
    found: dict[str, set[str]] = {"table_functions": set(), "functions": set(), "tables": set()}
    _tree_names(tree, found)
    if bad := sorted(name for name in found["functions"] | found["table_functions"] if FILE_FUNCTIONS.match(name)):
        raise QueryRefused(f"Function {bad[0]}() reads files or runs other SQL, which this page does not allow.")
    if bad := sorted(found["table_functions"] - SAFE_TABLE_FUNCTIONS):
        raise QueryRefused(f"Table function {bad[0]}() is not allowed: query the warehouse's tables by name.")
    if bad := sorted(name for name in found["tables"] if name and not PLAIN_NAME.match(name)):
        raise QueryRefused(f"'{bad[0]}' looks like a file or URL: only the warehouse's tables can be read.")


def check_query(sql: str) -> CheckedQuery:
    """The query if it only reads the warehouse; QueryRefused with the reason otherwise."""
    statement = _one_statement(sql)
    text = statement.query.strip().rstrip(";").strip()
    is_explain = statement.type == duckdb.StatementType.EXPLAIN
    select_sql = EXPLAIN_PREFIX.sub("", text, count=1) if is_explain else text
    if is_explain and _one_statement(select_sql).type != duckdb.StatementType.SELECT:
        raise QueryRefused("EXPLAIN is allowed for SELECT queries only.")
    _check_tree(select_sql)
    return CheckedQuery(text, is_explain)


HARDENING = ("set enable_external_access = false", "set lock_configuration = true")


def _harden(conn: duckdb.DuckDBPyConnection) -> None:
    """Switch off file and network access and lock the settings (already done if another reader locked them)."""
    for statement in HARDENING:
        try:
            conn.execute(statement)
        except duckdb.InvalidInputException:
            locked = conn.execute(
                "select current_setting('lock_configuration'), current_setting('enable_external_access')"
            ).fetchall()[0]
            if locked != (True, False):
                raise


def run_query(path: str | Path, sql: str, row_limit: int = 1000, time_limit_s: float = 10.0) -> QueryResult:
    """Run a checked query read-only; at most row_limit rows; interrupted after time_limit_s seconds."""
    checked = check_query(sql)
    limit = max(1, int(row_limit))
    wrapped = (
        checked.text if checked.is_explain else f"select * from (\n{checked.text}\n) as user_query limit {limit + 1}"
    )
    started = time.perf_counter()
    with connect_readonly(path) as conn:
        _harden(conn)
        timer = threading.Timer(time_limit_s, conn.interrupt)
        timer.start()
        try:
            frame = conn.sql(wrapped).pl()
        except duckdb.InterruptException as exc:
            raise QueryRefused(f"Stopped after the time limit of {time_limit_s:g} s.") from exc
        except duckdb.Error as exc:
            raise QueryRefused(f"DuckDB: {str(exc).splitlines()[0]}") from exc
        finally:
            timer.cancel()
    return QueryResult(frame.head(limit), frame.height > limit, time.perf_counter() - started)
