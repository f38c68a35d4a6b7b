"""The typed records: one class per kind, as fixed in RECORDS.md.

Field names here are the curators' interface: add optional fields freely, never rename one.
Vocabulary fields hold a vocabulary id; the catalogue checks that it exists (vocabularies are
records too, so a model cannot know them). References are checked there as well.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, PrivateAttr, field_validator

from museum.records import kinds
from museum.records.fields import Date, Id, Ref, RefTo, Text
from museum.records.kinds import Kind, declare

NonEmptyStr = Annotated[str, Field(min_length=1)]
# A vocabulary field's value: an id of its vocabulary, or one of its labels, which the catalogue turns into
# the id (industry: 石油 is petroleum). Checked there, against the vocabulary (catalogue/index.py).
Term = Annotated[str, Field(min_length=1)]


def _province_schema(schema: dict) -> None:
    # A GB/T 2260 code may be written unquoted (province: 210000); YAML reads it as a number.
    schema.pop("type", None)
    schema["anyOf"] = [{"type": "string", "minLength": 1}, {"type": "integer", "minimum": 100000, "maximum": 999999}]


def _stops_schema(schema: dict) -> None:
    # A stop that needs no note may be written as just its reference: "- heritage/x".
    item = schema["items"]
    schema["items"] = {"anyOf": [item, {"type": "string", "pattern": r"^(heritage|museum)/[a-z0-9]+(-[a-z0-9]+)*$"}]}


Province = Annotated[str, Field(description="provinces 词表编号或 GB/T 2260 代码 / provinces id or GB/T 2260 code",
                                json_schema_extra=_province_schema)]


# Links to person records (collections/people/), which every kind that has people names the same way.
People = list[Annotated[Ref, RefTo("person")]]
PEOPLE_ABOUT = "相关人物（people 中的编号）/ people linked to it (person ids)"


class Strict(BaseModel):
    """Unknown fields are errors: a typo must not vanish silently."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=False)


class Location(Strict):
    lat: float = Field(ge=-90, le=90, description="纬度（WGS-84）/ latitude, WGS-84")
    lon: float = Field(ge=-180, le=180, description="经度（WGS-84）/ longitude, WGS-84")
    approximate: bool = Field(False, description="仅为城市级近似位置 / only an approximate, city-level position")
    source: Text | None = Field(None, description="坐标来源 / where the coordinates come from")


class Image(Strict):
    src: NonEmptyStr = Field(description="collections/media/ 下的路径，或相对于记录文件的路径 / path under collections/media/ or relative to the record")
    alt: Text = Field(description="为看不见图片的读者描述图片 / describes the image for a reader who cannot see it")
    caption: Text | None = None
    credit: Text = Field(description="作者或来源 / whose image it is")
    license: Text = Field(description="许可 / how it may be reused, e.g. CC BY 4.0")


class Record(Strict):
    """What every kind has: an optional id (must equal the file name), old ids, free extras."""

    id: Id | None = Field(None, description="等于文件名 / equals the file name")
    aliases: list[Id] = Field(default_factory=list, description="旧编号，旧链接继续有效 / old ids whose URLs keep working")
    extra: dict[str, Any] | None = Field(None, description="自由字段 / free-form fields")

    kind: ClassVar[str] = ""
    _source: str = PrivateAttr("")  # the file it came from, as shown to curators
    _broken: bool = PrivateAttr(False)  # it failed validation: only its valid fields, for checking (records/salvage.py)

    @property
    def source(self) -> str:
        return self._source

    @property
    def broken(self) -> bool:
        return self._broken

    @property
    def key(self) -> Ref:
        assert self.id is not None
        return Ref(self.kind, self.id)

    @property
    def label(self) -> Text:
        """The record's name or title, whichever its kind has."""
        return getattr(self, "name", None) or getattr(self, "title")


@declare(Kind("museum", "museums", "博物馆", "museum", "museums", "博物馆", "A museum", "museum.html",
              vocab={"type": "museum-types", "industries": "industries", "province": "provinces",
                     "designations": "designations"}, on_map=True,
              collected=True))
class Museum(Record):
    name: Text
    type: Term = Field(description="museum-types 词表 / museum-types vocabulary id")
    industries: list[Term] = Field(min_length=1, description="industries 词表 / industries vocabulary ids")
    province: Province
    city: Text
    address: Text | None = None
    location: Location | None = None
    website: HttpUrl | None = None
    opening_hours: Text | None = None
    admission: Text | None = None
    founded: Date | None = None
    grade: Literal["first", "second", "third"] | None = Field(None, description="国家一级/二级/三级博物馆 / national grade")
    heritage: list[Annotated[Ref, RefTo("heritage")]] = Field(default_factory=list)
    designations: list[Term] = Field(default_factory=list, description="designations 词表：示范基地、研学基地等称号 / designations ids")
    description: Text | None = None
    images: list[Image] = Field(default_factory=list)
    associated_people: People = Field(default_factory=list, description=PEOPLE_ABOUT)


@declare(Kind("artifact", "artifacts", "藏品", "artifact", "artifacts", "藏品", "A collection object", "artifact.html",
              vocab={"industry": "industries", "era": "eras"}, facets=("industry", "province", "era", "museum")))
class Artifact(Record):
    title: Text
    museum: Annotated[Ref, RefTo("museum")]
    industry: Term = Field(description="industries 词表 / industries vocabulary id")
    date: Date
    description: Text
    era: Term | None = Field(None, description="eras 词表；缺省时由日期推定 / eras id; derived from the date when absent")
    inventory_number: NonEmptyStr | None = None
    maker: Text | None = None
    place_made: Text | None = None
    materials: list[Text] = Field(default_factory=list)
    dimensions: Text | None = None
    significance: Text | None = None
    provenance: Text | None = None
    images: list[Image] = Field(default_factory=list)
    heritage: list[Annotated[Ref, RefTo("heritage")]] = Field(default_factory=list)
    related: list[Annotated[Ref, RefTo("artifact", any_kind=True)]] = Field(default_factory=list)
    tags: list[NonEmptyStr] = Field(default_factory=list)
    rights: Text | None = None
    # The people behind the object, as records (maker stays the curator's free text, RECORDS.md).
    associated_people: People = Field(default_factory=list, description=PEOPLE_ABOUT)


class Section(Strict):
    title: Text
    text: Text
    artifacts: list[Annotated[Ref, RefTo("artifact")]] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)


class DateSpan(Strict):
    start: Date | None = None
    end: Date | None = None


@declare(Kind("exhibition", "exhibitions", "展览", "exhibition", "exhibitions", "展览", "An exhibition",
              "exhibition.html", vocab={"audience": "audiences"}, collected=True))
class Exhibition(Record):
    title: Text
    summary: Text
    sections: list[Section] = Field(min_length=1)
    museum: Annotated[Ref, RefTo("museum")] | None = None
    status: Literal["permanent", "temporary", "online"] = "online"
    dates: DateSpan | None = None
    curators: list[Text] = Field(default_factory=list)
    audience: list[Term] = Field(default_factory=list, description="audiences 词表 / audiences vocabulary ids")
    learning_objectives: list[Text] = Field(default_factory=list)
    activities: list[Text] = Field(default_factory=list)
    cover: Image | None = None
    related: list[Annotated[Ref, RefTo("exhibition", any_kind=True)]] = Field(default_factory=list)
    associated_people: People = Field(default_factory=list, description=PEOPLE_ABOUT)


class Listing(Strict):
    """One listing of a site on an official list: a site listed at several levels has one for each."""

    level: Term = Field(description="heritage-levels 词表 / heritage-levels vocabulary id")
    issuer: Term = Field(description="heritage-issuers 词表：公布名单的机构或地方 / heritage-issuers id: who publishes the list")
    list: Text | None = Field(None, description="名单的名称，照公布原文，如“武汉市首批工业遗产” / the list's name as published")
    batch: int | None = Field(None, ge=1, le=99, description="第几批 / the batch")
    year: int | None = Field(None, ge=1900, le=2100, description="公布年份或年度 / the year of the list")
    number: int | None = Field(None, ge=1, le=9999, description="在该批名单中的序号 / the site's number in its batch")
    grade: Text | None = Field(None, description="名单内的等级，如“一级” / the list's own grade (Grade I, II…)")
    name: Text | None = Field(None, description="名单上的名称（与记录名称不同时）/ the site's name on this list, when it differs")
    note: Text | None = None


@declare(Kind("heritage", "heritage", "工业遗产", "heritage site", "heritage sites", "工业遗产",
              "A listed industrial heritage site", "heritage.html",
              vocab={"level": "heritage-levels", "province": "provinces", "industry": "industries",
                     "designations": "designations", "listings.level": "heritage-levels",
                     "listings.issuer": "heritage-issuers"}, on_map=True))
class Heritage(Record):
    name: Text
    level: Term = Field(description="heritage-levels 词表 / heritage-levels vocabulary id")
    province: Province
    core_items: list[Text] = Field(min_length=1)
    batch: int | None = Field(None, ge=1, le=99)
    number: int | None = Field(None, ge=1, le=9999, description="在该批名单中的序号（第几项）/ the site's number in its batch")
    listed: Date | None = None
    issuer: Text | None = None
    city: Text | None = None
    address: Text | None = None
    location: Location | None = None
    industry: Term | None = Field(None, description="industries 词表 / industries vocabulary id")
    founded: Date | None = None
    status: Literal["listed", "revoked"] = "listed"
    applicant: Text | None = None
    listings: list[Listing] = Field(default_factory=list, description="各级名单上的登录（一处遗产列入多级名单时）/ its listings, one per list it is on")
    other_names: list[Text] = Field(default_factory=list, description="其他名称、旧称、俗称 / other, former and popular names")
    designations: list[Term] = Field(default_factory=list, description="designations 词表：示范基地、研学基地等称号 / designations ids")
    museums: list[Annotated[Ref, RefTo("museum")]] = Field(default_factory=list)
    open_to_public: bool | None = None
    description: Text | None = None
    images: list[Image] = Field(default_factory=list)
    associated_people: People = Field(default_factory=list, description=PEOPLE_ABOUT)


class Stop(Strict):
    stop: Annotated[Ref, RefTo(None, ("heritage", "museum"))]
    note: Text | None = None
    duration: Text | None = None


@declare(Kind("route", "routes", "线路", "route", "routes", "工业旅游线路", "An industrial tourism or study route",
              "route.html", vocab={"audience": "audiences"}, collected=True))
class Route(Record):
    title: Text
    stops: list[Stop] = Field(min_length=2, json_schema_extra=_stops_schema)
    theme: Text | None = None
    audience: list[Term] = Field(default_factory=list, description="audiences 词表 / audiences vocabulary ids")
    duration: Text | None = None
    season: Text | None = None
    description: Text | None = None

    @field_validator("stops", mode="before")
    @classmethod
    def _bare_stops(cls, value: Any) -> Any:
        # A stop may be written as just "heritage/x" when it needs no note.
        if isinstance(value, list):
            return [{"stop": item} if isinstance(item, str) else item for item in value]
        return value


class Source(Strict):
    """A published reference that a person's or an enterprise's facts come from."""

    title: Text = Field(description="书名、条目或网页标题 / title of the book, article or page")
    url: HttpUrl | None = None
    publisher: Text | None = Field(None, description="出版者或网站 / publisher or site")
    year: int | str | None = Field(None, description="出版年份 / year published")
    note: Text | None = Field(None, description="页码或说明 / pages, or what it supports")


Sources = Annotated[list[Source], Field(min_length=1, description="出处，至少一条 / sources, at least one")]


@declare(Kind("person", "people", "人物", "person", "people", "人物（工匠、劳模、企业家、工程师、科学家……）",
              "A person: craftsman, model worker, entrepreneur, engineer, scientist …", "person.html",
              vocab={"roles": "person-roles"}))
class Person(Record):
    name: Text
    roles: list[Term] = Field(min_length=1, description="person-roles 词表 / person-roles vocabulary ids")
    sources: Sources
    born: Date | None = None
    died: Date | None = None
    biography: Text | None = None
    enterprises: list[Annotated[Ref, RefTo("enterprise")]] = Field(default_factory=list)
    heritage: list[Annotated[Ref, RefTo("heritage")]] = Field(default_factory=list)
    museums: list[Annotated[Ref, RefTo("museum")]] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)


class NameSpan(Strict):
    """One of an enterprise's names, and when it had it."""

    name: Text
    start: Date | None = None
    end: Date | None = None


class Event(Strict):
    """A later date in an enterprise's history: merged, renamed, moved, closed …"""

    date: Date
    text: Text


@declare(Kind("enterprise", "enterprises", "企业", "enterprise", "enterprises", "工业企业", "An industrial enterprise",
              "enterprise.html", vocab={"industry": "industries", "province": "provinces"}))
class Enterprise(Record):
    name: Text = Field(description="现名或最常用的名称 / the current or best-known name")
    industry: Term = Field(description="industries 词表 / industries vocabulary id")
    founded: Date
    sources: Sources
    names: list[NameSpan] = Field(default_factory=list, description="历史名称 / names over time")
    events: list[Event] = Field(default_factory=list, description="合并、更名、迁址、关闭等 / merged, renamed, moved, closed …")
    closed: Date | None = None
    province: Province | None = None
    city: Text | None = None
    heritage: list[Annotated[Ref, RefTo("heritage")]] = Field(default_factory=list)
    museums: list[Annotated[Ref, RefTo("museum")]] = Field(default_factory=list)
    people: People = Field(default_factory=list, description=PEOPLE_ABOUT)
    description: Text | None = None
    images: list[Image] = Field(default_factory=list)


# What a course may use: the places and programmes a class goes to or works through.
COURSE_USES = ("exhibition", "route", "museum", "heritage")


@declare(Kind("course", "courses", "研学课程", "course", "courses", "研学课程（博物馆为学校编写）",
              "A study course the museum writes for schools", "course.html", vocab={"audience": "audiences"}))
class Course(Record):
    title: Text
    audience: list[Term] = Field(min_length=1, description="audiences 词表 / audiences vocabulary ids")
    objectives: list[Text] = Field(min_length=1, description="学习目标 / learning objectives")
    uses: list[Annotated[Ref, RefTo(None, COURSE_USES)]] = Field(
        min_length=1, description="用到的展览、线路、博物馆或工业遗产（类型/编号）/ the exhibitions, routes, museums or "
                                  "heritage sites it uses (kind/id)")
    duration: Text | None = None
    activities: list[Text] = Field(default_factory=list)
    materials: list[Text] = Field(default_factory=list, description="所需材料 / what to bring or prepare")
    description: Text | None = None


class VocabEntry(Strict):
    id: Id
    label: Text
    code: NonEmptyStr | None = Field(None, description="外部代码，如 GB/T 2260 / external code such as GB/T 2260")
    start: int | None = Field(None, description="起始年份（eras）/ first year (eras)")
    end: int | None = Field(None, description="结束年份（eras）/ last year (eras)")
    issuer: Text | None = Field(None, description="授予或公布的机构（designations）/ who confers it (designations)")
    year: int | None = Field(None, description="公布年份（designations）/ the year it was announced (designations)")
    description: Text | None = None
    source: Text | None = Field(None, description="出处 / where this is documented")


class Vocabulary(Strict):
    vocabulary: Id | None = Field(None, description="等于文件名 / equals the file name")
    entries: list[VocabEntry] = Field(min_length=1)


# The kinds (records/kinds.py), filled by the declarations above, in the order the catalogue is built.
KINDS = kinds.KINDS
FOLDER_KIND = {k.folder: name for name, k in KINDS.items()}
# Which vocabulary each vocabulary field takes, by kind and field name.
VOCAB_FIELDS: dict[str, dict[str, str]] = {name: k.vocab for name, k in KINDS.items()}
VOCABULARIES = ("industries", "provinces", "eras", "museum-types", "audiences", "heritage-levels", "heritage-issuers",
                "designations", "person-roles")
# Vocabularies added after collections existed: a collection without the file has none of their terms (a
# record that uses one is told the term is unknown), and is not told the file is missing.
OPTIONAL_VOCABULARIES = ("heritage-issuers", "designations", "person-roles")
