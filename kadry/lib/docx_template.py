"""Checking a DOCX template before it is stored: only documented placeholders, only harmless tags.

The template's text is read the way docxtpl renders it (the body, headers, footers and footnotes
through docxtpl's ``patch_xml``, plus the core properties) and parsed by Jinja into a syntax tree;
the tree is walked against an allowlist. Regexes over the text would miss what Jinja accepts
(whitespace control, string concatenation, filters with arguments), the tree cannot.

What is allowed, besides plain text:
- placeholders ``{{ a.b.c }}`` whose path the document kind documents (``allowed``: path → meaning;
  ``rows[]`` is an element of the list ``rows``, reached through ``{% for row in rows %}``), and
  ``loop.index``/``loop.first``/… inside a loop;
- ``{% if %}``/``{% elif %}``/``{% else %}``/``{% endif %}``, ``{% for %}``/``{% endfor %}`` and their docxtpl
  variants ``{%p …%}``, ``{%tr …%}``, ``{%tc …%}``, ``{%r …%}`` (docxtpl rewrites them into the plain ones);
- comparisons, ``and``/``or``/``not``, ``~``, literals, and the filters of ``ALLOWED_FILTERS``.
No name or attribute starting with «_», no call, nothing else.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from jinja2 import TemplateSyntaxError, nodes

from kadry.lib.documents import ALLOWED_FILTERS, DOCUMENT_ENVIRONMENT, check_docx_archive

# What ``loop`` offers inside ``{% for %}`` (docxtpl's ``{% vm %}``/``{% hm %}`` use ``first`` and ``length``).
LOOP_FIELDS: dict[str, str] = {
    "loop.index": "номер строки в цикле, с 1",
    "loop.index0": "номер строки в цикле, с 0",
    "loop.revindex": "сколько строк осталось, включая текущую",
    "loop.first": "первая строка цикла",
    "loop.last": "последняя строка цикла",
    "loop.length": "число строк в цикле",
}
ALLOWED_TESTS = frozenset({"defined", "undefined", "none", "string", "number", "sameas", "eq", "ne"})
_TAG_NAMES: dict[type[nodes.Node], str] = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Extends: "extends",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.With: "with",
    nodes.Block: "block",
    nodes.Scope: "with",
    nodes.ScopedEvalContextModifier: "autoescape",
    nodes.EvalContextModifier: "autoescape",
    nodes.ExprStmt: "do",
    nodes.Break: "break",
    nodes.Continue: "continue",
}
_UNKNOWN = "\x00unknown"  # the row of a loop whose list was refused
_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_ALLOWED_TAGS = "if, elif, else, endif, for, endfor (и варианты docxtpl: {%p …%}, {%tr …%}, {%tc …%}, {%r …%})"


# A document kind's placeholders: path → what it means (shown on the upload page).
Fields = dict[str, str]


def group(name: str, meaning: str, fields: Mapping[str, str]) -> Fields:
    """Return the paths of a dict of strings: ``name`` and ``name.field`` for each field."""
    return {name: meaning} | {f"{name}.{field}": text for field, text in fields.items()}


def rows(name: str, meaning: str, fields: Mapping[str, str] | None = None) -> Fields:
    """Return the paths of a list: ``name``, its row ``name[]`` and, for rows of dicts, ``name[].field``."""
    row = "строка списка" if fields else f"очередной элемент: {meaning}"
    paths = {name: f"{meaning} (список)", f"{name}[]": row}
    return paths | {f"{name}[].{field}": text for field, text in (fields or {}).items()}


def usage(path: str, allowed: Mapping[str, str]) -> str | None:
    """Return how a template writes ``path`` («{{ employee.full_name }}», «{{ row.position }}»); None to hide it."""
    if path.endswith("[]"):
        # The row of a list of dicts is reached through its fields, listed next.
        return None if any(other.startswith(f"{path}.") for other in allowed) else "{{ row }}"
    if "[]." in path:
        return "{{ row." + path.split("[].", 1)[1] + " }}"
    if f"{path}[]" in allowed:
        return "{% for row in " + path + " %} … {% endfor %}"
    if any(other.startswith(f"{path}.") for other in allowed):
        return None  # a group (``employee``): its fields are listed next
    return "{{ " + path + " }}"


def placeholder_rows(allowed: Mapping[str, str]) -> list[tuple[str, str, bool]]:
    """Return (how to write it, what it means, inside a loop) for each documented path, for the upload page."""
    return [
        (written, meaning, "[]" in path)
        for path, meaning in allowed.items()
        if (written := usage(path, allowed)) is not None
    ]


class TemplateCheckError(ValueError):
    """The template is refused; ``messages`` are Russian, one per offending placeholder or tag."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def template_texts(data: bytes) -> list[str]:
    """Return each Jinja source docxtpl renders from the DOCX ``data``, as docxtpl prepares it."""
    from docx import Document
    from docx.opc.oxml import parse_xml
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(data))
    document = Document(io.BytesIO(data))
    texts = [template.patch_xml(template.xml_to_string(document.element.body))]
    for relation in document.part.rels.values():
        if relation.reltype in (template.HEADER_URI, template.FOOTER_URI) and relation.target_part.blob:
            texts.append(template.patch_xml(template.xml_to_string(parse_xml(relation.target_part.blob))))
    for part in document.part.package.parts:
        if part.content_type == _FOOTNOTES:
            texts.append(template.patch_xml(part.blob.decode("utf-8")))
    properties = document.core_properties
    texts.extend(value for name in _CORE_PROPERTIES if (value := getattr(properties, name)))
    return texts


def describe(node: nodes.Node) -> str:
    """Return an expression as a template author would have written it: «employee.full_name|upper»."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Getattr):
        return f"{describe(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{describe(node.node)}[{describe(node.arg)}]"
    if isinstance(node, nodes.Call):
        return f"{describe(node.node)}(…)"
    if isinstance(node, nodes.Filter):
        arguments = "(…)" if node.args or node.kwargs else ""
        return f"{describe(node.node) if node.node is not None else ''}|{node.name}{arguments}"
    if isinstance(node, nodes.Test):
        return f"{describe(node.node)} is {node.name}"
    if isinstance(node, nodes.Not):
        return f"not {describe(node.node)}"
    if isinstance(node, nodes.BinExpr):
        return f"{describe(node.left)} {node.operator} {describe(node.right)}"
    if isinstance(node, nodes.Concat):
        return " ~ ".join(describe(part) for part in node.nodes)
    return "…"


@dataclass
class _Checker:
    allowed: Mapping[str, str]
    document: str
    messages: list[str] = field(default_factory=list)

    def refuse(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)

    # --- statements ---

    def statements(self, body: list[nodes.Node], scope: dict[str, str], in_loop: bool) -> None:
        for node in body:
            self.statement(node, scope, in_loop)

    def statement(self, node: nodes.Node, scope: dict[str, str], in_loop: bool) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expression(child, scope, in_loop)
        elif isinstance(node, nodes.If):
            self.expression(node.test, scope, in_loop)
            self.statements(node.body, scope, in_loop)
            for branch in node.elif_:
                self.statement(branch, scope, in_loop)
            self.statements(node.else_, scope, in_loop)
        elif isinstance(node, nodes.For):
            self.loop(node, scope, in_loop)
        else:
            tag = _TAG_NAMES.get(type(node), type(node).__name__.lower())
            self.refuse(f"Тег «{{% {tag} %}}» в шаблоне не допускается: разрешены только {_ALLOWED_TAGS}.")

    def loop(self, node: nodes.For, scope: dict[str, str], in_loop: bool) -> None:
        if node.recursive or not isinstance(node.target, nodes.Name):
            self.refuse(
                f"Цикл «{{% for {describe(node.target)} in {describe(node.iter)} %}}» в шаблоне не допускается: "
                "пишите {% for строка in список %}."
            )
            return
        path = self.expression(node.iter, scope, in_loop)
        if path is not None and f"{path}[]" not in self.allowed:
            self.refuse(f"Поле «{describe(node.iter)}» — не список: по нему нельзя пройти циклом {{% for %}}.")
            path = None
        inner = dict(scope)
        # A loop over what was refused already: its row's fields are not named once more.
        inner[node.target.name] = _UNKNOWN if path is None else f"{path}[]"
        if node.test is not None:
            self.expression(node.test, inner, True)
        self.statements(node.body, inner, True)
        self.statements(node.else_, scope, in_loop)

    # --- expressions ---

    def expression(self, node: nodes.Node, scope: dict[str, str], in_loop: bool) -> str | None:
        """Check ``node``; return its documented path when it is a placeholder, else None."""
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            return self.placeholder(node, scope, in_loop)
        if isinstance(node, nodes.Const):
            return None
        if isinstance(node, nodes.Call):
            self.refuse(f"Поле «{describe(node)}»: вызовы функций и методов «( )» в шаблоне запрещены.")
        elif isinstance(node, nodes.Filter):
            if node.name not in ALLOWED_FILTERS:
                allowed = ", ".join(sorted(ALLOWED_FILTERS))
                self.refuse(f"Поле «{describe(node)}»: фильтр «{node.name}» не допускается (разрешены: {allowed}).")
            else:
                self.arguments(node, scope, in_loop)
        elif isinstance(node, nodes.Test):
            if node.name not in ALLOWED_TESTS:
                self.refuse(f"Условие «{describe(node)}»: проверка «is {node.name}» не допускается.")
            else:
                self.arguments(node, scope, in_loop)
        elif isinstance(node, nodes.Mul) and in_loop and _loop_product(node):
            pass  # docxtpl's {% hm %} writes «{{ 2 * loop.length }}»
        elif isinstance(node, (nodes.And, nodes.Or, nodes.Not, nodes.Concat, nodes.Compare, nodes.CondExpr)):
            for child in node.iter_child_nodes():
                self.expression(child.expr if isinstance(child, nodes.Operand) else child, scope, in_loop)
        else:
            self.unsupported(node)
        return None

    def arguments(self, node: nodes.Filter | nodes.Test, scope: dict[str, str], in_loop: bool) -> None:
        """Check a filter's or a test's subject and arguments (``|replace('а', 'б')``, ``|join(', ')``)."""
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            self.refuse(f"Поле «{describe(node)}»: аргументы «*» и «**» в шаблоне запрещены.")
        for argument in [*node.args, *(keyword.value for keyword in node.kwargs)]:
            if isinstance(argument, nodes.Const) and str(argument.value).startswith("_"):
                # ``|join(attribute='__class__')`` would reach an attribute by name.
                self.refuse(
                    f"Поле «{describe(node)}»: имена с подчёркиванием в начале («{argument.value}») "
                    "в шаблоне запрещены."
                )
            self.expression(argument, scope, in_loop)
        if node.node is not None:
            self.expression(node.node, scope, in_loop)

    def placeholder(self, node: nodes.Node, scope: dict[str, str], in_loop: bool) -> str | None:
        """Check a chain ``a.b['c']``: no «_» anywhere, a name at its root, a documented path."""
        parts: list[str] = []
        current = node
        while isinstance(current, (nodes.Getattr, nodes.Getitem)):
            if isinstance(current, nodes.Getattr):
                parts.append(current.attr)
            elif isinstance(current.arg, nodes.Const) and isinstance(current.arg.value, str):
                parts.append(current.arg.value)
            else:
                self.unsupported(node)
                return None
            current = current.node
        if isinstance(current, nodes.Name):
            parts.append(current.name)
        parts.reverse()  # root first: the message names the first underscored step
        underscored = next((part for part in parts if part.startswith("_")), None)
        if underscored is not None:
            self.refuse(
                f"Поле «{describe(node)}»: имена с подчёркиванием в начале («{underscored}») в шаблоне запрещены."
            )
            return None
        if not isinstance(current, nodes.Name):
            if isinstance(current, nodes.Call):
                self.expression(current, scope, in_loop)
            else:
                self.unsupported(node)
            return None
        head, rest = parts[0], parts[1:]
        if head == "loop" and in_loop and "loop" not in scope:
            if ".".join(parts) not in LOOP_FIELDS:
                self.refuse(f"Поле «{describe(node)}»: у цикла есть только {', '.join(LOOP_FIELDS)}.")
            return None
        if scope.get(head) == _UNKNOWN:
            return None
        path = ".".join([scope.get(head, head), *rest])
        if path not in self.allowed:
            self.refuse(
                f"Поле «{describe(node)}» не предусмотрено для документа «{self.document}»: "
                "допустимые поля перечислены на странице шаблонов."
            )
            return None
        return path

    def unsupported(self, node: nodes.Node) -> None:
        self.refuse(
            f"Выражение «{describe(node)}» в шаблоне не допускается: используйте поля из списка, сравнения и фильтры."
        )


def _loop_product(node: nodes.Mul) -> bool:
    """Tell whether ``node`` is «N * loop.length» (or «loop.length * N») with an integer N."""

    def is_loop_length(side: nodes.Node) -> bool:
        return (
            isinstance(side, nodes.Getattr)
            and side.attr == "length"
            and isinstance(side.node, nodes.Name)
            and side.node.name == "loop"
        )

    def is_int(side: nodes.Node) -> bool:
        return isinstance(side, nodes.Const) and type(side.value) is int

    return (is_int(node.left) and is_loop_length(node.right)) or (is_loop_length(node.left) and is_int(node.right))


def check_template(data: bytes, allowed: Mapping[str, str], *, document: str) -> None:
    """Raise ``TemplateCheckError`` unless the DOCX ``data`` uses only what ``allowed`` documents.

    ``allowed`` maps the paths a document kind provides (``employee.full_name``, ``jobs[].position``)
    to what they mean; ``document`` names the kind in the messages. Raise ``TemplateArchiveError``
    first when the file is not a bounded DOCX archive.
    """
    check_docx_archive(data)
    checker = _Checker(allowed, document)
    try:
        texts = template_texts(data)
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors… on a broken package
        raise TemplateCheckError(
            ["Файл не удалось открыть как шаблон документа Word (.docx): проверьте файл и теги {{ … }}."]
        ) from error
    for text in texts:
        try:
            tree = DOCUMENT_ENVIRONMENT.parse(text)
        except TemplateSyntaxError as error:
            raise TemplateCheckError(
                [
                    "Файл не удалось открыть как шаблон документа Word (.docx): проверьте теги {{ … }} и {% … %} "
                    f"(ошибка: {error.message})."
                ]
            ) from error
        checker.statements(tree.body, {}, False)
    if checker.messages:
        raise TemplateCheckError(checker.messages)
