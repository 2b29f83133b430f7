"""Ground truth of the accuracy benchmark for Python: every call site of a corpus and the definition jedi resolves
its callee to, written as JSON in the shape of `TruthCallSite` (scripts/accuracy/truth-call-site.ts).

Usage: python jedi-call-graph.py --root DIR --out FILE [--files-from LIST] [FILE ...]
Files are paths relative to DIR (the directory imports resolve from, e.g. a site-packages directory). The rules are
in docs/accuracy-benchmark.md ("Python ground truth").
"""

import argparse
import ast
import hashlib
import json
import os
import sys
import time

import jedi

OVERLOAD = {"overload", "typing.overload", "typing_extensions.overload", "t.overload", "te.overload"}
PROPERTY = {"property", "cached_property", "functools.cached_property", "abstractproperty"}
ABSTRACT = {"abstractmethod", "abc.abstractmethod"}
FUNCTION = (ast.FunctionDef, ast.AsyncFunctionDef)
SELF = {"self", "cls"}
DECORATORS = {"builtins.classmethod", "builtins.staticmethod"}


def dotted(node):
    """`a.b.c` for a name or attribute chain, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return None if inner is None else inner + "." + node.attr
    return None


def decorator_names(definition):
    names = set()
    for decorator in definition.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = dotted(target)
        if name is not None:
            names.add(name)
            names.add(name.rsplit(".", 1)[-1])
            if name.endswith((".setter", ".deleter", ".getter")):
                names.add("property")
    return names


def is_overload(definition):
    return bool(decorator_names(definition) & OVERLOAD)


def is_trivial_body(definition):
    """A body that only declares: docstring, `...`, `pass` or `raise NotImplementedError`."""
    for statement in definition.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Raise) and dotted(
            statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        ) in ("NotImplementedError",):
            continue
        return False
    return True


class Definition:
    """A definition the truth found itself, in the shape of the jedi names it stands for."""

    def __init__(self, module_path, line, name, type_):
        self.module_path, self.line, self.name, self.type = module_path, line, name, type_
        self.full_name = name


def is_super(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"


class ParsedModule:
    """One corpus file: its tree with parent links, and its definitions by the line of their name."""

    def __init__(self, relative, source):
        self.relative = relative
        self.source = source
        self.lines = source.splitlines()
        self.tree = ast.parse(source)
        self.parent = {}
        self.definitions = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
            if isinstance(node, FUNCTION + (ast.ClassDef,)):
                self.definitions.setdefault(node.lineno, []).append(node)

    def definition_at(self, line, name):
        for node in self.definitions.get(line, []):
            if node.name == name:
                return node
        return None

    def declaration(self, node):
        if node is None:
            return {
                "file": self.relative,
                "name": self.relative,
                "nameLine": 0,
                "startLine": 1,
                "endLine": max(1, len(self.lines)),
                "kind": "file",
            }
        declaration = {
            "file": self.relative,
            "name": node.name,
            "nameLine": node.lineno,
            "startLine": node.lineno,
            "endLine": node.end_lineno,
            "kind": "class" if isinstance(node, ast.ClassDef) else "function",
        }
        return declaration

    def enclosing_class(self, node):
        up = self.parent.get(node)
        return up if isinstance(up, ast.ClassDef) else None

    def character_column(self, line, byte_column):
        """ast columns count UTF-8 bytes; jedi's count characters."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))


def annotation_facts(annotation):
    """How an annotation is written: a string, `Optional[...]`/`X | None`, generic arguments."""
    facts = {"optional": False, "string": False, "generic": False}

    def visit(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            facts["string"] = True
            try:
                visit(ast.parse(node.value, mode="eval").body)
            except SyntaxError:
                pass
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            for side in (node.left, node.right):
                if isinstance(side, ast.Constant) and side.value is None:
                    facts["optional"] = True
                else:
                    visit(side)
        elif isinstance(node, ast.Subscript):
            name = (dotted(node.value) or "").rsplit(".", 1)[-1]
            if name == "Optional":
                facts["optional"] = True
                visit(node.slice)
            elif name == "Union":
                parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
                for part in parts:
                    if isinstance(part, ast.Constant) and part.value is None:
                        facts["optional"] = True
                    else:
                        visit(part)
            else:
                facts["generic"] = True

    visit(annotation)
    return facts


class ReceiverFacts:
    """What the code states about a call's receiver: where its type is declared and how (syntax only)."""

    def __init__(self, module, declares_return):
        self.module = module
        # declares_return(call) says whether the function a call resolves to has a return annotation.
        self.declares_return = declares_return
        self.attribute_annotations = {}

    def of_class(self, cls):
        if cls in self.attribute_annotations:
            return self.attribute_annotations[cls]
        found = {}
        for statement in cls.body:
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                found.setdefault(statement.target.id, statement.annotation)
        for node in ast.walk(cls):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Attribute)
                and isinstance(node.target.value, ast.Name)
                and node.target.value.id in SELF
            ):
                found.setdefault(node.target.attr, node.annotation)
        self.attribute_annotations[cls] = found
        return found

    def local(self, function, variable):
        """How a local's type is stated: an annotation, or assignment from a call with a declared return type."""
        for node in ast.walk(function):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == variable:
                return node.annotation, "variable"
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == variable
            ):
                value = node.value.value if isinstance(node.value, ast.Await) else node.value
                if isinstance(value, ast.Call) and not is_super(value) and self.declares_return(value):
                    return None, "return type"
        return None, None

    def facts(self, receiver, function, cls, target_class_file, target_class_name):
        chain = False
        declared_by = None
        annotation = None
        root = receiver
        hops = 0
        while isinstance(root, ast.Attribute):
            hops += 1
            root = root.value
        if isinstance(root, ast.Name) and root.id in SELF:
            if hops >= 1 and cls is not None:
                first = receiver
                while isinstance(first.value, ast.Attribute):
                    first = first.value
                annotation = self.of_class(cls).get(first.attr)
                declared_by = "property" if annotation is not None else None
                chain = hops > 1
        elif isinstance(root, ast.Name) and function is not None:
            chain = hops > 0
            arguments = function.args
            for argument in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
                if argument.arg == root.id and argument.annotation is not None:
                    annotation, declared_by = argument.annotation, "parameter"
            if declared_by is None:
                annotation, declared_by = self.local(function, root.id)
        elif is_super(root):
            root = ast.Name("self")
        elif isinstance(root, ast.Call) and self.declares_return(root):
            chain = hops > 0
            declared_by = "return type"
        facts = {"declaredBy": declared_by, "chain": chain, "optional": False, "string": False, "generic": False}
        if annotation is not None:
            facts.update(annotation_facts(annotation))
        # A member of self/cls declared in a class of another file: inherited through an imported base.
        inherited = (
            isinstance(root, ast.Name)
            and hops == 0
            and root.id in SELF
            and cls is not None
            and target_class_name is not None
            and target_class_file != self.module.relative
        )
        facts["inherited"] = inherited
        if declared_by is None and not inherited:
            return None
        return facts


class TruthBuilder:
    def __init__(self, root, files):
        self.root = os.path.realpath(root)
        self.files = files
        self.corpus = {os.path.join(self.root, f): f for f in files}
        self.modules = {}
        self.project = jedi.Project(self.root, added_sys_path=[self.root], smart_sys_path=False)
        self.environment = jedi.InterpreterEnvironment()

    def module(self, relative):
        if relative not in self.modules:
            with open(os.path.join(self.root, relative), encoding="utf-8", errors="replace") as handle:
                self.modules[relative] = ParsedModule(relative, handle.read())
        return self.modules[relative]

    def target(self, names):
        """The definition a list of jedi names denotes, or why it is left out."""
        found = {}
        reasons = []
        for name in names:
            reason_or_target = self.one_target(name)
            if isinstance(reason_or_target, str):
                reasons.append(reason_or_target)
            else:
                module, node, overloads = reason_or_target
                found[(module.relative, node.lineno)] = (module, node, overloads)
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1:
            return "several targets", [m.declaration(n) for m, n, _ in sorted(found.values(), key=lambda t: (t[0].relative, t[1].lineno))]
        return reasons[0] if reasons else "unresolved"

    def one_target(self, name):
        path = name.module_path
        if path is None or name.line is None:
            return "outside corpus"
        relative = self.corpus.get(os.path.realpath(str(path)))
        if relative is None:
            return "outside corpus"
        if name.type not in ("function", "class"):
            return "not a function"
        module = self.module(relative)
        node = module.definition_at(name.line, name.name)
        if node is None:
            return "not a function"
        if isinstance(node, ast.ClassDef):
            return module, node, []
        if decorator_names(node) & PROPERTY:
            return "not a function"
        overloads = []
        if is_overload(node) or self.same_named(module, node):
            siblings = self.same_named(module, node) + [node]
            siblings.sort(key=lambda n: n.lineno)
            implementations = [n for n in siblings if not is_overload(n)]
            overloads = [n.lineno for n in siblings if is_overload(n)]
            if not implementations:
                return "signature without body"
            node = implementations[-1]
        cls = module.enclosing_class(node)
        abstract = bool(decorator_names(node) & ABSTRACT) or (
            cls is not None and any((dotted(b) or "").endswith("Protocol") for b in cls.bases)
        )
        if abstract and is_trivial_body(node) or relative.endswith(".pyi"):
            return "signature without body"
        return module, node, overloads

    def same_named(self, module, node):
        body = getattr(module.parent.get(node), "body", [])
        return [n for n in body if isinstance(n, FUNCTION) and n.name == node.name and n is not node]

    def sites(self, relative):
        module = self.module(relative)
        script = jedi.Script(module.source, path=os.path.join(self.root, relative), project=self.project,
                             environment=self.environment)
        def declares_return(call):
            names = self.goto(module, script, call.func)
            target = self.target(names) if names else None
            return isinstance(target, tuple) and isinstance(target[1], FUNCTION) and target[1].returns is not None

        facts = ReceiverFacts(module, declares_return)
        out = []

        def visit(node, caller, function, cls):
            if isinstance(node, FUNCTION + (ast.ClassDef,)):
                # Decorators, default values, annotations and bases are evaluated where the definition runs.
                outer = list(node.decorator_list)
                if isinstance(node, ast.ClassDef):
                    outer += node.bases + [k.value for k in node.keywords]
                else:
                    outer += node.args.defaults + [d for d in node.args.kw_defaults if d is not None]
                    outer += [a.annotation for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                              if a.annotation is not None]
                    outer += [node.returns] if node.returns is not None else []
                for child in outer:
                    visit(child, caller, function, cls)
                inner_function = node if isinstance(node, FUNCTION) else function
                inner_class = node if isinstance(node, ast.ClassDef) else (None if isinstance(node, FUNCTION) else cls)
                if isinstance(node, FUNCTION) and cls is not None and module.enclosing_class(node) is cls:
                    inner_class = cls
                for child in node.body:
                    visit(child, node, inner_function, inner_class)
                return
            if isinstance(node, ast.Call):
                site = self.site(module, script, facts, node, caller, function, cls)
                if site is not None:
                    out.append(site)
            for child in ast.iter_child_nodes(node):
                visit(child, caller, function, cls)

        for statement in module.tree.body:
            visit(statement, None, None, None)
        return out

    def goto(self, module, script, func):
        """jedi's definitions of the name a callee expression ends with (`f` in `f()` and `a.b.f()`)."""
        if isinstance(func, ast.Name):
            line, column = func.lineno, func.col_offset
        elif isinstance(func, ast.Attribute):
            line, column = func.end_lineno, func.end_col_offset - len(func.attr.encode("utf-8"))
        else:
            return []
        try:
            names = script.goto(line, module.character_column(line, column), follow_imports=True)
        except Exception as error:  # jedi raises on constructs it does not model; the site stays unresolved.
            print(f"jedi: {module.relative}:{line}: {error!r}", file=sys.stderr)
            return []
        if isinstance(func, ast.Attribute) and names and all(n.full_name in DECORATORS for n in names):
            return self.member_of_class(module, script, func) or names
        return names

    def member_of_class(self, module, script, func):
        """For `C.m()` where jedi gives the `classmethod`/`staticmethod` object (it does on Enum subclasses): the
        method `m` in the body of the class `C` names."""
        found = []
        for owner in self.goto(module, script, func.value):
            relative = self.corpus.get(os.path.realpath(str(owner.module_path))) if owner.module_path else None
            if owner.type != "class" or relative is None:
                continue
            cls = self.module(relative).definition_at(owner.line, owner.name)
            for statement in cls.body if cls is not None else []:
                if isinstance(statement, FUNCTION) and statement.name == func.attr:
                    found.append(Definition(owner.module_path, statement.lineno, statement.name, "function"))
        return found

    @staticmethod
    def is_class_parameter(func, function, cls):
        """Whether `func` is the first parameter of a classmethod of `cls`."""
        if not isinstance(func, ast.Name) or function is None or cls is None:
            return False
        if "classmethod" not in decorator_names(function):
            return False
        arguments = function.args.posonlyargs + function.args.args
        return bool(arguments) and arguments[0].arg == func.id

    def site(self, module, script, facts, call, caller, function, cls):
        func = call.func
        if isinstance(func, ast.Name):
            callee, receiver = func.id, None
        elif isinstance(func, ast.Attribute):
            callee, receiver = func.attr, func.value
        else:
            return None
        if self.is_class_parameter(func, function, cls):
            # `cls()` in a classmethod constructs the class (or a subclass): the target is the class.
            target = (module, cls, [])
        else:
            target = self.target(self.goto(module, script, func))
        site = {
            "file": module.relative,
            "line": call.lineno,
            "callee": callee,
            "caller": module.declaration(caller),
        }
        if isinstance(target, str):
            site["target"] = target
            return site
        if isinstance(target[0], str):
            site["target"], site["candidates"] = target
            return site
        target_module, node, overloads = target
        declaration = target_module.declaration(node)
        if overloads:
            declaration["overloads"] = overloads
        site["target"] = declaration
        if receiver is not None:
            owner = target_module.enclosing_class(node)
            stated = facts.facts(receiver, function, cls, target_module.relative, owner.name if owner else None)
            if stated is not None:
                site["receiver"] = stated
        return site


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--files-from")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print the JSON (for a committed truth)")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = list(args.files)
    if args.files_from:
        with open(args.files_from, encoding="utf-8") as handle:
            files += [line.strip() for line in handle if line.strip()]
    builder = TruthBuilder(args.root, files)
    sites = []
    started = time.monotonic()
    for index, relative in enumerate(files):
        try:
            sites += builder.sites(relative)
        except SyntaxError as error:
            print(f"skipped {relative}: {error}", file=sys.stderr)
        if (index + 1) % 20 == 0 or index + 1 == len(files):
            elapsed = time.monotonic() - started
            print(f"jedi: {index + 1}/{len(files)} files, {len(sites)} call sites, {elapsed:.0f} s", file=sys.stderr)
    # The hash of each file says which sources a stored truth was built from.
    hashes = {f: hashlib.sha256(builder.module(f).source.encode("utf-8")).hexdigest() for f in builder.modules}
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump({"jedi": jedi.__version__, "files": hashes, "sites": sites}, handle, indent=args.indent)


if __name__ == "__main__":
    main()
