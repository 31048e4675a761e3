"""Searches of the parsed page that run often: plain walks of its elements.

BeautifulSoup's ``find_all`` and ``find`` pass every node through a general
filter (names, attributes, strings, limits) unless asked for one tag name or
for all tags; on a large saved page those filters cost more than parsing the
page.  These walks give the same elements, in the same (document) order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator

from bs4 import Tag


def _named(nodes: Iterable, names: Collection[str]) -> Iterator[Tag]:
    """The elements among *nodes* named in *names* (one name may be given as a string)."""
    if isinstance(names, str):
        names = (names,)
    return (node for node in nodes if isinstance(node, Tag) and node.name in names)


def elements(root: Tag, names: Collection[str] | None = None) -> list[Tag]:
    """The elements inside *root* (not *root* itself), only those named in *names* if given."""
    if names is None:
        return [node for node in root.descendants if isinstance(node, Tag)]
    return list(_named(root.descendants, names))


def first(root: Tag, names: Collection[str], test: Callable[[Tag], bool] | None = None) -> Tag | None:
    """The first element inside *root* named in *names* (and passing *test*, if given), or None."""
    return next((node for node in _named(root.descendants, names) if test is None or test(node)), None)


def ancestor(node: Tag, names: Collection[str]) -> Tag | None:
    """The nearest element above *node* named in *names*, or None."""
    return next(_named(node.parents, names), None)


def previous(node: Tag, names: Collection[str]) -> Tag | None:
    """The nearest element that opens before *node* (one around it too) named in *names*, or None."""
    return next(_named(node.previous_elements, names), None)


def children(node: Tag, names: Collection[str]) -> list[Tag]:
    """The elements right inside *node* named in *names*."""
    return list(_named(node.contents, names))
