"""The value types that records share: localized text, uncertain dates, references, ids.

Each type validates in one function and raises one bilingual error, instead of a pydantic union
that would report one error per alternative. Each also describes itself in JSON Schema, so that
curators' editors can complete and check what they type.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from museum.records import dates, kinds

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 64
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def bilingual(kind: str, zh: str, en: str) -> PydanticCustomError:
    """An error whose Chinese and English texts travel in its context (see messages.py)."""
    return PydanticCustomError(f"museum_{kind}", en, {"zh": zh, "en": en})


def check_id(value: Any) -> str:
    if not isinstance(value, str):
        raise bilingual("id_type", "编号应为文本", "an id must be text")
    if len(value) > ID_MAX:
        raise bilingual("id_length", f"编号过长（上限 {ID_MAX} 个字符）", f"an id is at most {ID_MAX} characters")
    if not ID_RE.fullmatch(value):
        raise bilingual(
            "id_format",
            f"编号“{value}”不合规：只能用小写英文字母、数字和连字符，如 jiefang-ca10-truck",
            f"id '{value}' is invalid: use lower-case ASCII letters, digits and hyphens, e.g. jiefang-ca10-truck",
        )
    return value


_ID_SCHEMA = {"type": "string", "pattern": ID_RE.pattern, "maxLength": ID_MAX}


class _IdMarker:
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(check_id)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        return dict(_ID_SCHEMA)


Id = Annotated[str, _IdMarker]


@dataclass(frozen=True, slots=True)
class Text:
    """Localized text: ``zh`` always, ``en`` and other languages when the curator gave them."""

    values: tuple[tuple[str, str], ...]

    def __reduce__(self):  # unpickled by its constructor: the frozen dataclass's own way is 5x slower
        return (Text, (self.values,))

    @property
    def zh(self) -> str:
        return self.values[0][1]

    @property
    def en(self) -> str | None:
        return self.get("en")

    def get(self, lang: str) -> str | None:
        for code, text in self.values:
            if code == lang:
                return text
        return None

    def __str__(self) -> str:
        return self.zh

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)

    def map(self, fn: Callable[[str], str]) -> "Text":
        """The same text with ``fn`` applied in each of its languages."""
        return Text(tuple((lang, fn(text)) for lang, text in self.values))

    @classmethod
    def of(cls, zh: str, en: str | None = None) -> "Text":
        return cls((("zh", zh),) + ((("en", en),) if en else ()))

    @classmethod
    def validate(cls, value: Any) -> "Text":
        if isinstance(value, Text):
            return value
        if isinstance(value, bool) or value is None:
            raise bilingual("text_type", "应为文本，或 {zh: …, en: …} 形式的多语言文本",
                            "expected text, or localized text {zh: …, en: …}")
        if isinstance(value, (str, int, float)):
            text = str(value).strip()
            if not text:
                raise bilingual("text_empty", "文本不能为空", "text must not be empty")
            return cls((("zh", text),))
        if not isinstance(value, dict):
            raise bilingual("text_type", "应为文本，或 {zh: …, en: …} 形式的多语言文本",
                            "expected text, or localized text {zh: …, en: …}")
        if "zh" not in value:
            raise bilingual("text_zh", "多语言文本必须有中文（zh）", "localized text needs a Chinese (zh) entry")
        pairs = []
        for code, text in value.items():
            if not LANG_RE.fullmatch(code):
                raise bilingual("text_lang", f"“{code}”不是语言代码（如 zh、en）",
                                f"'{code}' is not a language code (such as zh, en)")
            if not isinstance(text, (str, int, float)) or isinstance(text, bool) or not str(text).strip():
                raise bilingual("text_value", f"“{code}”的文本应为非空文本", f"the '{code}' text must be non-empty text")
            pairs.append((code, str(text).strip()))
        pairs.sort(key=lambda pair: (pair[0] != "zh", pair[0] != "en", pair[0]))
        return cls(tuple(pairs))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.validate, serialization=core_schema.plain_serializer_function_ser_schema(Text.as_dict)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        return {
            "description": "中文文本，或 {zh, en} 多语言文本 / Chinese text, or localized {zh, en}",
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "required": ["zh"],
                    "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
                    "propertyNames": {"pattern": LANG_RE.pattern},
                    "additionalProperties": {"type": "string"},
                },
            ],
        }


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
YEAR_MIN, YEAR_MAX = 1000, 2100


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True, slots=True)
class Date:
    """A year, an ISO date, or an uncertain span ``{display, start, end}``."""

    start: int  # first year the date may mean
    end: int  # last year the date may mean
    iso: str | None = None  # "1956", "1956-07" or "1956-07-13" when the date is certain
    display: str | None = None  # the curator's wording for an uncertain date

    @property
    def certain(self) -> bool:
        return self.iso is not None

    def __str__(self) -> str:
        if self.display:
            return self.display
        assert self.iso is not None
        parts = self.iso.split("-")
        return "".join(f"{p.lstrip('0') if i else p}{u}" for i, (p, u) in enumerate(zip(parts, "年月日")))

    @property
    def english(self) -> str:
        """The date in English: "13 July 1956", "July 1956", "1956"; an uncertain date (whose curator's
        wording is Chinese) as the span of years it may mean, "1917–1919"."""
        if self.iso is None:
            said = dates.read(self.display) if self.display else None
            if said is not None and said.english and (said.start, said.end) == (self.start, self.end):
                return said.english  # c. 1821, 1950s, 19th century
            return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"
        parts = [int(p) for p in self.iso.split("-")]
        month = _MONTHS[parts[1] - 1] if len(parts) > 1 else ""
        return " ".join(str(p) for p in (parts[2] if len(parts) > 2 else "", month, parts[0]) if p)

    def text(self) -> "Text":
        """The date as localized text: Chinese always, English where it can be said."""
        return Text.of(str(self), self.english)

    def as_json(self) -> Any:
        if self.iso:
            return int(self.iso) if self.iso.isdigit() else self.iso
        return {"display": self.display, "start": self.start, "end": self.end}

    @classmethod
    def validate(cls, value: Any) -> "Date":
        if isinstance(value, Date):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(_year(value), value, str(value))
        if isinstance(value, (_dt.date,)):
            value = value.isoformat()
        if isinstance(value, str):
            match = _DATE_RE.match(value.strip())
            if not match:
                return cls._written(value)
            year = _year(int(match.group(1)))
            try:
                _dt.date(year, int(match.group(2) or 1), int(match.group(3) or 1))
            except ValueError:
                if match.group(3) is None and dates.read(value):  # 1796-97: a span of years, not a 97th month
                    return cls._written(value)
                raise bilingual("date_value", f"日期“{value}”不存在", f"date '{value}' does not exist") from None
            return cls(year, year, value.strip())
        if isinstance(value, dict):
            unknown = set(value) - {"display", "start", "end"}
            if unknown:
                name = sorted(unknown)[0]
                raise bilingual("date_field", f"不确定日期只能有 display、start、end，不认识“{name}”",
                                f"an uncertain date has only display, start and end, not '{name}'")
            missing = [k for k in ("display", "start", "end") if k not in value]
            if missing:
                raise bilingual("date_missing", f"不确定日期缺少 {', '.join(missing)}",
                                f"an uncertain date needs {', '.join(missing)}")
            start, end, display = value["start"], value["end"], value["display"]
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                raise bilingual("date_years", "start 和 end 应为年份整数", "start and end must be whole years")
            if not isinstance(display, str) or not display.strip():
                raise bilingual("date_display", "display 应为非空文本", "display must be non-empty text")
            if _year(start) > _year(end):
                raise bilingual("date_order", f"start（{start}）晚于 end（{end}）", f"start ({start}) is after end ({end})")
            return cls(start, end, None, display.strip())
        raise bilingual("date_type", "应为年份、ISO 日期，或 {display, start, end}",
                        "expected a year, an ISO date, or {display, start, end}")

    @classmethod
    def _written(cls, value: str) -> "Date":
        """A date in a form registrars write (records/dates.py): 1958年, c.1821, 1796–7, 1950年代 …"""
        found = dates.read(value)
        if found is None:
            raise bilingual(
                "date_format",
                f"无法识别日期“{value}”：请写年份（1956 或 1956年）、日期（1956-07-13 或 1956年7月13日），"
                "或 约1821年、1796—1797年、1950年代、19世纪；其他写法请用 {display: 原文, start: 起始年, end: 结束年}",
                f"'{value}' is not a date this museum can read: write a year (1956), a date (1956-07-13), or "
                "c.1821, 1796–1797, 1950s, 19th century; for anything else, {display: as written, start: first "
                "year, end: last year}")
        if found.iso is not None:
            parts = [int(p) for p in found.iso.split("-")]
            try:
                _dt.date(_year(parts[0]), *(parts[1:] + [1, 1])[:2])
            except ValueError:
                raise bilingual("date_value", f"日期“{value}”不存在", f"date '{value}' does not exist") from None
            return cls(found.start, found.end, found.iso)
        return cls(_year(found.start), _year(found.end), None, value.strip())

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.validate, serialization=core_schema.plain_serializer_function_ser_schema(Date.as_json)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        return {
            "description": "年份、ISO 日期或不确定日期 / a year, an ISO date, or an uncertain date",
            "anyOf": [
                {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
                {"type": "string", "minLength": 1,
                 "description": "1956、1956-07-13、1956年7月13日、约1821年、c.1821、1796—1797年、1796–7、1950年代、19世纪"},
                {
                    "type": "object",
                    "required": ["display", "start", "end"],
                    "additionalProperties": False,
                    "properties": {
                        "display": {"type": "string"},
                        "start": {"type": "integer"},
                        "end": {"type": "integer"},
                    },
                },
            ],
        }


def _year(year: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise bilingual("date_range", f"年份 {year} 不在 {YEAR_MIN}–{YEAR_MAX} 之间",
                        f"year {year} is outside {YEAR_MIN}–{YEAR_MAX}")
    return year


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another record: its kind and id."""

    kind: str
    id: str
    # A record's name written where its id belongs (museum: 大庆油田历史陈列馆): the catalogue says which
    # id to write instead (catalogue/index.py). Never published: it is always a problem.
    named: bool = False

    def __str__(self) -> str:
        return f"{self.kind}/{self.id}"


class RefTo:
    """``Annotated[Ref, RefTo("museum")]``: a bare id means that kind; ``kind/id`` names another.

    ``allowed`` limits the kinds a field may name (route stops: heritage and museums only);
    ``any_kind`` lets it name every kind in the registry (records/kinds.py), read when a value is
    checked, since the models that declare the kinds are built with these fields.
    """

    def __init__(self, default: str | None, allowed: tuple[str, ...] | None = None, *, any_kind: bool = False):
        self.default = default
        self._allowed = allowed or (None if any_kind or not default else (default,))

    @property
    def allowed(self) -> tuple[str, ...]:
        return self._allowed or kinds.names()

    def validate(self, value: Any) -> Ref:
        if isinstance(value, Ref):
            return value
        if not isinstance(value, str):
            raise bilingual("ref_type", "引用应为文本（记录编号）", "a reference must be text (a record id)")
        kind, sep, rid = value.partition("/")
        if not sep:
            if self.default is None:
                raise bilingual("ref_kind", f"引用“{value}”需写明类别，如 heritage/{value}",
                                f"reference '{value}' needs its kind, e.g. heritage/{value}")
            kind, rid = self.default, value
        if kind not in self.allowed:
            allowed = "、".join(self.allowed)
            raise bilingual("ref_kind", f"这里只能引用 {allowed}，不能引用“{kind}”",
                            f"this field may name only {', '.join(self.allowed)}, not '{kind}'")
        if not sep and not rid.isascii() and rid.strip():
            return Ref(kind, rid.strip(), named=True)  # a name, not an id: said with the id to write instead
        return Ref(kind, check_id(rid))

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            self.validate, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        bare = ID_RE.pattern[1:-1]
        kinds = "|".join(self.allowed)
        pattern = f"^(({kinds})/)?{bare}$" if self.default else f"^({kinds})/{bare}$"
        what = f"{self.default} id" if self.default else "kind/id"
        return {"type": "string", "pattern": pattern, "description": f"引用 / reference: {what}"}
